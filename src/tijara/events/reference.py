"""Load the shipped fairs pack (`events/data/fairs.csv`) into Event rows (idempotent).

The pack is the fairs research of 2026-11-29 (see data/SOURCES.md). Rows are matched by slug; rows edited by staff
(`is_edited`) keep their changes; reference rows that left the pack are deleted.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from urllib.parse import urlparse

from django.db import transaction
from django.utils.text import slugify

from tijara.core.errors import TijaraError
from tijara.events import vocab

DATA = Path(__file__).resolve().parent / "data" / "fairs.csv"
CHECKED_ON = dt.date(2026, 11, 29)  # the day the fairs research was done (stored public pages)
LICENCE = "facts from public pages, summarised by the Tijara research"
FIELDS = ["name", "organiser", "city", "country_iso3", "venue", "frequency", "usual_months", "next_start", "next_end",
          "dates_source_url", "dates_source_date", "craft_families", "visitors", "website", "confidence", "note"]


def _fail(line: int, reason: str):
    raise TijaraError("bad_pack", f"{DATA.name}: line {line}: {reason}")


def _date(value: str, line: int, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(line, f"{name} is not a date: {value!r}")


def read_pack(path: Path = DATA) -> list[dict]:
    """Parse and validate the pack; returns Event field dicts. Raises TijaraError naming the line and reason."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != FIELDS:
            _fail(1, f"unexpected columns {reader.fieldnames}")
        seen = set()
        for row in reader:
            line = reader.line_num
            name = row["name"].strip()
            if not name:
                _fail(line, "empty name")
            country = row["country_iso3"].strip().upper()
            if len(country) != 3 or not country.isalpha():
                _fail(line, f"country is not an ISO3 code: {country!r}")
            mark = row["confidence"].strip()
            if mark not in vocab.MARK_TO_CONFIDENCE:
                _fail(line, f"confidence must be V, S or U, not {mark!r}")
            try:
                months = vocab.parse_months(row["usual_months"])
            except ValueError:
                _fail(line, f"unknown month in {row['usual_months']!r}")
            crafts, unknown = vocab.map_crafts(row["craft_families"].split(";"))
            if unknown:
                _fail(line, f"unknown craft families {unknown}")
            start = _date(row["next_start"].strip(), line, "next_start")
            end = _date(row["next_end"].strip(), line, "next_end")
            if end and not start or (start and end and end < start):
                _fail(line, "next_end without next_start, or before it")
            note = row["note"].strip()
            last_start, last_end = vocab.parse_last(note)
            slug = slugify(name)[:120]
            if slug in seen:
                _fail(line, f"duplicate event {name!r}")
            seen.add(slug)
            source_url = row["dates_source_url"].strip()
            visitors = row["visitors"].strip()
            if visitors not in ("trade", "public", "both", ""):
                _fail(line, f"unknown visitors value {visitors!r}")
            rows.append({
                "slug": slug, "name": name, "organiser": row["organiser"].strip(), "city": row["city"].strip(),
                "country": country, "venue": row["venue"].strip(), "frequency": row["frequency"].strip(),
                "usual_months": months, "start": start, "end": end or start, "last_start": last_start,
                "last_end": last_end, "crafts": crafts,
                "craft_words": [w.strip().lower() for w in row["craft_families"].split(";") if w.strip()], "visitors": visitors, "website": row["website"].strip(),
                "note": note, "confidence": vocab.MARK_TO_CONFIDENCE[mark],
                "source": urlparse(source_url).netloc.removeprefix("www.") or "Tijara fairs research",
                "source_url": source_url, "as_of": row["dates_source_date"].strip(), "licence": LICENCE,
                "checked_on": CHECKED_ON,
            })
    return rows


def load(*, stdout=None, verbosity: int = 1) -> dict[str, int]:
    """Create or update the reference events; returns {"event": count}."""
    from tijara.events.models import Event

    rows = read_pack()
    with transaction.atomic():
        existing = {e.slug: e for e in Event.objects.filter(origin=Event.Origin.REFERENCE)}
        create, update = [], []
        fields = [f for f in rows[0] if f != "slug"]
        for row in rows:
            event = existing.pop(row["slug"], None)
            if event is None:
                if Event.objects.filter(slug=row["slug"]).exists():
                    continue  # a staff event already uses this slug: keep it
                create.append(Event(origin=Event.Origin.REFERENCE, **row))
            elif not event.is_edited:
                changed = False
                for f in fields:
                    if getattr(event, f) != row[f]:
                        setattr(event, f, row[f])
                        changed = True
                if changed:
                    update.append(event)
        Event.objects.bulk_create(create)
        if update:
            Event.objects.bulk_update(update, fields)
        gone = [e.pk for e in existing.values() if not e.is_edited]
        Event.objects.filter(pk__in=gone).delete()
    return {"event": Event.objects.filter(origin=Event.Origin.REFERENCE).count()}
