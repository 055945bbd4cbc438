"""English or French without lingua: a naive-Bayes reading of a text's words and letter trigrams, fitted on the
English and French texts the product already ships, precomputed into a small package file.

Why: lingua takes half a second to seconds to load its models, so a cold ``tijara classify TEXT`` that asks it
misses its one-second first call; and on the two or three words of a product name its English/French verdict
leans French. The product ships tens of thousands of real texts in both languages: the HS nomenclature in English
(HS 2022, the US HTS, the EU CN) and in French (the EU CN), HMRC's English product terms, the craft vocabulary's
en/fr words, the knowledge base's facts (written in English, translated into French) and the interface's
messages (English, with their French translations in the ``.po`` files). Nothing is chosen by hand.

The model: for every word of those texts, the log of its frequency in English over its frequency in French
(add-half smoothed, relative to each language's text length), and the same for the letter trigrams of words
(``<le``, ``lea``, ..., ``er>``). A text's score is the sum over its words of the word's log ratio, or, for a word
the texts do not know (a brand, a model name), :data:`TRIGRAM_WEIGHT` times the sum of its trigrams' log ratios
(a naive-Bayes log-odds, English positive, even priors). Each term is clipped to :data:`CLIP` so one word
seen only in one language's texts cannot outvote the rest. The reading is sure when the score's size is at least
:data:`MARGIN`; otherwise the caller goes by the score's lean (:func:`.detect._lean`).

Not read: the evaluation rows (``assistant/data/eval``), HMRC's parcel declarations.

Build: ``PYTHONPATH=src python -m tijara.language.enfr`` writes :data:`MODEL` (about 0.1 MB);
the file carries a digest of its sources and of :data:`FORMAT`, and a test fails when they changed without a
rebuild. The settings below apply when a text is read, so changing them needs no rebuild.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import threading
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import filecache

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[0]
MODEL = HERE / "data" / "enfr_model.json.gz"
HS_DIR = SRC / "assistant" / "data" / "hs"
CORPUS = HS_DIR / "corpus.json.gz"
TERMS = HS_DIR / "labelled" / "hmrc_search_references.csv"
VOCABULARY = HERE / "data" / "vocabulary.json"
FACTS = SRC / "knowledge" / "data" / "facts"
FORMAT = "1"  # raise when what build() writes changes
# The three settings were chosen together on the dev split (English and French descriptions and questions of the
# evaluation rows): MARGIN among 0 to 5, TRIGRAM_WEIGHT among 0.1, 0.3 and 0.6, CLIP among 3, 4 and 6, as the most
# texts read right. A lower margin leaves lingua fewer texts but reads more of them wrong (0.5: 6 more wrong of
# 1,678 descriptions); the trigram weight and the clip change a few texts each.
# Each word's (or unknown word's trigrams') log ratio is kept within ±CLIP.
CLIP = 4.0
# An unknown word weighs its trigrams' summed log ratios by this much.
TRIGRAM_WEIGHT = 0.3
# The reading is sure when |score| reaches MARGIN (log-odds: 1.5 is about 82 % against 18 %).
MARGIN = 1.5
_WORD = re.compile(r"[^\W\d_]{2,}")
# A vowel letter of the Latin-script languages the product recognises (en, fr, es, de, it, pt, nl, tr): a word of
# any of them has one; a token without one is an abbreviation ("lpstck", "brnzr"), no evidence of another language.
_VOWEL = re.compile(r"[aeiouyàâäáãåéèêëíìîïóòôöõúùûüÿıœæ]")
_lock = threading.Lock()
_model: dict | None = None


def sources() -> list[Path]:
    """The shipped files the model is fitted on."""
    return [CORPUS, TERMS, VOCABULARY, *sorted(FACTS.glob("*.toml")), *sorted(SRC.glob("*/locale/fr/LC_MESSAGES/django.po"))]


def source_digest() -> str:
    return filecache.digest(FORMAT, *((str(p.relative_to(SRC)), filecache.file_digest(p)) for p in sources()))


def tokens(text: str) -> list[str]:
    """Letters-only words, lower case, accents kept, a final s dropped after three letters (a plural counts with
    its singular)."""
    out = []
    for t in _WORD.findall(unicodedata.normalize("NFC", text.lower())):
        out.append(t[:-1] if len(t) > 3 and t.endswith("s") else t)
    return out


def trigrams(word: str) -> list[str]:
    w = f"<{word}>"
    return [w[i:i + 3] for i in range(len(w) - 2)]


def _po_pairs(path: Path) -> Iterator[tuple[str, str]]:
    """(msgid, msgstr) of a .po file's translated messages (the English source and its French translation)."""
    entry: dict[str, list[str]] = {}
    current = None

    def done():
        en, fr = "".join(entry.get("msgid", [])), "".join(entry.get("msgstr", []))
        if en and fr:
            yield en, fr

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r'(msgid|msgstr|msgid_plural|msgstr\[\d+\])\s+"(.*)"$', line)
        if m:
            key = "msgstr" if m.group(1).startswith("msgstr") else m.group(1)
            if m.group(1) == "msgid":
                yield from done()
                entry = {}
            current = key
            if key == "msgstr" and entry.get("msgstr"):
                current = None  # plural forms: the first is enough
                continue
            entry.setdefault(key, []).append(m.group(2))
        elif line.startswith('"') and current:
            entry.setdefault(current, []).append(line[1:-1])
    yield from done()


