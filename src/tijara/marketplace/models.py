"""The buyers' marketplace: the search mirror of public products, page-view counts, inquiries (RFQ),
their message threads, quotes and abuse reports."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import TimeStampedModel

# Incoterms® 2020 rules (ICC): the eleven three-letter codes a quote or an inquiry may name.
INCOTERMS = ["EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"]


class SearchDocument(models.Model):
    """A public product as the search index needs it (analysed text, facets, embedding); one row per product.

    The SQLite FTS5 index file of each process is a copy of these rows and catches up with them before
    every search, so every app server answers the same whichever database the platform runs on.
    """

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, related_name="search_document")
    payload = models.JSONField(default=dict)
    embedding = models.BinaryField(null=True, blank=True)
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["product_id"]

    def __str__(self) -> str:
        return f"search document of product {self.product_id}"


class ProductView(models.Model):
    """Views of a public product page per day and visitor country (ISO alpha-3; blank when unknown)."""

    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    country = models.CharField(_("visitor country"), max_length=3, blank=True)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        ordering = ["-day", "product_id"]
        constraints = [models.UniqueConstraint(fields=["product", "day", "country"], name="marketplace_view_unique_day")]
        indexes = [models.Index(fields=["organisation", "day"])]

    def __str__(self) -> str:
        return f"{self.product_id} {self.day} {self.country or '?'}: {self.views}"


class Inquiry(TimeStampedModel):
    """A buyer's request for quotation to one maker about one or several products."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")
        QUOTED = "quoted", _("quoted")
        WON = "won", _("won")
        LOST = "lost", _("lost")

    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.CASCADE,
                              related_name="inquiries_sent")
    buyer_organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("buyer's organisation"),
                                           null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    maker = models.ForeignKey("accounts.Organisation", verbose_name=_("maker"), on_delete=models.CASCADE,
                              related_name="inquiries_received")
    destination_country = models.CharField(_("destination country (ISO 3166 alpha-3)"), max_length=3)
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=[(c, c) for c in INCOTERMS], blank=True)
    deadline = models.DateField(_("needed by"), null=True, blank=True)
    currency = models.CharField(_("currency of the target prices"), max_length=3, default="EUR")
    message = models.TextField(_("message"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True)
    first_response_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden by moderation at"), null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [models.Index(fields=["maker", "created_at"]), models.Index(fields=["buyer", "created_at"])]

    def __str__(self) -> str:
        return f"RFQ-{self.pk}"

    @property
    def reference(self) -> str:
        return f"RFQ-{self.pk}"


class InquiryLine(models.Model):
    """One product asked about, with the quantity and an optional target unit price (snapshot of SKU and title)."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sku = models.CharField(_("SKU"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    target_unit_price = models.DecimalField(_("target unit price"), max_digits=12, decimal_places=2, null=True,
                                            blank=True, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["inquiry_id", "id"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.sku}"


class Message(models.Model):
    """A message in an inquiry's thread."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    from_maker = models.BooleanField(default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.inquiry_id} #{self.pk}"


class Quote(TimeStampedModel):
    """A maker's priced offer answering an inquiry: lines in the buyer's currency, converted from MAD at a dated rate."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="quotes")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    currency = models.CharField(_("currency"), max_length=3)
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=[(c, c) for c in INCOTERMS])
    valid_until = models.DateField(_("valid until"))
    note = models.TextField(_("note"), blank=True)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2)
    total_mad = models.DecimalField(_("total (MAD)"), max_digits=14, decimal_places=2)
    rate = models.DecimalField(_("exchange rate (currency per MAD)"), max_digits=18, decimal_places=8)
    rate_date = models.DateField(_("rate date"), null=True, blank=True)
    rate_source = models.CharField(_("rate source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"quote {self.pk} for {self.inquiry}"


class QuoteLine(models.Model):
    """A priced line of a quote."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    description = models.CharField(_("description"), max_length=250)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    unit_price_mad = models.DecimalField(_("unit price (MAD)"), max_digits=12, decimal_places=2)
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    line_total = models.DecimalField(_("line total"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["quote_id", "id"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"


class AbuseReport(TimeStampedModel):
    """A report that an inquiry or its messages are spam or abusive, for staff moderation."""

    class Outcome(models.TextChoices):
        PENDING = "", _("pending")
        DISMISSED = "dismissed", _("dismissed")
        HIDDEN = "hidden", _("inquiry hidden")

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True, default="")
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"report {self.pk} on {self.inquiry}"


class GuestInquiry(TimeStampedModel):
    """A request for quotation sent by a visitor without an account, held until they confirm their e-mail.

    Makers never see these rows: confirming the signed link turns one into an `Inquiry` of a buyer account
    (created for the address, or the existing one) and records it in `inquiry`; unconfirmed rows expire.
    """

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), db_index=True)
    maker = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    destination_country = models.CharField(_("destination country (ISO 3166 alpha-3)"), max_length=3)
    message = models.TextField(_("message"))
    lines = models.JSONField(default=list)  # [{"product_id": int, "quantity": int}]
    language = models.CharField(max_length=8, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    inquiry = models.ForeignKey(Inquiry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["ip", "created_at"])]

    def __str__(self) -> str:
        return f"guest inquiry {self.pk} ({'confirmed' if self.confirmed_at else 'pending'})"
