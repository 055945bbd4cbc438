"""Writes to the catalog. Keyword-only arguments; bad input raises TijaraError with a translated message.

Faces authorise first (accounts selectors); services also refuse a write by an actor who is not a member
of the product's organisation (actor=None is the trusted CLI / importer).
"""

from __future__ import annotations

import hashlib
import io
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from tijara.accounts.models import Organisation
from tijara.accounts.selectors import can_write
from tijara.catalog import parsing
from tijara.catalog.models import (
    LANGUAGE_CODES,
    CraftFamily,
    HSCodeChange,
    Photo,
    Product,
    ProductText,
    Variant,
)
from tijara.core.crafts import REGION_CODES, region_code
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.core.l10n import isolate, joined
from tijara.core.unicode import strip_bidi_controls
from tijara.core.uploads import validate_image_upload

MAX_PHOTOS = 20
# Longest side in pixels. The feed size follows the channel file (channel-specs.md): Meta needs ≥ 500×500 (V),
# Amazon ≥ 1000 px for zoom (S), Etsy recommends about 2000 px (S); we never upscale a smaller original.
THUMBNAIL_PX = 320
WEB_PX = 1200
FEED_PX = 2000
FEED_MIN_PX = 500

PRODUCT_FIELDS = [
    "technique", "materials", "region", "city", "makers", "period_made",
    "length_cm", "width_cm", "height_cm", "weight_kg",
    "packed_length_cm", "packed_width_cm", "packed_height_cm", "packed_weight_kg",
    "production_days", "moq", "monthly_capacity", "one_of_a_kind", "care_instructions", "certifications",
    "food_contact_suitable", "electrical_parts", "imported_materials", "is_public", "status",
]
DIMENSION_FIELDS = ["length_cm", "width_cm", "height_cm", "packed_length_cm", "packed_width_cm", "packed_height_cm"]
WEIGHT_FIELDS = ["weight_kg", "packed_weight_kg"]
STATUS_VALUES = frozenset(Product.Status.values)


def _value_names(key: str) -> str:
    """The names a sheet column takes (regions, statuses), in the page's language, for an error message."""
    from tijara.catalog.sheet import _names
    from tijara.core.l10n import comma, language

    return comma().join(name for _code, name in _names(key, language()))


def status_by_label() -> dict[str, str]:
    """A product status by its word in any of the site's languages (« جاهز », « prêt », "ready" → `ready`), so a
    sheet can be filled in the seller's language."""
    from django.conf import settings
    from django.utils import translation

    labels = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labels.update({str(label).casefold(): value for value, label in Product.Status.choices})
    return labels
VARIANT_FIELDS = ["size", "colour", "pattern", "price_mad", "stock", "gtin", "position"]


def _guard(actor, organisation: Organisation) -> None:
    if actor is not None and not can_write(user=actor, organisation=organisation):
        raise PermissionDenied("forbidden", _("You cannot change this organisation's catalog."))


def _bad(field: str, message: str) -> TijaraError:
    return TijaraError("invalid", message, field=field)


def craft_family_get(code: str) -> CraftFamily:
    """The active craft family `code` (also matched on its English, French or Arabic name)."""
    value = str(code or "").strip()
    family = CraftFamily.objects.filter(code=value.lower(), is_active=True).first()
    if family is None and value:
        for fam in CraftFamily.objects.filter(is_active=True):
            if value.casefold() in {fam.name_en.casefold(), fam.name_fr.casefold(), fam.name_ar}:
                family = fam
                break
    if family is None:
        names = joined(isolate(fam.name()) for fam in CraftFamily.objects.filter(is_active=True))
        raise _bad("craft_family", _("Unknown craft family “{value}”. Known families: {codes}.").format(
            value=isolate(value[:60]), codes=names))
    return family


