"""Catalog pages (mobile-first): product list with filters and bulk edit, product form, variants, texts per language,
photo manager, HS code suggestion, import (dry run then apply), template and export downloads.

Every page resolves the organisation through accounts selectors: outsiders get 404, read-only viewers (advisors)
get 403 on writes.
"""

from __future__ import annotations

import functools

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tijara.accounts.selectors import can_write, current_organisation, organisation_for
from tijara.catalog import importer, parsing, selectors, services
from tijara.catalog.forms import BulkEditForm, ImportForm, PhotoUploadForm, ProductForm, TextForm, VariantForm
from tijara.catalog.models import LANGUAGE_CODES, Product
from tijara.core.errors import NotFound, PermissionDenied, TijaraError

PAGE_SIZE = 30
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def catalog_view(view):
    """Login required; NotFound → 404, PermissionDenied → 403 page."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            return render(request, "catalog/forbidden.html", {"message": exc.message}, status=403)

    return wrapper


def _org(request, slug: str, *, write: bool = False):
    return organisation_for(user=request.user, slug=slug, write=write)


def _product(request, slug: str, sku: str, *, write: bool = False) -> Product:
    return selectors.product_for(user=request.user, organisation_slug=slug, sku=sku, write=write)


def _language() -> str:
    return (translation.get_language() or "fr")[:2]


def _card(product: Product, language: str) -> dict:
    text, served = selectors.product_text(product, language)
    variants = list(product.variants.all())
    prices = [v.price_mad for v in variants]
    photos = list(product.photos.all())
    return {
        "product": product, "text": text, "served": served, "served_name": LANGUAGE_NAMES.get(served, served),
        "completeness": selectors.text_completeness(product), "price_min": min(prices) if prices else None,
        "price_max": max(prices) if prices else None, "stock": sum(v.stock for v in variants),
        "photo": photos[0] if photos else None, "photo_count": len(photos), "variant_count": len(variants),
        "hs": parsing.format_hs(product.hs_code),
    }


@login_required
def index(request):
    organisation = current_organisation(request)
    if organisation is None:
        return render(request, "catalog/no_organisation.html")
    return redirect("catalog:list", slug=organisation.slug)


@catalog_view
def product_list(request, slug: str):
    organisation = _org(request, slug)
    filters = {"q": request.GET.get("q", "").strip()[:100], "craft": request.GET.get("craft", ""),
               "status": request.GET.get("status", ""), "language_missing": request.GET.get("missing", ""),
               "without_photo": request.GET.get("nophoto") == "1"}
    qs = selectors.filter_products(selectors.products_for(organisation=organisation), **filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    language = _language()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": organisation, "page": page, "cards": [_card(p, language) for p in page.object_list],
        "filters": filters, "families": selectors.craft_families(), "statuses": Product.Status.choices,
        "languages": settings.LANGUAGES, "total": qs.count(), "can_write": can_write(user=request.user,
                                                                                     organisation=organisation),
        "bulk_form": BulkEditForm(prefix="bulk"), "query": query.urlencode(),
    }
    template = "catalog/partials/product_cards.html" if request.htmx else "catalog/product_list.html"
    return render(request, template, context)


class ProductCreateForm(ProductForm):
    """The product form plus the first title, price and stock, so one screen creates a sellable product."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    price_mad = forms.CharField(label=gettext_lazy("Price (MAD)"), required=False,
                                widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    stock = forms.IntegerField(label=gettext_lazy("Stock"), required=False, min_value=0, initial=1)


@catalog_view
def product_new(request, slug: str):
    organisation = _org(request, slug, write=True)
    form = ProductCreateForm(request.POST or None, initial={"status": "draft", "moq": 1,
                                                            "region": organisation.region,
                                                            "city": organisation.city})
    if request.method == "POST" and form.is_valid():
        data = form.service_fields()
        title, price, stock = data.pop("title"), data.pop("price_mad"), data.pop("stock")
        sku, family = data.pop("sku"), data.pop("craft_family")
        try:
            from django.db import transaction

            with transaction.atomic():
                texts = {_language(): {"title": title}} if title else {}
                product = services.product_create(actor=request.user, organisation=organisation, sku=sku,
                                                  craft_family=family, texts=texts, **data)
                if price:
                    services.variant_create(actor=request.user, product=product, price_mad=price,
                                            stock=stock if stock is not None else 1)
        except TijaraError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Product {sku} created.").format(sku=product.sku))
            return redirect("catalog:edit", slug=slug, sku=product.sku)
    return render(request, "catalog/product_form.html", {"organisation": organisation, "form": form, "new": True,
                                                         "language_name": LANGUAGE_NAMES.get(_language())})


