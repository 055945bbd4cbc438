"""A value typed once in the catalog (a material, a technique, a colour) in the language of a feed or a page.

A seller types a product's materials and technique and a variant's colour once, in whatever language they write.
Only a value that is exactly a term's usual name is carried over to another language, so nothing is guessed:

- materials and techniques: the concepts of that kind in the craft vocabulary (``data/vocabulary.json``), by the
  first word of each language (its usual name: "wool", "laine", «صوف», "lana"); a concept's other words are
  near-synonyms grouped for search ("brass" and "bronze"), never a translation;
- colours: ``data/colours.json`` (project-written), where every word of an entry names the same colour.

A value that already is a word of the target language stays as typed ("bronze" on a French page). Anything else
("Fez blue") stays as typed too, and :func:`in_language` says it was not put into that language.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from .normalise import fold
from .vocabulary import vocabulary

LANGUAGES = ("ar", "fr", "en", "es")
KINDS = ("material", "technique", "colour")


def _key(value: str) -> str:
    return " ".join(fold(value).split())


def _bare(word: str, language: str) -> str:
    # "en or" (of gold) is how French writes the material after a noun; on its own the material is "or"
    return word[3:] if language == "fr" and word.startswith("en ") else word


@cache
def _entries(kind: str) -> tuple[dict[str, tuple[str, ...]], ...]:
    """Each term as {language: (usual name, other words of that language …)}."""
    if kind == "colour":
        raw = json.loads(resources.files("tijara.language").joinpath("data/colours.json").read_text("utf-8"))
        return tuple({lang: tuple(c.get(lang, ())) for lang in LANGUAGES} for c in raw["colours"])
    return tuple({lang: tuple(c.words.get(lang, ())) for lang in LANGUAGES}
                 for c in vocabulary().concepts if c.kind == kind)


@cache
def _usual(kind: str) -> dict[str, dict[str, str]]:
    """{folded source word: {language: usual name}}; a word two terms share names neither. For colours every word
    of an entry is a source (they name the same colour); for vocabulary concepts only the usual names are."""
    out: dict[str, dict[str, str]] = {}
    shared: set[str] = set()
    for names in _entries(kind):
        target = {lang: _bare(words[0], lang) for lang, words in names.items() if words}
        for words in names.values():
            for word in words if kind == "colour" else words[:1]:
                key = _key(word)
                if key in out and out[key] != target:
                    shared.add(key)
                out[key] = target
    return {k: v for k, v in out.items() if k not in shared}


@cache
def _written(kind: str, language: str) -> frozenset[str]:
    return frozenset(_key(w) for names in _entries(kind) for w in names.get(language, ()))


def in_language(value: str, language: str, kind: str) -> tuple[str, bool]:
    """(text, in the language): `value` as typed when it already is a word of `language`, its usual name there when it
    is a known term's usual name in another language ("laine" → "wool"), else as typed with False."""
    value = str(value or "").strip()
    if kind not in KINDS or not value:
        return value, False
    key = _key(value)
    if key in _written(kind, language):
        return value, True
    named = _usual(kind).get(key, {}).get(language)
    return (named, True) if named else (value, False)
