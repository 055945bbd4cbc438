"""Evaluation of the HS classifier on real seller descriptions, held out by group. Pure Python.

Rows (``load_rows``):
- HMRC parcel declarations (``data/hs/labelled/hmrc_fpo_extra_references.csv``, English, real goods
  descriptions with the code HMRC assigned). The whole source is held out of the example store while it is
  evaluated (the classifier sees only the other source, HMRC search references, as examples).
- Project-written craft descriptions (``data/eval/hs_project_written.csv``): the same items in Arabic,
  Darija, French and English, written by the project, marked ``project-written``.
- Project-written craft listings and rulings (``data/eval/hs_project_listings.csv``, marked ``project-written``
  in its first line): craft goods described the way e-commerce listings (long SEO titles, sizes, marketing
  words, composition lines) and customs rulings (technical prose) describe them, mostly English, a quarter
  French and a quarter Arabic/Darija; group ``project-listing`` or ``project-ruling`` by its ``style``.
- Project-written e-commerce listings split by product family (``data/eval/hs_project_family_listings.csv``,
  group ``project-listing-family``, marked in its first line): 138 seller-style titles (sizes, colours, rooms,
  occasions, options, "set of") of 23 craft families in English, French and Arabic. Its ``split`` column was
  assigned before any measuring by ``sha256("family:<family>")`` (whole product families held out), not by HS4.
- A parallel set (``data/eval/hs_project_parallel.csv``, group ``project-parallel``, marked in its first line):
  168 real parcel declarations of the craft chapters, chosen by heading before the vocabulary was read, each in
  its real English and in the project's French, Arabic and Darija translations (``item`` links the four). It
  measures what a language costs on the same items: the gap of ar/ary/fr to en. Its English rows are also
  parcel rows (counted twice in ``all``); the parcel source is held out of the examples, so the English
  original is no more present for the classifier than the translations are. An item whose English equals an
  example is dropped in all four languages, as such parcel rows are.

Split: by HS4 family, ``sha256("hs4:<code>")`` even → ``dev`` (tuning), odd → ``test`` (reported only).
Whole headings are held out of tuning, so no weight is fitted to a test family. Rows whose text equals an
example of the store (7 of 2,324) are dropped.

Naive baselines on the same rows: BM25 over the nomenclature (official texts only) and a word-overlap
nearest neighbour over the labelled examples the classifier may use.
"""

from __future__ import annotations

import csv
import hashlib
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .engine import DATA_DIR, HS_DIR, Index, classify_many, get_index
from .examples import LABELLED_DIR, ExampleStore, example_tokens, put_store
from .text import index_tokens, raw_tokens

PROJECT_FILE = DATA_DIR / "eval" / "hs_project_written.csv"
LISTINGS_FILE = DATA_DIR / "eval" / "hs_project_listings.csv"
PARALLEL_FILE = DATA_DIR / "eval" / "hs_project_parallel.csv"
FAMILY_LISTINGS_FILE = DATA_DIR / "eval" / "hs_project_family_listings.csv"
HELD_OUT_SOURCE = "hmrc_fpo_extra_references"
LEVELS = (("hs6", 6), ("hs4", 4), ("chapter", 2))
KS = (1, 3)
OWN_GROUPS = frozenset(["project-listing-family"])  # split by product family, kept out of all, craft and lang:*
CRAFT_CHAPTERS = frozenset(["42", "44", "46", "57", "58", "61", "62", "63", "64", "65", "69", "70", "71", "73", "74", "83", "94", "95", "96", "97"])


def split_of(hs6: str) -> str:
    """dev or test, decided by the HS4 family alone (blind to texts)."""
    return "dev" if hashlib.sha256(f"hs4:{hs6[:4]}".encode()).digest()[0] % 2 == 0 else "test"


