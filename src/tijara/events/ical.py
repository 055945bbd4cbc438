"""iCalendar (RFC 5545) import and export of events (pure: no ORM).

Import: a line-numbered structural pass (unfolding, `NAME;PARAMS:VALUE` shape, BEGIN/END nesting, required
properties) so that a malformed file is rejected with its line and the reason; then the `icalendar` library decodes
the values. Export: a VCALENDAR of dated events that a phone calendar can subscribe to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import icalendar
import pycountry

from tijara.events import vocab

MAX_BYTES = 2 * 1024 * 1024
NAME_RE = re.compile(r"^[A-Za-z0-9-]+$")
COUNTRY_ALIASES = {"UK": "GBR", "ENGLAND": "GBR", "USA": "USA", "US": "USA", "UAE": "ARE"}


class IcalError(ValueError):
    """A malformed file: the (1-based) line and the reason."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass
class Prop:
    line: int
    name: str
    params: str
    value: str


@dataclass
class Component:
    name: str
    line: int
    end_line: int = 0
    props: list[Prop] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def get(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)


@dataclass(frozen=True)
class ImportedEvent:
    uid: str
    name: str
    start: dt.date
    end: dt.date
    city: str
    country: str
    venue: str
    url: str
    note: str
    crafts: tuple[str, ...]
    craft_words: tuple[str, ...]
    registration_deadline: dt.date | None
    line: int
    warnings: tuple[str, ...] = ()


def _split(line_no: int, text: str) -> Prop:
    """NAME[;PARAM=...]:VALUE, with quoted parameter values that may contain ':' or ';'."""
    in_quotes = False
    for i, ch in enumerate(text):
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == ":" and not in_quotes:
            head, value = text[:i], text[i + 1:]
            name, _sep, params = head.partition(";")
            if not NAME_RE.match(name):
                raise IcalError(line_no, f"invalid property name {name!r}")
            return Prop(line_no, name.upper(), params, value)
    if in_quotes:
        raise IcalError(line_no, "unclosed quote in the property parameters")
    raise IcalError(line_no, f"no ':' between the property name and its value in {text[:40]!r}")


