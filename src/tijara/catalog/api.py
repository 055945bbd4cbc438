"""API face of the catalog (mounted at /api/v1/catalog/): CRUD scoped to the caller's organisations.

Reads need membership (or an advisor/admin's read access); writes need membership. Outsiders get 404.
"""

from __future__ import annotations

from ninja import File, Form, Query, Router
from ninja.files import UploadedFile

from tijara.accounts.selectors import organisation_for
from tijara.catalog import importer, selectors, services
from tijara.catalog.models import Photo, Product
from tijara.catalog.schemas import (
    BulkEditIn,
    CraftFamilyOut,
    Error,
    HSChangeOut,
    HSIn,
    HSSuggestionOut,
    ImportJobOut,
    ImportOut,
    PhotoOut,
    PhotoPatch,
    ProductIn,
    ProductOut,
    ProductPatch,
    TextIn,
    TextOut,
    VariantIn,
    VariantOut,
    VariantPatch,
)
from tijara.core.errors import NotFound

router = Router(tags=["catalog"])
ERRORS = {400: Error, 403: Error, 404: Error}


def photo_out(photo: Photo) -> dict:
    def url(f):
        return f.url if f else ""

    return {"id": photo.pk, "position": photo.position, "width": photo.width, "height": photo.height,
            "feed_width": photo.feed_width, "feed_height": photo.feed_height, "format": photo.format,
            "alt_text": photo.alt_text or {}, "original_url": url(photo.original), "thumbnail_url": url(photo.thumbnail),
            "web_url": url(photo.web), "feed_url": url(photo.feed)}


def product_out(product: Product) -> dict:
    data = {f: getattr(product, f) for f in ProductOut.model_fields if hasattr(product, f)
            and f not in ("variants", "texts", "photos", "organisation", "craft_family")}
    data["organisation"] = product.organisation.slug
    data["craft_family"] = product.craft_family_id
    data["variants"] = list(product.variants.all())
    data["texts"] = list(product.texts.all())
    data["photos"] = [photo_out(p) for p in product.photos.all()]
    data["completeness"] = {k: v["score"] for k, v in selectors.text_completeness(product).items()}
    return data


def _fields(payload) -> dict:
    fields = payload.model_dump(exclude_unset=True)
    if "materials" in fields and fields["materials"] is not None:
        fields["materials"] = [dict(m) for m in fields["materials"]]
    return {k: v for k, v in fields.items() if not (v is None and k not in ("food_contact_suitable",
                                                                             "electrical_parts",
                                                                             "imported_materials"))}


def _product(request, slug: str, sku: str, *, write: bool = False) -> Product:
    return selectors.product_for(user=request.user, organisation_slug=slug, sku=sku, write=write)


def _reload(product: Product) -> Product:
    return selectors.product_in(organisation=product.organisation, sku=product.sku)


@router.get("/craft-families", response=list[CraftFamilyOut], auth=None)
def craft_families(request):
    """The craft taxonomy (shipped families and those added by staff)."""
    return list(selectors.craft_families())


@router.get("/organisations/{slug}/products", response={200: list[ProductOut], **ERRORS})
def product_list(request, slug: str, q: str = "", craft: str = "", status: str = "", missing_language: str = "",
                 without_photo: bool = False, limit: int = 50,
                 offset: int = Query(0, ge=0, le=1_000_000)):
    """The organisation's products, filtered (q searches SKU, titles and technique)."""
    organisation = organisation_for(user=request.user, slug=slug)
    qs = selectors.filter_products(selectors.products_for(organisation=organisation), q=q, craft=craft, status=status,
                                   language_missing=missing_language, without_photo=without_photo)
    limit = max(1, min(limit, 200))
    return [product_out(p) for p in qs[offset:offset + limit]]


@router.post("/organisations/{slug}/products", response={201: ProductOut, **ERRORS})
def product_create(request, slug: str, payload: ProductIn):
    organisation = organisation_for(user=request.user, slug=slug, write=True)
    fields = _fields(payload)
    for key in ("sku", "craft_family", "hs_code", "texts", "variants"):
        fields.pop(key, None)
    from django.db import transaction

    with transaction.atomic():
        product = services.product_create(
            actor=request.user, organisation=organisation, sku=payload.sku, craft_family=payload.craft_family,
            texts={lang: t.model_dump() for lang, t in payload.texts.items()}, hs_code=payload.hs_code, **fields)
        for variant in payload.variants:
            services.variant_create(actor=request.user, product=product, **variant.model_dump())
    return 201, product_out(_reload(product))


