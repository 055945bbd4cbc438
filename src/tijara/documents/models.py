"""A shipment being documented: products and quantities, buyer, market, Incoterm, ship date and parcels."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import TimeStampedModel


class Shipment(TimeStampedModel):
    """One consignment of an organisation; the documents are drafted from it on demand (never stored)."""

    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="shipments")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    quote = models.ForeignKey("marketplace.Quote", verbose_name=_("quote"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    # [{"sku": "BO-1", "quantity": 2, "unit_value": "123.45" | null}]
    lines = models.JSONField(_("products and quantities"), default=list)
    # {"name", "address", "country", "language", "email", "phone"}
    buyer = models.JSONField(_("buyer"), default=dict)
    market = models.CharField(_("market (ISO 3166 alpha-3)"), max_length=3)
    incoterm = models.CharField(_("Incoterm"), max_length=3, default="DAP")
    place = models.CharField(_("Incoterm place"), max_length=200, blank=True)
    ship_date = models.DateField(_("ship date"))
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    language = models.CharField(_("exporter's language"), max_length=2, choices=settings.LANGUAGES, default="fr")
    exporter_address = models.CharField(_("exporter's address"), max_length=300, blank=True)
    invoice_number = models.CharField(_("invoice number"), max_length=40, blank=True)
    freight_mad = models.DecimalField(_("freight for the consignment (MAD)"), max_digits=12, decimal_places=2,
                                      null=True, blank=True)
    # [] → one parcel per unit as packed in the catalog; else [{"contents": [["SKU", 1]], "gross_kg", "dims_cm"}]
    parcels = models.JSONField(_("parcels"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.market} ({self.ship_date})"