def craft_family_create(*, actor, code: str, name_en: str, name_fr: str, name_ar: str) -> CraftFamily:
    """Staff add a craft family to the taxonomy."""
    if actor is not None and not (actor.is_staff or getattr(actor, "is_platform_admin", False)):
        raise PermissionDenied("forbidden", _("Only platform staff can extend the craft taxonomy."))
    from django.utils.text import slugify

    code = slugify(code)
    if not code or not name_en.strip():
        raise _bad("code", _("A craft family needs a code and an English name."))
    if CraftFamily.objects.filter(code=code).exists():
        raise _bad("code", _("The craft family “{code}” already exists.").format(code=code))
    return CraftFamily.objects.create(code=code, name_en=name_en.strip(), name_fr=name_fr.strip() or name_en.strip(),
                                      name_ar=name_ar.strip() or name_en.strip(), is_builtin=False)


def hs_check(code: str) -> str | None:
    """None when `code` (normalised digits) exists in the HS nomenclature (HS 2022, via markets); else the reason.

    National lines (8 or 10 digits) are checked on their 6-digit subheading: the nomenclature shipped with
    Tijara is the international HS, national extensions vary by country.
    """
    try:
        from tijara.markets.selectors import hs_get
    except ImportError:
        return _("The HS nomenclature is not installed yet, so HS codes cannot be checked; leave the column empty.")
    if hs_get(code[:6]) is None:
        if len(code) > 6:
            return _("The HS code {code} does not exist: its subheading {sub} is not in the HS nomenclature.").format(
                code=parsing.format_hs(code), sub=parsing.format_hs(code[:6]))
        return _("The HS code {code} does not exist in the HS nomenclature.").format(code=parsing.format_hs(code))
    return None


def _clean_product_fields(fields: dict) -> dict:
    """Validate and normalise product fields (raises TijaraError naming the field)."""
    clean = {}
    for name, value in fields.items():
        if name not in PRODUCT_FIELDS:
            raise _bad(name, _("Unknown product field “{field}”.").format(field=name))
        try:
            if name in DIMENSION_FIELDS:
                value = None if parsing.is_blank(value) else parsing.parse_decimal(
                    value, places=1, positive=True, maximum=Decimal("9999999"))
            elif name in WEIGHT_FIELDS:
                value = None if parsing.is_blank(value) else parsing.parse_decimal(
                    value, places=3, positive=True, maximum=Decimal("999999"))
            elif name in ("production_days", "monthly_capacity"):
                value = None if parsing.is_blank(value) else parsing.parse_int(value, minimum=0)
            elif name == "moq":
                value = 1 if parsing.is_blank(value) else parsing.parse_int(value, minimum=1)
            elif name == "materials":
                value = parsing.parse_materials(value)
            elif name == "certifications":
                value = parsing.parse_list(value)
            elif name in ("food_contact_suitable", "electrical_parts", "imported_materials"):
                value = parsing.parse_bool(value)
            elif name in ("one_of_a_kind", "is_public"):
                value = bool(parsing.parse_bool(value))
            elif name == "region":
                value = str(value or "").strip()
                if value and value not in REGION_CODES:
                    code = region_code(value)
                    if code is None:
                        raise ValueError(_("Unknown region “{value}”. Use one of: {codes}.").format(
                            value=isolate(value[:60]), codes=_value_names("region")))
                    value = code
            elif name == "status":
                value = str(value or "").strip().lower() or Product.Status.DRAFT
                if value not in STATUS_VALUES:
                    value = status_by_label().get(value.casefold(), value)
                if value not in STATUS_VALUES:
                    raise ValueError(_("Unknown status “{value}”. Use one of: {codes}.").format(
                        value=isolate(value[:30]), codes=_value_names("status")))
            else:
                value = str(value or "").strip()
                limit = Product._meta.get_field(name).max_length
                if limit and len(value) > limit:
                    raise ValueError(_("Too long: at most {limit} characters.").format(limit=limit))
        except ValueError as exc:
            raise _bad(name, str(exc)) from None
        clean[name] = value
    return clean


