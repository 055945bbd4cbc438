"""Reads of the catalog. Private reads go through the accounts selectors; outsiders get NotFound."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from tijara.accounts.models import Organisation
from tijara.accounts.selectors import organisation_for
from tijara.catalog.models import CraftFamily, HSCodeChange, Photo, Product, ProductText, Variant
from tijara.core.errors import NotFound

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def craft_families(*, active_only: bool = True) -> QuerySet[CraftFamily]:
    """The craft taxonomy (shipped families plus those staff added)."""
    qs = CraftFamily.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def _with_related(qs: QuerySet[Product]) -> QuerySet[Product]:
    return qs.select_related("craft_family", "organisation").prefetch_related(
        Prefetch("variants", queryset=Variant.objects.order_by("position", "id")),
        Prefetch("texts", queryset=ProductText.objects.order_by("language_code")),
        Prefetch("photos", queryset=Photo.objects.order_by("position", "id")),
    )


def products_for(*, organisation: Organisation) -> QuerySet[Product]:
    """Every product of an organisation (the caller has already been authorised for it)."""
    return _with_related(Product.objects.filter(organisation=organisation)).order_by("sku")


def product_for(*, user, organisation_slug: str, sku: str, write: bool = False) -> Product:
    """The product `sku` of organisation `organisation_slug` if the user may read (or write) it; else NotFound."""
    organisation = organisation_for(user=user, slug=organisation_slug, write=write)
    product = _with_related(Product.objects.filter(organisation=organisation, sku=sku)).first()
    if product is None:
        raise NotFound("not_found", _("No such product."))
    return product


def product_in(*, organisation: Organisation, sku: str) -> Product:
    """The product `sku` of an already authorised organisation; NotFound otherwise."""
    product = _with_related(Product.objects.filter(organisation=organisation, sku=sku)).first()
    if product is None:
        raise NotFound("not_found", _("No such product."))
    return product


def public_products() -> QuerySet[Product]:
    """Products shown in the buyers' catalog: public, ready, and from a seller organisation."""
    return _with_related(
        Product.objects.filter(is_public=True, status=Product.Status.READY)
        .exclude(organisation__kind=Organisation.Kind.BUYER)
    ).order_by("organisation__public_name", "sku")


def _texts(product: Product) -> dict[str, ProductText]:
    # Uses the prefetched texts when present.
    return {t.language_code: t for t in product.texts.all()}


def product_text(product: Product, language: str, *, fallback: bool = True) -> tuple[ProductText | None, str]:
    """The product's text in `language`, or (when `fallback`) the best other one; returns (text, language served).

    The fallback order is the requested language, then French, English, Arabic, then any other text.
    The served language is "" when the product has no text at all (or none in `language` without fallback).
    """
    texts = _texts(product)
    language = (language or "")[:2]
    if language in texts:
        return texts[language], language
    if not fallback:
        return None, ""
    for code in ["fr", "en", "ar", *sorted(texts)]:
        if code in texts:
            return texts[code], code
    return None, ""


def text_completeness(product: Product, languages: list[str] | None = None) -> dict[str, dict]:
    """Per language: whether title/description/tags are present and a 0–100 score (title 40, description 40, tags 20)."""
    texts = _texts(product)
    result = {}
    for code in languages or LANGUAGE_CODES:
        text = texts.get(code)
        has_title = bool(text and text.title.strip())
        has_description = bool(text and text.description.strip())
        has_tags = bool(text and text.tags)
        result[code] = {
            "title": has_title, "description": has_description, "tags": has_tags,
            "score": 40 * has_title + 40 * has_description + 20 * has_tags,
            "origin": text.origin if text else "",
        }
    return result


def hs_history(*, product: Product) -> QuerySet[HSCodeChange]:
    return product.hs_changes.select_related("changed_by").order_by("-changed_at", "-id")


def hs_corrections(*, organisation: Organisation | None = None) -> QuerySet[HSCodeChange]:
    """The HS corrections log (all organisations for staff exports, or one)."""
    qs = HSCodeChange.objects.select_related("product", "product__organisation", "changed_by")
    if organisation is not None:
        qs = qs.filter(product__organisation=organisation)
    return qs.order_by("changed_at", "id")


def filter_products(qs: QuerySet[Product], *, q: str = "", craft: str = "", status: str = "",
                    language_missing: str = "", without_photo: bool = False) -> QuerySet[Product]:
    """Apply the list page / API filters."""
    from django.db.models import Q

    if q:
        qs = qs.filter(Q(sku__icontains=q) | Q(texts__title__icontains=q) | Q(technique__icontains=q)).distinct()
    if craft:
        qs = qs.filter(craft_family_id=craft)
    if status:
        qs = qs.filter(status=status)
    if language_missing:
        qs = qs.exclude(texts__language_code=language_missing)
    if without_photo:
        qs = qs.filter(photos__isnull=True)
    return qs
