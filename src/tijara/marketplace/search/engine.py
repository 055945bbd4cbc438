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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from tijara.marketplace.search import text

SCHEMA_VERSION = "3"
# FTS5 columns and their bm25 weights: a title outweighs a word deep in a description.
COLUMNS = ("title", "craft", "materials", "techniques", "maker", "place", "body")
WEIGHTS = (8.0, 4.0, 3.0, 3.0, 2.0, 1.5, 1.0)
# Score of a query word matched through each kind of expansion.
TIER_EXACT, TIER_LEXICON, TIER_TYPO = 1.0, 0.9, 0.6
SEMANTIC_WEIGHT = 0.5
LEXICAL_WEIGHT = 0.3
# Cosine above which a product counts as a match on meaning alone (USE-m3: unrelated texts sit near 0.25).
SEMANTIC_THRESHOLD = 0.42
SEMANTIC_FILL_BELOW = 20  # run the meaning-only scan when fewer lexical matches than this
RESCORE_LIMIT = 2000

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


@dataclass
class Result:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    expansions: dict[str, list[str]]


Expander = Callable[[str], Iterable[str]]

_DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE IF NOT EXISTS docs (
        id INTEGER PRIMARY KEY, version TEXT NOT NULL, craft TEXT, region TEXT, maker TEXT,
        verified INTEGER NOT NULL DEFAULT 0, price_mad REAL, moq INTEGER, lead_days INTEGER, created TEXT,
        display TEXT NOT NULL, embedding BLOB)""",
    "CREATE INDEX IF NOT EXISTS docs_created ON docs(created)",
    "CREATE INDEX IF NOT EXISTS docs_price ON docs(price_mad)",
    "CREATE INDEX IF NOT EXISTS docs_craft ON docs(craft)",
    "CREATE TABLE IF NOT EXISTS doc_materials (doc_id INTEGER NOT NULL, material TEXT NOT NULL, "
    "PRIMARY KEY (doc_id, material)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS doc_materials_material ON doc_materials(material, doc_id)",
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
        self._vocabulary: tuple[str, text.Vocabulary] | None = None
        self._matrix: tuple[str, np.ndarray, np.ndarray] | None = None
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
        for name in ("vocab", "fts", "doc_materials", "docs", "meta"):
            self.db.execute(f"DROP TABLE IF EXISTS {name}")

    # -- writes -------------------------------------------------------------------------------------------

    def generation(self) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return row[0] if row else "0"

    def _bump(self) -> None:
        self.db.execute(
            "INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

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
                    "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(d.id, d.version, d.craft, d.region, d.maker, int(d.verified), d.price_mad, d.moq, d.lead_days,
                      d.created, json.dumps(d.display, ensure_ascii=False), d.embedding) for d in docs],
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
                self.db.executemany("DELETE FROM docs WHERE id = ?", rows)
                self._bump()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def state(self) -> tuple[int, str]:
        """(number of documents, highest version)."""
        with self._lock:
            count, last = self.db.execute("SELECT COUNT(*), MAX(version) FROM docs").fetchone()
        return count, last or ""

    def versions(self) -> dict[int, str]:
        with self._lock:
            return dict(self.db.execute("SELECT id, version FROM docs"))

    # -- reads --------------------------------------------------------------------------------------------

    def vocabulary(self) -> text.Vocabulary:
        generation = self.generation()
        if self._vocabulary is None or self._vocabulary[0] != generation:
            rows = self.db.execute("SELECT term, doc FROM vocab").fetchall()
            self._vocabulary = (generation, text.Vocabulary(dict(rows)))
        return self._vocabulary[1]

    def _embedding_matrix(self) -> tuple[np.ndarray, np.ndarray]:
        generation = self.generation()
        if self._matrix is None or self._matrix[0] != generation:
            ids, rows = [], []
            for doc_id, blob in self.db.execute("SELECT id, embedding FROM docs WHERE embedding IS NOT NULL"):
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
            exact = text.query_variants(word)
            for term in exact:
                if term in vocabulary:
                    terms[term] = TIER_EXACT
            sources = {word} | set(terms)
            if not terms:
                # Unknown word: try near spellings of its variants in the index vocabulary.
                for variant in sorted(exact, key=len, reverse=True):
                    for near, _distance in vocabulary.near(variant):
                        terms.setdefault(near, TIER_TYPO)
                        sources.add(near)
            if expand is not None:
                for source in list(sources):
                    for other in expand(source):
                        for other_word in text.words(other):
                            for term in text.query_variants(other_word):
                                if term in vocabulary and terms.get(term, 0) < TIER_LEXICON:
                                    terms[term] = TIER_LEXICON
            if terms:
                groups.append(terms)
                shown[word] = sorted(t for t in terms if t not in exact)
            else:
                groups.append({})
                shown[word] = []
        return groups, shown

    def _match(self, expression: str) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (expression,))]

    def search(self, query: Query, *, expand: Expander | None = None) -> Result:
        """Matches, facet counts over every match and one page of hits, for any input string."""
        with self._lock:
            return self._search(query, expand)

    def _search(self, query: Query, expand: Expander | None) -> Result:
        words = text.query_words(query.text)
        scores: dict[int, float] | None = None
        expansions: dict[str, list[str]] = {}
        if query.text.strip() and not words:
            scores = {}  # only punctuation, operators or stop words: nothing to look for
        elif words:
            groups, expansions = self._groups(words, expand)
            per_doc: dict[int, list[float]] = {}
            for index, terms in enumerate(groups):
                by_tier: dict[float, list[str]] = {}
                for term, tier in terms.items():
                    by_tier.setdefault(tier, []).append(term)
                for tier, tier_terms in sorted(by_tier.items()):
                    for doc_id in self._match(_or(tier_terms)):
                        slots = per_doc.setdefault(doc_id, [0.0] * len(groups))
                        slots[index] = max(slots[index], tier)
            n = len(groups)
            matched_all = [d for d, slots in per_doc.items() if all(slots)]
            keep = matched_all if matched_all else list(per_doc)
            scores = {d: sum(per_doc[d]) / n for d in keep}
            if scores:
                self._add_bm25(scores, groups)
            if query.vectorize is not None and len(scores) < SEMANTIC_FILL_BELOW:
                vector = query.vectorize()
                if vector is not None:
                    self._add_semantic(scores, vector)
        return self._page(query, scores, expansions)

    def _add_bm25(self, scores: dict[int, float], groups: list[dict[str, float]]) -> None:
        # Weigh by the words as typed where they exist: a translation's rarity must not outrank the original.
        terms = []
        for group in groups:
            exact = [t for t, tier in group.items() if tier == TIER_EXACT]
            terms += exact or list(group)
        expression = _or(terms)
        ranked = self.db.execute(
            "SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?",
            (expression, RESCORE_LIMIT),
        ).fetchall()
        ranked = [(d, -b) for d, b in ranked if d in scores]
        if ranked:
            best = max(b for _d, b in ranked) or 1.0
            for doc_id, value in ranked:
                scores[doc_id] += LEXICAL_WEIGHT * (value / best)

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
            "SELECT d.id, d.embedding FROM docs d JOIN _cand c ON c.id = d.id WHERE d.embedding IS NOT NULL"
        ):
            cosine = float(np.frombuffer(blob, dtype=np.float16).astype(np.float32) @ vector)
            scores[doc_id] += SEMANTIC_WEIGHT * max(cosine, 0.0)

    # -- filters, facets, sorting ---------------------------------------------------------------------------

    def _price_edges_mad(self, query: Query) -> list[tuple[str, float | None, float | None]]:
        rate = query.currency_per_mad or 1.0
        buckets, low = [], None
        for edge in PRICE_EDGES:
            label = f"{0 if low is None else low}-{edge}"
            buckets.append((label, None if low is None else low / rate, edge / rate))
            low = edge
        buckets.append((f"{low}+", low / rate, None))
        return buckets

    def _filter_sql(self, query: Query) -> tuple[list[str], list]:
        where, params = [], []
        filters = query.filters
        for name, column in (("craft", "craft"), ("region", "region"), ("maker", "maker")):
            values = [v for v in filters.get(name, []) if v]
            if values:
                where.append(f"d.{column} IN ({', '.join('?' * len(values))})")
                params += values
        for material in filters.get("material", []):
            where.append("EXISTS (SELECT 1 FROM doc_materials m WHERE m.doc_id = d.id AND m.material = ?)")
            params.append(text.normalize(material).strip())
        for value in filters.get("verified", []):
            if value in ("yes", "true", "1", "no", "false", "0"):
                where.append("d.verified = ?")
                params.append(1 if value in ("yes", "true", "1") else 0)
        bucket_filters = (
            ("moq", "d.moq", [(label, lo, hi) for label, lo, hi in MOQ_BUCKETS]),
            ("lead_time", "d.lead_days", [(label, lo, hi) for label, lo, hi in LEAD_BUCKETS]),
            ("price", "d.price_mad", self._price_edges_mad(query)),
        )
        for name, column, buckets in bucket_filters:
            chosen = [b for b in buckets if b[0] in filters.get(name, [])]
            if filters.get(name) and not chosen:
                where.append("0")  # an unknown bucket matches nothing
            if chosen:
                parts = []
                for _label, lo, hi in chosen:
                    cond = [f"{column} IS NOT NULL"]
                    if lo is not None:
                        cond.append(f"{column} >= ?")
                        params.append(lo)
                    if hi is not None:
                        cond.append(f"{column} {'<=' if name != 'price' else '<'} ?")
                        params.append(hi)
                    parts.append("(" + " AND ".join(cond) + ")")
                where.append("(" + " OR ".join(parts) + ")")
        return where, params

    def _page(self, query: Query, scores: dict[int, float] | None, expansions: dict[str, list[str]]) -> Result:
        if scores is not None:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS _hits (id INTEGER PRIMARY KEY)")
            self.db.execute("DELETE FROM _hits")
            self.db.executemany("INSERT INTO _hits VALUES (?)", [(d,) for d in scores])
            base = "docs d JOIN _hits h ON h.id = d.id"
        else:
            base = "docs d"
        where, params = self._filter_sql(query)
        condition = (" WHERE " + " AND ".join(where)) if where else ""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS _sel (id INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM _sel")
        self.db.execute(f"INSERT INTO _sel SELECT d.id FROM {base}{condition}", params)
        total = self.db.execute("SELECT COUNT(*) FROM _sel").fetchone()[0]
        facets = self._facets(query)
        limit = max(0, min(int(query.limit), 100))
        offset = max(0, int(query.offset))
        sort = query.sort if query.sort in SORTS else "relevance"
        if sort == "relevance" and scores is not None:
            selected = [r[0] for r in self.db.execute("SELECT id FROM _sel")]
            created = dict(self.db.execute("SELECT d.id, d.created FROM docs d JOIN _sel s ON s.id = d.id"))
            selected.sort(key=lambda d: (-round(scores[d], 6), created.get(d) or "", -d))
            page_ids = selected[offset:offset + limit]
        else:
            order = {
                "price": "d.price_mad IS NULL, d.price_mad ASC, d.id",
                "-price": "d.price_mad IS NULL, d.price_mad DESC, d.id",
            }.get(sort, "d.created DESC, d.id DESC")
            page_ids = [r[0] for r in self.db.execute(
                f"SELECT d.id FROM docs d JOIN _sel s ON s.id = d.id ORDER BY {order} LIMIT ? OFFSET ?",
                (limit, offset),
            )]
        displays = {}
        if page_ids:
            marks = ", ".join("?" * len(page_ids))
            displays = {i: json.loads(d) for i, d in self.db.execute(
                f"SELECT id, display FROM docs WHERE id IN ({marks})", page_ids)}
        hits = [Hit(id=i, score=round(scores.get(i, 0.0), 4) if scores else 0.0, display=displays.get(i, {}))
                for i in page_ids]
        return Result(total=total, hits=hits, facets=facets, expansions=expansions)

    def _facets(self, query: Query) -> dict[str, dict[str, int]]:
        facets: dict[str, dict[str, int]] = {}
        join = "docs d JOIN _sel s ON s.id = d.id"
        for name, column in (("craft", "d.craft"), ("region", "d.region")):
            facets[name] = dict(self.db.execute(
                f"SELECT {column}, COUNT(*) FROM {join} WHERE {column} != '' GROUP BY {column} ORDER BY 2 DESC, 1"))
        facets["material"] = dict(self.db.execute(
            "SELECT m.material, COUNT(*) FROM doc_materials m JOIN _sel s ON s.id = m.doc_id "
            "GROUP BY m.material ORDER BY 2 DESC, 1 LIMIT 50"))
        yes, no = self.db.execute(f"SELECT COALESCE(SUM(d.verified), 0), COUNT(*) - COALESCE(SUM(d.verified), 0) FROM {join}").fetchone()
        facets["verified"] = {k: v for k, v in (("yes", yes), ("no", no)) if v}
        for name, column, buckets in (
            ("moq", "d.moq", MOQ_BUCKETS),
            ("lead_time", "d.lead_days", LEAD_BUCKETS),
            ("price", "d.price_mad", self._price_edges_mad(query)),
        ):
            cases, params = [], []
            for label, lo, hi in buckets:
                cond = []
                if lo is not None:
                    cond.append(f"{column} >= ?")
                    params.append(lo)
                if hi is not None:
                    cond.append(f"{column} {'<=' if name != 'price' else '<'} ?")
                    params.append(hi)
                cases.append(f"WHEN {' AND '.join(cond) or '1'} THEN ?")
                params.append(label)
            rows = self.db.execute(
                f"SELECT CASE {' '.join(cases)} END AS bucket, COUNT(*) FROM {join} "
                f"WHERE {column} IS NOT NULL GROUP BY bucket", params).fetchall()
            counts = dict(rows)
            facets[name] = {label: counts[label] for label, *_rest in buckets if counts.get(label)}
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
