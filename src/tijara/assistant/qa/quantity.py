"""The kind of quantity a question asks for (a duration, a rate, a fee, a price, a limit, any figure) and whether a
fact states one of that kind (`data/qa_quantities.toml`, project-written).

A fact near a question in meaning does not answer "how much does it cost" when it states no price: a lab-test
requirement holding a lead limit in ppm is not the price of the test, a fee in percent is not a monthly
subscription."""

from __future__ import annotations

import functools
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tijara.assistant.qa.named import _variants, phrase_words
from tijara.language.normalise import words as folded_words

PATH = Path(__file__).resolve().parents[1] / "data" / "qa_quantities.toml"
NUMBER_WORDS = Path(__file__).resolve().parents[1] / "data" / "number_words.json"
# Numbers that are not quantities: dates, years, and the numbers of laws, articles and forms.
_NOT_QUANTITIES = re.compile(
    r"\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s+\d{4})?\b|\b(1[89]|20)\d{2}\b"
    r"|\b(no|art|arts|article|articles|regulation|directive|decision|law|decree|decrees|form|section|protocol|cfr|"
    r"chapter|heading|subheading|phase|class|part)\.?\s*[\d./\-]+([\s,]*(and|to|-)\s*[\d./\-]+)*"
    r"|\b\d+\s+cfr\s+[\d.]+|\b[\d.]+\s*\(\d\)|\b\d{4}(\.\d{2}){1,3}\b|\b\d+/\d{2,4}\b|\b\d+\.\d+\.\d+", re.IGNORECASE)

# A fact ID a fact refers to ("see AGR-EU-03") is no quantity either.
_FACT_IDS = re.compile(r"\b[A-Z]{2,4}(?:-[A-Z0-9]{1,6}){1,3}\b")


@dataclass(frozen=True)
class Kind:
    key: str
    found: re.Pattern
    phrases: tuple[tuple[str, ...], ...]
    ignore: re.Pattern | None = None  # amounts that are no quantity of this kind (a value threshold is no price)
    dates: bool = False  # dates and years count (a "when" question), instead of being blanked first


@functools.cache
def kinds(path: Path = PATH) -> tuple[Kind, ...]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["kind"]
    return tuple(Kind(key=k["key"], found=re.compile(k["found"], re.IGNORECASE),
                      phrases=tuple(phrase_words(w) for w in k["words"] if folded_words(w)),
                      ignore=re.compile(k["ignore"], re.IGNORECASE) if k.get("ignore") else None,
                      dates=bool(k.get("dates", False))) for k in raw)


@functools.cache
def _by_first_word() -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """{first folded word of a phrase: ((kind index, phrase), ...)}."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for i, kind in enumerate(kinds()):
        for phrase in kind.phrases:
            index.setdefault(phrase[0], []).append((i, phrase))
    return {word: tuple(entries) for word, entries in index.items()}


def asked(question: str) -> str | None:
    """The kind of quantity the question asks for (the first in file order whose words it holds), or None."""
    index = _by_first_word()
    sets = [_variants(t) for t in folded_words(question)]
    found = len(kinds())
    for i, forms in enumerate(sets):
        for form in forms:
            for kind_index, phrase in index.get(form, ()):
                if kind_index < found and len(phrase) <= len(sets) - i and all(
                        phrase[j] in sets[i + j] for j in range(1, len(phrase))):
                    found = kind_index
    return kinds()[found].key if found < len(kinds()) else None


@functools.cache
def _number_words() -> re.Pattern:
    """A number written as a word ("listings last four months"), from data/number_words.json."""
    words = json.loads(NUMBER_WORDS.read_text(encoding="utf-8"))["words"]
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b", re.IGNORECASE)


def stated(text: str, kind: str) -> bool:
    """Does a fact's (English) text state a quantity of this kind? A number written as a word counts as one."""
    spec = next(k for k in kinds() if k.key == kind)
    text = _FACT_IDS.sub(" ", text)
    if not spec.dates:
        text = _NOT_QUANTITIES.sub(" ", text)
    if spec.ignore is not None:
        text = spec.ignore.sub(" ", text)
    return bool(spec.found.search(_number_words().sub("9", text)))


@functools.cache
def _units(path: Path = PATH) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, frozenset[str], re.Pattern], ...]]:
    """(cue phrases as folded words, ((unit key, folded unit words, what a fact must state), ...))."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    cues = tuple(tuple(folded_words(c)) for c in raw.get("per", {}).get("cues", []) if folded_words(c))
    units = tuple((u["key"], frozenset(w for word in u["words"] for w in folded_words(word)),
                   re.compile(u["found"], re.IGNORECASE)) for u in raw.get("unit", []))
    return cues, units


def per_unit(question: str) -> str | None:
    """The unit an amount is asked per ("per click", "par an", "لكل كيلو"), or None."""
    cues, units = _units()
    tokens = folded_words(question)
    for i in range(len(tokens)):
        for cue in cues:
            end = i + len(cue)
            if end < len(tokens) and tuple(tokens[i:end]) == cue:
                for key, words, _found in units:
                    if _variants(tokens[end]) & words:
                        return key
    return None


def stated_per(text: str, unit: str) -> bool:
    """Does a fact's (English) text state an amount per this unit?"""
    return any(found.search(text) for key, _words, found in _units()[1] if key == unit)
