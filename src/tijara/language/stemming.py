"""Snowball stemming per language, safe under threads, and the Arabic light stemmer. Pure Python.

``snowballstemmer`` stemmers keep the word being stemmed in the object: one stemmer shared by two threads
mixes their words (16 parallel searches gave HTTP 500s and wrong stems that a cache then kept). Here every
thread gets its own stemmer objects (``threading.local``), so a stem depends only on the word and the language
and the caches in front of it can never store a wrong one.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

SNOWBALL = {
    "ar": "arabic", "en": "english", "fr": "french", "es": "spanish", "de": "german", "it": "italian",
    "pt": "portuguese", "nl": "dutch",
}
# Raised whenever a stem may change for some word (the buyers' search index stores stems and rebuilds on change).
ANALYSER_VERSION = "1"
ARTICLE_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_local = threading.local()


def stemmer(language: str):
    """This thread's Snowball stemmer for a language (English when the language has none)."""
    cache = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    name = SNOWBALL.get(language, "english")
    found = cache.get(name)
    if found is None:
        found = cache[name] = snowballstemmer.stemmer(name)
    return found


@lru_cache(maxsize=400_000)
def snowball(word: str, language: str) -> str:
    """The Snowball stem of one word in a language (cached; every thread stems with its own stemmer)."""
    return stemmer(language).stemWord(word)


def strip_article(word: str, min_rest: int = 3) -> str:
    """An Arabic word without its article and proclitic (ال، وال، بال، كال، فال، لل) when min_rest letters remain."""
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= min_rest:
            return word[len(prefix):]
    return word


def stem_arabic(word: str) -> str:
    """Light stem of a normalised Arabic word: article off, then the Snowball stemmer on words over 3 letters."""
    bare = strip_article(word)
    return (snowball(bare, "ar") or bare) if len(bare) > 3 else bare