@catalog_view
def product_edit(request, slug: str, sku: str):
    product = _product(request, slug, sku, write=request.method == "POST")
    organisation = product.organisation
    form = ProductForm(request.POST or None, initial=ProductForm.initial_for(product))
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_update(actor=request.user, product=product, **form.service_fields())
        except TijaraError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("catalog:edit", slug=slug, sku=product.sku)
    language = _language()
    return render(request, "catalog/product_form.html", {
        "organisation": organisation, "product": product, "form": form, "new": False, "card": _card(product, language),
        "variant_form": VariantForm(), "variants": list(product.variants.all()),
        "completeness": [(code, LANGUAGE_NAMES[code], c) for code, c in
                         selectors.text_completeness(product).items()],
        "hs_history": list(selectors.hs_history(product=product)[:10]),
        "can_write": can_write(user=request.user, organisation=organisation),
    })


@catalog_view
@require_POST
def product_delete(request, slug: str, sku: str):
    product = _product(request, slug, sku, write=True)
    services.product_delete(actor=request.user, product=product)
    messages.success(request, _("Product {sku} deleted.").format(sku=sku))
    return redirect("catalog:list", slug=slug)


@catalog_view
@require_POST
def variant_add(request, slug: str, sku: str):
    product = _product(request, slug, sku, write=True)
    form = VariantForm(request.POST)
    if form.is_valid():
        try:
            services.variant_create(actor=request.user, product=product, **form.cleaned_data)
        except TijaraError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Variant added."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}")
    return redirect(reverse("catalog:edit", args=[slug, sku]) + "#variants")


@catalog_view
@require_POST
def variant_edit(request, slug: str, sku: str, variant_sku: str):
    product = _product(request, slug, sku, write=True)
    variant = product.variants.filter(sku=variant_sku).first()
    if variant is None:
        raise Http404
    try:
        if request.POST.get("action") == "delete":
            services.variant_delete(actor=request.user, variant=variant)
            messages.success(request, _("Variant deleted."))
        else:
            fields = {k: request.POST.get(k, "") for k in ("size", "colour", "pattern", "price_mad", "stock", "gtin")
                      if k in request.POST}
            services.variant_update(actor=request.user, variant=variant, **fields)
            messages.success(request, _("Variant saved."))
    except TijaraError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("catalog:edit", args=[slug, sku]) + "#variants")


@catalog_view
def text_edit(request, slug: str, sku: str, language: str):
    if language not in LANGUAGE_CODES:
        raise Http404
    product = _product(request, slug, sku, write=request.method == "POST")
    current = {t.language_code: t for t in product.texts.all()}
    text = current.get(language)
    initial = {"title": text.title, "description": text.description, "tags": "; ".join(text.tags),
               "origin": text.origin} if text else {}
    form = TextForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            services.product_text_delete(actor=request.user, product=product, language=language)
            messages.success(request, _("Text deleted."))
            return redirect("catalog:edit", slug=slug, sku=sku)
        if form.is_valid():
            try:
                services.product_text_set(actor=request.user, product=product, language=language,
                                          **form.cleaned_data)
            except TijaraError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Text saved."))
                return redirect("catalog:edit", slug=slug, sku=sku)
    others = [(code, LANGUAGE_NAMES.get(code, code), t) for code, t in current.items() if code != language]
    return render(request, "catalog/text_form.html", {
        "organisation": product.organisation, "product": product, "form": form, "language": language,
        "language_name": LANGUAGE_NAMES[language], "others": others,
        "completeness": selectors.text_completeness(product)[language],
        "text_dir": "rtl" if language in settings.LANGUAGES_BIDI else "ltr",
    })