@transaction.atomic
def product_create(*, actor, organisation: Organisation, sku: str, craft_family: str, texts: dict | None = None,
                   hs_code: str = "", **fields) -> Product:
    """Create a product (optionally with texts {lang: {title, description, tags}} and a person-chosen HS code)."""
    _guard(actor, organisation)
    if not organisation.is_seller:
        raise TijaraError("invalid", _("A buyer organisation has no catalog."))
    try:
        sku = parsing.clean_sku(sku)
    except ValueError as exc:
        raise _bad("sku", str(exc)) from None
    family = craft_family_get(craft_family)
    clean = _clean_product_fields(fields)
    if Product.objects.filter(organisation=organisation, sku=sku).exists():
        raise _bad("sku", _("The SKU {sku} is already used in your catalog.").format(sku=sku))
    product = Product(organisation=organisation, sku=sku, craft_family=family, **clean)
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        raise _bad("sku", _("The SKU {sku} is already used in your catalog.").format(sku=sku)) from None
    for language, text in (texts or {}).items():
        product_text_set(actor=None, product=product, language=language, **text)
    if hs_code:
        product_hs_set(actor=actor, product=product, code=hs_code, source=Product.HSSource.PERSON)
    return product


@transaction.atomic
def product_update(*, actor, product: Product, craft_family: str | None = None, sku: str | None = None,
                   **fields) -> Product:
    """Change product fields (the SKU may change if the new one is free)."""
    _guard(actor, product.organisation)
    clean = _clean_product_fields(fields)
    if craft_family is not None:
        product.craft_family = craft_family_get(craft_family)
    if sku is not None and sku != product.sku:
        try:
            sku = parsing.clean_sku(sku)
        except ValueError as exc:
            raise _bad("sku", str(exc)) from None
        if Product.objects.filter(organisation_id=product.organisation_id, sku=sku).exclude(pk=product.pk).exists():
            raise _bad("sku", _("The SKU {sku} is already used in your catalog.").format(sku=sku))
        product.sku = sku
    for name, value in clean.items():
        setattr(product, name, value)
    if product.one_of_a_kind and product.pk and product.variants.filter(stock__gt=1).exists():
        raise _bad("one_of_a_kind", _("A one-of-a-kind product cannot have a variant with a stock above 1."))
    product.save()
    return product


@transaction.atomic
def product_delete(*, actor, product: Product) -> None:
    """Delete a product with its variants, texts, photos (files included) and HS history."""
    _guard(actor, product.organisation)
    files = [f for p in product.photos.all() for f in (p.original, p.thumbnail, p.web, p.feed) if f]
    product.delete()
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


def product_hs_set(*, actor, product: Product, code: str, source: str = Product.HSSource.PERSON,
                   confidence: float | None = None, suggested_code: str = "", check: bool = True) -> Product:
    """Set the product's HS code and record the change (who, when, source, confidence) in the corrections log."""
    if actor is not None:
        _guard(actor, product.organisation)
    try:
        code = parsing.normalise_hs(code)
    except ValueError as exc:
        raise _bad("hs_code", str(exc)) from None
    if source not in (Product.HSSource.CLASSIFIER, Product.HSSource.PERSON):
        raise _bad("hs_source", _("Unknown HS code source “{source}”.").format(source=source))
    if code and check:
        problem = hs_check(code)
        if problem:
            raise _bad("hs_code", problem)
    if confidence is not None and not 0 <= confidence < 1000:
        raise _bad("hs_confidence", _("The classifier score must be a positive number."))
    if code == product.hs_code and source == product.hs_source and confidence == product.hs_confidence:
        return product
    snapshot, snapshot_language = product_description_with_language(product)
    with transaction.atomic():
        HSCodeChange.objects.create(
            product=product, from_code=product.hs_code, to_code=code,
            changed_by=actor if getattr(actor, "is_authenticated", False) else None,
            source=source if code else "", confidence=confidence if source == Product.HSSource.CLASSIFIER else None,
            suggested_code=parsing.normalise_hs(suggested_code) if suggested_code else "",
            text_snapshot=snapshot, text_language=snapshot_language,
        )
        product.hs_code = code
        product.hs_source = source if code else ""
        product.hs_confidence = confidence if code and source == Product.HSSource.CLASSIFIER else None
        product.save(update_fields=["hs_code", "hs_source", "hs_confidence", "updated_at"])
    return product


def product_description_for_hs(product: Product) -> str:
    """The words a classifier (or a person) reads to choose an HS code: title, description, family, materials."""
    return product_description_with_language(product)[0]


