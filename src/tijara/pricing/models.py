"""Pricing data: dated exchange rates, shipping rate cards, channel fee schedules and pricing rules."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import Confidence, Sourced, TimeStampedModel


class ExchangeRate(Sourced):
    """Dirhams per one unit of a currency on a date, of a given type (BAM banknote buy, bank transfer …)."""

    on = models.DateField(_("date"))
    currency = models.CharField(_("currency"), max_length=3)
    mad_per_unit = models.DecimalField(
        _("MAD per unit"), max_digits=18, decimal_places=8, validators=[MinValueValidator(Decimal("0.00000001"))]
    )
    rate_type = models.CharField(_("rate type"), max_length=40)
    confidence = models.CharField(_("confidence"), max_length=12, choices=Confidence.choices, blank=True)

    class Meta:
        ordering = ["currency", "-on", "rate_type"]
        constraints = [
            models.UniqueConstraint(fields=["on", "currency", "rate_type"], name="pricing_rate_unique_per_day_type"),
            models.CheckConstraint(condition=models.Q(mad_per_unit__gt=0), name="pricing_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.currency} {self.mad_per_unit} MAD ({self.rate_type})"


class RateCard(Sourced):
    """A published carrier tariff: prices by zone and maximum weight, in one currency."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    service_kind = models.CharField(
        _("service kind"), max_length=20,
        choices=[("express", _("express courier")), ("postal", _("postal parcel")), ("air_cargo", _("air cargo"))],
    )
    currency = models.CharField(_("currency"), max_length=3, default="MAD")
    confidence = models.CharField(_("confidence"), max_length=12, choices=Confidence.choices, blank=True)
    note = models.TextField(_("caveats"), blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RateCardPrice(models.Model):
    """One cell of a rate card: the price for parcels up to `weight_max_kg` in `zone`."""

    card = models.ForeignKey(RateCard, on_delete=models.CASCADE, related_name="prices")
    zone = models.CharField(_("zone"), max_length=60)
    weight_max_kg = models.DecimalField(_("up to (kg)"), max_digits=8, decimal_places=3)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["card", "zone", "weight_max_kg"]
        constraints = [
            models.UniqueConstraint(fields=["card", "zone", "weight_max_kg"], name="pricing_ratecard_cell_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.zone} ≤ {self.weight_max_kg} kg: {self.price}"


class RateCardZone(models.Model):
    """Which destination countries (ISO 3166 alpha-3) a rate-card zone covers, where the card says so."""

    card = models.ForeignKey(RateCard, on_delete=models.CASCADE, related_name="zones")
    zone = models.CharField(_("zone"), max_length=60)
    country = models.CharField(_("country (ISO3)"), max_length=3)

    class Meta:
        ordering = ["card", "zone", "country"]
        constraints = [
            models.UniqueConstraint(fields=["card", "country"], name="pricing_ratecard_country_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.zone}: {self.country}"


class ChannelFee(Sourced):
    """One dated fee of a sales channel (percentage or fixed amount), as published."""

    class Unit(models.TextChoices):
        PERCENT = "pct", _("percent")
        FIXED = "fixed", _("fixed amount")

    channel = models.CharField(_("channel"), max_length=60)
    fee_name = models.CharField(_("fee"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    applies_to = models.TextField(_("applies to"), blank=True)
    minimum = models.DecimalField(_("minimum"), max_digits=12, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(_("maximum"), max_digits=12, decimal_places=2, null=True, blank=True)
    confidence = models.CharField(_("confidence"), max_length=12, choices=Confidence.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["channel", "fee_name"]
        constraints = [models.UniqueConstraint(fields=["channel", "fee_name"], name="pricing_channel_fee_unique")]

    def __str__(self) -> str:
        return f"{self.channel}: {self.fee_name}"


class PricingRule(TimeStampedModel):
    """How an organisation prices on a channel and market: markup, rounding ending, tax-inclusive display."""

    class Rounding(models.TextChoices):
        NONE = "none", _("no rounding (minor unit)")
        WHOLE = ".00", _("whole units (.00)")
        NINETY = ".90", _("ending in .90")
        NINETY_NINE = ".99", _("ending in .99")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="pricing_rules", null=True, blank=True,
        help_text=_("Empty: the platform default."),
    )
    channel = models.CharField(_("channel"), max_length=60)
    market = models.CharField(_("market (ISO3)"), max_length=3, blank=True, help_text=_("Empty: every market."))
    markup_pct = models.DecimalField(
        _("markup (%)"), max_digits=7, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    rounding = models.CharField(_("rounding"), max_length=6, choices=Rounding.choices, default=Rounding.NONE)
    tax_inclusive = models.BooleanField(_("prices include tax collected at sale"), default=False)

    class Meta:
        ordering = ["organisation_id", "channel", "market"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "channel", "market"], name="pricing_rule_unique"),
            models.CheckConstraint(condition=models.Q(markup_pct__gte=0), name="pricing_rule_markup_not_negative"),
        ]

    def clean(self):
        if self.markup_pct is not None and self.markup_pct > 1000:
            raise ValidationError({"markup_pct": _("A markup above 1000% is almost certainly a typing error.")})

    def __str__(self) -> str:
        return f"{self.channel}/{self.market or '*'}: +{self.markup_pct}% {self.rounding}"
