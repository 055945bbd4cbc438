"""Language detection: the product's own English/French model first, then one lingua detector per process, built
once and loaded lazily, for every language the product meets.

The product answers in ar, fr and en and must recognise the languages buyers and sellers also write
(Spanish, German, Italian, Portuguese, Dutch, Turkish) to say "not supported" rather than guess. Darija is
Arabic: in Arabic letters by script, in Latin letters (Arabizi) by its marker words and digits.

- :func:`detect_text` reads a product description (HS classifier): supported or not, Darija or not.
- :func:`detect_question` reads a question (assistant): the language to answer in and the one to search with.

Both read a Latin-script text with the product's own English/French model (:mod:`.enfr`: a naive Bayes of words
and letter trigrams fitted on the nomenclature, the knowledge base and the interface's texts in both languages,
shipped as a small precomputed file). A reading it leaves unsure (under :data:`.enfr.MARGIN`) goes by its lean
(:func:`_lean`: French from :data:`LEAN_FR` below zero, else English), never by lingua: on the two or three words
of a product ("bracelet", "men pants") lingua's English/French verdict was no better, and loading its two models
cost a cold first call as much as the rest of it. A description none of whose words the product's texts know
(:mod:`.corpus_words`) is names only (brands, drugs, models: "mounjaro (tirzepatide)"), in no language: it is read
as English, the classifier's fallback (every subheading has its English text; an unsupported language is answered
in English too). A question is never read as an unsupported language.

lingua (:func:`detector`, optional ``ai`` extra) is asked only by a description of four words or more that the
model is unsure of or that has more than :data:`MAX_UNKNOWN` words the product's texts do not know, to check it is
not in an unsupported language (:func:`_unsupported_language`): every Latin-script language's trigram models first
(lingua's low-accuracy mode, about 6 % of the load), then English, French and the language they name, the eight
languages' full models only when both name an unsupported language. lingua holds the GIL while it loads its
models, so they cannot load in a background thread beside the classifier's index; a server loads them all before
its first request (:func:`warm`). Without lingua no description is read as an unsupported language.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from . import corpus_words, enfr
from .darija import ambiguous_latin, expand, is_arabizi_token, markers
from .normalise import arabic_ratio, words

SUPPORTED = ("ar", "fr", "en")
RECOGNISED = SUPPORTED + ("es", "de", "it", "pt", "nl", "tr")
_LINGUA_NAMES = {"ar": "ARABIC", "fr": "FRENCH", "en": "ENGLISH", "es": "SPANISH", "de": "GERMAN",
                 "it": "ITALIAN", "pt": "PORTUGUESE", "nl": "DUTCH", "tr": "TURKISH"}
# An unsure reading of the English/French model (:mod:`.enfr`, log-odds under its margin) is French from this much
# below zero, else English, the classifier's fallback language (a prior of about 1.3 to 1 for English). Chosen on
# the dev split among 0 to 1.25 by quarters, as the largest that reads no French description worse than 0 does (a
# larger prior reads more of the English parcel declarations right but French ones wrong, and French is a main
# language of the product's users): of the 121 descriptions read so (118 English, 3 French), 88 right at 0, 97 at
# 0.25 (2 French), 102 at 0.5 (1 French), 113 at 1.25 (none). lingua's English/French detector and the shipped
# texts' words, which this replaced, read 92 of them right (1 French) and loaded two languages' models.
LEAN_FR = 0.25
# A description of four words or more (which could be in an unsupported language) is read by the English/French
# model (:mod:`.enfr`) without lingua's unsupported-language screen only when at most this many of its words are
# unknown to the product's texts (a word of another language is unknown too; the model reads "tappeto berbero
# annodato a mano in lana" as English; an abbreviation without a vowel letter is not counted). The rule of the word
# lists this model replaced: 2 lets more descriptions skip the screen on dev but would pass a 4-word description
# with 2 foreign words as English or French.
MAX_UNKNOWN = 1
_lock = threading.Lock()
_detectors: dict[tuple, object] = {}  # (languages, low accuracy) → lingua detector (False without lingua)


def _builder(languages: tuple[str, ...], low_accuracy: bool = False):
    """A lingua detector builder for ``languages`` (None without lingua)."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    builder = LanguageDetectorBuilder.from_languages(*(getattr(Language, _LINGUA_NAMES[c]) for c in languages))
    return builder.with_low_accuracy_mode() if low_accuracy else builder


