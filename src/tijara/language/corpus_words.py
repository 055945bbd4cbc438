"""English and French words as the texts the product already ships use them: evidence for short Latin-script text.

Why: lingua reads letter sequences. On the two or three words of a product ("men pants", "oil lamp", "pens") its
English/French verdict is close to a coin toss, and often French; a description read in the wrong language is
searched with the other language's stemmer and stop words and answered with the other language's official texts.
The product ships thousands of real texts in both languages, written by the nomenclatures' authors: the HS
nomenclature in English (HS 2022, the US HTS, the EU CN) and in French (the EU CN), HMRC's English product terms
(``labelled/hmrc_search_references.csv``) and the craft vocabulary's en/fr words. A word these texts use far more
in one language than in the other ("men", "for", "liquid"; "pour", "sac", "laine") is evidence for that language.
No word is chosen by hand: the lists follow the shipped texts. Used to tell a description of names only (none of
its words known: read as English, :func:`.detect.detect_text`) and by the HS classifier (known words); a
description's English/French reading is :mod:`.enfr`'s.

Not read: HMRC's parcel declarations (``labelled/hmrc_fpo_extra_references.csv``), the classifier's evaluation rows.

A word belongs to a language when its frequency there (add-half smoothed, relative to that language's text length)
is at least :data:`MIN_RATIO` times its frequency in the other. Words are letters only, lower case with their
accents (``thé`` is French, ``the`` English), a final ``s`` dropped after three letters so a plural counts with its
singular. Built once per process; the build (about half a second: 30,000 texts) is kept in the data directory's
cache (:mod:`.filecache`), keyed by the source files' bytes, so a start reads its word lists (0.2 MB) instead.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import threading
import unicodedata
from collections import Counter
from pathlib import Path

from . import filecache

HS_DIR = Path(__file__).resolve().parents[1] / "assistant" / "data" / "hs"
CORPUS = HS_DIR / "corpus.json.gz"
TERMS = HS_DIR / "labelled" / "hmrc_search_references.csv"
VOCABULARY = Path(__file__).resolve().parent / "data" / "vocabulary.json"
# e² ≈ 7.4: a word at least this many times more frequent in one language than in the other. Chosen on the dev
# split among e, e² and e³: e lets more French words of English brand names vote, e³ leaves more words silent.
MIN_RATIO = math.exp(2)
FORMAT = "2"  # raise when what _build writes changes
_WORD = re.compile(r"[^\W\d_]{2,}")
_lock = threading.Lock()
_words: dict[str, frozenset[str]] | None = None


def tokens(text: str) -> list[str]:
    """Letters-only words, lower case, accents kept, a final s dropped after three letters."""
    out = []
    for t in _WORD.findall(unicodedata.normalize("NFC", text.lower())):
        out.append(t[:-1] if len(t) > 3 and t.endswith("s") else t)
    return out


def _count() -> tuple[Counter, Counter]:
    en, fr = Counter(), Counter()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        corpus = json.load(fh)
    for _code, _kind, lang, text in corpus["docs"]:
        (fr if lang == "fr" else en).update(tokens(text))
    for text in (*corpus["headings"].values(), *corpus["chapters"].values()):
        en.update(tokens(text))
    with open(TERMS, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            en.update(tokens(row["description"]))
    for concept in json.loads(VOCABULARY.read_text(encoding="utf-8"))["concepts"]:
        for lang, counter in (("en", en), ("fr", fr)):
            for word in concept["words"].get(lang, ()):
                counter.update(tokens(word))
    return en, fr


def _build(folder: Path) -> None:
    en, fr = _count()
    n_en, n_fr, size = sum(en.values()), sum(fr.values()), len(en.keys() | fr.keys())
    ratio = {
        w: ((en[w] + 0.5) / (n_en + 0.5 * size)) / ((fr[w] + 0.5) / (n_fr + 0.5 * size))
        for w in en.keys() | fr.keys()
    }
    words = {
        "en": sorted(w for w, r in ratio.items() if r >= MIN_RATIO),
        "fr": sorted(w for w, r in ratio.items() if r <= 1 / MIN_RATIO),
        "known": sorted(ratio),
    }
    (folder / "words.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")


def _load(folder: Path) -> dict[str, frozenset[str]]:
    return {
        lang: frozenset(ws) for lang, ws in json.loads((folder / "words.json").read_text("utf-8")).items()
    }


def words() -> dict[str, frozenset[str]]:
    """{"en": English words, "fr": French words, "known": every word of the texts}, built once per process (see
    the module docstring)."""
    global _words
    if _words is None:
        with _lock:
            if _words is None:
                key = filecache.digest(
                    FORMAT, MIN_RATIO, *(filecache.file_digest(p) for p in (CORPUS, TERMS, VOCABULARY))
                )
                _words = filecache.load_or_build("language_words", key, _build, _load)
    return _words


def vote(text: str) -> int | None:
    """English words minus French words in a text (> 0: English, < 0: French, 0: as many of each or words both
    languages use alike); None when the texts know none of its words (brand, drug or model names)."""
    en, fr, unknown, n = _tally(text)
    if unknown == n:
        return None
    return en - fr


def _tally(text: str) -> tuple[int, int, int, int]:
    """(English words, French words, words the texts do not know, words) of a text."""
    lists = words()
    toks = tokens(text)
    return (sum(1 for t in toks if t in lists["en"]), sum(1 for t in toks if t in lists["fr"]),
            sum(1 for t in toks if t not in lists["known"]), len(toks))