def structure(data: bytes) -> Component:
    """The VCALENDAR tree with line numbers; raises IcalError on the first structural problem."""
    if len(data) > MAX_BYTES:
        raise IcalError(1, f"file larger than {MAX_BYTES // 1024 // 1024} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise IcalError(line, "not UTF-8 text") from None
    physical = re.split(r"\r\n|\n|\r", text)
    while physical and physical[-1] == "":
        physical.pop()
    if not physical:
        raise IcalError(1, "empty file")
    logical: list[tuple[int, str]] = []
    for no, raw in enumerate(physical, start=1):
        if raw[:1] in (" ", "\t"):
            if not logical:
                raise IcalError(no, "continuation line with nothing before it")
            start, prev = logical[-1]
            logical[-1] = (start, prev + raw[1:])
        elif raw == "":
            raise IcalError(no, "empty line inside the calendar")
        else:
            logical.append((no, raw))
    stack: list[Component] = []
    root: Component | None = None
    for no, content in logical:
        prop = _split(no, content)
        if prop.name == "BEGIN":
            comp = Component(prop.value.strip().upper(), no)
            if not stack:
                if root is not None:
                    raise IcalError(no, "content after END:VCALENDAR")
                if comp.name != "VCALENDAR":
                    raise IcalError(no, f"the file must start with BEGIN:VCALENDAR, not BEGIN:{comp.name}")
                root = comp
            else:
                stack[-1].children.append(comp)
            stack.append(comp)
        elif prop.name == "END":
            name = prop.value.strip().upper()
            if not stack:
                raise IcalError(no, f"END:{name} without a matching BEGIN")
            if stack[-1].name != name:
                raise IcalError(no, f"END:{name} closes BEGIN:{stack[-1].name} of line {stack[-1].line}")
            stack.pop().end_line = no
        else:
            if not stack:
                raise IcalError(no, "property outside BEGIN:VCALENDAR … END:VCALENDAR")
            stack[-1].props.append(prop)
    if root is None:
        raise IcalError(1, "no BEGIN:VCALENDAR")
    if stack:
        raise IcalError(len(physical), f"BEGIN:{stack[-1].name} of line {stack[-1].line} is never closed")
    for required in ("VERSION", "PRODID"):
        if root.get(required) is None:
            raise IcalError(root.end_line, f"the calendar has no {required} property (required by RFC 5545)")
    version = root.get("VERSION")
    if version.value.strip() != "2.0":
        raise IcalError(version.line, f"VERSION must be 2.0, not {version.value!r}")
    return root


def _date(prop: Prop, what: str) -> tuple[dt.date, bool]:
    """(date, is_all_day) of a DTSTART/DTEND/X- date property."""
    try:
        value = icalendar.vDDDTypes.from_ical(prop.value.strip())
    except Exception:  # noqa: BLE001 - the library raises ValueError or its own errors
        raise IcalError(prop.line, f"{what} is not a valid date or date-time: {prop.value!r}") from None
    if isinstance(value, dt.datetime):
        return value.date(), False
    if isinstance(value, dt.date):
        return value, True
    raise IcalError(prop.line, f"{what} must be a date or date-time, not {prop.value!r}")


def unescape(value: str) -> str:
    """RFC 5545 TEXT unescaping (3.3.11): \\\\ \\; \\, \\n."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _text(prop: Prop | None) -> str:
    if prop is None:
        return ""
    return unescape(prop.value).strip()


def _country(code: str) -> str | None:
    code = code.strip()
    if not code:
        return None
    if code.upper() in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[code.upper()]
    try:
        return pycountry.countries.lookup(code).alpha_3
    except LookupError:
        return None


def parse(data: bytes) -> list[ImportedEvent]:
    """Every VEVENT of a calendar file; raises IcalError (line, reason) on the first problem."""
    root = structure(data)
    try:
        icalendar.Calendar.from_ical(data.decode("utf-8-sig"))
    except Exception as exc:  # noqa: BLE001 - anything the library refuses is a malformed file
        raise IcalError(1, f"the iCalendar library refused the file: {exc}") from None
    events: list[ImportedEvent] = []
    seen: dict[str, int] = {}
    for comp in root.children:
        if comp.name != "VEVENT":
            continue
        uid, summary, dtstart = comp.get("UID"), comp.get("SUMMARY"), comp.get("DTSTART")
        for prop, name in ((uid, "UID"), (summary, "SUMMARY"), (dtstart, "DTSTART")):
            if prop is None or not prop.value.strip():
                raise IcalError(comp.line, f"the event starting here has no {name}")
        uid_text = uid.value.strip()
        if uid_text in seen:
            raise IcalError(uid.line, f"UID {uid_text!r} already used by the event of line {seen[uid_text]}")
        seen[uid_text] = comp.line
        start, all_day = _date(dtstart, "DTSTART")
        end = start
        dtend = comp.get("DTEND")
        if dtend is not None:
            end, end_all_day = _date(dtend, "DTEND")
            if all_day and end_all_day:
                end = end - dt.timedelta(days=1)  # DTEND of all-day events is exclusive (RFC 5545 3.6.1)
            if end < start:
                raise IcalError(dtend.line, "DTEND is before DTSTART")
        # LOCATION is one TEXT value ("venue, city, country"; commas are escaped in the file): unescape, then split.
        parts = [p.strip() for p in _text(comp.get("LOCATION")).split(",")]
        parts = [p for p in parts if p]
        country_prop = comp.get("X-TIJARA-COUNTRY")
        if country_prop is not None:
            country = _country(country_prop.value)
            if country is None:
                raise IcalError(country_prop.line, f"unknown country {country_prop.value!r}")
        else:
            country = _country(parts[-1]) if parts else None
            if country is None:
                where = comp.get("LOCATION").line if comp.get("LOCATION") else comp.line
                raise IcalError(where, "cannot tell the event's country: end LOCATION with the country name or add "
                                       "X-TIJARA-COUNTRY")
        city_prop = comp.get("X-TIJARA-CITY")
        city = _text(city_prop) if city_prop else (parts[-2] if len(parts) >= 2 else "")
        venue = ", ".join(parts[:-2]) if len(parts) >= 3 else ""
        words: list[str] = []
        for p in comp.props:
            if p.name == "CATEGORIES":
                words.extend(unescape(w) for w in re.split(r"(?<!\\),", p.value))
        crafts, unknown = vocab.map_crafts(words)
        warnings = tuple(f"line {comp.line}: category {w!r} is not a craft family (ignored)" for w in unknown)
        deadline_prop = comp.get("X-TIJARA-REGISTRATION-DEADLINE")
        deadline = _date(deadline_prop, "X-TIJARA-REGISTRATION-DEADLINE")[0] if deadline_prop else None
        url = _text(comp.get("URL"))
        if url and not re.match(r"^https?://", url):
            raise IcalError(comp.get("URL").line, f"URL must start with http:// or https://, not {url!r}")
        events.append(ImportedEvent(
            uid=uid_text[:300], name=_text(summary)[:200], start=start, end=end, city=city[:120], country=country,
            venue=venue[:300], url=url[:300], note=_text(comp.get("DESCRIPTION")), crafts=tuple(crafts),
            craft_words=tuple(w.strip().lower() for w in words if w.strip().lower() in vocab.CRAFT_MAP),
            registration_deadline=deadline, line=comp.line, warnings=warnings))
    if not events:
        raise IcalError(root.end_line, "the calendar contains no VEVENT")
    return events


def export(items, *, name: str, site_url: str, stamp: dt.datetime) -> bytes:
    """A VCALENDAR with one all-day VEVENT per event whose dates are confirmed (undated events cannot be placed)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Tijara//Fairs and buyers' events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    for e in items:
        if not (e.dates_confirmed and e.start):
            continue
        ev = icalendar.Event()
        ev.add("uid", f"{e.slug}-{e.start.isoformat()}@{site_url.split('://')[-1]}")
        ev.add("dtstamp", stamp)
        ev.add("summary", e.name)
        ev.add("dtstart", e.start)
        ev.add("dtend", (e.end or e.start) + dt.timedelta(days=1))
        ev.add("location", ", ".join(x for x in (e.venue, e.city, e.country) if x))
        if e.url:
            ev.add("url", e.url)
        ev.add("description", f"Source: {e.source} (as of {e.as_of}). Check the dates with the organiser.")
        ev.add("categories", list(e.crafts) or ["fair"])
        cal.add_component(ev)
    return cal.to_ical()