def product_description_with_language(product: Product) -> tuple[str, str]:
    """(description, language of its title and description) — English first, then French, Arabic, any other."""
    parts, language = [], ""
    texts = {t.language_code: t for t in product.texts.all()} if product.pk else {}
    for code in ("en", "fr", "ar", *sorted(texts)):
        if code in texts:
            text = texts[code]
            parts.append(text.title)
            if text.description:
                parts.append(text.description[:600])
            language = code
            break
    parts.append(product.craft_family.name(language or "en") if product.craft_family_id else "")
    if product.technique:
        parts.append(product.technique)
    if product.materials:
        parts.append(parsing.materials_to_text(product.materials))
    return ". ".join(p for p in parts if p), language


def hs_suggest(*, product: Product, lang: str | None = None) -> dict | None:
    """Ask the HS classifier for a code; None with a reason when the classifier is not available.

    Returns {"code", "confidence", "label", "available": True} or {"available": False, "message"}; with `lang`,
    each label is the text a reader of that language reads, with the language it is really in (`label_lang`).
    """
    try:
        from tijara.assistant.hs_services import classify, hs6_label_for
    except ImportError:
        return {"available": False,
                "message": _("The HS classifier is not installed yet; choose the code yourself.")}
    text = product_description_for_hs(product)
    if not product.texts.exists():
        return {"available": False, "message": _("Write a title or description first so a code can be suggested.")}
    try:
        result = classify(text=text, top=4)
    except TijaraError as exc:
        return {"available": False, "message": exc.message}
    suggestion = _suggestion_from(result)
    if lang and suggestion["available"]:
        for item in [suggestion, *suggestion["alternatives"]]:
            label = hs6_label_for(code=item["code"][:6], lang=lang)
            if label["text"]:  # the alternatives' codes are HS6 too
                item.update(label=label["text"], label_lang=label["lang"], label_source=label["source"])
    return suggestion


def _suggestion_from(result) -> dict:
    """Read the classifier's Classification into {"available", "code", "confidence", "confident", "label", …}.

    `confidence` is the classifier's ranking score of the top candidate (higher is surer; not a probability);
    `confident` is the classifier's own verdict (score and margin over the runner-up above its thresholds).
    """
    candidates = list(getattr(result, "candidates", None) or [])
    if not candidates:
        return {"available": False, "message": getattr(result, "notice", None)
                or _("The classifier found no code for this description.")}
    top = candidates[0]
    return {
        "available": True,
        "code": parsing.normalise_hs(top.hs6),
        "confidence": round(float(top.score), 4),
        "confident": bool(getattr(result, "confident", False)),
        "label": str(top.description or ""),
        "notice": getattr(result, "notice", None) or "",
        "question": getattr(result, "question", None) or "",
        "alternatives": [{"code": parsing.normalise_hs(c.hs6), "label": c.description, "confidence": round(c.score, 4)}
                         for c in candidates[1:4]],
    }


# ---------------------------------------------------------------------------------------------- variants


def _clean_variant_fields(fields: dict, *, product: Product) -> dict:
    clean = {}
    for name, value in fields.items():
        if name not in VARIANT_FIELDS:
            raise _bad(name, _("Unknown variant field “{field}”.").format(field=name))
        try:
            if name == "price_mad":
                if parsing.is_blank(value):
                    raise ValueError(_("The price is missing."))
                value = parsing.parse_decimal(value, places=2, positive=True, maximum=Decimal("9999999999"))
            elif name in ("stock", "position"):
                value = 0 if parsing.is_blank(value) else parsing.parse_int(value, minimum=0)
                if name == "stock" and product.one_of_a_kind and value > 1:
                    raise ValueError(_("A one-of-a-kind product has a stock of 0 or 1."))
            elif name == "gtin":
                value = parsing.clean_gtin(value)
            else:
                value = str(value or "").strip()[:60]
        except ValueError as exc:
            raise _bad(name, str(exc)) from None
        clean[name] = value
    return clean


def _variant_sku_taken(product: Product, sku: str, exclude_pk: int | None = None) -> bool:
    qs = Variant.objects.filter(product__organisation_id=product.organisation_id, sku=sku)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