def load_rows(split: str = "test", lang: str | None = None, path: Path | None = None) -> list[dict]:
    """Evaluation rows: text, hs6, lang, group (hmrc-parcel | project | project-listing | project-ruling |
    project-listing-family | project-parallel), split."""
    rows: list[dict] = []
    if path is not None:
        with open(path, encoding="utf-8-sig") as fh:
            for r in csv.DictReader(line for line in fh if not line.startswith("#")):
                rows.append({"text": r["text"], "hs6": r["hs6"][:6], "lang": r.get("lang") or "en",
                             "group": "file", "split": r.get("split") or split_of(r["hs6"])})
    else:
        store_texts = {" ".join(raw_tokens(t))
                       for t in ExampleStore(exclude_sources={HELD_OUT_SOURCE}, embed=False).texts}
        with open(LABELLED_DIR / f"{HELD_OUT_SOURCE}.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                if " ".join(raw_tokens(r["description"])) in store_texts:
                    continue
                rows.append({"text": r["description"], "hs6": r["hs6"], "lang": "en", "group": "hmrc-parcel",
                             "split": split_of(r["hs6"])})
        with open(PROJECT_FILE, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                rows.append({"text": r["text"], "hs6": r["hs6"], "lang": r["lang"], "group": "project",
                             "split": split_of(r["hs6"])})
        with open(LISTINGS_FILE, encoding="utf-8") as fh:
            for r in csv.DictReader(line for line in fh if not line.startswith("#")):
                rows.append({"text": r["text"], "hs6": r["hs6"], "lang": r["lang"], "group": f"project-{r['style']}",
                             "split": split_of(r["hs6"])})
        with open(FAMILY_LISTINGS_FILE, encoding="utf-8") as fh:
            rows += [{"text": r["text"], "hs6": r["hs6"], "lang": r["lang"], "group": "project-listing-family",
                      "family": r["family"], "split": r["split"]}
                     for r in csv.DictReader(line for line in fh if not line.startswith("#"))]
        with open(PARALLEL_FILE, encoding="utf-8") as fh:
            parallel = list(csv.DictReader(line for line in fh if not line.startswith("#")))
        in_store = {r["item"] for r in parallel if r["lang"] == "en" and " ".join(raw_tokens(r["text"])) in store_texts}
        rows += [{"text": r["text"], "hs6": r["hs6"], "lang": r["lang"], "group": "project-parallel", "item": r["item"],
                  "split": split_of(r["hs6"])} for r in parallel if r["item"] not in in_store]
    return [r for r in rows if (split == "all" or r["split"] == split) and (lang is None or r["lang"] == lang)]


def _distinct(codes: list[str], width: int) -> list[str]:
    seen: list[str] = []
    for c in codes:
        if c[:width] not in seen:
            seen.append(c[:width])
    return seen


def bm25_nomenclature(idx: Index, text: str, top: int = 5) -> list[str]:
    """Naive baseline 1: BM25 over the official nomenclature texts, best line per subheading."""
    toks = sorted(set(index_tokens(text, "en")) | set(index_tokens(text, "fr")) | set(index_tokens(text, "ar")))
    toks = [t for t in toks if t in idx.vocab]
    if not toks:
        return []
    scores = idx.bm25.get_scores(toks)
    order = np.argsort(-scores)
    out: list[str] = []
    for d in order[:400]:
        if scores[d] <= 0:
            break
        c = idx.codes[idx.doc_code[d]]
        if c not in out:
            out.append(c)
        if len(out) == top:
            break
    return out


class WordOverlapNN:
    """Naive baseline 2: nearest labelled example by word overlap (Jaccard over stemmed words)."""

    def __init__(self, store: ExampleStore):
        self.codes = store.codes
        self.sets = [frozenset(t) for t in store.tokens]
        self.inverted: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(self.sets):
            for t in s:
                self.inverted[t].append(i)

    def __call__(self, text: str, top: int = 5) -> list[str]:
        q = frozenset(example_tokens(text))
        if not q:
            return []
        cand = {i for t in q for i in self.inverted.get(t, ())}
        ranked = sorted(cand, key=lambda i: -len(q & self.sets[i]) / len(q | self.sets[i]))
        out: list[str] = []
        for i in ranked:
            if self.codes[i] not in out:
                out.append(self.codes[i])
            if len(out) == top:
                break
        return out


def score(rows: list[dict], predictions: list[list[str]], confident: list[bool] | None = None) -> dict:
    """Top-1/3 at HS6, HS4 and chapter per language × group, overall and for the craft chapters."""
    hits: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counts: dict[str, int] = defaultdict(int)
    conf: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for k, (r, codes) in enumerate(zip(rows, predictions, strict=True)):
        groups = ["all", r["group"], f"{r['group']}:{r['lang']}", f"lang:{r['lang']}"]
        if r["group"] in OWN_GROUPS:  # reported on its own, so all/craft/lang stay comparable with earlier reports
            groups = groups[1:3]
        elif r["hs6"][:2] in CRAFT_CHAPTERS:
            groups.append("craft")
        for g in groups:
            counts[g] += 1
            for name, width in LEVELS:
                seen = _distinct(codes, width)
                for kk in KS:
                    hits[g][f"{name}@{kk}"] += int(r["hs6"][:width] in seen[:kk])
            if confident is not None and confident[k]:
                conf[g][0] += 1
                conf[g][1] += int(bool(codes) and codes[0] == r["hs6"])
    out: dict[str, dict] = {}
    for g, n in counts.items():
        m = {key: round(v / n, 3) for key, v in sorted(hits[g].items())}
        m["n"] = n
        if confident is not None:
            c_n, c_ok = conf[g]
            m["confident_share"] = round(c_n / n, 3)
            m["confident_precision"] = round(c_ok / c_n, 3) if c_n else None
        out[g] = m
    return out


def evaluate(rows: list[dict], *, baselines: bool = True,
             classify_fn: Callable[[list[str]], list] | None = None) -> dict:
    """Classifier scores and, on the same rows, the two naive baselines."""
    idx = get_index()
    t0 = time.perf_counter()
    if classify_fn is None:
        results = classify_many([r["text"] for r in rows], top=5, exclude_sources={HELD_OUT_SOURCE})
    else:
        results = classify_fn([r["text"] for r in rows])
    elapsed = time.perf_counter() - t0
    preds = [[c.hs6 for c in res.candidates] for res in results]
    report = {"n": len(rows), "seconds": round(elapsed, 1),
              "classifier": score(rows, preds, [res.confident for res in results])}
    if baselines:
        report["bm25_nomenclature"] = score(rows, [bm25_nomenclature(idx, r["text"]) for r in rows])
        nn = WordOverlapNN(ExampleStore(exclude_sources={HELD_OUT_SOURCE}, embed=False))
        report["word_overlap_nn"] = score(rows, [nn(r["text"]) for r in rows])
    return report


def _fold_report(rows: list[dict], preds: list[list[str]], conf: list[bool],
                 nn_preds: list[list[str]] | None) -> dict:
    """Scores of a folded protocol and, when the overlap neighbour's predictions (made per fold, on the fold's own
    store) are given, both naive baselines on the same rows."""
    report = {"n": len(rows), "classifier": score(rows, preds, conf)}
    if nn_preds is not None:
        idx = get_index()
        report["bm25_nomenclature"] = score(rows, [bm25_nomenclature(idx, r["text"]) for r in rows])
        report["word_overlap_nn"] = score(rows, nn_preds)
    return report


def fold_of(text: str) -> int:
    """0 or 1, decided by the description's words alone (the same words always fall in the same fold)."""
    return hashlib.sha256(("fold:" + " ".join(raw_tokens(text))).encode()).digest()[0] % 2


def evaluate_parcel_folds(split: str = "test", *, baselines: bool = True) -> dict:
    """Second protocol: the parcel declarations of one split, cut in two folds by their words; each fold is
    classified with the other fold (same split, so never a row of the other split) in the example store,
    next to the search references. It measures what parcel-style examples bring to new parcel
    declarations of the same headings (the situation of the shipped store), where the main protocol holds
    the whole parcel source and every heading of the other split out."""
    rows = [r for r in load_rows(split) if r["group"] == "hmrc-parcel"]
    preds: list[list[str]] = [[] for _ in rows]
    conf = [False] * len(rows)
    nn_preds: list[list[str]] = [[] for _ in rows]
    for f in (0, 1):
        here = [k for k, r in enumerate(rows) if fold_of(r["text"]) == f]
        other = [(r["text"], r["hs6"], HELD_OUT_SOURCE) for r in rows if fold_of(r["text"]) != f]
        store = ExampleStore(exclude_sources={HELD_OUT_SOURCE}, extra=other)
        key = frozenset({HELD_OUT_SOURCE, f"{split}-fold-{f}"})
        put_store(key, store)
        results = classify_many([rows[k]["text"] for k in here], top=5, exclude_sources=key)
        for k, res in zip(here, results, strict=True):
            preds[k] = [c.hs6 for c in res.candidates]
            conf[k] = res.confident
        if baselines:
            nn = WordOverlapNN(ExampleStore(exclude_sources={HELD_OUT_SOURCE}, extra=other, embed=False))
            for k in here:
                nn_preds[k] = nn(rows[k]["text"])
    return _fold_report(rows, preds, conf, nn_preds if baselines else None)


SEARCH_SOURCE = "hmrc_search_references"
REF_FOLDS = 10  # the split's subheadings in ten folds: each store lacks a tenth of them, siblings mostly stay


def ref_fold_of(hs6: str) -> int:
    """The fold of a subheading (its code alone decides: every search reference of it falls together)."""
    return hashlib.sha256(f"refs-fold:{hs6}".encode()).digest()[0] % REF_FOLDS


def search_ref_rows(split: str) -> list[dict]:
    """The HMRC search references of the split's HS4 families, as evaluation rows (English product terms)."""
    with open(LABELLED_DIR / f"{SEARCH_SOURCE}.csv", encoding="utf-8") as fh:
        return [{"text": r["description"], "hs6": r["hs6"], "lang": "en", "group": "hmrc-search-ref",
                 "split": split_of(r["hs6"])} for r in csv.DictReader(fh) if split_of(r["hs6"]) == split]


def search_ref_folds(split: str):
    """Per fold: the example store without any search reference of the fold's subheadings, and the fold's
    rows (a reference whose words equal an example kept in that store is dropped: the example would answer
    it)."""
    rows = search_ref_rows(split)
    for f in range(REF_FOLDS):
        held = frozenset(r["hs6"] for r in rows if ref_fold_of(r["hs6"]) == f)
        if not held:
            continue
        store = ExampleStore(exclude_codes=(SEARCH_SOURCE, held))
        kept = {" ".join(raw_tokens(t)) for t in store.texts}
        yield store, [r for r in rows if r["hs6"] in held and " ".join(raw_tokens(r["text"])) not in kept]


def evaluate_search_refs(split: str = "test", *, baselines: bool = True) -> dict:
    """Third protocol: the HMRC search references of one split, each classified with every search reference
    of its own subheading out of the example store (the whole HS6 family, never one line whose siblings
    stay); the parcel declarations and the other subheadings' references stay as examples. The split's
    subheadings go in :data:`REF_FOLDS` folds by code, one store per fold. Search references name products
    in short terms across all chapters, so this measures the nomenclature, encoder and rules path where the
    examples of the very subheading are missing (as for most of the 5,600 subheadings)."""
    rows: list[dict] = []
    preds: list[list[str]] = []
    conf: list[bool] = []
    nn_preds: list[list[str]] = []
    key = frozenset({f"{SEARCH_SOURCE}-held-out-fold"})  # one key: each fold's store replaces the last
    for store, here in search_ref_folds(split):
        put_store(key, store)
        results = classify_many([r["text"] for r in here], top=5, exclude_sources=key)
        rows += here
        preds += [[c.hs6 for c in res.candidates] for res in results]
        conf += [res.confident for res in results]
        if baselines:
            nn = WordOverlapNN(store)
            nn_preds += [nn(r["text"]) for r in here]
    return _fold_report(rows, preds, conf, nn_preds if baselines else None)


__all__ = ["HS_DIR", "evaluate", "evaluate_parcel_folds", "evaluate_search_refs", "load_rows", "score", "split_of"]
