"""Search-index analysis (identical at index and query time) over the language core, plus typo tolerance.

Normalisation, tokens and stems come from ``tijara.language``; the index stores stems, so its schema version
includes the core's ``ANALYSER_VERSION`` and a change of stems rebuilds it.
"""

from __future__ import annotations

from tijara.language import normalise as _normalise
from tijara.language.analysis import stem as _stem
from tijara.language.analysis import stopwords
from tijara.language.normalise import is_arabic
from tijara.language.stemming import ANALYSER_VERSION, SNOWBALL

# Languages whose Snowball stemmer is applied to Latin-script query words (a query's language is unknown).
QUERY_LATIN_LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl")
MAX_QUERY_CHARS = 500
MAX_QUERY_TOKENS = 12
STOPWORDS = stopwords("search")
__all__ = ["ANALYSER_VERSION", "SNOWBALL", "Vocabulary", "index_terms", "is_arabic", "normalize", "query_variants",
           "query_words", "stem", "words"]


def normalize(text: str) -> str:
    """Case-folded NFKC text without Latin accents, Arabic diacritics, tatweel or letter variants."""
    return _normalise.fold(text or "")


def words(text: str) -> list[str]:
    """Normalised words (letters and digits), stop words removed."""
    return [w for w in _normalise.words(text or "") if w not in STOPWORDS]


def stem(word: str, language: str) -> str:
    """One normalised word's stem in `language` (Arabic script always uses the Arabic stemmer)."""
    return _stem(word, language)


def index_terms(text: str, language: str) -> list[str]:
    """The terms stored in the index for a text written in `language`."""
    return [stem(w, language) for w in words(text)]


def query_variants(word: str) -> set[str]:
    """Every stem a query word may have been indexed under (its language is unknown)."""
    if is_arabic(word):
        return {stem(word, "ar")}
    return {stem(word, language) for language in QUERY_LATIN_LANGUAGES} | {word}


def query_words(query: str) -> list[str]:
    """The words of a search query: hostile or huge input is cut to a bounded, harmless list."""
    query = query or ""
    if len(query) > MAX_QUERY_CHARS:
        cut = query[:MAX_QUERY_CHARS]
        query = cut.rsplit(None, 1)[0] if query[MAX_QUERY_CHARS].isalnum() and " " in cut else cut
    seen: list[str] = []
    for w in words(query):
        if w not in seen and len(w) <= 40:
            seen.append(w)
        if len(seen) >= MAX_QUERY_TOKENS:
            break
    return seen


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, or limit+1 when it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def typo_budget(word: str) -> int:
    """Edits tolerated for a word of this length: none below 4 letters, one up to 5, two beyond."""
    if len(word) < 4:
        return 0
    return 1 if len(word) <= 5 else 2


def trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class Vocabulary:
    """The index's terms with document frequencies, and a trigram map to find near spellings."""

    def __init__(self, frequencies: dict[str, int]):
        self.frequencies = frequencies
        self._by_trigram: dict[str, list[str]] = {}
        for term in frequencies:
            for gram in trigrams(term):
                self._by_trigram.setdefault(gram, []).append(term)

    def __contains__(self, term: str) -> bool:
        return term in self.frequencies

    def near(self, word: str, *, limit: int = 3) -> list[tuple[str, int]]:
        """Terms within the word's typo budget, closest and most frequent first: [(term, distance)]."""
        budget = typo_budget(word)
        if budget == 0:
            return []
        counts: dict[str, int] = {}
        for gram in trigrams(word):
            for term in self._by_trigram.get(gram, ()):
                counts[term] = counts.get(term, 0) + 1
        found = []
        for term, _shared in sorted(counts.items(), key=lambda kv: -kv[1])[:400]:
            if term == word:
                continue
            distance = edit_distance(word, term, budget)
            if distance <= budget:
                found.append((distance, -self.frequencies.get(term, 0), term))
        found.sort()
        return [(term, distance) for distance, _f, term in found[:limit]]