@router.get("/organisations/{slug}/products/{sku}", response={200: ProductOut, **ERRORS})
def product_get(request, slug: str, sku: str):
    return product_out(_product(request, slug, sku))


@router.patch("/organisations/{slug}/products/{sku}", response={200: ProductOut, **ERRORS})
def product_patch(request, slug: str, sku: str, payload: ProductPatch):
    product = _product(request, slug, sku, write=True)
    product = services.product_update(actor=request.user, product=product, **_fields(payload))
    return product_out(_reload(product))


@router.delete("/organisations/{slug}/products/{sku}", response={204: None, **ERRORS})
def product_delete(request, slug: str, sku: str):
    services.product_delete(actor=request.user, product=_product(request, slug, sku, write=True))
    return 204, None


@router.post("/organisations/{slug}/products/{sku}/variants", response={201: VariantOut, **ERRORS})
def variant_create(request, slug: str, sku: str, payload: VariantIn):
    product = _product(request, slug, sku, write=True)
    return 201, services.variant_create(actor=request.user, product=product, **payload.model_dump())


def _variant(product: Product, variant_sku: str):
    variant = product.variants.filter(sku=variant_sku).first()
    if variant is None:
        from django.utils.translation import gettext as _

        raise NotFound("not_found", _("No such variant."))
    return variant


@router.patch("/organisations/{slug}/products/{sku}/variants/{variant_sku}", response={200: VariantOut, **ERRORS})
def variant_patch(request, slug: str, sku: str, variant_sku: str, payload: VariantPatch):
    product = _product(request, slug, sku, write=True)
    fields = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    return services.variant_update(actor=request.user, variant=_variant(product, variant_sku), **fields)


@router.delete("/organisations/{slug}/products/{sku}/variants/{variant_sku}", response={204: None, **ERRORS})
def variant_delete(request, slug: str, sku: str, variant_sku: str):
    product = _product(request, slug, sku, write=True)
    services.variant_delete(actor=request.user, variant=_variant(product, variant_sku))
    return 204, None


@router.put("/organisations/{slug}/products/{sku}/texts/{language}", response={200: TextOut, **ERRORS})
def text_put(request, slug: str, sku: str, language: str, payload: TextIn):
    product = _product(request, slug, sku, write=True)
    return services.product_text_set(actor=request.user, product=product, language=language, **payload.model_dump())


@router.delete("/organisations/{slug}/products/{sku}/texts/{language}", response={204: None, **ERRORS})
def text_delete(request, slug: str, sku: str, language: str):
    product = _product(request, slug, sku, write=True)
    services.product_text_delete(actor=request.user, product=product, language=language)
    return 204, None


@router.post("/organisations/{slug}/products/{sku}/photos", response={201: list[PhotoOut], **ERRORS})
def photo_upload(request, slug: str, sku: str, files: File[list[UploadedFile]]):
    """Upload one or several photos (multipart field `files`); each is checked, stripped of EXIF, derived."""
    from django.db import transaction

    product = _product(request, slug, sku, write=True)
    with transaction.atomic():
        photos = [services.photo_add(actor=request.user, product=product, upload=f) for f in files]
    return 201, [photo_out(p) for p in photos]


def _photo(product: Product, photo_id: int) -> Photo:
    photo = product.photos.filter(pk=photo_id).first()
    if photo is None:
        from django.utils.translation import gettext as _

        raise NotFound("not_found", _("No such photo."))
    return photo


@router.patch("/organisations/{slug}/products/{sku}/photos/{photo_id}", response={200: PhotoOut, **ERRORS})
def photo_patch(request, slug: str, sku: str, photo_id: int, payload: PhotoPatch):
    product = _product(request, slug, sku, write=True)
    photo = services.photo_update(actor=request.user, photo=_photo(product, photo_id),
                                  **payload.model_dump(exclude_none=True))
    return photo_out(photo)


