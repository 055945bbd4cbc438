"""Saved export plans, who they are shared with, and advisors' comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import TimeStampedModel


class ExportPlan(TimeStampedModel):
    """One organisation's plan for one product (or description) and one market, with its computed sections."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="export_plans")
    product = models.ForeignKey("catalog.Product", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="export_plans")
    description = models.TextField(_("description"), blank=True)
    hs_code = models.CharField(_("HS code chosen"), max_length=12, blank=True)
    market = models.CharField(_("market (ISO 3166 alpha-3)"), max_length=3)
    language = models.CharField(_("language"), max_length=8, default="fr")
    channel = models.CharField(_("channel"), max_length=32, default="direct")
    ship_date = models.DateField(_("ship date"), null=True, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("export plan")
        verbose_name_plural = _("export plans")

    def __str__(self) -> str:
        return f"{self.title} → {self.market}"

    @property
    def title(self) -> str:
        if self.product_id:
            from tijara.catalog.selectors import product_text

            text, _served = product_text(self.product, self.language)
            return text.title if text and text.title else self.product.sku
        return (self.description[:60] + "…") if len(self.description) > 60 else self.description


class PlanShare(models.Model):
    """An advisor who may read and comment on a plan."""

    plan = models.ForeignKey(ExportPlan, on_delete=models.CASCADE, related_name="shares")
    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shared_plans")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["plan", "advisor"], name="unique_plan_share")]

    def __str__(self) -> str:
        return f"{self.plan_id} → {self.advisor}"


class PlanComment(models.Model):
    """A comment on a plan, by a member or a shared advisor."""

    plan = models.ForeignKey(ExportPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:40]


class Journey(TimeStampedModel):
    """Where one product stands on its way to export: the choices made so far (code, markets, channel, freight).

    Statuses of the steps are derived from these rows (`plans.journey.export_tasks_for`), never stored.
    """

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, related_name="journey")
    hs_code = models.CharField(_("customs code confirmed"), max_length=12, blank=True)
    markets = models.JSONField(_("markets compared"), default=list, blank=True)
    market = models.CharField(_("market chosen"), max_length=3, blank=True)
    channel = models.CharField(_("sales channel"), max_length=32, blank=True)
    freight_mad = models.DecimalField(_("freight quote (MAD)"), max_digits=10, decimal_places=2, null=True, blank=True)
    plan = models.ForeignKey(ExportPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("export journey")
        verbose_name_plural = _("export journeys")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.market or '-'}"
