"""The master catalog: one record per product, from which channel listings and the buyers' catalog derive.

Craft families are data (loaded from `tijara.core.crafts`, extendable by staff). A product belongs to one
organisation and has a SKU that is stable and unique inside that organisation; variants carry the price
(MAD), the stock and an optional GTIN; texts are per language; photos keep the original (EXIF stripped)
and derivatives (thumbnail, web, feed).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import TimeStampedModel

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class CraftFamily(models.Model):
    """A family of crafts (rugs, zellige, pottery …); the shipped ones come from `tijara.core.crafts`."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_builtin = models.BooleanField(_("shipped with Tijara"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("craft family")
        verbose_name_plural = _("craft families")

    def __str__(self) -> str:
        return self.name_en

    def name(self, language: str | None = None) -> str:
        """The name in `language` (ar/fr/en; others fall back to English)."""
        if language is None:
            from django.utils.translation import get_language

            language = (get_language() or "en")[:2]
        return {"ar": self.name_ar, "fr": self.name_fr}.get(language[:2], "") or self.name_en


class Product(TimeStampedModel):
    """A master product of one organisation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        READY = "ready", _("ready")
        ARCHIVED = "archived", _("archived")

    class HSSource(models.TextChoices):
        NONE = "", _("not set")
        CLASSIFIER = "classifier", _("suggested by the classifier")
        PERSON = "person", _("chosen by a person")

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="products"
    )
    sku = models.CharField(_("SKU"), max_length=64, help_text=_("Your own stable reference; unique in your catalog."))
    craft_family = models.ForeignKey(
        CraftFamily, verbose_name=_("craft family"), to_field="code", on_delete=models.PROTECT, related_name="products"
    )
    technique = models.CharField(_("technique"), max_length=120, blank=True,
                                 help_text=_("e.g. hand-knotted, hand-woven, hand-painted, hammered"))
    # [{"name": "wool", "percent": 80}, {"name": "cotton", "percent": 20}]; percent may be null (unknown).
    materials = models.JSONField(_("materials"), default=list, blank=True)
    region = models.CharField(_("region of making"), max_length=40, blank=True)
    city = models.CharField(_("city of making"), max_length=100, blank=True)
    makers = models.CharField(_("maker(s)"), max_length=300, blank=True)
    period_made = models.CharField(_("year or period made"), max_length=60, blank=True)

    length_cm = models.DecimalField(_("length (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    width_cm = models.DecimalField(_("width (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(_("height (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=9, decimal_places=3, null=True, blank=True)
    packed_length_cm = models.DecimalField(_("packed length (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    packed_width_cm = models.DecimalField(_("packed width (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    packed_height_cm = models.DecimalField(_("packed height (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    packed_weight_kg = models.DecimalField(_("packed weight (kg)"), max_digits=9, decimal_places=3, null=True, blank=True)

    production_days = models.PositiveIntegerField(_("production time (days)"), null=True, blank=True)
    moq = models.PositiveIntegerField(_("minimum order quantity"), default=1, validators=[MinValueValidator(1)])
    monthly_capacity = models.PositiveIntegerField(_("monthly capacity (units)"), null=True, blank=True)
    one_of_a_kind = models.BooleanField(_("one of a kind"), default=False,
                                        help_text=_("A unique piece: each variant has a stock of at most 1."))
    care_instructions = models.TextField(_("care instructions"), blank=True)
    certifications = models.JSONField(_("certifications and labels"), default=list, blank=True)
    food_contact_suitable = models.BooleanField(_("suitable for food contact"), null=True, blank=True,
                                                help_text=_("Ceramics and tableware: unknown, yes or no."))
    electrical_parts = models.BooleanField(_("has electrical parts"), null=True, blank=True,
                                           help_text=_("Lamps: unknown, yes or no."))
    imported_materials = models.BooleanField(
        _("contains imported materials"), null=True, blank=True,
        help_text=_("Unknown, yes or no. Materials made outside Morocco can cost the product its preferential "
                    "Moroccan origin."))

    hs_code = models.CharField(_("HS code"), max_length=12, blank=True)
    hs_source = models.CharField(_("HS code set by"), max_length=16, choices=HSSource.choices, blank=True, default="")
    hs_confidence = models.FloatField(_("classifier score"), null=True, blank=True,
                                      help_text=_("Ranking score of the suggested code (higher is surer; not a probability)."))

    is_public = models.BooleanField(_("shown in the buyers' catalog"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ["organisation_id", "sku"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [models.UniqueConstraint(fields=["organisation", "sku"], name="catalog_product_unique_sku")]
        indexes = [models.Index(fields=["organisation", "status"]), models.Index(fields=["is_public", "status"])]

    def __str__(self) -> str:
        return self.sku

    @property
    def materials_text(self) -> str:
        """'wool 80 %, cotton 20 %'."""
        parts = []
        for m in self.materials or []:
            pct = m.get("percent")
            parts.append(f"{m.get('name', '')} {pct:g} %" if pct is not None else str(m.get("name", "")))
        return ", ".join(parts)


class HSCodeChange(models.Model):
    """One change of a product's HS code: the corrections log (exportable as labelled data)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="hs_changes")
    from_code = models.CharField(_("from"), max_length=12, blank=True)
    to_code = models.CharField(_("to"), max_length=12, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=Product.HSSource.choices, blank=True)
    confidence = models.FloatField(_("classifier score"), null=True, blank=True)
    suggested_code = models.CharField(_("code the classifier suggested"), max_length=12, blank=True)
    text_snapshot = models.TextField(_("product description at the time"), blank=True)
    text_language = models.CharField(_("language of that description"), max_length=8, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("HS code change")
        verbose_name_plural = _("HS code changes")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.from_code or '∅'} → {self.to_code or '∅'}"


