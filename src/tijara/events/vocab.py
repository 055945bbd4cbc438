"""Pure helpers shared by the loader, the iCalendar import and the pages (no ORM)."""

from __future__ import annotations

import datetime as dt
import re

from tijara.core.crafts import CRAFT_CODES
from tijara.language.vocabulary import vocabulary

# fairs.csv (and imported CATEGORIES) use their own craft words; their map to the platform's families
# (tijara.core.crafts) is data of the language core's craft vocabulary ("family_words").
CRAFT_MAP: dict[str, tuple[str, ...]] = vocabulary().family_word_map()
assert all(code in CRAFT_CODES for codes in CRAFT_MAP.values() for code in codes)

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MARK_TO_CONFIDENCE = {"V": "verified", "S": "secondary", "U": "unverified"}
LAST_RE = re.compile(r"last=(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")
EDITION_RE = re.compile(r"\b(last|previous)=(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")


def map_crafts(words: list[str]) -> tuple[list[str], list[str]]:
    """(platform families in taxonomy order, unknown words) for a list of craft words."""
    found: set[str] = set()
    unknown: list[str] = []
    for word in words:
        key = word.strip().lower()
        if not key:
            continue
        if key in CRAFT_MAP:
            found.update(CRAFT_MAP[key])
        else:
            unknown.append(word.strip())
    return [c for c in CRAFT_CODES if c in found], unknown


def parse_months(text: str) -> list[int]:
    """"January;September" → [1, 9]; raises ValueError on an unknown month name."""
    out = []
    for part in (text or "").split(";"):
        part = part.strip().lower()
        if part:
            out.append(MONTHS.index(part) + 1)
    return sorted(set(out))


def parse_last(note: str) -> tuple[dt.date | None, dt.date | None]:
    """The last known edition from a `last=YYYY-MM-DD..YYYY-MM-DD` token of a note."""
    match = LAST_RE.search(note or "")
    if not match:
        return None, None
    return dt.date.fromisoformat(match.group(1)), dt.date.fromisoformat(match.group(2))


def note_text(note: str) -> str:
    """A source note as a reader sees it: its `last=`/`previous=` date tokens (data for the loader) in words, in
    English like the note itself: `last=2026-02-06..2026-02-10` → "last edition Feb 6 – 10, 2026"."""
    from babel.dates import format_interval

    def words(match: re.Match) -> str:
        try:
            start, end = dt.date.fromisoformat(match.group(2)), dt.date.fromisoformat(match.group(3))
        except ValueError:
            return match.group(0)
        return f"{match.group(1)} edition {format_interval(start, end, 'yMMMd', locale='en')}"

    return EDITION_RE.sub(words, note or "")


def months_until(months: list[int], today: dt.date) -> int:
    """Months from today to the nearest usual month (0 = this month); 99 when no month is known (sort key only)."""
    if not months:
        return 99
    return min((m - today.month) % 12 for m in months)