def detector(languages: tuple[str, ...] = RECOGNISED, low_accuracy: bool = False):
    """The process's lingua detector for ``languages`` (None without lingua), built once. Its language models load
    when a text first needs them, only those of its languages whose letters the text has (Arabic letters never load
    the Latin-script models); lingua keeps them once per process for every detector (the low-accuracy one reads the
    same trigram models). :func:`warm` loads them all."""
    key = (languages, low_accuracy)
    det = _detectors.get(key)
    if det is None:
        with _lock:
            det = _detectors.get(key)
            if det is None:
                builder = _builder(languages, low_accuracy)
                det = _detectors[key] = builder.build() if builder else False
    return det or None


def lingua_available() -> bool:
    """Whether lingua is installed (asking loads no model)."""
    return detector() is not None


def warm() -> None:
    """Load every language model now (a server, before its first request), for every detector of the process, and
    the English/French model (:mod:`.enfr`)."""
    enfr.model()
    builder = _builder(RECOGNISED)
    if builder:
        builder.with_preloaded_language_models().build()


def confidences(text: str, languages: tuple[str, ...] | None = None,
                low_accuracy: bool = False) -> list[tuple[str, float]]:
    """(ISO 639-1 code, confidence) best first; with ``languages``, only those, summing to 1, from a detector of
    those languages alone (it loads only their models; lingua weighs each language on its own, so they keep their
    shares of the full detector's confidences). ``low_accuracy``: from the trigram models alone (lingua's
    low-accuracy mode: far less to load, unreliable on a few words)."""
    det = detector(languages or RECOGNISED, low_accuracy)
    if det is None:
        return []
    values = [(v.language.iso_code_639_1.name.lower(), v.value) for v in det.compute_language_confidence_values(text)]
    if languages:
        values = [(c, v) for c, v in values if c in languages]
        total = sum(v for _c, v in values)
        values = [(c, v / total) for c, v in values] if total > 0 else []
    return sorted(values, key=lambda cv: -cv[1])


@dataclass(frozen=True)
class Detected:
    """The language of a product description."""

    lang: str  # ar | fr | en, or the ISO code of an unsupported language, or "und"
    supported: bool
    darija: bool = False
    arabizi: bool = False
    method: str = "script"


