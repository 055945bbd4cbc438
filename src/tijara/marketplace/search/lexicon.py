"""Cross-language expansion: a query word in one language brings in its translations from a craft lexicon.

The words are the language core's one craft vocabulary (``tijara.language``, read through adapters.py); this
module only indexes its concepts by the stems a query word may have, so "tapiss" → "tapis" → "rug", "زربية" works with any form.
"""

from __future__ import annotations

from collections.abc import Iterable

from tijara.marketplace.search import text


class Lexicon:
    """Groups of words meaning the same craft thing across languages, looked up by any of their stems."""

    def __init__(self, concepts: Iterable[Iterable[str]]):
        self._by_key: dict[str, set[int]] = {}
        self._concepts: list[list[str]] = []
        for surface_forms in concepts:
            # Single words only: a phrase's words ("plat à tajine") would drag in unrelated products.
            forms = [f for f in dict.fromkeys(surface_forms) if f and len(text.words(f)) == 1]
            if len(forms) < 2:
                continue
            number = len(self._concepts)
            self._concepts.append(forms)
            for form in forms:
                for key in self._keys(form):
                    self._by_key.setdefault(key, set()).add(number)

    @staticmethod
    def _keys(form: str) -> set[str]:
        word = text.words(form)[0]
        return {word} | text.query_variants(word)

    def __len__(self) -> int:
        return len(self._concepts)

    def expand(self, word: str) -> list[str]:
        """Every surface form of every concept the word (or one of its stems) belongs to."""
        numbers: set[int] = set()
        for key in {word} | text.query_variants(word):
            numbers |= self._by_key.get(key, set())
        return [form for number in sorted(numbers) for form in self._concepts[number]]
