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

Every example is also embedded with the language core's sentence encoder (USE multilingual), so an Arabic
or French description meets English examples by meaning (:meth:`ExampleStore.nearest`). The vectors of a
CSV file live next to it as int8 rows with one float32 scale per row (``<name>.emb.npy``,
``<name>.scale.npy``) and a check file (``<name>.emb.json``: row count and a hash of the texts): the
shipped files are embedded at build time (:func:`write_vectors`), an operator's file when it is added or,
failing that, once when the store first loads it; an organisation's own examples when its store is built.
Never per request.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tijara.language import filecache

from .text import index_tokens, raw_tokens

LABELLED_DIR = Path(__file__).resolve().parent.parent / "data" / "hs" / "labelled"
OPERATOR_FILE_FIELDS = ("description", "hs6", "source", "language")


def operator_dir() -> Path | None:
    """Where operators' example files live (None without a data directory)."""
    root = filecache.data_dir()
    return root / "hs_examples" if root else None


def example_tokens(text: str) -> list[str]:
    """Stemmed words of an example or a query (English stems; Arabic words keep their own stem)."""
    return index_tokens(text, "en")


def _file_rows(path: Path) -> list[tuple[str, str, str]]:
    """The usable rows of an example file: (text, hs6, source), in file order."""
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            code = "".join(ch for ch in (r.get("hs6") or "") if ch.isdigit())[:6]
            text = (r.get("description") or "").strip()
            if len(code) == 6 and text:
                out.append((text, code, r.get("source") or path.stem))
    return out


def _texts_hash(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:16]


def _vector_paths(path: Path) -> tuple[Path, Path, Path]:
    return (path.with_name(path.stem + ".emb.npy"), path.with_name(path.stem + ".scale.npy"),
            path.with_name(path.stem + ".emb.json"))


def _encoder():
    try:
        from tijara.language import encoder

        return encoder if encoder.available() else None
    except Exception:  # noqa: BLE001 - lexical-only installs
        return None


def embed_texts(texts: list[str]) -> np.ndarray | None:
    """Unit rows (float32) for the texts, or None without the encoder."""
    enc = _encoder()
    if enc is None or not texts:
        return None
    return np.vstack([enc.encode(texts[i:i + 256]) for i in range(0, len(texts), 256)]).astype(np.float32)