@transaction.atomic
def variant_create(*, actor, product: Product, sku: str = "", price_mad, **fields) -> Variant:
    """Add a variant; its SKU defaults to the product SKU (first variant) or SKU-n."""
    _guard(actor, product.organisation)
    if not sku:
        count = product.variants.count()
        sku = product.sku if count == 0 else f"{product.sku}-{count + 1}"
    try:
        sku = parsing.clean_sku(sku)
    except ValueError as exc:
        raise _bad("sku", str(exc)) from None
    if _variant_sku_taken(product, sku):
        raise _bad("sku", _("The variant SKU {sku} is already used in your catalog.").format(sku=sku))
    clean = _clean_variant_fields({"price_mad": price_mad, **fields}, product=product)
    clean.setdefault("position", product.variants.count())
    return Variant.objects.create(product=product, sku=sku, **clean)


@transaction.atomic
def variant_update(*, actor, variant: Variant, sku: str | None = None, **fields) -> Variant:
    product = variant.product
    _guard(actor, product.organisation)
    if sku is not None and sku != variant.sku:
        try:
            sku = parsing.clean_sku(sku)
        except ValueError as exc:
            raise _bad("sku", str(exc)) from None
        if _variant_sku_taken(product, sku, exclude_pk=variant.pk):
            raise _bad("sku", _("The variant SKU {sku} is already used in your catalog.").format(sku=sku))
        variant.sku = sku
    for name, value in _clean_variant_fields(fields, product=product).items():
        setattr(variant, name, value)
    variant.save()
    return variant


def variant_delete(*, actor, variant: Variant) -> None:
    _guard(actor, variant.product.organisation)
    variant.delete()


# ---------------------------------------------------------------------------------------------- texts


def _clean_text(language: str, title, description, tags) -> tuple[str, str, str, list[str]]:
    language = str(language or "").strip().lower()[:8]
    if language not in LANGUAGE_CODES and language not in ("es", "de"):
        raise _bad("language_code", _("Unsupported language “{code}”.").format(code=language))
    title = " ".join(strip_bidi_controls(str(title or "")).split())
    if not title:
        raise _bad("title", _("The title is missing."))
    if len(title) > 200:
        raise _bad("title", _("The title is too long: {n} characters, at most 200.").format(n=len(title)))
    description = strip_bidi_controls(str(description or "")).strip()
    if len(description) > 20000:
        raise _bad("description", _("The description is too long: at most 20,000 characters."))
    return language, title, description, parsing.parse_list(tags)


def product_text_set(*, actor, product: Product, language: str, title: str, description: str = "",
                     tags=None, origin: str = ProductText.Origin.PERSON) -> ProductText:
    """Create or replace the product's text in one language."""
    if actor is not None:
        _guard(actor, product.organisation)
    language, title, description, tags = _clean_text(language, title, description, tags)
    if origin not in ProductText.Origin.values:
        raise _bad("origin", _("Unknown text origin “{origin}”.").format(origin=origin))
    text, _created = ProductText.objects.update_or_create(
        product=product, language_code=language,
        defaults={"title": title, "description": description, "tags": tags, "origin": origin,
                  "reviewed_by": actor if origin == ProductText.Origin.MACHINE_REVIEWED else None},
    )
    return text


def product_text_delete(*, actor, product: Product, language: str) -> None:
    _guard(actor, product.organisation)
    ProductText.objects.filter(product=product, language_code=language).delete()


# ---------------------------------------------------------------------------------------------- photos


def _fit(image: Image.Image, longest: int) -> Image.Image:
    """The image within `longest` pixels: a resized copy, or the image itself when it already fits (not changed)."""
    if max(image.size) <= longest:
        return image
    copy = image.copy()
    copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    return copy