def _photo_context(request, product: Product) -> dict:
    return {"organisation": product.organisation, "product": product, "photos": list(product.photos.all()),
            "languages": settings.LANGUAGES, "form": PhotoUploadForm(), "max_photos": services.MAX_PHOTOS,
            "feed_min": services.FEED_MIN_PX, "max_mb": settings.TIJARA_MAX_UPLOAD_MB,
            "can_write": can_write(user=request.user, organisation=product.organisation)}


@catalog_view
def photos(request, slug: str, sku: str):
    product = _product(request, slug, sku, write=request.method == "POST")
    if request.method == "POST":
        form = PhotoUploadForm(request.POST, request.FILES)
        if form.is_valid():
            added = 0
            for upload in form.cleaned_data["photos"]:
                try:
                    services.photo_add(actor=request.user, product=product, upload=upload)
                    added += 1
                except TijaraError as exc:
                    messages.error(request, f"{upload.name}: {exc.message}")
            if added:
                messages.success(request, _("{n} photo(s) added.").format(n=added))
        else:
            messages.error(request, _("Choose at least one photo."))
        return redirect("catalog:photos", slug=slug, sku=sku)
    return render(request, "catalog/photos.html", _photo_context(request, product))


@catalog_view
@require_POST
def photo_action(request, slug: str, sku: str, photo_id: int):
    product = _product(request, slug, sku, write=True)
    photo = product.photos.filter(pk=photo_id).first()
    if photo is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "delete":
            services.photo_delete(actor=request.user, photo=photo)
        elif action in ("up", "down", "first"):
            order = list(product.photos.values_list("pk", flat=True))
            index = order.index(photo.pk)
            order.pop(index)
            new_index = 0 if action == "first" else max(0, index - 1) if action == "up" else min(len(order), index + 1)
            order.insert(new_index, photo.pk)
            services.photos_reorder(actor=request.user, product=product, photo_ids=order)
        elif action == "alt":
            services.photo_update(actor=request.user, photo=photo, alt_text={
                code: request.POST.get(f"alt_{code}", "") for code, _name in settings.LANGUAGES})
    except TijaraError as exc:
        messages.error(request, exc.message)
    if request.htmx:
        product = _product(request, slug, sku)
        return render(request, "catalog/partials/photo_list.html", _photo_context(request, product))
    return redirect("catalog:photos", slug=slug, sku=sku)


@catalog_view
def hs_suggest(request, slug: str, sku: str):
    """The classifier's suggestion (loaded by htmx into the product page)."""
    product = _product(request, slug, sku)
    suggestion = services.hs_suggest(product=product, lang=translation.get_language())
    return render(request, "catalog/partials/hs_panel.html", {
        "organisation": product.organisation, "product": product, "suggestion": suggestion,
        "current": parsing.format_hs(product.hs_code),
        "suggested": parsing.format_hs(suggestion.get("code") or "") if suggestion.get("available") else "",
        "can_write": can_write(user=request.user, organisation=product.organisation),
    })


@catalog_view
@require_POST
def hs_set(request, slug: str, sku: str):
    """Accept the suggestion (source classifier, with its confidence) or set a code yourself (source person)."""
    product = _product(request, slug, sku, write=True)
    code = request.POST.get("code", "")
    suggested = request.POST.get("suggested_code", "")
    accept = request.POST.get("action") == "accept"
    confidence = None
    if accept:
        try:
            confidence = float(request.POST.get("confidence", ""))
        except ValueError:
            confidence = None
    try:
        services.product_hs_set(actor=request.user, product=product, code=suggested if accept else code,
                                source=Product.HSSource.CLASSIFIER if accept else Product.HSSource.PERSON,
                                confidence=confidence, suggested_code=suggested)
    except TijaraError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("HS code saved."))
    return redirect(reverse("catalog:edit", args=[slug, sku]) + "#hs")


