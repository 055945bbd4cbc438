"""Loanwords written in Arabic letters read as the Latin words they sound like. Pure Python.

Arabic and Darija descriptions name many goods with an English or French word in Arabic letters (جاكيت jacket,
بيجامة pyjama, ليغينغ legging, بوليستر polyester, كومبيزون combinaison). A word the vocabulary does not know then
reaches no English text. :class:`LoanwordReader` compares such a word with a list of Latin words (the words the
classifier's texts already use) by their consonants, in the manner of a phonetic key:

- both words become a row of consonant sounds, each Arabic letter standing for the Latin letters it transcribes
  (ب b/p/v, ف f/v/ph, ك ق k/c/q/g, غ ج g, ج j/g, ش sh/ch, تش ch …); the vowels between them are slots;
- a loanword writes most of its vowels as long vowels (ا و ي, ة at the end), where a native Arabic word of the
  same consonants usually writes few or none (مطر beside "meter"): the Arabic word must write two vowels after
  its first consonant (one in a word of four consonants), each of the right kind (و o/u, ي i/e/y, ا a, ة a/e),
  and may miss one inner vowel of the Latin word (بوليستر polyester) or write one it has not (تيشيرت t-shirt), not
  both;
- three consonants at least (two fit too many words).

Among the Latin words that fit, the one whose vowels fit best wins (و is an o, not the oi of "boiling"), then the
first in the list (the most frequent). After an article (البولينغ) only the word after it is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from .normalise import fold, is_arabic

MIN_CONSONANTS = 3
_AR_VOWELS = {"ا": "a", "و": "ouw", "ي": "iey", "ى": "ie", "ة": "ae"}  # ة: the taa marbuta, a final a or e
_AR_ARTICLE = ("وبال", "وال", "بال", "فال", "لل", "ال")  # a loanword takes the article as any noun (البولينغ)
# coarse sound classes: a Latin word and an Arabic word can only match with the same row of classes
# (ع ح ذ ث ظ ض transcribe no English or French sound: a word with one is no loanword)
_AR_CLASS = {"ب": "B", "ف": "B", "ت": "T", "ط": "T", "د": "T", "ك": "K", "ق": "K", "غ": "K", "ج": "K", "خ": "K",
             "س": "S", "ص": "S", "ز": "S", "ش": "S", "ل": "L", "م": "M", "ن": "N", "ر": "R", "ه": "H"}
# Latin letters (and pairs) → the Arabic letters that transcribe them
_LATIN_PAIRS = {"sh": "ش", "ch": "ش", "ph": "ف", "th": "ت", "ck": "كق", "qu": "كق", "kh": "خ", "gh": "غ",
                "gu": "غجكق"}
_LATIN = {"b": "ب", "p": "ب", "v": "فب", "f": "ف", "t": "تط", "d": "د", "k": "كق", "q": "كق", "g": "غجكق",
          "j": "ج", "s": "سصز", "z": "ز", "l": "ل", "m": "م", "n": "ن", "r": "ر", "h": "ه"}
_LATIN_VOWELS = frozenset("aeiouyw")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def latin_units(word: str) -> tuple[list[str], list[str]] | None:
    """A Latin word as (consonant units: the Arabic letters each may be written with, vowel gaps: the vowels
    before each unit and after the last), or None when it holds another letter."""
    word = word.replace("-", "")
    units: list[str] = []
    gaps: list[str] = [""]
    i = 0
    while i < len(word):
        ch, pair = word[i], word[i:i + 2]
        if ch in _LATIN_VOWELS:
            gaps[-1] += ch
            i += 1
            continue
        if pair in _LATIN_PAIRS and not (pair == "gu" and word[i + 2:i + 3] not in ("e", "i")):
            letters, i = _LATIN_PAIRS[pair], i + 2
        elif ch == "c":
            letters, i = ("س" if word[i + 1:i + 2] in ("e", "i", "y") else "كق"), i + 1
        elif ch == "x":
            units += ["كق"]
            gaps.append("")
            letters, i = "سز", i + 1
        elif ch in _LATIN:
            letters, i = _LATIN[ch], i + 1
        else:
            return None
        if units and units[-1] == letters and not gaps[-1]:
            continue  # a doubled letter is one sound (legging, polyester's ss)
        units.append(letters)
        gaps.append("")
    return units, gaps


def arabic_units(word: str) -> tuple[list[str], list[str]] | None:
    """A folded Arabic word as (consonant letters, vowel letters before each and after the last); تش is one
    sound (ch)."""
    word = word.replace("تش", "ش")
    units: list[str] = []
    gaps: list[str] = [""]
    for k, ch in enumerate(word):
        if ch in _AR_VOWELS and not (ch in "وي" and k == 0):
            gaps[-1] += ch
        elif ch == "ه" and k == len(word) - 1 and units:
            gaps[-1] += "ة"  # the taa marbuta (folded to ه): a final vowel
        elif ch in _AR_CLASS or ch in "وي":
            units.append(ch)
            gaps.append("")
        else:
            return None
    return units, gaps


def _key(letters: Iterable[str]) -> str:
    return "".join(_AR_CLASS.get(ch[0], ch[0]) for ch in letters)


def fit(arabic: tuple[list[str], list[str]], latin: tuple[list[str], list[str]]) -> float | None:
    """How well an Arabic word's vowels fit a Latin word of the same consonants (the vowels after the first
    consonant written, of the right kind), or None when they do not fit (see the module's rules)."""
    a_units, a_gaps = arabic
    l_units, l_gaps = latin
    if len(a_units) != len(l_units) or any(a not in lt for a, lt in zip(a_units, l_units, strict=True)):
        return None
    wanted = [k for k in range(1, len(a_units)) if l_gaps[k]]
    written = extra = 0
    kind = 0.0
    for k, gap in enumerate(a_gaps):
        if not gap:
            continue
        if not l_gaps[k]:
            extra += 1
            continue
        heard = sum(any(ch in _AR_VOWELS[v] for v in gap) for ch in l_gaps[k])
        if not heard:
            return None  # a vowel of another kind (و for an a)
        written += k > 0
        kind += heard / len(l_gaps[k])
    missing = sum(1 for k in wanted if not a_gaps[k])
    if extra + missing > 1 or not (written >= 2 or (written and len(a_units) >= 4)):
        return None
    return 2 * (written - extra - missing) + kind


def _readings(word: str) -> list[str]:
    """The Latin forms a word may be written as in Arabic: itself, and without a plural s or a French silent final
    consonant (leggings → legging, crochet → croche)."""
    out = [word]
    if len(word) >= 4 and (word[-1] == "s" or (word[-1] in "tx" and word[-2] in _LATIN_VOWELS)):
        out.append(word[:-1])
    return out


class LoanwordReader:
    """Latin words indexed by their consonant classes; :meth:`latin_for` reads an Arabic word as one of them."""

    def __init__(self, latin_words: Iterable[str]):
        # consonant classes → (word, the form of it an Arabic word may write); the units are read again on a match
        # (a few words per key), not kept for every word
        self.by_key: dict[str, list[tuple[str, str]]] = {}
        for w in latin_words:  # most frequent first: the first of equally good words wins
            for form in _readings(w):
                units = latin_units(form)
                if units and len(units[0]) >= MIN_CONSONANTS:
                    self.by_key.setdefault(_key(units[0]), []).append((w, form))
        self._cache: dict[str, str | None] = {}

    def save(self, folder: Path) -> None:
        """The index by consonant classes in ``folder`` (:meth:`load` reads it back without re-reading words)."""
        (folder / "loanwords.json").write_text(json.dumps(self.by_key, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LoanwordReader:
        reader = cls(())
        reader.by_key = {k: [tuple(pair) for pair in v]
                         for k, v in json.loads((folder / "loanwords.json").read_text(encoding="utf-8")).items()}
        return reader

    def latin_for(self, word: str) -> str | None:
        """The Latin word a folded Arabic word is a loan of, or None."""
        if word in self._cache:
            return self._cache[word]
        out = self._read(word) if is_arabic(word) else None
        if len(self._cache) < 100_000:
            self._cache[word] = out
        return out

    def _read(self, word: str) -> str | None:
        # with the article, the word after it, never the whole (باليد is بال + يد, not "valid")
        article = next((a for a in _AR_ARTICLE if word.startswith(a)), "")
        units = arabic_units(word[len(article):])
        if not units or len(units[0]) < MIN_CONSONANTS:
            return None
        best: tuple[float, str] | None = None
        for latin, form in self.by_key.get(_key(units[0]), ()):
            score = fit(units, latin_units(form))
            if score is not None and (best is None or score > best[0]):
                best = (score, latin)
        return best[1] if best else None

    def restore(self, text: str, known: Callable[[str], bool] = lambda w: False) -> str:
        """The text with the Latin word after every Arabic loanword that ``known`` (a folded word) does not know
        ("جاكيت jacket"), as :class:`~tijara.assistant.hs.spelling.Restorer` writes a shortened word's word."""
        out, at = [], 0
        for m in _WORD.finditer(text):
            word = fold(m.group(0))
            latin = None if known(word) else self.latin_for(word)
            out += [text[at:m.end()], f" {latin}" if latin else ""]
            at = m.end()
        return "".join(out) + text[at:]


__all__ = ["LoanwordReader", "arabic_units", "fit", "latin_units"]
