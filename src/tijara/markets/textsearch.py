"""ORM-free text matching for the HS nomenclature: a BM25 score over the language core's stems (en/fr).

`HsIndex(docs)` takes `(key, english_text, french_text, level)` tuples and answers `search(query, lang, limit)`
with `(key, score, matched_terms)`; the selectors build one index per edition and cache it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from tijara.language.analysis import stem, stopwords
from tijara.language.normalise import fold, words

STOPWORDS = {"en": stopwords("nomenclature", "en"), "fr": stopwords("nomenclature", "fr")}
_LANGS = ("en", "fr")
__all__ = ["STOPWORDS", "HsIndex", "fold", "stem", "terms"]


def terms(text: str, lang: str) -> list[str]:
    """Stemmed terms of a text in one language (stopwords and one-letter words removed)."""
    return [stem(w, lang) for w in words(text) if len(w) > 1 and w not in STOPWORDS[lang]]


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
        langs = [lang] if lang in _LANGS else ["en", "fr"]
        query_words = [w for w in words(query) if len(w) > 1]
        # Each query word may stem differently in each language: keep the variants and score the best one.
        groups: list[tuple[str, set[str]]] = []
        for word in query_words:
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
