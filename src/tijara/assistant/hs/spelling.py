"""Shortened words of real declarations read as the words they stand for. Pure Python; no ORM.

Parcel declarations and invoices cut words ("HANDBG", "leath", "wais") and write them without their vowels
("lpstck", "pwdr"); neither the nomenclature nor the examples know such a word, so it carries nothing. A
word that neither knows is read as the word of their own texts that it shortens, written after it (examples
written the same short way still meet the original):

- a cut word, the description's last (declarations are cut at a length): the most frequent known word that
  begins with it and is at most twice as long (four letters at least: "leath" → leather, "trous" → trousers);
- a word without its vowels (one at most after its first letter): the most frequent known word with the same
  consonants in the same order, the shortened word's letters being a subsequence of it (four consonants at
  least: "lpstck" → lipstick, "pwdr" → powder);
- two words written as one (six letters at least): the two known words it is made of, three letters each at
  least, singular or plural, the cut whose rarer word is the most frequent ("facemask" → "face mask").

The known words are the words of the nomenclature's English texts and of the labelled examples of the store in
use, an example's word first (the examples name products as sellers do); an evaluation fold's store never
holds its held-out rows. Counting them takes about half a second, so the shipped store's counts are saved in the
data directory (:meth:`Restorer.save`, :meth:`Restorer.load`; the engine keys them by the store and the corpus). A word that shortens nothing (a brand, a model number) is left as written. Latin
letters only; the engine does not read Arabic, Darija or Arabizi text this way.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from pathlib import Path

from .text import _index_stops, fold, stem

MIN_CUT = 4  # letters of a cut word read as the start of a longer one
MIN_PART = 3  # letters of each known word of two written as one
MIN_SKELETON = 4  # consonants of a word written without its vowels (three fit too many words: "bld", "clr")
_VOWELS = frozenset("aeiouy")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_BREAK = re.compile(r"[,;:.()\[\]/|-]")  # punctuation that ends a noun phrase


def skeleton(word: str) -> str:
    """The first letter and the consonants after it, a doubled letter once ("lipstick" → "lpstck")."""
    out = word[:1]
    for ch in word[1:]:
        if ch not in _VOWELS and ch != out[-1]:
            out += ch
    return out


def _subsequence(short: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in short)


class Restorer:
    """The known words of a set of texts, and the word a shortened word stands for."""

    def __init__(self, examples: Counter, nomenclature: Counter, stems: set[str] | frozenset[str] = frozenset()):
        stops = _index_stops()
        self.counts = {w: (examples.get(w, 0), nomenclature.get(w, 0)) for w in examples.keys() | nomenclature.keys()
                       if w not in stops}
        self.stems = stems  # stems known to the index (a word whose stem is known is not shortened)
        self.sorted = sorted(self.counts)
        self.by_skeleton: dict[str, list[str]] = {}
        for w, _n in sorted(self.counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0])):
            self.by_skeleton.setdefault(skeleton(w), []).append(w)
        self._cache: dict[str, str | None] = {}

    def save(self, folder: Path) -> None:
        """The known words, their counts and skeletons, in ``folder`` (everything but the stems, which the caller
        holds anyway)."""
        data = {"words": self.sorted, "counts": [self.counts[w] for w in self.sorted], "by_skeleton": self.by_skeleton}
        (folder / "restorer.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, stems: set[str] | frozenset[str] = frozenset()) -> Restorer:
        """The restorer :meth:`save` wrote in ``folder``, with the index's ``stems``."""
        data = json.loads((folder / "restorer.json").read_text(encoding="utf-8"))
        r = cls.__new__(cls)
        r.sorted, r.by_skeleton = data["words"], data["by_skeleton"]
        r.counts = {w: (e, n) for w, (e, n) in zip(r.sorted, data["counts"], strict=True)}
        r.stems, r._cache = stems, {}
        return r

    def known(self, word: str) -> bool:
        return word in self.counts or stem(word, "en") in self.stems or stem(word, "fr") in self.stems

    def word_for(self, word: str, last: bool = False, split: bool = True) -> str | None:
        """The known word ``word`` shortens, or None (known already, too short, or shortening nothing); ``last``:
        the description's last word, which may be cut; ``split``: whether two words written as one are read
        apart (English compounds; a French word is no compound of English ones, "combishort")."""
        key = (word, last, split)
        if key in self._cache:
            return self._cache[key]
        out = None
        if word.isascii() and word.isalpha() and len(word) >= 3 and word not in _index_stops() and not self.known(word):
            if last and len(word) >= MIN_CUT:
                j = bisect.bisect_right(self.sorted, word)
                best = (-1, -1)
                while j < len(self.sorted) and self.sorted[j].startswith(word):
                    w = self.sorted[j]
                    if len(w) <= 2 * len(word) and self.counts[w] > best:
                        out, best = w, self.counts[w]
                    j += 1
            sk = skeleton(word)
            if out is None and len(sk) >= MIN_SKELETON and sum(ch in _VOWELS for ch in word[1:]) <= 1:
                out = next((w for w in self.by_skeleton.get(sk, ()) if _subsequence(word, w)), None)
            if out is None and split and len(word) >= 2 * MIN_PART:
                out = self._split(word)
        if len(self._cache) < 100_000:
            self._cache[key] = out
        return out

    def _split(self, word: str) -> str | None:
        """Two known words written as one ("facemask" → "face mask", "sealplate" → "seal plate"): the cut
        whose rarer part is the most frequent, each part of :data:`MIN_PART` letters or more."""
        best, out = 0, None
        for k in range(MIN_PART, len(word) - MIN_PART + 1):
            left, right = self._count(word[:k]), self._count(word[k:])
            if left and right:
                freq = min(left, right)
                if freq > best:
                    best, out = freq, f"{word[:k]} {word[k:]}"
        return out

    def _count(self, part: str) -> int:
        """How often a known word occurs, in its singular or plural ("mask" of "masks")."""
        forms = (part, part + "s", part + "es", part[:-1] if part.endswith("s") else "")
        return sum(sum(self.counts.get(f, (0, 0))) for f in forms if f)

    def restore(self, text: str, split: bool = True, whole=None) -> str:
        """The text with the word it stands for after every shortened word ("lpstck lipstick": examples written
        the same short way still meet it); ``split``: two words written as one too (:meth:`word_for`), except a
        word ``whole(word)`` says is one word (a product word the rules or the vocabulary know: "kettlebell")."""
        found = list(_WORD.finditer(text))
        if not found:
            return text
        out, at = [], 0
        stops = _index_stops()
        for k, m in enumerate(found):
            word = fold(m.group(0))
            # a compound is read apart at the end of its phrase, where it names the product ("black phonecase x2");
            # before another word it only qualifies it, and two more words would lengthen its phrase ("crossword
            # puzzle book" is a book)
            nxt = fold(found[k + 1].group(0)) if k + 1 < len(found) else ""
            end = (not nxt or nxt in stops or any(ch.isdigit() for ch in nxt)
                   or bool(_BREAK.search(text[m.end():found[k + 1].start()])))
            w = self.word_for(word, last=k == len(found) - 1,
                              split=split and end and not (whole and whole(word)))
            out += [text[at:m.start()], f"{m.group(0)} {w}" if w else m.group(0)]
            at = m.end()
        return "".join(out) + text[at:]


def known_words(texts) -> Counter:
    """Lower-case Latin words of three letters or more in the texts, with their counts."""
    c: Counter = Counter()
    for t in texts:
        for w in _WORD.findall(fold(t)):
            if len(w) >= 3 and w.isascii() and w.isalpha():
                c[w] += 1
    return c


__all__ = ["Restorer", "known_words", "skeleton"]
