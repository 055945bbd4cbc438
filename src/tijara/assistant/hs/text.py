"""Text analysis for HS matching: a thin layer over the language core (``tijara.language``).

Kept for the classifier's imports; normalisation, tokens, stems and stop words live in the core.
"""

from __future__ import annotations

import re
from functools import cache

from tijara.language.analysis import stem, stopwords
from tijara.language.normalise import MAX_CHARS, arabic_ratio, clean_input, fold, normalise_arabic, words

normalize_arabic = normalise_arabic
raw_tokens = words
__all__ = ["MAX_CHARS", "arabic_ratio", "clean_input", "content_words", "fold", "index_tokens", "normalize_arabic",
           "raw_tokens", "stem", "strip_exclusions"]


def content_words(text: str, lang: str = "en") -> list[str]:
    """Folded tokens minus stop words of every supported language and one-letter tokens."""
    stops = stopwords("product")
    return [t for t in words(text) if t not in stops and (len(t) > 1 or t.isdigit())]


def index_tokens(text: str, lang: str) -> list[str]:
    """Stemmed content tokens of a text written in ``lang`` (en/fr/ar); marketplace filler words left out."""
    stops = _index_stops()
    return [stem(t, lang) for t in words(text) if t not in stops and len(t) > 1]


@cache
def _index_stops() -> frozenset[str]:
    return stopwords("product") | stopwords("filler")


_EXCL = re.compile(
    r"\((?:excl\.|excluding|other than|not |à l['’]excl|a l['’]excl|autres? que|sauf|non )[^()]*(?:\([^()]*\)[^()]*)*\)",
    re.IGNORECASE,
)


def strip_exclusions(text: str) -> str:
    """Drop parenthesised exclusions ("(excl. …)", "(à l'excl. …)", "(other than …)") from an official text.

    The words of an exclusion name what the line is *not*; indexing them would match the wrong products.
    """
    return _EXCL.sub(" ", text)
