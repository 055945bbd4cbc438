"""Writes of the events app: staff add/edit, iCalendar import (all or nothing), follows and e-mail reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from tijara.accounts.models import User
from tijara.core.errors import PermissionDenied, TijaraError
from tijara.core.models import Confidence
from tijara.events import ical
from tijara.events.models import Event, EventFollow

EDITABLE = ["name", "organiser", "city", "country", "venue", "frequency", "usual_months", "start", "end",
            "registration_deadline", "crafts", "visitors", "website", "contacts", "note", "confidence", "source",
            "source_url", "as_of"]


def is_events_staff(user) -> bool:
    """Platform admins and advisors add and edit events."""
    return bool(user and user.is_authenticated and (user.is_platform_admin or user.is_advisor))


def _require_staff(actor) -> None:
    if not is_events_staff(actor):
        raise PermissionDenied("forbidden", _("Only platform staff can add or change events."))


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:100] or "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check(data: dict) -> None:
    if not (data.get("name") or "").strip():
        raise TijaraError("invalid_event", _("Give the event's name."), field="name")
    country = (data.get("country") or "").strip().upper()
    if len(country) != 3 or not country.isalpha():
        raise TijaraError("invalid_event", _("Give the country as an ISO 3166 alpha-3 code, e.g. FRA."),
                          field="country")
    if not (data.get("source") or "").strip():
        raise TijaraError("invalid_event", _("Say where the facts were read (source)."), field="source")
    start, end = data.get("start"), data.get("end")
    if end and not start:
        raise TijaraError("invalid_event", _("An end date needs a start date."), field="end")
    if start and end and end < start:
        raise TijaraError("invalid_event", _("The end date is before the start date."), field="end")


def event_save(*, actor: User, data: dict, event: Event | None = None) -> Event:
    """Create (event=None) or update an event from staff input; reference events edited are kept on reload."""
    _require_staff(actor)
    data = {k: v for k, v in data.items() if k in EDITABLE}
    merged = {**({k: getattr(event, k) for k in EDITABLE} if event else {}), **data}
    _check(merged)
    merged["country"] = merged["country"].strip().upper()
    if merged.get("start") and not merged.get("end"):
        merged["end"] = merged["start"]
    with transaction.atomic():
        if event is None:
            event = Event(origin=Event.Origin.STAFF, slug=_unique_slug(merged["name"]),
                          checked_on=timezone.localdate())
        for k, v in merged.items():
            setattr(event, k, v)
        if event.origin == Event.Origin.REFERENCE:
            event.is_edited = True
        event.checked_on = timezone.localdate()
        event.full_clean(exclude=["slug"])
        event.save()
    return event


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def ical_import(*, actor: User, data: bytes, source: str, source_url: str = "", as_of: str = "",
                confidence: str = Confidence.SECONDARY) -> ImportResult:
    """Import the VEVENTs of an RFC 5545 file (matched by UID). A malformed file changes nothing."""
    _require_staff(actor)
    if not source.strip():
        raise TijaraError("invalid_import", _("Say where the calendar comes from (source)."), field="source")
    if confidence not in Confidence.values:
        raise TijaraError("invalid_import", _("Unknown confidence %(value)s.") % {"value": confidence},
                          field="confidence")
    try:
        items = ical.parse(data)
    except ical.IcalError as exc:
        raise TijaraError("invalid_ical", _("The calendar file was rejected at line %(line)s: %(reason)s. Nothing "
                                            "was changed.") % {"line": exc.line, "reason": exc.reason},
                          field="file") from exc
    result = ImportResult()
    today = timezone.localdate()
    with transaction.atomic():
        for it in items:
            result.warnings.extend(it.warnings)
            values = {"name": it.name, "city": it.city, "country": it.country, "venue": it.venue, "start": it.start,
                      "end": it.end, "website": it.url, "note": it.note, "crafts": list(it.crafts),
                      "craft_words": list(it.craft_words),
                      "registration_deadline": it.registration_deadline, "source": source.strip()[:300],
                      "source_url": source_url.strip()[:500], "as_of": as_of.strip()[:32], "confidence": confidence,
                      "checked_on": today, "usual_months": [it.start.month]}
            event = Event.objects.filter(ical_uid=it.uid).first()
            if event is None:
                Event.objects.create(slug=_unique_slug(it.name), origin=Event.Origin.ICAL, ical_uid=it.uid, **values)
                result.created.append(it.name)
            else:
                for k, v in values.items():
                    setattr(event, k, v)
                event.is_edited = event.origin == Event.Origin.REFERENCE or event.is_edited
                event.save()
                result.updated.append(it.name)
    return result


def follow(*, user: User, event: Event, on: bool = True) -> bool:
    """Follow (remind me) or stop following an event; returns whether the user now follows it."""
    if on:
        EventFollow.objects.get_or_create(user=user, event=event)
    else:
        EventFollow.objects.filter(user=user, event=event).delete()
    return on


def reminder_days() -> int:
    return int(getattr(settings, "TIJARA_EVENT_REMINDER_DAYS", 30))


def deadline_of(event: Event) -> tuple[dt.date | None, str]:
    """(date, kind) a reminder is computed from: the registration deadline, else the start; only confirmed dates."""
    if not event.dates_confirmed:
        return None, ""
    if event.registration_deadline:
        return event.registration_deadline, "registration"
    return event.start, "start"


def reminders_due(*, today: dt.date | None = None) -> list[EventFollow]:
    """Follows whose reminder window (N days before the deadline, up to the deadline) is open and not yet sent."""
    today = today or timezone.localdate()
    lead = dt.timedelta(days=reminder_days())
    due = []
    qs = EventFollow.objects.select_related("event", "user").filter(
        event__start__isnull=False, user__is_active=True).exclude(event__confidence=Confidence.UNVERIFIED)
    for f in qs:
        deadline, _kind = deadline_of(f.event)
        if deadline and deadline - lead <= today <= deadline and f.reminded_for != deadline:
            due.append(f)
    return due


def reminders_send(*, today: dt.date | None = None) -> int:
    """E-mail every due reminder once per deadline; returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for f in reminders_due(today=today):
        event, user = f.event, f.user
        deadline, kind = deadline_of(event)
        with override(getattr(user, "preferred_language", "") or "fr"):
            if kind == "registration":
                subject = _("Registration for %(name)s closes on %(date)s") % {"name": event.name,
                                                                                  "date": deadline.isoformat()}
            else:
                subject = _("%(name)s starts on %(date)s") % {"name": event.name, "date": deadline.isoformat()}
            body = "\n".join([
                subject + ".",
                _("Dates: %(start)s to %(end)s, %(city)s (%(country)s).") % {
                    "start": event.start, "end": event.end or event.start, "city": event.city,
                    "country": event.country},
                _("No registration deadline is published for this event: check it with the organiser.")
                if kind == "start" else "",
                _("Source: %(source)s (as of %(as_of)s).") % {"source": event.source_url or event.source,
                                                              "as_of": event.as_of or "—"},
                event.website or "",
                f"{settings.SITE_URL}/events/{event.slug}/",
            ])
        send_mail(subject, "\n".join(x for x in body.split("\n") if x), settings.DEFAULT_FROM_EMAIL, [user.email])
        EventFollow.objects.filter(pk=f.pk).update(reminded_for=deadline, reminded_at=timezone.now())
        sent += 1
    return sent
