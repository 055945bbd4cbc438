"""Etsy Open API v3 createDraftListing rules (channel-specs.md §2.3 and the §8 checklist)."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

from tijara.channels.problems import ETSY_LIFECYCLE, ETSY_REF, ETSY_TRANSLATIONS, Rule

DRAFT = ETSY_REF + "#operation/createDraftListing"
TITLE_CHARS = Rule("title_characters", "V", DRAFT)
TITLE_SPECIALS = Rule("title_special_once", "V", DRAFT)
TITLE_LENGTH = Rule("title_length", "S", DRAFT, conservative=True)
DESCRIPTION = Rule("description_required", "V", DRAFT)
TAGS_COUNT = Rule("tags_max_13", "S", DRAFT, conservative=True)
TAG_LENGTH = Rule("tag_length_20", "S", DRAFT, conservative=True)
TAG_START = Rule("tag_start", "S", DRAFT, conservative=True)
WHO_MADE = Rule("who_made", "V", DRAFT)
WHEN_MADE = Rule("when_made", "V", DRAFT)
TAXONOMY = Rule("taxonomy_id", "V", DRAFT)
QUANTITY = Rule("quantity_min_1", "V", DRAFT)
PRICE = Rule("price_positive", "V", DRAFT)
SHIPPING_PROFILE = Rule("shipping_profile_id", "V", DRAFT)
READINESS = Rule("readiness_state_id", "V", DRAFT)
IMAGES = Rule("image_before_activation", "V", ETSY_LIFECYCLE)
IMAGE_COUNT = Rule("images_max_20", "S", ETSY_REF + "#operation/uploadListingImage")
LANGUAGE = Rule("listing_language", "S", ETSY_TRANSLATIONS, conservative=True)

WHO_MADE_VALUES = ("i_did", "someone_else", "collective")
SUPPORTED_LANGUAGES = ("de", "en", "es", "fr", "it", "ja", "nl", "pt", "ru")
TITLE_SPECIAL = "%:&+"
TITLE_SYMBOLS = set("™©®")


@cache
def when_made() -> dict:
    with open(Path(__file__).resolve().parents[2] / "data" / "etsy_when_made.json", encoding="utf-8") as handle:
        return json.load(handle)


def title_bad_characters(title: str) -> list[str]:
    """Characters outside letters, digits, punctuation, math symbols, spaces and ™©® (`[^\\p{L}\\p{Nd}\\p{P}\\p{Sm}\\p{Zs}™©®]`)."""
    bad = []
    for char in title:
        category = unicodedata.category(char)
        if category[0] in "LP" or category in {"Nd", "Sm", "Zs"} or char in TITLE_SYMBOLS:
            continue
        bad.append(char)
    return bad


def tag_clean(tag: str) -> str:
    """Keep letters, digits, spaces, `-`, `'` and ™©®; other characters become spaces."""
    out = []
    for char in tag:
        category = unicodedata.category(char)
        ok = category[0] == "L" or category in {"Nd", "Zs"} or char in "-'" or char in TITLE_SYMBOLS
        out.append(char if ok else " ")
    return " ".join("".join(out).split())


def material_clean(value: str) -> str:
    """Materials: letters, digits and spaces only (`[^\\p{L}\\p{Nd}\\p{Zs}]` forbidden)."""
    out = [c if unicodedata.category(c)[0] == "L" or unicodedata.category(c) in {"Nd", "Zs"} else " " for c in value]
    return " ".join("".join(out).split())
