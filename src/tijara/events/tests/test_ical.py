import datetime as dt
from pathlib import Path

import icalendar
import pytest
from django.utils import translation

from tijara.core.errors import PermissionDenied, TijaraError
from tijara.events import ical, services
from tijara.events.models import Event

pytestmark = pytest.mark.django_db
VALID = (Path(__file__).parent / "data" / "fairs-valid.ics").read_bytes()


def _snapshot():
    return sorted(Event.objects.values_list("slug", "name", "start", "end", "city", "country", "updated_at"))


def test_parse_real_format_file():
    items = ical.parse(VALID)
    assert [i.name for i in items] == ["Home Textile Week 2027", "Lantern and Lighting Days"]
    textile, lantern = items
    assert (textile.start, textile.end) == (dt.date(2027, 3, 10), dt.date(2027, 3, 13))  # DTEND is exclusive
    assert (textile.city, textile.country, textile.venue) == ("Lyon", "FRA", "Parc des Expositions, Hall 5")
    assert textile.crafts == ("rugs", "textiles") and "TRADE FAIR" in textile.warnings[0]
    assert textile.note.endswith("registration closes on 15 January 2027.")  # unfolded
    assert textile.registration_deadline == dt.date(2027, 1, 15)
    assert (lantern.start, lantern.end, lantern.country, lantern.crafts) == (
        dt.date(2027, 4, 20), dt.date(2027, 4, 22), "DEU", ("lighting",))


def test_import_creates_then_updates_by_uid(events_staff):
    before = Event.objects.count()
    result = services.ical_import(actor=events_staff, data=VALID, source="fairs.example.org",
                                  source_url="https://fairs.example.org/calendar.ics", as_of="2026-11-20")
    assert len(result.created) == 2 and Event.objects.count() == before + 2
    event = Event.objects.get(ical_uid="home-textile-week-2027@fairs.example.org")
    assert event.dates_confirmed and event.source == "fairs.example.org" and event.origin == "ical"
    again = services.ical_import(actor=events_staff, data=VALID.replace(b"20270310", b"20270311"),
                                 source="fairs.example.org")
    assert len(again.updated) == 2 and Event.objects.count() == before + 2
    assert Event.objects.get(pk=event.pk).start == dt.date(2027, 3, 11)


def _replace(old: bytes, new: bytes) -> bytes:
    assert old in VALID
    return VALID.replace(old, new, 1)


MALFORMED = [
    (_replace(b"SUMMARY:Home Textile Week 2027", b"SUMMARY Home Textile Week 2027"), 21, "no ':'"),
    (_replace(b"DTSTART;VALUE=DATE:20270310", b"DTSTART;VALUE=DATE:20271310"), 19, "DTSTART is not a valid date"),
    (_replace(b"DTEND;VALUE=DATE:20270314", b"DTEND;VALUE=DATE:20270301"), 20, "DTEND is before DTSTART"),
    (_replace(b"LOCATION:Messe,Frankfurt am Main,Germany", b"LOCATION:Messe hall 3"), 35, "country"),
    (_replace(b"END:VALARM", b"END:VEVENT"), 41, "closes BEGIN:VALARM"),
    (_replace(b"UID:lantern-days-2027@fairs.example.org", b"UID:home-textile-week-2027@fairs.example.org"), 30,
     "already used"),
    (_replace(b"VERSION:2.0\r\n", b""), 42, "no VERSION"),
    (VALID.rstrip(b"\r\n").rsplit(b"\r\n", 1)[0] + b"\r\n", 42, "never closed"),
    (b"BEGIN:VEVENT\r\nEND:VEVENT\r\n", 1, "must start with BEGIN:VCALENDAR"),
    (_replace(b"Lantern and Lighting Days", b"Lantern \xff Days"), 34, "not UTF-8"),
    (_replace(b"CATEGORIES:lamps\r\n", b"CATEGORIES:lamps\r\n\r\n"), 37, "empty line"),
]


@pytest.mark.parametrize("data, line, reason", MALFORMED)
def test_malformed_file_is_rejected_with_line_and_reason_and_nothing_changes(events_staff, data, line, reason):
    services.ical_import(actor=events_staff, data=VALID, source="fairs.example.org")
    before = _snapshot()
    with translation.override("en"), pytest.raises(TijaraError) as exc:  # the reason is read in English
        services.ical_import(actor=events_staff, data=data, source="fairs.example.org")
    assert exc.value.code == "invalid_ical"
    assert f"line {line}:" in exc.value.message and reason in exc.value.message, exc.value.message
    assert _snapshot() == before


def test_only_staff_import(owner_user):
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.ical_import(actor=owner_user, data=VALID, source="x")
    assert _snapshot() == before


def test_feed_is_valid_ical_with_confirmed_events_only(client, events_today):
    response = client.get("/events/feed.ics?market=ITA")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Artigiano in Fiera"]
    assert events[0].decoded("DTSTART") == dt.date(2026, 12, 5)
    assert events[0].decoded("DTEND") == dt.date(2026, 12, 14)  # exclusive end
    assert "milanoevents.it" in str(events[0]["DESCRIPTION"])
    # The feed parses back through our own importer (round trip).
    assert [i.name for i in ical.parse(response.content)] == ["Artigiano in Fiera"]
