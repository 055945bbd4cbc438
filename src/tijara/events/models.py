"""Trade fairs and buyers' events (sourced reference data and staff entries), and who follows which event."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import Confidence, Sourced, TimeStampedModel


class Event(TimeStampedModel, Sourced):
    """One fair or buyers' event. `start`/`end` are the next known dates (empty = not yet confirmed).

    `source`/`source_url`/`as_of` (from Sourced) say where the dates (or, without dates, the recurring facts) were
    read and that page's date; `confidence` grades them. `last_start`/`last_end` keep the last known edition.
    """

    class Visitors(models.TextChoices):
        TRADE = "trade", _("trade only")
        PUBLIC = "public", _("open to the public")
        BOTH = "both", _("trade and public days")

    class Origin(models.TextChoices):
        REFERENCE = "reference", _("shipped reference data")
        STAFF = "staff", _("added by staff")
        ICAL = "ical", _("iCalendar import")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country (ISO 3166 alpha-3)"), max_length=3, db_index=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    frequency = models.CharField(_("frequency"), max_length=200, blank=True)
    usual_months = models.JSONField(_("usual months"), default=list, blank=True)
    start = models.DateField(_("next start"), null=True, blank=True)
    end = models.DateField(_("next end"), null=True, blank=True)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    last_start = models.DateField(_("last known edition: start"), null=True, blank=True)
    last_end = models.DateField(_("last known edition: end"), null=True, blank=True)
    crafts = models.JSONField(_("craft families"), default=list, blank=True)
    craft_words = models.JSONField(_("craft words of the source"), default=list, blank=True,
                                   help_text=_("As written in the research or the calendar (e.g. tiles, home-decor)."))
    visitors = models.CharField(_("visitors"), max_length=8, choices=Visitors.choices, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    contacts = models.TextField(_("national pavilion or subsidy contacts"), blank=True)
    note = models.TextField(_("note"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=12, choices=Confidence.choices,
                                  default=Confidence.UNVERIFIED)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices, default=Origin.STAFF)
    ical_uid = models.CharField(_("iCalendar UID"), max_length=300, blank=True, db_index=True)
    is_edited = models.BooleanField(_("edited by staff"), default=False,
                                    help_text=_("Staff changes are kept when the reference data is reloaded."))

    class Meta:
        ordering = ["start", "name"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.name

    @property
    def dates_confirmed(self) -> bool:
        """Next dates known from a verified or secondary source (never from an unverified one)."""
        return self.start is not None and self.confidence != Confidence.UNVERIFIED


class EventFollow(TimeStampedModel):
    """A user who asked to be reminded of an event's registration deadline."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_follows",
                             verbose_name=_("user"))
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="follows", verbose_name=_("event"))
    reminded_for = models.DateField(_("reminder sent for the deadline of"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="events_follow_unique")]
        verbose_name = _("event follow")
        verbose_name_plural = _("event follows")