def _jpeg_bytes(image: Image.Image, *, quality: int = 85) -> bytes:
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.split()[-1])
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def _clean_original(image: Image.Image, fmt: str) -> tuple[bytes, str]:
    """Re-encode the pixels only: no EXIF (GPS, camera serial), no XMP, no text chunks."""
    out = io.BytesIO()
    if fmt == "PNG":
        clean = image if image.mode in ("RGB", "RGBA", "L", "LA", "P") else image.convert("RGBA")
        clean.save(out, "PNG", optimize=False)
        return out.getvalue(), "png"
    if fmt == "WEBP":
        image.save(out, "WEBP", quality=90)
        return out.getvalue(), "webp"
    return _jpeg_bytes(image, quality=92), "jpg"


def process_image(data: bytes) -> dict:
    """Decode, orient, strip metadata and derive thumbnail/web/feed JPEGs. Pure: bytes in, bytes out."""
    with Image.open(io.BytesIO(data)) as source:
        fmt = source.format
        source.load()
        image = ImageOps.exif_transpose(source)
    image.info = {}
    original, ext = _clean_original(image, fmt)
    feed = _fit(image, FEED_PX)
    return {
        "format": fmt, "ext": ext, "original": original, "width": image.width, "height": image.height,
        "thumbnail": _jpeg_bytes(_fit(image, THUMBNAIL_PX), quality=80),
        "web": _jpeg_bytes(_fit(image, WEB_PX)),
        "feed": _jpeg_bytes(feed, quality=90), "feed_width": feed.width, "feed_height": feed.height,
    }


def _clean_alt(alt_text: dict | None) -> dict:
    clean = {}
    for language, text in (alt_text or {}).items():
        if language not in LANGUAGE_CODES and language not in ("es", "de"):
            raise _bad("alt_text", _("Unsupported language “{code}”.").format(code=language))
        text = " ".join(str(text or "").split())
        if len(text) > 250:
            raise _bad("alt_text", _("Alt text is limited to 250 characters."))
        if text:
            clean[language] = text
    return clean


def photo_add(*, actor, product: Product, upload, alt_text: dict | None = None, source_url: str = "") -> Photo:
    """Check an uploaded image (type by content, size, pixels), strip its metadata, store it with derivatives."""
    if actor is not None:
        _guard(actor, product.organisation)
    try:
        validate_image_upload(upload)
    except ValidationError as exc:
        raise TijaraError(exc.code or "invalid_image", exc.messages[0], field="photo") from None
    if product.photos.count() >= MAX_PHOTOS:
        raise _bad("photo", _("A product has at most {n} photos.").format(n=MAX_PHOTOS))
    upload.seek(0)
    data = upload.read()
    return _photo_store(product=product, data=data, alt_text=_clean_alt(alt_text), source_url=source_url)


def photo_check(data: bytes) -> None:
    """Check raw image bytes (type by content, size, pixels) without decoding them fully; raises TijaraError."""
    try:
        validate_image_upload(ContentFile(data, name="upload"))
    except ValidationError as exc:
        raise TijaraError(exc.code or "invalid_image", exc.messages[0], field="photo") from None


def photo_prepare(data: bytes) -> dict:
    """Check and process raw image bytes without touching the DB (used by the importer before its transaction)."""
    upload = ContentFile(data, name="upload")
    try:
        validate_image_upload(upload)
    except ValidationError as exc:
        raise TijaraError(exc.code or "invalid_image", exc.messages[0], field="photo") from None
    try:
        processed = process_image(data)
    except (OSError, Image.DecompressionBombError, ValueError):
        raise TijaraError("invalid_image", _("This file is not a JPEG, PNG or WebP image."), field="photo") from None
    processed["sha256"] = hashlib.sha256(data).hexdigest()
    processed["size_bytes"] = len(data)
    return processed


def _photo_store(*, product: Product, data: bytes | None = None, alt_text: dict, source_url: str = "",
                 processed: dict | None = None, position: int | None = None) -> Photo:
    if processed is None:
        processed = photo_prepare(data)
    if position is None:
        position = (product.photos.order_by("-position").values_list("position", flat=True).first() or 0) + 1 \
            if product.photos.exists() else 0
    photo = Photo(product=product, position=position, width=processed["width"], height=processed["height"],
                  feed_width=processed["feed_width"], feed_height=processed["feed_height"],
                  format=processed["format"], size_bytes=processed["size_bytes"], sha256=processed["sha256"],
                  source_url=source_url[:1000], alt_text=alt_text)
    saved = []
    try:
        photo.original.save(f"o.{processed['ext']}", ContentFile(processed["original"]), save=False)
        saved.append(photo.original)
        for name in ("thumbnail", "web", "feed"):
            getattr(photo, name).save(f"{name[0]}.jpg", ContentFile(processed[name]), save=False)
            saved.append(getattr(photo, name))
        photo.save()
    except Exception:
        for f in saved:
            f.storage.delete(f.name)
        raise
    return photo


