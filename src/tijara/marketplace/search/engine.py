"""The search index: one SQLite FTS5 file that serves the same way whichever database the platform runs on.

The index is a derived copy of the marketplace's SearchDocument rows (see services.py): it can be deleted
and rebuilt at any time, and every process brings its copy up to date before answering.
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from tijara.marketplace.search import text

SCHEMA_VERSION = f"6-{text.ANALYSER_VERSION}"  # the index stores stems: a new analyser rebuilds it
# FTS5 columns and their bm25 weights: a title outweighs a word deep in a description.
COLUMNS = ("title", "craft", "materials", "techniques", "maker", "place", "body")
WEIGHTS = (8.0, 4.0, 3.0, 3.0, 2.0, 1.5, 1.0)
# Score of a query word matched through each kind of expansion.
TIER_EXACT, TIER_LEXICON, TIER_TYPO = 1.0, 0.9, 0.6
SEMANTIC_WEIGHT = 0.5
TITLE_BONUS = 0.2  # the word (or its translation) is in the product's title, not only in its craft or text
LEXICAL_WEIGHT = 0.3
# Cosine above which a product counts as a match on meaning alone (USE-m3: unrelated texts sit near 0.25).
SEMANTIC_THRESHOLD = 0.42
SEMANTIC_FILL_BELOW = 20  # run the meaning-only scan when fewer lexical matches than this
RESCORE_LIMIT = 2000
# bm25 ranks every match before it can return the best: past this many matches the tiers and titles order them.
BM25_MAX_MATCHES = 3000
VOCABULARY_TTL = 60.0

SORTS = ("relevance", "newest", "price", "-price")
MOQ_BUCKETS = (("1", 1, 1), ("2-10", 2, 10), ("11-50", 11, 50), ("51-200", 51, 200), ("201+", 201, None))
LEAD_BUCKETS = (("0-7", 0, 7), ("8-30", 8, 30), ("31-60", 31, 60), ("61+", 61, None))
# Price ranges in the visitor's currency (upper bounds), converted to MAD edges at query time.
PRICE_EDGES = (25, 100, 250, 1000)


@dataclass
class IndexDoc:
    """One public product as the index sees it: analysed text per column, facet values, display data."""

    id: int
    version: str
    columns: dict[str, str]
    craft: str = ""
    region: str = ""
    maker: str = ""
    verified: bool = False
    price_mad: float | None = None
    moq: int | None = None
    lead_days: int | None = None
    created: str = ""
    materials: list[str] = field(default_factory=list)
    display: dict = field(default_factory=dict)
    embedding: bytes | None = None
    design: str = ""  # products sharing a non-empty design are one result in the default ranking


@dataclass
class Query:
    """A parsed search request."""

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    currency_per_mad: float | None = None  # visitor currency units per MAD (None: price facet in MAD)
    # Called only when few products match the words: encoding a query costs more than the whole lexical search.
    vectorize: Callable[[], np.ndarray | None] | None = None


@dataclass
class Hit:
    id: int
    score: float
    display: dict
    designs: int = 1  # how many products of the same design this result stands for


@dataclass
class Result:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    expansions: dict[str, list[str]]


Expander = Callable[[str], Iterable[str]]

_DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    # Narrow rows for filters, facets and sorting (loaded into memory); wide data apart, read by id only.
    """CREATE TABLE IF NOT EXISTS docs (
        id INTEGER PRIMARY KEY, version TEXT NOT NULL, craft TEXT, region TEXT, maker TEXT,
        verified INTEGER NOT NULL DEFAULT 0, price_mad REAL, moq INTEGER, lead_days INTEGER, created TEXT,
        design TEXT)""",
    "CREATE TABLE IF NOT EXISTS payload (id INTEGER PRIMARY KEY, display TEXT NOT NULL, embedding BLOB)",
    "CREATE TABLE IF NOT EXISTS doc_materials (doc_id INTEGER NOT NULL, material TEXT NOT NULL, "
    "PRIMARY KEY (doc_id, material)) WITHOUT ROWID",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5({', '.join(COLUMNS)}, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(fts, 'row')",
]


def _quote(term: str) -> str:
    # Terms are letters and digits only (text.words), so quoting makes every FTS5 operator plain text.
    return '"' + term.replace('"', "") + '"'


def _or(terms: Iterable[str]) -> str:
    return " OR ".join(_quote(t) for t in sorted(set(terms)) if t)


class SearchIndex:
    """A SQLite FTS5 index file (or a private in-memory one), safe to share between threads of a process."""

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.RLock()
        uri = path.startswith("file:")
        self.db = sqlite3.connect(path, uri=uri, check_same_thread=False, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA busy_timeout = 30000")
        if not uri:
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA mmap_size = 268435456")
        self.db.execute("PRAGMA temp_store = MEMORY")
        self.db.execute("PRAGMA cache_size = -32000")
        self._vocabulary: tuple[str, text.Vocabulary] | None = None
        self._matrix: tuple[str, np.ndarray, np.ndarray] | None = None
        self._columns: tuple[str, Columns] | None = None
        self._vocabulary_at = 0.0
        with self._lock:
            row = None
            with contextlib.suppress(sqlite3.OperationalError):
                row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None or row[0] != SCHEMA_VERSION:
                self._drop()
            for ddl in _DDL:
                self.db.execute(ddl)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            self.db.execute("INSERT INTO fts (fts, rank) VALUES ('rank', ?)",
                            (f"bm25({', '.join(str(w) for w in WEIGHTS)})",))

    def _drop(self) -> None:
        for name in ("vocab", "fts", "doc_materials", "payload", "docs", "meta"):
            self.db.execute(f"DROP TABLE IF EXISTS {name}")

    # -- writes -------------------------------------------------------------------------------------------

    def generation(self) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return row[0] if row else "0"

    def _bump(self) -> None:
        self.db.execute(
            "INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )
        # Kept with every write so that state() is one key look-up, not a scan of the documents.
        count, last = self.db.execute("SELECT COUNT(*), MAX(version) FROM docs").fetchone()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('count', ?)", (str(count),))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('last_version', ?)", (last or "",))

    def upsert(self, docs: list[IndexDoc]) -> None:
        """Add or replace documents (one transaction)."""
        if not docs:
            return
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                ids = [(d.id,) for d in docs]
                self.db.executemany("DELETE FROM fts WHERE rowid = ?", ids)
                self.db.executemany("DELETE FROM doc_materials WHERE doc_id = ?", ids)
                self.db.executemany(
                    "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(d.id, d.version, d.craft, d.region, d.maker, int(d.verified), d.price_mad, d.moq, d.lead_days,
                      d.created, d.design or None) for d in docs],
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO payload VALUES (?, ?, ?)",
                    [(d.id, json.dumps(d.display, ensure_ascii=False), d.embedding) for d in docs],
                )
                self.db.executemany(
                    f"INSERT INTO fts (rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})",
                    [(d.id, *(d.columns.get(c, "") for c in COLUMNS)) for d in docs],
                )
                self.db.executemany(
                    "INSERT OR IGNORE INTO doc_materials VALUES (?, ?)",
                    [(d.id, m) for d in docs for m in d.materials if m],
                )
                self._bump()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def delete(self, ids: Iterable[int]) -> None:
        """Remove documents by id (missing ids are ignored)."""
        rows = [(i,) for i in ids]
        if not rows:
            return
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.executemany("DELETE FROM fts WHERE rowid = ?", rows)
                self.db.executemany("DELETE FROM doc_materials WHERE doc_id = ?", rows)
                self.db.executemany("DELETE FROM payload WHERE id = ?", rows)
                self.db.executemany("DELETE FROM docs WHERE id = ?", rows)
                self._bump()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def state(self) -> tuple[int, str]:
        """(number of documents, highest version)."""
        with self._lock:
            meta = dict(self.db.execute("SELECT key, value FROM meta WHERE key IN ('count', 'last_version')"))
        return int(meta.get("count", 0)), meta.get("last_version", "")

    def versions(self) -> dict[int, str]:
        with self._lock:
            return dict(self.db.execute("SELECT id, version FROM docs"))

    # -- reads --------------------------------------------------------------------------------------------

    def vocabulary(self) -> text.Vocabulary:
        """The index's terms, for typo correction; re-read after a change, at most every VOCABULARY_TTL seconds
        (reading it scans the whole index, and a brand-new word is matched exactly even before it is listed)."""
        generation = self.generation()
        now = time.monotonic()
        if self._vocabulary is None or (self._vocabulary[0] != generation
                                        and now - self._vocabulary_at >= VOCABULARY_TTL):
            rows = self.db.execute("SELECT term, doc FROM vocab").fetchall()
            self._vocabulary = (generation, text.Vocabulary(dict(rows)))
            self._vocabulary_at = now
        return self._vocabulary[1]

    def _embedding_matrix(self) -> tuple[np.ndarray, np.ndarray]:
        generation = self.generation()
        if self._matrix is None or self._matrix[0] != generation:
            ids, rows = [], []
            for doc_id, blob in self.db.execute("SELECT id, embedding FROM payload WHERE embedding IS NOT NULL"):
                ids.append(doc_id)
                rows.append(np.frombuffer(blob, dtype=np.float16))
            matrix = np.vstack(rows) if rows else np.zeros((0, 512), dtype=np.float16)
            self._matrix = (generation, np.asarray(ids, dtype=np.int64), matrix)
        return self._matrix[1], self._matrix[2]

    def _groups(self, words: list[str], expand: Expander | None) -> tuple[list[dict[str, float]], dict[str, list[str]]]:
        """For each query word, the index terms that answer it and the score each earns."""
        vocabulary = self.vocabulary()
        groups, shown = [], {}
        for word in words:
            terms: dict[str, float] = {}
            found: list[str] = []  # what the page says the word also matched: words a reader knows, never stems
            exact = text.query_variants(word)
            known = {term for term in exact if term in vocabulary}
            for term in exact:
                terms[term] = TIER_EXACT  # unknown variants match nothing, but a word added since is found
            sources = {word} | known
            if not known:
                # Unknown word: try near spellings of its variants in the index vocabulary.
                for variant in sorted(exact, key=len, reverse=True):
                    for near, _distance in vocabulary.near(variant):
                        if near not in terms:
                            found.append(near)
                        terms.setdefault(near, TIER_TYPO)
                        sources.add(near)
            if expand is not None:
                for source in list(sources):
                    for other in expand(source):
                        for other_word in text.words(other):
                            for term in text.query_variants(other_word):
                                if term in vocabulary and terms.get(term, 0) < TIER_LEXICON:
                                    terms[term] = TIER_LEXICON
                                    found.append(other)  # the lexicon's own spelling ("زربية"), not its stem
            groups.append(terms)
            shown[word] = sorted(set(found))
        return groups, shown

    def _match(self, expression: str) -> np.ndarray:
        rows = self.db.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (expression,)).fetchall()
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    def search(self, query: Query, *, expand: Expander | None = None) -> Result:
        """Matches, facet counts over every match and one page of hits, for any input string."""
        with self._lock:
            return self._search(query, expand)

    def _group_scores(self, terms: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """(sorted ids, best tier) of the documents matching one query word's terms."""
        by_tier: dict[float, list[str]] = {}
        for term, tier in terms.items():
            by_tier.setdefault(tier, []).append(term)
        ids_parts, tier_parts = [], []
        for tier, tier_terms in by_tier.items():
            ids = self._match(_or(tier_terms))
            ids_parts.append(ids)
            tier_parts.append(np.full(len(ids), tier))
        if not ids_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        ids, tiers = np.concatenate(ids_parts), np.concatenate(tier_parts)
        order = np.lexsort((-tiers, ids))
        ids, tiers = ids[order], tiers[order]
        first = np.ones(len(ids), dtype=bool)
        first[1:] = ids[1:] != ids[:-1]
        ids, tiers = ids[first], tiers[first].astype(np.float64)
        # In the title as typed earns the full bonus, a translation in the title half of it.
        for level, share in ((TIER_EXACT, 0.5), (TIER_LEXICON, 0.5)):
            wanted = [t for t, tier in terms.items() if tier >= level]
            if wanted:
                tiers[np.isin(ids, self._match(f"title : ({_or(wanted)})"))] += TITLE_BONUS * share
        return ids, tiers

    def _search(self, query: Query, expand: Expander | None) -> Result:
        words = text.query_words(query.text)
        ids: np.ndarray | None = None
        values = np.zeros(0)
        expansions: dict[str, list[str]] = {}
        if query.text.strip() and not words:
            ids = np.zeros(0, dtype=np.int64)  # only punctuation, operators or stop words: nothing to look for
        elif words:
            groups, expansions = self._groups(words, expand)
            per_group = [self._group_scores(terms) for terms in groups]
            union = np.unique(np.concatenate([g[0] for g in per_group]))
            matrix = np.zeros((len(groups), len(union)))
            for row, (group_ids, tiers) in enumerate(per_group):
                matrix[row, np.searchsorted(union, group_ids)] = tiers
            every_word = (matrix > 0).all(axis=0)
            keep = every_word if every_word.any() else np.ones(len(union), dtype=bool)
            ids, values = union[keep], matrix[:, keep].mean(axis=0)
            if 0 < len(ids) <= BM25_MAX_MATCHES:
                values = values + self._bm25(ids, groups)
            if query.vectorize is not None and len(ids) < SEMANTIC_FILL_BELOW:
                vector = query.vectorize()
                if vector is not None:
                    scores = dict(zip(ids.tolist(), values.tolist(), strict=True))
                    self._add_semantic(scores, vector)
                    ids = np.array(sorted(scores), dtype=np.int64)
                    values = np.array([scores[i] for i in ids.tolist()])
        return self._page(query, ids, values, expansions)

    def _bm25(self, ids: np.ndarray, groups: list[dict[str, float]]) -> np.ndarray:
        """LEXICAL_WEIGHT × bm25 relative to the best, for the sorted `ids` (0 outside the top RESCORE_LIMIT)."""
        # Weigh by the words as typed where they exist: a translation's rarity must not outrank the original.
        terms = []
        for group in groups:
            exact = [t for t, tier in group.items() if tier == TIER_EXACT]
            terms += exact or list(group)
        bonus = np.zeros(len(ids))
        rows = self.db.execute(
            "SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?", (_or(terms), RESCORE_LIMIT)
        ).fetchall()
        if not rows:
            return bonus
        ranked_ids = np.array([r[0] for r in rows], dtype=np.int64)
        strength = -np.array([r[1] for r in rows], dtype=np.float64)
        positions = np.clip(np.searchsorted(ids, ranked_ids), 0, len(ids) - 1)
        present = ids[positions] == ranked_ids
        best = strength[present].max() if present.any() else 0.0
        if best > 0:
            bonus[positions[present]] = LEXICAL_WEIGHT * strength[present] / best
        return bonus

    def _add_semantic(self, scores: dict[int, float], vector: np.ndarray) -> None:
        vector = np.asarray(vector, dtype=np.float32).ravel()
        if len(scores) < SEMANTIC_FILL_BELOW:  # few words matched: look for products by meaning alone
            ids, matrix = self._embedding_matrix()
            if len(ids):
                cosines = np.zeros(len(ids), dtype=np.float32)
                step = 20_000  # float16 -> float32 in slices keeps the temporary memory small
                for start in range(0, len(ids), step):
                    cosines[start:start + step] = matrix[start:start + step].astype(np.float32) @ vector
                for position in np.nonzero(cosines >= SEMANTIC_THRESHOLD)[0]:
                    doc_id = int(ids[position])
                    scores.setdefault(doc_id, 0.0)
        if not scores:
            return
        best = sorted(scores, key=scores.get, reverse=True)[:RESCORE_LIMIT]
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS _cand (id INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM _cand")
        self.db.executemany("INSERT INTO _cand VALUES (?)", [(d,) for d in best])
        for doc_id, blob in self.db.execute(
            "SELECT d.id, d.embedding FROM payload d JOIN _cand c ON c.id = d.id WHERE d.embedding IS NOT NULL"
        ):
            cosine = float(np.frombuffer(blob, dtype=np.float16).astype(np.float32) @ vector)
            scores[doc_id] += SEMANTIC_WEIGHT * max(cosine, 0.0)

    # -- filters, facets, sorting (in memory) --------------------------------------------------------------

    def columns(self) -> Columns:
        generation = self.generation()
        if self._columns is None or self._columns[0] != generation:
            self._columns = (generation, Columns(self.db))
        return self._columns[1]

    def _page(self, query: Query, ids: np.ndarray | None, values: np.ndarray,
              expansions: dict[str, list[str]]) -> Result:
        columns = self.columns()
        relevance_all = np.zeros(len(columns.ids))
        if ids is None:
            base = np.ones(len(columns.ids), dtype=bool)
        else:
            base = np.zeros(len(columns.ids), dtype=bool)
            wanted = np.asarray(ids, dtype=np.int64)
            found = columns.positions(wanted)
            base[found] = True
            relevance_all[found] = np.asarray(values)[np.isin(wanted, columns.ids[found])]
        selected = base & columns.mask(query.filters, _price_buckets(query.currency_per_mad))
        positions = np.nonzero(selected)[0]
        facets = columns.facets(selected, _price_buckets(query.currency_per_mad))
        limit = max(0, min(int(query.limit), 100))
        offset = max(0, int(query.offset))
        sort = query.sort if query.sort in SORTS else "relevance"
        if sort == "relevance" and ids is not None:
            relevance = relevance_all[positions]
            order = np.lexsort((-columns.ids[positions], -columns.created[positions], -np.round(relevance, 6)))
        elif sort in ("price", "-price"):
            price = columns.price[positions]
            known = np.where(np.isnan(price), np.inf, price if sort == "price" else -price)
            order = np.lexsort((columns.ids[positions], known))
        else:
            order = np.lexsort((-columns.ids[positions], -columns.created[positions]))
        total = int(len(positions))
        group_sizes: dict[int, int] = {}
        if sort == "relevance":
            # One result per design: the best-ranked product of each design stands for the others.
            designs = columns.design[positions[order]]
            _unique, first, counts = np.unique(designs, return_index=True, return_counts=True)
            keep = np.sort(first)
            sizes = dict(zip(designs[first].tolist(), counts.tolist(), strict=True))
            order = order[keep]
            total = int(len(order))
            group_sizes = {int(columns.ids[positions[o]]): sizes[int(columns.design[positions[o]])]
                           for o in order[offset:offset + limit]}
        page_ids = [int(i) for i in columns.ids[positions[order[offset:offset + limit]]]]
        displays = {}
        if page_ids:
            marks = ", ".join("?" * len(page_ids))
            displays = {i: json.loads(d) for i, d in self.db.execute(
                f"SELECT id, display FROM payload WHERE id IN ({marks})", page_ids)}
        scores = dict(zip(columns.ids[positions[order[offset:offset + limit]]].tolist(),
                          relevance_all[positions[order[offset:offset + limit]]].tolist(), strict=True))
        hits = [Hit(id=i, score=round(scores.get(i, 0.0), 4), display=displays.get(i, {}),
                    designs=group_sizes.get(i, 1)) for i in page_ids]
        return Result(total=total, hits=hits, facets=facets, expansions=expansions)


def _price_buckets(currency_per_mad: float | None) -> list[tuple[str, float | None, float | None]]:
    """Price ranges in the visitor's currency as (label, low MAD, high MAD)."""
    rate = currency_per_mad or 1.0
    buckets, low = [], None
    for edge in PRICE_EDGES:
        buckets.append((f"{0 if low is None else low}-{edge}", None if low is None else low / rate, edge / rate))
        low = edge
    buckets.append((f"{low}+", low / rate, None))
    return buckets


def _in_bucket(values: np.ndarray, low: float | None, high: float | None, *, inclusive_high: bool) -> np.ndarray:
    mask = ~np.isnan(values)
    if low is not None:
        mask &= values >= low
    if high is not None:
        mask &= (values <= high) if inclusive_high else (values < high)
    return mask


class Columns:
    """Every document's facet and sort values as numpy arrays, for one index generation."""

    def __init__(self, db: sqlite3.Connection):
        rows = db.execute(
            "SELECT id, craft, region, maker, verified, price_mad, moq, lead_days, created, design FROM docs ORDER BY id"
        ).fetchall()
        self.ids = np.array([r[0] for r in rows], dtype=np.int64)
        self.codes: dict[str, tuple[list[str], np.ndarray]] = {}
        for index, name in ((1, "craft"), (2, "region"), (3, "maker")):
            values = sorted({r[index] or "" for r in rows})
            lookup = {v: n for n, v in enumerate(values)}
            self.codes[name] = (values, np.array([lookup[r[index] or ""] for r in rows], dtype=np.int32))
        self.verified = np.array([bool(r[4]) for r in rows], dtype=bool)
        self.price = np.array([np.nan if r[5] is None else r[5] for r in rows], dtype=np.float64)
        self.moq = np.array([np.nan if r[6] is None else r[6] for r in rows], dtype=np.float64)
        self.lead = np.array([np.nan if r[7] is None else r[7] for r in rows], dtype=np.float64)
        created = np.array([r[8] or "" for r in rows], dtype="U32")
        self.created = np.empty(len(rows), dtype=np.int64)
        self.created[np.argsort(created, kind="stable")] = np.arange(len(rows))
        # Design group per document: documents without a design are each their own group (negative ids).
        design_ids: dict[str, int] = {}
        self.design = np.array([design_ids.setdefault(r[9], len(design_ids)) if r[9] else -1 - n
                                for n, r in enumerate(rows)], dtype=np.int64)
        self.materials: dict[str, np.ndarray] = {}
        by_material: dict[str, list[int]] = {}
        for doc_id, material in db.execute("SELECT doc_id, material FROM doc_materials"):
            by_material.setdefault(material, []).append(doc_id)
        for material, doc_ids in by_material.items():
            self.materials[material] = self.positions(doc_ids)

    def positions(self, doc_ids: list[int]) -> np.ndarray:
        """Array positions of the given ids (ids not in the index are dropped)."""
        wanted = np.asarray(doc_ids, dtype=np.int64)
        found = np.searchsorted(self.ids, wanted)
        found = np.clip(found, 0, max(len(self.ids) - 1, 0))
        return found[self.ids[found] == wanted] if len(self.ids) else np.zeros(0, dtype=np.int64)

    def mask(self, filters: dict[str, list[str]], price_buckets) -> np.ndarray:
        """Documents passing every filter (values of one facet are alternatives)."""
        mask = np.ones(len(self.ids), dtype=bool)
        for name in ("craft", "region", "maker"):
            chosen = [v for v in filters.get(name, []) if v]
            if chosen:
                values, codes = self.codes[name]
                wanted = [n for n, v in enumerate(values) if v in chosen]
                mask &= np.isin(codes, wanted)
        for material in filters.get("material", []):
            member = np.zeros(len(self.ids), dtype=bool)
            member[self.materials.get(text.normalize(material).strip(), np.zeros(0, dtype=np.int64))] = True
            mask &= member
        verified = [v for v in filters.get("verified", []) if v in ("yes", "true", "1", "no", "false", "0")]
        if verified:
            want = {v in ("yes", "true", "1") for v in verified}
            mask &= self.verified if want == {True} else (~self.verified if want == {False} else True)
        for name, values, buckets, inclusive in (
            ("moq", self.moq, MOQ_BUCKETS, True), ("lead_time", self.lead, LEAD_BUCKETS, True),
            ("price", self.price, price_buckets, False),
        ):
            requested = filters.get(name, [])
            if not requested:
                continue
            chosen = np.zeros(len(self.ids), dtype=bool)
            for label, low, high in buckets:
                if label in requested:
                    chosen |= _in_bucket(values, low, high, inclusive_high=inclusive)
            mask &= chosen  # an unknown bucket label matches nothing
        return mask

    def facets(self, selected: np.ndarray, price_buckets) -> dict[str, dict[str, int]]:
        """Counts of each facet value over the selected documents, largest first."""
        facets: dict[str, dict[str, int]] = {}
        for name in ("craft", "region"):
            values, codes = self.codes[name]
            counts = np.bincount(codes[selected], minlength=len(values))
            pairs = [(values[n], int(c)) for n, c in enumerate(counts) if c and values[n]]
            facets[name] = dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))
        materials = [(m, int(selected[p].sum())) for m, p in self.materials.items()]
        facets["material"] = dict(sorted(((m, c) for m, c in materials if c), key=lambda kv: (-kv[1], kv[0]))[:50])
        yes = int((self.verified & selected).sum())
        no = int(selected.sum()) - yes
        facets["verified"] = {k: v for k, v in (("yes", yes), ("no", no)) if v}
        for name, values, buckets, inclusive in (
            ("moq", self.moq, MOQ_BUCKETS, True), ("lead_time", self.lead, LEAD_BUCKETS, True),
            ("price", self.price, price_buckets, False),
        ):
            counts = {}
            for label, low, high in buckets:
                count = int((_in_bucket(values, low, high, inclusive_high=inclusive) & selected).sum())
                if count:
                    counts[label] = count
            facets[name] = counts
        return facets


def price_bucket_labels() -> list[str]:
    labels, low = [], 0
    for edge in PRICE_EDGES:
        labels.append(f"{low}-{edge}")
        low = edge
    return labels + [f"{low}+"]


def embedding_bytes(vector: np.ndarray | None) -> bytes | None:
    if vector is None:
        return None
    vector = np.asarray(vector, dtype=np.float32).ravel()
    norm = float(np.linalg.norm(vector))
    if not math.isfinite(norm) or norm == 0:
        return None
    return (vector / norm).astype(np.float16).tobytes()
