"""Labelled examples (a description and the code a customs authority or an operator assigned), searched
with BM25 as evidence for the classifier. Pure Python (bm25s); no ORM.

Sources, each row keeping its source:
- shipped: ``data/hs/labelled/*.csv`` (HMRC parcel declarations and search references, MIT / Crown
  Copyright, see ``data/hs/SOURCES.md``);
- operator: every CSV in the operator directory (``<TIJARA_DATA_DIR>/hs_examples/``), written by
  ``tijara hs_examples add FILE.csv``; the store notices a changed directory and reloads, no code change;
- an organisation's accepted or corrected codes, passed in by the service layer (``extra``).

The BM25 index of the shipped and operator examples is saved in the data directory
(``<TIJARA_DATA_DIR>/cache/hs_examples/``, keyed by every example text and the analyser; written atomically)
and memory-mapped by the next process, so a start does not stem 6,000 examples again.

An example votes for its code with its BM25 score; the engine weighs the vote by the example's agreement
with the attributes read from the user's text.
"""

from __future__ import annotations

import csv
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tijara.language import filecache

from .text import index_tokens, raw_tokens

LABELLED_DIR = Path(__file__).resolve().parent.parent / "data" / "hs" / "labelled"
OPERATOR_FILE_FIELDS = ("description", "hs6", "source", "language")


def operator_dir() -> Path | None:
    """Where operators' example files live (None outside a configured Django process)."""
    try:
        from django.conf import settings

        return Path(settings.DATA_DIR) / "hs_examples"
    except Exception:  # noqa: BLE001 - pure use without Django settings
        env = os.environ.get("TIJARA_DATA_DIR")
        return Path(env) / "hs_examples" if env else None


def example_tokens(text: str) -> list[str]:
    """Stemmed words of an example or a query (English stems; Arabic words keep their own stem)."""
    return index_tokens(text, "en")


@dataclass
class Hit:
    row: int
    code: str
    text: str
    source: str
    score: float


class ExampleStore:
    """All labelled examples in memory with a BM25 index over their words."""

    def __init__(self, *, exclude_sources: set[str] | frozenset[str] = frozenset(), dirs: list[Path] | None = None,
                 extra: list[tuple[str, str, str]] | None = None):
        self.texts: list[str] = []
        self.codes: list[str] = []
        self.sources: list[str] = []
        self.dirs = dirs if dirs is not None else _default_dirs()
        self.signature = _signature(self.dirs)
        for d in self.dirs:
            if not d.is_dir():
                continue
            for path in sorted(d.glob("*.csv")):
                with open(path, encoding="utf-8-sig", newline="") as fh:
                    for r in csv.DictReader(fh):
                        code = "".join(ch for ch in (r.get("hs6") or "") if ch.isdigit())[:6]
                        text = (r.get("description") or "").strip()
                        source = r.get("source") or path.stem
                        if len(code) == 6 and text and source not in exclude_sources:
                            self._add(text, code, source)
        for text, code, source in extra or ():
            self._add(text, code, source)
        self._tokens: list[list[str]] | None = None
        self.codes_arr = np.array(self.codes)
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        if extra:  # an organisation's own codes: small, built in memory
            self.bm25 = _build_bm25(self.tokens)
        else:  # the shipped and operator examples: indexed once per content, kept in the data directory
            group = filecache.digest("examples", [str(d) for d in self.dirs], sorted(exclude_sources))
            self.bm25 = filecache.load_or_build("hs_examples", _store_key(self.texts), self._write_index,
                                                _read_index, group=group)
        self.vocab = set(self.bm25.vocab_dict) if hasattr(self.bm25, "vocab_dict") else set()

    @property
    def tokens(self) -> list[list[str]]:
        """The stemmed words of every example (computed on first use: the search needs only the saved index)."""
        if self._tokens is None:
            self._tokens = [example_tokens(t) for t in self.texts]
        return self._tokens

    def _write_index(self, folder: Path) -> None:
        _build_bm25(self.tokens).save(folder / "bm25", show_progress=False)

    def _add(self, text: str, code: str, source: str) -> None:
        self.texts.append(text)
        self.codes.append(code)
        self.sources.append(source)

    def search(self, tokens: list[str], k: int = 20) -> list[Hit]:
        """The ``k`` best examples for the query's stemmed words."""
        toks = [t for t in dict.fromkeys(tokens) if t in self.vocab]
        if not toks or not self.texts:
            return []
        scores = self.bm25.get_scores(toks)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [Hit(int(i), self.codes[i], self.texts[i], self.sources[i], float(scores[i]))
                for i in top if scores[i] > 0]

    def stale(self) -> bool:
        """True when an example file was added, changed or removed (or the operator directory moved)."""
        return _signature(_default_dirs()) != self.signature


EXAMPLES_FORMAT = "1"  # raise when what _write_index writes changes
_PROBE = ("Hand-knotted wool carpets, rugs", "Théières en céramique", "زربية صوف")  # i18n: not shown (index stems)


def _store_key(texts: list[str]) -> str:
    """What the saved index depends on: every example text (so an operator's file, a removed source or an
    exclusion gives another key), the analyser (stems of probe texts, stop words) and bm25s."""
    import bm25s

    from tijara.language.stemming import ANALYSER_VERSION

    from .text import _index_stops

    return filecache.digest(EXAMPLES_FORMAT, texts, [example_tokens(p) for p in _PROBE], sorted(_index_stops()),
                            ANALYSER_VERSION, bm25s.__version__)


def _build_bm25(tokens: list[list[str]]):
    import bm25s

    bm25 = bm25s.BM25(k1=1.2, b=0.5)
    bm25.index([t or ["_"] for t in tokens], show_progress=False)
    return bm25


def _read_index(folder: Path):
    import bm25s

    return bm25s.BM25.load(folder / "bm25", mmap=True, show_progress=False)


def _default_dirs() -> list[Path]:
    return [d for d in (LABELLED_DIR, operator_dir()) if d is not None]


def _signature(dirs: list[Path]) -> tuple:
    out: list = [str(d) for d in dirs]
    for d in dirs:
        if d.is_dir():
            out.extend((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(d.glob("*.csv")))
    return tuple(out)


_stores: dict[frozenset, ExampleStore] = {}
_lock = threading.Lock()


def get_store(exclude_sources: frozenset[str] = frozenset()) -> ExampleStore:
    """The process-wide store (reloaded when an operator adds a file)."""
    store = _stores.get(exclude_sources)
    if store is None or store.stale():
        with _lock:
            store = _stores.get(exclude_sources)
            if store is None or store.stale():
                store = ExampleStore(exclude_sources=exclude_sources)
                _stores[exclude_sources] = store
    return store


def read_examples_csv(path: Path) -> list[dict]:
    """Rows of an operator's CSV (columns description, hs6; optional source, language), checked."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = reader.fieldnames or []
        missing = [f for f in ("description", "hs6") if f not in fields]
        if missing:
            raise ValueError(f"missing column(s): {', '.join(missing)} (found: {', '.join(fields) or 'none'})")
        rows = []
        for n, r in enumerate(reader, start=2):
            code = "".join(ch for ch in (r.get("hs6") or "") if ch.isdigit())
            text = (r.get("description") or "").strip()
            if not text or not raw_tokens(text):
                raise ValueError(f"line {n}: the description is empty")
            if len(code) < 6:
                raise ValueError(f"line {n}: '{r.get('hs6')}' is not an HS code of 6 or more digits")
            rows.append({"description": text[:500], "hs6": code[:6], "source": (r.get("source") or "").strip(),
                         "language": (r.get("language") or "").strip()})
    return rows