def photo_update(*, actor, photo: Photo, alt_text: dict | None = None, position: int | None = None) -> Photo:
    _guard(actor, photo.product.organisation)
    if alt_text is not None:
        cleaned = _clean_alt(alt_text)
        merged = dict(photo.alt_text or {})
        for language in alt_text:
            if language in cleaned:
                merged[language] = cleaned[language]
            else:
                merged.pop(language, None)
        photo.alt_text = merged
    if position is not None:
        photo.position = max(0, int(position))
    photo.save()
    return photo


@transaction.atomic
def photos_reorder(*, actor, product: Product, photo_ids: list[int]) -> None:
    """Put the product's photos in the given order (ids not listed keep their order after)."""
    _guard(actor, product.organisation)
    photos = {p.pk: p for p in product.photos.all()}
    unknown = [i for i in photo_ids if i not in photos]
    if unknown:
        raise NotFound("not_found", _("No such photo."))
    ordered = [photos[i] for i in photo_ids] + [p for pk, p in sorted(photos.items(), key=lambda kv: kv[1].position)
                                                 if pk not in photo_ids]
    for position, photo in enumerate(ordered):
        photo.position = position
    Photo.objects.bulk_update(ordered, ["position"])


def photo_delete(*, actor, photo: Photo) -> None:
    _guard(actor, photo.product.organisation)
    files = [f for f in (photo.original, photo.thumbnail, photo.web, photo.feed) if f]
    photo.delete()
    for f in files:
        f.storage.delete(f.name)


# ---------------------------------------------------------------------------------------------- bulk edit


@transaction.atomic
def products_bulk_edit(*, actor, organisation: Organisation, skus: list[str], price_percent=None, stock=None,
                       status: str | None = None) -> int:
    """Change the price of every variant by a percentage, set the stock, or set the status; returns products changed."""
    _guard(actor, organisation)
    products = list(Product.objects.filter(organisation=organisation, sku__in=skus))
    if len(products) != len(set(skus)):
        raise NotFound("not_found", _("Some of the selected products do not exist."))
    if price_percent not in (None, ""):
        try:
            pct = parsing.parse_decimal(price_percent, places=2, minimum=Decimal("-90"), maximum=Decimal("1000"))
        except ValueError as exc:
            raise _bad("price_percent", str(exc)) from None
        factor = (Decimal(100) + pct) / Decimal(100)
        variants = list(Variant.objects.filter(product__in=products))
        for variant in variants:
            variant.price_mad = (variant.price_mad * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if variant.price_mad <= 0:
                raise _bad("price_percent", _("The new price of {sku} would not be positive.").format(sku=variant.sku))
        Variant.objects.bulk_update(variants, ["price_mad"])
    if stock not in (None, ""):
        try:
            value = parsing.parse_int(stock, minimum=0)
        except ValueError as exc:
            raise _bad("stock", str(exc)) from None
        unique = [p.sku for p in products if p.one_of_a_kind]
        if value > 1 and unique:
            raise _bad("stock", _("One-of-a-kind products have a stock of 0 or 1: {skus}.").format(
                skus=", ".join(unique[:5])))
        Variant.objects.filter(product__in=products).update(stock=value)
    if status:
        if status not in Product.Status.values:
            raise _bad("status", _("Unknown status “{value}”. Known statuses: {names}.").format(
                value=isolate(status[:60]), names=joined(isolate(label) for label in Product.Status.labels)))
        Product.objects.filter(pk__in=[p.pk for p in products]).update(status=status)
    Product.objects.filter(pk__in=[p.pk for p in products]).update(updated_at=timezone.now())
    return len(products)