def _quantise(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(m).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    return np.round(m / scale).astype(np.int8), scale.astype(np.float32)


def write_vectors(path: Path, rows: list[tuple[str, str, str]] | None = None) -> np.ndarray | None:
    """Embed the rows of an example file and write the vectors next to it (build step; ``hs_examples add``)."""
    rows = _file_rows(path) if rows is None else rows
    texts = [t for t, _c, _s in rows]
    m = embed_texts(texts)
    if m is None:
        return None
    q, scale = _quantise(m)
    emb, sc, meta = _vector_paths(path)
    np.save(emb, q)
    np.save(sc, scale)
    meta.write_text(json.dumps({"n": len(texts), "texts": _texts_hash(texts)}), encoding="utf-8")
    return q.astype(np.float32) * scale


def remove_vectors(path: Path) -> None:
    for p in _vector_paths(path):
        p.unlink(missing_ok=True)


def load_vectors(path: Path, rows: list[tuple[str, str, str]]) -> np.ndarray | None:
    """The file's example vectors (dequantised, unit rows): read from the shipped or cached files when they
    match the rows, else embedded now and cached next to the file when the folder is writable."""
    emb, sc, meta = _vector_paths(path)
    texts = [t for t, _c, _s in rows]
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("n") == len(texts) and info.get("texts") == _texts_hash(texts):
            q = np.load(emb, mmap_mode="r")
            m = q.astype(np.float32) * np.load(sc, mmap_mode="r")
            return m / (np.linalg.norm(m, axis=1, keepdims=True) + 1e-9)
    except (OSError, ValueError):
        pass
    try:
        m = write_vectors(path, rows)
    except OSError:  # a read-only folder: embed, keep in memory only
        m = embed_texts(texts)
    if m is None:
        return None
    return m / (np.linalg.norm(m, axis=1, keepdims=True) + 1e-9)


PREFIX_LENGTHS: tuple[int, ...] = (4,)  # word beginnings indexed besides the stems (parcel texts cut words short)


def prefix_grams(text: str) -> list[str]:
    """The beginnings of a text's longer words ("^shor" for "short", "shorts" and a cut "shor"), so a
    description cut mid-word still meets its examples. Marked with ^, they never equal a stem."""
    out = []
    for w in raw_tokens(text):
        if w.isalpha():
            out.extend("^" + w[:n] for n in PREFIX_LENGTHS if len(w) >= n)
    return out


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
                 extra: list[tuple[str, str, str]] | None = None, embed: bool = True,
                 exclude_codes: tuple[str, frozenset[str]] | None = None):
        """``exclude_codes`` = (source, codes): that source's examples of those subheadings are left out
        (evaluation: whole subheading families held out of one source, their vectors sliced, not re-embedded)."""
        self.texts: list[str] = []
        self.codes: list[str] = []
        self.sources: list[str] = []
        self.dirs = dirs if dirs is not None else _default_dirs()
        self.signature = _signature(self.dirs)
        blocks: list[np.ndarray | None] = []
        for d in self.dirs:
            if not d.is_dir():
                continue
            for path in sorted(d.glob("*.csv")):
                rows = _file_rows(path)
                keep = [k for k, (_t, code, source) in enumerate(rows) if source not in exclude_sources
                        and not (exclude_codes and source == exclude_codes[0] and code in exclude_codes[1])]
                if not keep:
                    continue
                for k in keep:
                    self._add(*rows[k])
                vec = load_vectors(path, rows) if embed else None
                blocks.append(vec[keep] if vec is not None else None)
        extra = list(extra or ())
        for text, code, source in extra:
            self._add(text, code, source)
        if extra:
            blocks.append(embed_texts([t for t, _c, _s in extra]) if embed else None)
        # the example vectors (unit rows), None when the encoder is missing or a file could not be embedded
        self.vectors: np.ndarray | None = None
        if embed and blocks and all(b is not None for b in blocks):
            self.vectors = np.ascontiguousarray(np.vstack(blocks), dtype=np.float32)
        self._tokens: list[list[str]] | None = None
        self.codes_arr = np.array(self.codes)
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        # the key and group of what is saved of this store in the data directory (None: nothing is)
        self.key: str | None = None
        self.group = filecache.digest("examples", [str(d) for d in self.dirs], sorted(exclude_sources))
        if extra or exclude_codes:  # an organisation's own codes, or an evaluation fold: built in memory
            self.bm25 = _build_bm25(self.tokens, self.texts)
        else:  # the shipped and operator examples: indexed once per content, kept in the data directory
            self.key = _store_key(self.texts)
            self.bm25 = filecache.load_or_build("hs_examples", self.key, self._write_index, _read_index,
                                                group=self.group)
        self.vocab = set(self.bm25.vocab_dict) if hasattr(self.bm25, "vocab_dict") else set()

    @property
    def tokens(self) -> list[list[str]]:
        """The stemmed words of every example (computed on first use: the search needs only the saved index)."""
        if self._tokens is None:
            self._tokens = [example_tokens(t) for t in self.texts]
        return self._tokens

    def _write_index(self, folder: Path) -> None:
        _build_bm25(self.tokens, self.texts).save(folder / "bm25", show_progress=False)

    def _add(self, text: str, code: str, source: str) -> None:
        self.texts.append(text)
        self.codes.append(code)
        self.sources.append(source)

    def coverage(self, query: frozenset[str], example: frozenset[str],
                 known: frozenset[str] | set[str] = frozenset()) -> float:
        """Share (0-1) of the ``query`` stems that ``example`` has, each stem weighed by its rarity among the
        examples (BM25 idf). A stem no example has counts for nothing (a brand, a typo: no example could have
        it), unless it is in ``known`` (the nomenclature's words): then it names what no example names and
        weighs as the rarest word. "mackerel fillets, frozen" covers little of "haddock fillets, frozen": the
        word that picks the subheading is missing."""
        total = covered = 0.0
        rarest = math.log(1.0 + (max(1, len(self.texts)) - 0.5) / 1.5) if known else 0.0
        for t in query:
            w = self._idf(t) or (rarest if t in known else 0.0)
            total += w
            covered += w if t in example else 0.0
        return covered / total if total else 1.0

    def _idf(self, token: str) -> float:
        j = self.bm25.vocab_dict.get(token) if hasattr(self.bm25, "vocab_dict") else None
        if j is None:
            return 0.0
        ptr = self.bm25.scores["indptr"]  # word-major sparse matrix: a word's examples are ptr[j]:ptr[j + 1]
        df = int(ptr[j + 1] - ptr[j])
        n = max(1, len(self.texts))
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5))) if df else 0.0

    def word_votes(self, tokens: list[str]) -> tuple[dict[str, float], dict[str, float], float]:
        """What the labelled examples say each word of a query names, summed over its words: a word votes for
        the subheadings (and headings) of the examples that hold it, in proportion to how many do, with the
        weight of how far they agree on one heading (the share of them under their most frequent heading,
        times n / (n + 1) for a word seen n times). A brand or shop word spread over many headings weighs
        little, a word that names one product ("blshr", "dybrow") much, whatever its rarity. Learnt from the
        store in use only (an evaluation fold's store holds no evaluated row). Returns the subheading and
        heading votes (best = 1) and the best heading's share of the summed votes (their agreement)."""
        vd = getattr(self.bm25, "vocab_dict", None)
        if not vd or not self.texts:
            return {}, {}, 0.0
        ptr, docs = self.bm25.scores["indptr"], self.bm25.scores["indices"]  # a word's examples: ptr[j]:ptr[j + 1]
        v6: dict[str, float] = {}
        v4: dict[str, float] = {}
        for t in dict.fromkeys(tokens):
            j = vd.get(t)
            codes = self.codes_arr[np.asarray(docs[ptr[j]:ptr[j + 1]])] if j is not None else ()
            if not len(codes):
                continue
            heads: dict[str, int] = {}
            for c in codes:
                heads[c[:4]] = heads.get(c[:4], 0) + 1
            w = max(heads.values()) / (len(codes) + 1.0) / len(codes)
            for c in codes:
                v6[c] = v6.get(c, 0.0) + w
            for h, k in heads.items():
                v4[h] = v4.get(h, 0.0) + w * k
        if not v6:
            return {}, {}, 0.0
        m6, m4 = max(v6.values()), max(v4.values())
        return {c: v / m6 for c, v in v6.items()}, {h: v / m4 for h, v in v4.items()}, m4 / sum(v4.values())

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

    def nearest(self, vector: np.ndarray, k: int = 20) -> list[Hit]:
        """The ``k`` examples closest in meaning to a unit query vector (score = cosine)."""
        if self.vectors is None or vector is None or not len(self.texts):
            return []
        sims = self.vectors @ np.asarray(vector, dtype=np.float32)
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top])]
        return [Hit(int(i), self.codes[i], self.texts[i], self.sources[i], float(sims[i])) for i in top]

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
                            ANALYSER_VERSION, bm25s.__version__, PREFIX_LENGTHS)


def _build_bm25(tokens: list[list[str]], texts: list[str]):
    """BM25 over each example's stems and the beginnings of its words (:func:`prefix_grams`)."""
    import bm25s

    bm25 = bm25s.BM25(k1=1.2, b=0.5)
    bm25.index([(t + prefix_grams(x)) or ["_"] for t, x in zip(tokens, texts, strict=True)], show_progress=False)
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


def put_store(key: frozenset[str], store: ExampleStore) -> None:
    """Serve ``store`` for ``get_store(key)`` (evaluation: a store holding one fold of a held-out source)."""
    with _lock:
        _stores[key] = store


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