@router.delete("/organisations/{slug}/products/{sku}/photos/{photo_id}", response={204: None, **ERRORS})
def photo_delete(request, slug: str, sku: str, photo_id: int):
    product = _product(request, slug, sku, write=True)
    services.photo_delete(actor=request.user, photo=_photo(product, photo_id))
    return 204, None


@router.put("/organisations/{slug}/products/{sku}/hs", response={200: ProductOut, **ERRORS})
def hs_set(request, slug: str, sku: str, payload: HSIn):
    """Set the HS code (source `person`, or `classifier` with its confidence when accepting a suggestion)."""
    product = _product(request, slug, sku, write=True)
    services.product_hs_set(actor=request.user, product=product, **payload.model_dump())
    return product_out(_reload(product))


@router.get("/organisations/{slug}/products/{sku}/hs", response={200: list[HSChangeOut], **ERRORS})
def hs_history(request, slug: str, sku: str):
    """The product's HS code history (who, when, from, to, source, confidence)."""
    product = _product(request, slug, sku)
    return [{"from_code": c.from_code, "to_code": c.to_code, "source": c.source, "confidence": c.confidence,
             "suggested_code": c.suggested_code, "changed_by": c.changed_by.email if c.changed_by else None,
             "changed_at": c.changed_at} for c in selectors.hs_history(product=product)]


@router.get("/organisations/{slug}/products/{sku}/hs-suggestion", response={200: HSSuggestionOut, **ERRORS})
def hs_suggestion(request, slug: str, sku: str):
    """The HS classifier's suggestion for the product (or why there is none)."""
    product = _product(request, slug, sku)
    return services.hs_suggest(product=product)


@router.post("/organisations/{slug}/bulk-edit", response={200: dict, **ERRORS})
def bulk_edit(request, slug: str, payload: BulkEditIn):
    """Change the price by a percentage, set the stock or the status of several products at once."""
    organisation = organisation_for(user=request.user, slug=slug, write=True)
    count = services.products_bulk_edit(actor=request.user, organisation=organisation, **payload.model_dump())
    return {"changed": count}


@router.post("/organisations/{slug}/import", response={200: ImportOut, 202: ImportJobOut, **ERRORS})
def import_sheet(request, slug: str, file: File[UploadedFile], photos: File[UploadedFile] | None = None,
                 dry_run: Form[bool] = True, background: Form[bool] = False):
    """Import a CSV/XLSX sheet (and optionally a ZIP of photos); `dry_run=true` (default) only checks.

    With `dry_run=false` and `background=true` the rows are checked now, then applied by a background worker
    (photo downloads included): the answer is 202 with a token to poll at `GET …/imports/{token}`.
    """
    organisation = organisation_for(user=request.user, slug=slug, write=True)
    data, zip_data = file.read(), photos.read() if photos else None
    if background and not dry_run:
        _report, job = importer.import_stage(organisation=organisation, actor=request.user, data=data,
                                             filename=file.name or "", zip_data=zip_data)
        return 202, _job_out(importer.import_apply_enqueue(organisation=organisation, token=job.token))
    report = importer.import_products(organisation=organisation, data=data, filename=file.name or "",
                                      dry_run=dry_run, zip_data=zip_data, actor=request.user)
    return report.as_dict()


def _job_out(job) -> dict:
    report = job.report if job.status == "done" else {}
    return {"token": job.token, "status": job.status, "progress_done": job.progress_done,
            "progress_total": job.progress_total, "progress_step": job.progress_step,
            "created": report.get("created"), "updated": report.get("updated"), "unchanged": report.get("unchanged"),
            "photos_added": report.get("photos_added"),
            "errors": [{"row": e["row"], "column": e["column"], "message": e["message"]}
                       for e in report.get("errors", [])], "error": job.error}


@router.get("/organisations/{slug}/imports/{token}", response={200: ImportJobOut, **ERRORS})
def import_status(request, slug: str, token: str):
    """The progress of a background import, then its result (created, updated, unchanged, errors)."""
    organisation = organisation_for(user=request.user, slug=slug)
    return _job_out(importer.import_job_for(organisation=organisation, token=token))
