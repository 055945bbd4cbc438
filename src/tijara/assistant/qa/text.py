"""Text analysis for questions and facts: a thin layer over the language core (``tijara.language``).

Kept for the assistant's imports; Darija expansion, stems and stop words live in the core.
"""

from __future__ import annotations

from tijara.language.analysis import question_terms, question_tokens, stopwords
from tijara.language.darija import expand as expand_darija
from tijara.language.darija import is_arabizi_token
from tijara.language.normalise import ARABIC_CHARS, arabic_ratio, normalise_arabic, strip_accents

raw_tokens = question_tokens
STOP = {lang: stopwords("question", lang) for lang in ("en", "fr", "ar")}
__all__ = ["ARABIC_CHARS", "STOP", "analyse", "arabic_ratio", "expand_darija", "is_arabizi_token",
           "normalise_arabic", "raw_tokens", "strip_accents"]


def analyse(text: str, language: str, known=None) -> list[str]:
    """Search terms of a text in a language: normalised, stop words removed, stemmed (accents dropped); with
    ``known`` (an index's stems), Arabic words the index lacks are read again as verbs (language.analysis)."""
    return question_terms(text, language, known)