def detect_text(text: str, hint: str | None = None) -> Detected:
    """Detect the language of a product description; ``hint`` (ar/fr/en) wins when given."""
    tokens = words(text)
    latin_markers, arabic_markers = markers("latin"), markers("arabic")
    if hint in SUPPORTED:
        return Detected(hint, True, darija=bool(set(tokens) & (latin_markers | arabic_markers)), method="given")
    if not tokens:
        return Detected("und", False, method="empty")
    if arabic_ratio(text) >= 0.3:
        return Detected("ar", True, darija=bool(set(tokens) & arabic_markers), method="script")
    letters = [c for c in text if c.isalpha()]
    if letters and sum(1 for c in letters if "a" <= c.lower() <= "z" or c in "àâäçéèêëîïôöùûüÿœæ") / len(letters) < 0.5:
        return Detected("und", False, method="script")  # Cyrillic, CJK, Greek … not supported
    # Evidence that only counts next to an unambiguous Darija word: a marker that is also an English or French
    # word ("wash", "fin") or as short as an abbreviation ("mn", "bla"), and a word ending in a digit, which is
    # as often a model number ("no7", "ext2") as Arabizi.
    ambiguous = ambiguous_latin() | {m for m in latin_markers if len(m) <= 3}
    weak = [t for t in tokens if (t in latin_markers and t in ambiguous) or (is_arabizi_token(t) and t[-1].isdigit())]
    strong = [t for t in tokens if (t in latin_markers or is_arabizi_token(t)) and t not in weak]
    darija_hits = len(strong) + (len(weak) if strong else 0)
    if darija_hits and darija_hits >= max(1, len(tokens) // 4):
        return Detected("ar", True, darija=True, arabizi=True, method="darija-words")
    reading = enfr.read(text)
    # From four words, a description with words the product's texts do not know, or that the model is unsure of, may
    # be in an unsupported language: lingua's screens decide that (each can only leave it English or French); under
    # four words a description is never read as one
    if len(tokens) >= 4 and (reading.unknown > MAX_UNKNOWN or reading.lang is None):
        other = _unsupported_language(text)
        if other:
            return Detected(other, False, method="lingua")
    if reading.lang:
        return Detected(reading.lang, True, method="words-model")
    if corpus_words.vote(text) is None:  # names only: no language to read, the classifier's fallback language
        return Detected("en", True, method="names")
    return Detected(_lean(reading), True, method="words-model-lean")


def _lean(reading: enfr.Reading) -> str:
    """The language an unsure reading of the English/French model leans to: French from :data:`LEAN_FR` below
    zero, else English (the classifier's fallback language)."""
    return "fr" if reading.score <= -LEAN_FR else "en"


def _unsupported(values: list[tuple[str, float]]) -> str | None:
    """The unsupported language lingua's ``values`` name with real evidence (short product titles are often misread):
    the first language, at 0.6 or more or with the supported languages under 0.15 together; else None."""
    code, value = values[0]
    supported = sum(v for c, v in values if c in SUPPORTED)
    return code if code not in SUPPORTED and (value >= 0.6 or supported <= 0.15) else None


def _unsupported_language(text: str) -> str | None:
    """The unsupported language a description of four words or more is written in, or None: what the detector of
    every recognised language names (:func:`_unsupported`). Its models (all n-gram orders of the eight Latin-script
    languages) are a cold process's largest load, so it is asked only when two cheaper readings name an unsupported
    language too: every language's trigram models alone (lingua's low-accuracy mode), then a detector of English,
    French and the language they name (one more model; it gives that language at least its full-detector share).
    Neither adds a verdict: each can only leave a description English or French. Most descriptions stop at the
    first (of the 828 evaluation texts that meet the screen, 553; 221 stop at the second and 54 reach the full
    detector); when the screens were added they left 10 of its 38 unsupported verdicts on them English or French, all
    English parcel declarations of abbreviated brand names ("tommee tippee sangenic twist", "mac macximal sm
    lpstck velvet"), now English (one French). A description written in another language meets
    all three (``handgeknüpfter Teppich aus reiner Wolle``)."""
    rough = confidences(text, low_accuracy=True)
    if not rough or not _unsupported(rough):
        return None
    if not _unsupported(confidences(text, ("en", "fr", rough[0][0]))):
        return None
    return _unsupported(confidences(text))


@dataclass(frozen=True)
class QuestionLanguage:
    """The language of a question."""

    language: str  # the language to answer in
    search_language: str  # the language of the words to search with (fr for Darija in Latin letters)
    darija: bool = False
    arabizi: bool = False
    method: str = ""


def detect_question(question: str, forced: str | None = None) -> QuestionLanguage:
    """Detect a question's language; ``forced`` (ar/fr/en) sets the answer language, not the search language."""
    found = _question(question)
    if forced in SUPPORTED and forced != found.language:
        return QuestionLanguage(forced, found.search_language, darija=found.darija, arabizi=found.arabizi,
                                method=f"{found.method}+given")
    return found


def _question(question: str) -> QuestionLanguage:
    _expanded, darija = expand(question)
    if arabic_ratio(question) >= 0.3:
        return QuestionLanguage("ar", "ar", darija=darija, method="script")
    if darija:
        # Darija in Latin letters: search with the French loanwords and their equivalents, answer in Arabic.
        return QuestionLanguage("ar", "fr", darija=True, arabizi=True, method="darija")
    # a question is never read as an unsupported language: no screen; an unsure reading goes by its lean
    reading = enfr.read(question)
    if reading.lang:
        return QuestionLanguage(reading.lang, reading.lang, method="words-model")
    code = _lean(reading)
    return QuestionLanguage(code, code, method="words-model-lean")


__all__ = ["Detected", "QuestionLanguage", "SUPPORTED", "confidences", "detect_question", "detect_text", "detector",
           "is_arabizi_token", "lingua_available", "warm"]