def texts() -> Iterator[tuple[str, str]]:
    """(en | fr, text) of every source text."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        corpus = json.load(fh)
    for _code, _kind, lang, text in corpus["docs"]:
        yield ("fr" if lang == "fr" else "en"), text
    for text in (*corpus["headings"].values(), *corpus["chapters"].values()):
        yield "en", text
    with open(TERMS, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield "en", row["description"]
    for concept in json.loads(VOCABULARY.read_text(encoding="utf-8"))["concepts"]:
        for lang in ("en", "fr"):
            for word in concept["words"].get(lang, ()):
                yield lang, word
    for path in sorted(FACTS.glob("*.toml")):
        for fact in tomllib.loads(path.read_text(encoding="utf-8")).get("fact", []):
            for lang in ("en", "fr"):
                if lang in fact:
                    yield lang, f"{fact[lang].get('title', '')}. {fact[lang].get('text', '')}"
    for path in sorted(SRC.glob("*/locale/fr/LC_MESSAGES/django.po")):
        for en, fr in _po_pairs(path):
            yield "en", re.sub(r"%\(\w+\)s|\{\w+\}|<[^>]+>", " ", en)
            yield "fr", re.sub(r"%\(\w+\)s|\{\w+\}|<[^>]+>", " ", fr)


def _ratios(en: Counter, fr: Counter) -> dict[str, float]:
    n_en, n_fr, size = sum(en.values()), sum(fr.values()), len(en.keys() | fr.keys())
    return {k: round(math.log(((en[k] + 0.5) / (n_en + 0.5 * size)) / ((fr[k] + 0.5) / (n_fr + 0.5 * size))), 2)
            for k in en.keys() | fr.keys()}


def build(path: Path = MODEL) -> None:
    """Fit the model on :func:`texts` and write it to ``path``."""
    words = {"en": Counter(), "fr": Counter()}
    grams = {"en": Counter(), "fr": Counter()}
    for lang, text in texts():
        toks = tokens(text)
        words[lang].update(toks)
        for t in toks:
            grams[lang].update(trigrams(t))
    model = {"digest": source_digest(), "words": _ratios(words["en"], words["fr"]),
             "trigrams": _ratios(grams["en"], grams["fr"])}
    data = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as fh:  # the same sources give the same bytes
        fh.write(data)


def model() -> dict:
    """The shipped model ({"digest", "words": {word: log ratio}, "trigrams": {...}}), read once per process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                with gzip.open(MODEL, "rt", encoding="utf-8") as fh:
                    _model = json.load(fh)
    return _model


@dataclass(frozen=True)
class Reading:
    score: float  # log-odds, English positive
    words: int
    unknown: int  # words the texts do not know that have a vowel letter (a possible word of another language)

    @property
    def lang(self) -> str | None:
        """en or fr when the score is sure (:data:`MARGIN`), else None."""
        if self.score >= MARGIN:
            return "en"
        if self.score <= -MARGIN:
            return "fr"
        return None


def read(text: str) -> Reading:
    """The model's reading of a text (see the module docstring)."""
    m = model()
    word_ratio, gram_ratio = m["words"], m["trigrams"]
    score, unknown = 0.0, 0
    toks = tokens(text)
    for t in toks:
        r = word_ratio.get(t)
        if r is None:
            unknown += bool(_VOWEL.search(t))
            r = TRIGRAM_WEIGHT * sum(gram_ratio.get(g, 0.0) for g in trigrams(t))
        score += max(-CLIP, min(CLIP, r))
    return Reading(score, len(toks), unknown)


if __name__ == "__main__":
    build()
    print(f"{MODEL} written ({MODEL.stat().st_size / 1e6:.2f} MB)")
