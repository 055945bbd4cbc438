"""Knowledge: sourced facts, procedures, requirement lines, checklist progress and the review workflow."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tijara.core.models import Confidence, Sourced, TimeStampedModel

LANGUAGES = ("ar", "fr", "en")
STALE_AFTER_DAYS = 365


class Topic(models.TextChoices):
    """What a fact is about (used to group facts and to name the authority to ask)."""

    SECTOR = "sector", _("Sector figures")
    PROGRAMME = "programme", _("Programmes")
    STATUS = "status", _("Status of the exporter")
    CUSTOMS = "customs", _("Customs declaration")
    SINGLE_WINDOW = "single_window", _("Single window (PortNet)")
    EXCHANGE = "exchange", _("Foreign exchange and repatriation")
    TAX = "tax", _("Tax")
    ORIGIN = "origin", _("Origin and preferences")
    POSTAL = "postal", _("Postal and small parcels")
    LABELS = "labels", _("Craft labels")
    WILDLIFE = "wildlife", _("Protected species (CITES)")
    AGREEMENT = "agreement", _("Trade agreements")
    DUTIES = "duties", _("Import duties")
    LOW_VALUE = "low_value", _("Low-value parcels")
    PRODUCT_SAFETY = "product_safety", _("Product safety")
    CHEMICALS = "chemicals", _("Chemicals")
    FOOD_CONTACT = "food_contact", _("Food contact")
    TEXTILES = "textiles", _("Textile labelling")
    DEFORESTATION = "deforestation", _("Deforestation and wood")
    ELECTRICAL = "electrical", _("Electrical products")
    MARKING = "marking", _("Origin marking")
    CHILDREN = "children", _("Children's products")
    CLASSIFICATION = "classification", _("Classification and tariffs")
    CHANNELS = "channels", _("Sales channels and fees")
    INCOTERMS = "incoterms", _("Incoterms")


class Fact(Sourced, TimeStampedModel):
    """One sourced statement with a stable ID (from export-facts.md), its scope, validity and texts in ar/fr/en."""

    class Mark(models.TextChoices):
        H = "H", _("legal text or authority page")
        M = "M", _("credible secondary source")
        L = "L", _("single weak or conflicting source")
        K = "K", _("background knowledge, not re-read")
        U = "U", _("unverified")
        V = "V", _("company or authority page (pricing facts)")
        S = "S", _("credible secondary source (pricing facts)")

    fact_id = models.CharField(_("fact ID"), max_length=40, unique=True)
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    markets = models.JSONField(_("markets"), default=list, help_text=_("MAR for the Moroccan side, EU, USA, GBR or an ISO3 code."))
    families = models.JSONField(_("craft families"), default=list, blank=True)
    hs_ranges = models.JSONField(_("HS ranges"), default=list, blank=True)
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    url_approximate = models.BooleanField(
        _("address approximate"), default=False,
        help_text=_("The source URL points to the site or section, not to the exact page."),
    )
    source_language = models.CharField(
        _("language of the source"), max_length=2, default="en", choices=[("ar", _("Arabic")), ("fr", _("French")), ("en", _("English"))],
        help_text=_("The language the source line is written in (the pack's source_lang; English when not given)."),
    )
    mark = models.CharField(_("original confidence mark"), max_length=1, choices=Mark.choices)
    confidence = models.CharField(_("confidence"), max_length=16, choices=Confidence.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    last_checked = models.DateField(_("last checked"))
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    text_ar = models.TextField(_("text (Arabic)"))
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"))
    translation_note = models.CharField(_("translation note"), max_length=200, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    is_edited = models.BooleanField(
        _("edited on the platform"), default=False,
        help_text=_("Set when an admin published a revision; reloading the shipped pack then keeps the texts."),
    )

    class Meta:
        ordering = ["fact_id"]
        verbose_name = _("fact")
        verbose_name_plural = _("facts")

    def __str__(self) -> str:
        return self.fact_id

    def title(self, language: str) -> str:
        return getattr(self, f"title_{language}", "") or self.title_en

    def text(self, language: str) -> str:
        return getattr(self, f"text_{language}", "") or self.text_en

    def is_expired(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.valid_to and self.valid_to < today)

    def is_stale(self, today: dt.date | None = None) -> bool:
        """Past its valid-to date, or last checked more than 12 months ago."""
        today = today or timezone.localdate()
        return self.is_expired(today) or (today - self.last_checked).days > STALE_AFTER_DAYS


class FactRevision(TimeStampedModel):
    """A text change proposed by an advisor; an admin publishes or rejects it. Published ones are the history."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("fact"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("proposed by"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    text_ar = models.TextField(_("text (Arabic)"))
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"))
    previous = models.JSONField(_("texts before publication"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("fact revision")
        verbose_name_plural = _("fact revisions")


class Procedure(TimeStampedModel):
    """An ordered procedure (the Moroccan side, or the steps at one destination)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    market = models.CharField(_("market"), max_length=8)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def __str__(self) -> str:
        return self.code


class ProcedureStep(models.Model):
    """One step of a procedure: who acts, which documents, cost and time (each sourced by fact IDs)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps", verbose_name=_("procedure"))
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    texts = models.JSONField(_("texts"), default=dict, help_text=_("title/who/documents/cost/time/deadline per language."))
    fact_ids = models.JSONField(_("fact IDs"), default=list)
    links = models.JSONField(_("links"), default=list, blank=True)
    families = models.JSONField(_("only for these families"), default=list, blank=True)

    class Meta:
        ordering = ["procedure", "position"]
        constraints = [models.UniqueConstraint(fields=["procedure", "key"], name="knowledge_step_unique_key")]
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")

    def __str__(self) -> str:
        return f"{self.procedure_id}:{self.key}"

    def text(self, field: str, language: str) -> str:
        values = self.texts.get(field) or {}
        return values.get(language) or values.get("en") or ""


class RequirementLine(models.Model):
    """One line of a requirement card: for a craft family in a market, an aspect and the fact that sources it."""

    class Aspect(models.TextChoices):
        DUTY = "duty", _("Import duty and origin")
        LABELLING = "labelling", _("Labelling")
        SAFETY = "safety", _("Product safety")
        CHEMICALS = "chemicals", _("Chemicals")
        FOOD_CONTACT = "food_contact", _("Food contact")
        WOOD = "wood", _("Wood and plants")
        TEXTILES = "textiles", _("Textiles")
        ELECTRICAL = "electrical", _("Electrical")
        ORIGIN_MARKING = "origin_marking", _("Origin marking")
        ONLINE = "online", _("Online selling duties")
        WILDLIFE = "wildlife", _("Protected species")
        CHILDREN = "children", _("Children's products")

    family = models.CharField(_("craft family"), max_length=32)
    market = models.CharField(_("market"), max_length=8)
    aspect = models.CharField(_("aspect"), max_length=24, choices=Aspect.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="requirement_lines", verbose_name=_("fact"))
    document = models.JSONField(_("document to prepare"), default=dict, blank=True)

    class Meta:
        ordering = ["family", "market", "position"]
        constraints = [models.UniqueConstraint(fields=["family", "market", "fact"], name="knowledge_requirement_unique")]
        verbose_name = _("requirement line")
        verbose_name_plural = _("requirement lines")

    def __str__(self) -> str:
        return f"{self.family} × {self.market}: {self.fact_id}"


class ChecklistTick(TimeStampedModel):
    """A ticked checklist item, saved per organisation, product (SKU or family) and market."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))
    subject = models.CharField(_("product or family"), max_length=80,
                               help_text=_("A product SKU, or family:<code>, or hs:<code>."))
    market = models.CharField(_("market"), max_length=8)
    item_key = models.CharField(_("item"), max_length=80)
    ticked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="+", verbose_name=_("ticked by"))

    class Meta:
        ordering = ["organisation", "subject", "market", "item_key"]
        constraints = [models.UniqueConstraint(fields=["organisation", "subject", "market", "item_key"],
                                               name="knowledge_tick_unique")]
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