class Variant(TimeStampedModel):
    """A sellable variant (size, colour, pattern …) with its own SKU, price in MAD and stock."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("variant SKU"), max_length=64)
    size = models.CharField(_("size"), max_length=60, blank=True)
    colour = models.CharField(_("colour"), max_length=60, blank=True)
    pattern = models.CharField(_("pattern"), max_length=60, blank=True)
    price_mad = models.DecimalField(_("price (MAD)"), max_digits=12, decimal_places=2,
                                    validators=[MinValueValidator(0)])
    stock = models.PositiveIntegerField(_("stock"), default=0)
    gtin = models.CharField(_("GTIN (barcode)"), max_length=14, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["product_id", "position", "id"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [models.UniqueConstraint(fields=["product", "sku"], name="catalog_variant_unique_sku")]

    def __str__(self) -> str:
        return self.sku

    @property
    def attributes(self) -> dict[str, str]:
        return {k: v for k, v in (("size", self.size), ("colour", self.colour), ("pattern", self.pattern)) if v}


class ProductText(TimeStampedModel):
    """Title, description and tags of a product in one language."""

    class Origin(models.TextChoices):
        PERSON = "person", _("written by a person")
        MACHINE_REVIEWED = "machine_suggested_reviewed", _("machine-suggested, reviewed by a person")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="texts")
    language_code = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    tags = models.JSONField(_("tags / keywords"), default=list, blank=True)
    origin = models.CharField(_("origin"), max_length=32, choices=Origin.choices, default=Origin.PERSON)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["product_id", "language_code"]
        verbose_name = _("product text")
        verbose_name_plural = _("product texts")
        constraints = [
            models.UniqueConstraint(fields=["product", "language_code"], name="catalog_text_unique_language")
        ]

    def __str__(self) -> str:
        return f"{self.product_id} [{self.language_code}] {self.title}"


def _photo_path(instance: Photo, filename: str) -> str:
    # Random names: the uploaded file name (which may hold a person's name or a place) is not kept.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"catalog/{instance.product.organisation_id}/{instance.product_id}/{uuid.uuid4().hex}.{ext}"


class Photo(TimeStampedModel):
    """A product photo: the original (re-encoded without EXIF) and its derivatives, ordered."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    original = models.FileField(_("original"), upload_to=_photo_path, max_length=300)
    thumbnail = models.FileField(_("thumbnail"), upload_to=_photo_path, max_length=300, blank=True)
    web = models.FileField(_("web size"), upload_to=_photo_path, max_length=300, blank=True)
    feed = models.FileField(_("feed size"), upload_to=_photo_path, max_length=300, blank=True)
    width = models.PositiveIntegerField(_("width (px)"), default=0)
    height = models.PositiveIntegerField(_("height (px)"), default=0)
    feed_width = models.PositiveIntegerField(_("feed width (px)"), default=0)
    feed_height = models.PositiveIntegerField(_("feed height (px)"), default=0)
    format = models.CharField(_("format"), max_length=8, blank=True)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    source_url = models.CharField(_("imported from URL"), max_length=1000, blank=True)
    alt_text = models.JSONField(_("alt text per language"), default=dict, blank=True)

    class Meta:
        ordering = ["product_id", "position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return f"{self.product_id} #{self.position}"

    def alt(self, language: str) -> str:
        return (self.alt_text or {}).get(language, "")

    @property
    def alt_any(self) -> str:
        """The alt text in the current language, else the first one written."""
        from django.utils.translation import get_language

        texts = self.alt_text or {}
        return texts.get((get_language() or "")[:2]) or next(iter(texts.values()), "")


class ImportJob(TimeStampedModel):
    """A checked sheet (and photo ZIP) waiting to be applied, then the apply's progress and report.

    Staged in the database, not on one server's disk or in the session, so any app server or worker can apply
    it; the files are dropped once applied. The token is the only handle the page holds.
    """

    class Status(models.TextChoices):
        STAGED = "staged", _("checked, not applied")
        QUEUED = "queued", _("waiting for a worker")
        RUNNING = "running", _("importing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    token = models.CharField(max_length=64, unique=True)
    filename = models.CharField(_("file name"), max_length=255)
    sheet = models.BinaryField(_("sheet"), blank=True, default=b"")
    photos_zip = models.BinaryField(_("photo archive"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.STAGED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_step = models.CharField(max_length=32, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0
