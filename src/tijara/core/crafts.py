"""The craft-family taxonomy shared by accounts, catalog, knowledge and events (codes are stable).

The catalog app loads these into its CraftFamily table, where staff can add more.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from django.utils.translation import gettext_lazy as _

_DATA = json.loads((Path(__file__).parent / "data" / "crafts.json").read_text(encoding="utf-8"))

# code, English, French, Arabic (names live in data/crafts.json, not in code)
CRAFT_FAMILIES: list[tuple[str, str, str, str]] = [
    (row["code"], row["en"], row["fr"], row["ar"]) for row in _DATA["craft_families"]["rows"]]

CRAFT_CODES = [code for code, *_names in CRAFT_FAMILIES]


def craft_name(code: str, language: str) -> str:
    for c, en, fr, ar in CRAFT_FAMILIES:
        if c == code:
            return {"fr": fr, "ar": ar}.get(language, en)
    return code


def craft_choices() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    lang = (get_language() or "en")[:2]
    return [(code, craft_name(code, lang)) for code in CRAFT_CODES]


# The twelve regions of Morocco (2015 division): code, French/English name (official), Arabic name.
REGIONS: list[tuple[str, str, str]] = [(row["code"], row["latin"], row["ar"]) for row in _DATA["regions"]["rows"]]
REGION_CODES = [code for code, *_names in REGIONS]


def region_name(code: str, language: str) -> str:
    for c, latin, ar in REGIONS:
        if c == code:
            return ar if language == "ar" else latin
    return code


def region_code(name: str) -> str | None:
    """A region's code for its code or its name in Latin letters or Arabic, ignoring case, accents, hyphens and the
    word « جهة » ("Fès-Meknès", "fes meknes", "فاس مكناس" → `fes-meknes`); None when no region has that name."""
    def key(text: str) -> str:
        text = unicodedata.normalize("NFKD", str(text or "")).casefold()
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = re.sub(r"^جهة\s+", "", text.strip())
        return re.sub(r"[\s\-‐–—_'’]+", " ", text).strip()

    wanted = key(name)
    if not wanted:
        return None
    for code, latin, arabic in REGIONS:
        if wanted in (key(code), key(latin), key(arabic)):
            return code
    return None


def region_choices() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    lang = (get_language() or "en")[:2]
    return [("", _("—"))] + [(code, region_name(code, lang)) for code in REGION_CODES]
