"""Sales channels: connections per organisation, a listing per variant × connection, feed runs, channel attributes.

Credentials are stored encrypted (Fernet) and never shown back; feeds are files in the default storage, served at
an unguessable per-connection token.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import TimeStampedModel


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Kind(models.TextChoices):
    GOOGLE = "google", "Google Merchant Center"
    META = "meta", "Meta (Facebook, Instagram)"
    SHOPIFY = "shopify", "Shopify"
    WOOCOMMERCE = "woocommerce", "WooCommerce"
    ETSY = "etsy", "Etsy"
    AMAZON_HANDMADE = "amazon_handmade", "Amazon Handmade"


class ChannelConnection(TimeStampedModel):
    """One organisation's presence on one channel for one (target country, language, currency)."""

    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="channel_connections")
    kind = models.CharField(_("channel"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120, blank=True)
    country = models.CharField(_("target country (ISO 3166-1 alpha-3)"), max_length=3)
    language = models.CharField(_("language"), max_length=8)
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3)
    pricing_rule = models.ForeignKey("pricing.PricingRule", verbose_name=_("pricing rule"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # {"service": "Standard", "price": "45.00", "min_handling_days": 1, "max_handling_days": 3, ...}
    shipping = models.JSONField(_("shipping settings"), default=dict, blank=True)
    # Channel-specific settings (Etsy shop and profile ids, taxonomy ids, production method, URL template …).
    settings = models.JSONField(_("channel settings"), default=dict, blank=True)
    credentials_encrypted = models.TextField(_("credentials (encrypted)"), blank=True, editable=False)
    feed_token = models.CharField(_("feed token"), max_length=64, unique=True, default=new_feed_token, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation_id", "kind", "country", "language"]
        verbose_name = _("channel connection")
        verbose_name_plural = _("channel connections")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "country", "language", "currency"],
                                    name="channels_connection_unique_target"),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.get_kind_display()} {self.country}/{self.language}/{self.currency}"

    @property
    def has_credentials(self) -> bool:
        return bool(self.credentials_encrypted)


class Listing(TimeStampedModel):
    """A product variant as listed on one connection: computed text, price with its breakdown, state and problems."""

    class State(models.TextChoices):
        READY = "ready", _("ready")
        BLOCKED = "blocked", _("blocked")
        PUBLISHED = "published", _("published")
        ERROR = "error", _("error")

    connection = models.ForeignKey(ChannelConnection, on_delete=models.CASCADE, related_name="listings")
    variant = models.ForeignKey("catalog.Variant", on_delete=models.CASCADE, related_name="channel_listings")
    sku = models.CharField(_("SKU"), max_length=64)
    product_sku = models.CharField(_("product SKU"), max_length=64)
    title = models.CharField(_("title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    text_language = models.CharField(_("text language"), max_length=8, blank=True)
    attributes = models.JSONField(_("channel fields"), default=dict, blank=True)
    price = models.DecimalField(_("price"), max_digits=14, decimal_places=3, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    price_breakdown = models.JSONField(_("price breakdown"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.BLOCKED, db_index=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    quality_score = models.PositiveSmallIntegerField(_("quality score"), default=0)
    improvements = models.JSONField(_("what to improve first"), default=list, blank=True)
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    error_message = models.TextField(_("last error"), blank=True)
    last_published_at = models.DateTimeField(_("last published"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)

    class Meta:
        ordering = ["connection_id", "product_sku", "sku"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        constraints = [models.UniqueConstraint(fields=["connection", "variant"], name="channels_listing_unique")]
        indexes = [models.Index(fields=["connection", "state"])]

    def __str__(self) -> str:
        return f"{self.sku} @ {self.connection_id}"

    @property
    def price_display(self) -> str:
        """The price with the currency's decimals (ISO 4217), dot decimal, e.g. 37.91."""
        if self.price is None:
            return ""
        from tijara.channels.text import amount

        return amount(self.price, self.currency)

    @property
    def problems_shown(self) -> list[dict]:
        """The problems in the active language (`problems.problem_said`): a viewer reads them in their own language,
        whoever ran the check; problems stored before sentences were kept as data stay as written, with `lang`."""
        from tijara.channels.problems import problem_said

        return [problem_said(p) for p in self.problems]

    @property
    def improvements_shown(self) -> list[dict]:
        """What to improve first, in the active language (`problems.improvement_said`)."""
        from tijara.channels.problems import improvement_said

        return [improvement_said(i) for i in self.improvements]

    @property
    def errors(self) -> list[dict]:
        return [p for p in self.problems if p.get("severity") == "error"]

    @property
    def warnings(self) -> list[dict]:
        return [p for p in self.problems if p.get("severity") != "error"]


class FeedRun(models.Model):
    """One feed generation: its outcome, the stored file when it succeeded, counts and timings."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    connection = models.ForeignKey(ChannelConnection, on_delete=models.CASCADE, related_name="feed_runs")
    format = models.CharField(_("format"), max_length=8)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file_name = models.CharField(_("stored file"), max_length=300, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    etag = models.CharField(_("ETag"), max_length=80, blank=True)
    items_written = models.PositiveIntegerField(_("items written"), default=0)
    items_blocked = models.PositiveIntegerField(_("items blocked"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("feed run")
        verbose_name_plural = _("feed runs")
        indexes = [models.Index(fields=["connection", "format", "status"])]

    def __str__(self) -> str:
        return f"{self.connection_id} {self.format} {self.status}"


class ProductChannelAttributes(TimeStampedModel):
    """Channel attributes the master catalog does not hold: apparel gender/age group and category overrides."""

    class Gender(models.TextChoices):
        NONE = "", _("not set")
        MALE = "male", _("male")
        FEMALE = "female", _("female")
        UNISEX = "unisex", _("unisex")

    class AgeGroup(models.TextChoices):
        NONE = "", _("not set")
        NEWBORN = "newborn", _("newborn")
        INFANT = "infant", _("infant")
        TODDLER = "toddler", _("toddler")
        KIDS = "kids", _("kids")
        ADULT = "adult", _("adult")

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, related_name="channel_attributes")
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices, blank=True)
    google_category = models.CharField(_("Google product category (ID)"), max_length=12, blank=True)
    etsy_taxonomy_id = models.PositiveIntegerField(_("Etsy taxonomy ID"), null=True, blank=True)

    class Meta:
        ordering = ["product_id"]
        verbose_name = _("product channel attributes")
        verbose_name_plural = _("product channel attributes")

    def __str__(self) -> str:
        return f"{self.product_id}"