@catalog_view
@require_POST
def bulk_edit(request, slug: str):
    organisation = _org(request, slug, write=True)
    form = BulkEditForm(request.POST, prefix="bulk")
    skus = request.POST.getlist("sku")
    if not skus:
        messages.error(request, _("Select at least one product."))
    elif form.is_valid():
        action = form.cleaned_data["action"]
        kwargs = {"price": {"price_percent": form.cleaned_data["price_percent"]},
                  "stock": {"stock": form.cleaned_data["stock"]},
                  "status": {"status": form.cleaned_data["status"]}}[action]
        if list(kwargs.values())[0] in (None, ""):
            messages.error(request, _("Give a value for this action."))
        else:
            try:
                count = services.products_bulk_edit(actor=request.user, organisation=organisation, skus=skus, **kwargs)
            except TijaraError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("{n} product(s) changed.").format(n=count))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("catalog:list", args=[slug]) + ("?" + request.POST.get("query", "")
                                                            if request.POST.get("query") else ""))


# ---------------------------------------------------------------------------------------------- import / export


@catalog_view
def import_view(request, slug: str):
    organisation = _org(request, slug, write=request.method == "POST")
    context = {"organisation": organisation, "form": ImportForm(), "columns": importer.sheet.COLUMNS,
               "language": _language(), "notes": importer.sheet.guide_notes(),
               "can_write": can_write(user=request.user, organisation=organisation)}
    if request.method != "POST":
        return render(request, "catalog/import.html", context)
    if request.POST.get("step") == "apply":
        # The checked file is staged in the database under its token: any app server can queue it, and a worker
        # downloads the photos and writes the rows while the page shows the progress.
        try:
            job = importer.import_apply_enqueue(organisation=organisation, token=request.POST.get("token", ""))
        except NotFound as exc:
            messages.error(request, exc.message)
            return redirect("catalog:import", slug=slug)
        return redirect("catalog:import_job", slug=slug, token=job.token)
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "catalog/import.html", context)
    upload, photos_upload = form.cleaned_data["file"], form.cleaned_data["photos"]
    try:
        report, job = importer.import_stage(organisation=organisation, actor=request.user, data=upload.read(),
                                            filename=upload.name, zip_data=photos_upload.read() if photos_upload else None)
    except TijaraError as exc:
        form.add_error("file", exc.message)
        return render(request, "catalog/import.html", context)
    context.update(report=report, token=job.token, applied=False, filename=upload.name, rows=_rows_shown(report))
    return render(request, "catalog/import.html", context)


@catalog_view
def import_job(request, slug: str, token: str):
    """The progress of an import being applied, then its report (the page polls while a worker runs it)."""
    organisation = _org(request, slug)
    job = importer.import_job_for(organisation=organisation, token=token)
    context = {"organisation": organisation, "job": job, "report": job.report,
               "rows": {"list": job.report.get("rows", []), "hidden": job.report.get("hidden", 0)}}
    if request.headers.get("HX-Request"):
        return render(request, "catalog/partials/import_progress.html", context)
    return render(request, "catalog/import_job.html", context)


ROWS_SHOWN = 300


def _rows_shown(report) -> dict:
    """Every rejected row, and the first accepted ones (a 10,000-row report would not fit a phone)."""
    rejected = [r for r in report.rows if r.action == "rejected"]
    accepted = [r for r in report.rows if r.action != "rejected"]
    shown = sorted(rejected + accepted[:ROWS_SHOWN], key=lambda r: r.row)
    return {"list": shown, "hidden": max(0, len(accepted) - ROWS_SHOWN)}


_CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _check_format(fmt: str) -> None:
    if fmt not in _CONTENT_TYPES:
        raise Http404


def _download(data: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=_CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@catalog_view
def template_download(request, slug: str, fmt: str):
    _check_format(fmt)
    _org(request, slug)
    language = request.GET.get("lang") or _language()
    if language not in ("ar", "fr", "en", "key"):
        language = "en"
    return _download(importer.template(fmt=fmt, language=language), fmt, f"tijara-products-template-{language}.{fmt}")


@catalog_view
def export_download(request, slug: str, fmt: str):
    _check_format(fmt)
    organisation = _org(request, slug)
    language = request.GET.get("lang") or _language()
    if language not in ("ar", "fr", "en", "key"):
        language = "en"
    data = importer.export_products(organisation=organisation, fmt=fmt, language=language)
    return _download(data, fmt, f"{organisation.slug}-products.{fmt}")
