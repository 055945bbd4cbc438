"""Language of a question: ar, fr or en (Darija in Arabic or Latin letters counts as ar)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tijara.assistant.qa.text import STOP, arabic_ratio, expand_darija, raw_tokens

SUPPORTED = ("ar", "fr", "en")
_lock = threading.Lock()
_detector = None


@dataclass(frozen=True)
class QuestionLanguage:
    language: str  # the language to answer in
    search_language: str  # the language of the words to search with (fr for Darija in Latin letters)
    darija: bool = False
    arabizi: bool = False
    method: str = ""


def _lingua():
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                try:
                    from lingua import Language, LanguageDetectorBuilder
                except ImportError:
                    _detector = False
                else:
                    _detector = LanguageDetectorBuilder.from_languages(
                        Language.ARABIC, Language.FRENCH, Language.ENGLISH).build()
    return _detector or None


def warm() -> None:
    """Build the detector now (so the first question does not pay for it)."""
    _lingua()


def _stop_vote(tokens: list[str]) -> str:
    fr = sum(1 for t in tokens if t in STOP["fr"])
    en = sum(1 for t in tokens if t in STOP["en"])
    return "fr" if fr > en else "en"


def detect(question: str, forced: str | None = None) -> QuestionLanguage:
    """Detect the question's language; `forced` (ar/fr/en) sets the answer language, not the search language."""
    found = _detect(question)
    if forced in SUPPORTED and forced != found.language:
        return QuestionLanguage(forced, found.search_language, darija=found.darija, arabizi=found.arabizi,
                                method=f"{found.method}+given")
    return found


def _detect(question: str) -> QuestionLanguage:
    _expanded, darija = expand_darija(question)
    if arabic_ratio(question) >= 0.3:
        return QuestionLanguage("ar", "ar", darija=darija, method="script")
    tokens = raw_tokens(question)
    if darija:
        # Darija in Latin letters: search with the French loanwords and their equivalents, answer in Arabic.
        return QuestionLanguage("ar", "fr", darija=True, arabizi=True, method="darija")
    detector = _lingua()
    fr_votes = sum(1 for t in tokens if t in STOP["fr"])
    en_votes = sum(1 for t in tokens if t in STOP["en"])
    if detector is not None and len(tokens) >= 2:
        best = detector.compute_language_confidence_values(question)[0]
        code = best.language.iso_code_639_1.name.lower()
        # short questions fool the detector; a clear stop-word majority overrides a weak verdict
        clear = "fr" if fr_votes >= en_votes + 2 else "en" if en_votes >= fr_votes + 2 else None
        if code in ("fr", "en") and (best.value >= 0.9 or (best.value >= 0.6 and clear in (None, code))):
            return QuestionLanguage(code, code, method="lingua")
    code = _stop_vote(tokens)
    return QuestionLanguage(code, code, method="stop-words")
