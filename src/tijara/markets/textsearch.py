"""ORM-free text matching for the HS nomenclature: accent folding, stemming (en/fr) and a BM25 score.

`HsIndex(docs)` takes `(key, english_text, french_text, level)` tuples and answers `search(query, lang, limit)`
with `(key, score, matched_terms)`; the selectors build one index per edition and cache it.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

import snowballstemmer

_STEM = {"en": snowballstemmer.stemmer("english"), "fr": snowballstemmer.stemmer("french")}
_WORD = re.compile(r"[a-z0-9]+")
_EN_STOP = ("a an and are as at be but by for from has in is it its not of on or other than that the their this "
            "to was were whether with without excl incl")
_FR_STOP = ("a au aux avec ce ces d dans de des du en et l la le les leur ou par pas pour sans se son sur un une "
            "autres autre excl meme memes")
STOPWORDS = {"en": set(_EN_STOP.split()), "fr": set(_FR_STOP.split())}


def fold(text: str) -> str:
    """Lowercase and strip accents (é → e, œ → oe) so 'noué' matches 'noue' and 'NOUÉS'."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """Snowball stem of one folded word (cached: the pure-Python stemmer is slow, the vocabulary small)."""
    return _STEM[lang].stemWord(word)


def terms(text: str, lang: str) -> list[str]:
    """Stemmed terms of a text in one language (stopwords and one-letter words removed)."""
    return [stem(w, lang) for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in STOPWORDS[lang]]


@dataclass
class _Doc:
    key: str
    level: int
    tf: Counter
    length: int


class HsIndex:
    """A small BM25 index over English and French texts of HS codes (both languages in one bag of stems)."""

    k1 = 1.2
    b = 0.75

    def __init__(self, docs):
        self.docs: list[_Doc] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        for key, text_en, text_fr, level in docs:
            bag = Counter(terms(text_en or "", "en")) + Counter(terms(text_fr or "", "fr"))
            idx = len(self.docs)
            self.docs.append(_Doc(key, level, bag, sum(bag.values()) or 1))
            for term in bag:
                self.postings[term].append(idx)
        self.avg_len = sum(d.length for d in self.docs) / max(len(self.docs), 1)

    def _idf(self, term: str) -> float:
        n = len(self.postings.get(term, ()))
        return math.log(1 + (len(self.docs) - n + 0.5) / (n + 0.5)) if n else 0.0

    def search(self, query: str, lang: str | None = None, limit: int = 20) -> list[tuple[str, float, list[str]]]:
        """Best matches for a query in French and/or English words: (key, score, matched query words)."""
        langs = [lang] if lang in _STEM else ["en", "fr"]
        words = [w for w in _WORD.findall(fold(query)) if len(w) > 1]
        # Each query word may stem differently in each language: keep the variants and score the best one.
        groups: list[tuple[str, set[str]]] = []
        for word in words:
            variants = {stem(word, lg) for lg in langs if word not in STOPWORDS[lg]}
            if variants:
                groups.append((word, variants))
        if not groups:
            return []
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, list[str]] = defaultdict(list)
        for word, variants in groups:
            best: dict[int, float] = {}
            for term in variants:
                idf = self._idf(term)
                for idx in self.postings.get(term, ()):
                    doc = self.docs[idx]
                    tf = doc.tf[term]
                    part = idf * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * doc.length / self.avg_len))
                    best[idx] = max(best.get(idx, 0.0), part)
            for idx, part in best.items():
                scores[idx] += part
                matched[idx].append(word)
        ranked = sorted(
            scores,
            key=lambda i: (-len(matched[i]), -(scores[i] + 0.05 * self.docs[i].level), self.docs[i].key),
        )
        return [(self.docs[i].key, round(scores[i], 4), matched[i]) for i in ranked[:limit]]
