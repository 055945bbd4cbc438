"""Shared model mixins: timestamps and provenance."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds created_at / updated_at."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Confidence(models.TextChoices):
    """How sure we are of a fact: the mark carried from the knowledge files."""

    VERIFIED = "verified", _("verified")
    SECONDARY = "secondary", _("secondary source")
    UNVERIFIED = "unverified", _("unverified")


class Sourced(models.Model):
    """Provenance of a reference record: where it comes from, its vintage and when we loaded it."""

    source = models.CharField(_("source"), max_length=300)
    source_url = models.CharField(_("source URL or repository path"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    as_of = models.CharField(
        _("vintage"), max_length=32, blank=True, help_text=_("Date or year the source describes (as published).")
    )
    retrieved_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def provenance(self) -> str:
        return f"{self.source} ({self.as_of})" if self.as_of else self.source
