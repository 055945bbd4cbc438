"""Fit the HS classifier's fusion weights on the DEV rows of the three evaluation protocols (never test rows).

The engine scores each candidate subheading as weights · components (``engine.FEATURES``: BM25 over the
nomenclature, encoder cosine, rules, product types, the examples' votes …). This script

1. ``dump``: classifies the dev rows of the three protocols of hs/evaluate.py, each with its own held-out store
   (main: the parcel source held out; parcel folds: the other fold as examples; search references: every
   reference of the row's own subheading held out), and saves, per row, the candidate pool's component vectors
   and the right subheading;
2. ``fit``: fits the weights by a listwise (softmax) model over each row's candidates, L2-regularised toward
   today's hand-set weights, numpy only. It first checks that the fit generalises within dev: the dev HS4
   families are cut in two halves (by a hash of the code); weights fitted on one half are scored on the other,
   next to the hand-set weights on the same rows. ``--write`` then fits on all dev and writes
   ``data/hs/fusion.json`` (weights, date, rows, dev figures), which the engine reads in place of its constants.

    PYTHONPATH=src python scripts/hs_fit_fusion.py dump --out /tmp/fusion_dev.npz
    PYTHONPATH=src python scripts/hs_fit_fusion.py fit --dump /tmp/fusion_dev.npz [--write]

The dump is made with the weights in use (the shipped file, if any, else the constants); the pools and the
components do not depend on the weights except which decision rule counts for a subheading, so refit from a
dump made with ``--hand`` (the constants). Figures printed here rank the recorded pools (top-1/top-3 at HS6);
confirm with ``python -m tijara eval_hs --split dev`` (and ``--parcel-folds``, ``--search-refs``), which also
checks the confidence's precision.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import sys

import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from tijara.assistant.hs import engine  # noqa: E402
from tijara.assistant.hs.evaluate import (  # noqa: E402
    CRAFT_CHAPTERS,
    HELD_OUT_SOURCE,
    SEARCH_SOURCE,
    fold_of,
    load_rows,
    search_ref_folds,
)
from tijara.assistant.hs.examples import ExampleStore, put_store  # noqa: E402
from tijara.assistant.hs.text import clean_input, raw_tokens  # noqa: E402

PROTOCOLS = ("main", "parcel-folds", "search-refs")
SPLIT = "dev"  # the only split this script reads


def _classify(texts: list[str], key) -> list[tuple[list[str], np.ndarray, list[str], bool]]:
    """Per text: the pool's codes, their components, the first five codes and the confidence."""
    seen: list[tuple[list[str], np.ndarray]] = []
    engine._feature_sink = lambda _q, codes, feats: seen.append((codes, feats.astype(np.float32)))
    try:
        results = engine.classify_many(texts, top=5, exclude_sources=key)
    finally:
        engine._feature_sink = None
    reached = [bool(raw_tokens(clean_input(t))) for t in texts]  # the others end before any candidate
    assert sum(reached) == len(seen), (sum(reached), len(seen))
    it = iter(seen)
    out = []
    for ok, res in zip(reached, results, strict=True):
        codes, feats = next(it) if ok else ([], np.zeros((0, len(engine.FEATURES)), np.float32))
        out.append((codes, feats, [c.hs6 for c in res.candidates], res.confident))
    return out


def dump(path: str) -> None:
    recs: list[dict] = []

    def add(protocol: str, rows: list[dict], key) -> None:
        for r, (codes, feats, top, conf) in zip(rows, _classify([r["text"] for r in rows], key), strict=True):
            recs.append({"protocol": protocol, "text": r["text"], "hs6": r["hs6"], "group": r["group"],
                         "lang": r["lang"], "codes": codes, "feats": feats, "top": top, "confident": conf})

    rows = load_rows(SPLIT)
    assert all(r["split"] == SPLIT for r in rows)
    add("main", rows, frozenset({HELD_OUT_SOURCE}))
    parcel = [r for r in rows if r["group"] == "hmrc-parcel"]
    for f in (0, 1):
        other = [(r["text"], r["hs6"], HELD_OUT_SOURCE) for r in parcel if fold_of(r["text"]) != f]
        key = frozenset({HELD_OUT_SOURCE, f"{SPLIT}-fold-{f}"})
        put_store(key, ExampleStore(exclude_sources={HELD_OUT_SOURCE}, extra=other))
        add("parcel-folds", [r for r in parcel if fold_of(r["text"]) == f], key)
    key = frozenset({f"{SEARCH_SOURCE}-held-out-fold"})
    for store, here in search_ref_folds(SPLIT):
        put_store(key, store)
        add("search-refs", here, key)
    meta = {"features": engine.FEATURE_NAMES, "weights": engine.fusion_weights().tolist(),
            "rows": [{k: v for k, v in r.items() if k != "feats"} for r in recs]}
    feats = [r["feats"] for r in recs]
    np.savez_compressed(path, meta=np.array(json.dumps(meta, ensure_ascii=False)),
                        feats=np.concatenate(feats) if feats else np.zeros((0, len(engine.FEATURES)), np.float32),
                        sizes=np.array([len(f) for f in feats]))
    print(f"{len(recs)} rows written to {path}", file=sys.stderr)


# --- fitting -----------------------------------------------------------------------------------------------


class Pools:
    """The recorded pools as padded arrays: X (rows × candidates × components), mask, the right one's index (or
    -1 when it is not in the pool)."""

    def __init__(self, recs: list[dict]):
        self.recs = recs
        width = max(1, max(len(r["codes"]) for r in recs))
        d = recs[0]["feats"].shape[1] if recs[0]["feats"].size else len(engine.FEATURES)
        self.X = np.zeros((len(recs), width, d), dtype=np.float32)
        self.mask = np.zeros((len(recs), width), dtype=bool)
        self.gold = np.full(len(recs), -1)
        for k, r in enumerate(recs):
            n = len(r["codes"])
            if n:
                self.X[k, :n] = r["feats"]
                self.mask[k, :n] = True
            if r["hs6"] in r["codes"]:
                self.gold[k] = r["codes"].index(r["hs6"])

    def subset(self, keep: np.ndarray) -> Pools:
        out = object.__new__(Pools)
        out.recs = [r for r, k in zip(self.recs, keep, strict=True) if k]
        out.X, out.mask, out.gold = self.X[keep], self.mask[keep], self.gold[keep]
        return out

    def scores(self, w: np.ndarray) -> np.ndarray:
        s = self.X @ w
        return np.where(self.mask, s, -np.inf)

    def ranks(self, w: np.ndarray) -> np.ndarray:
        """The right subheading's rank (1 = first; 0 when it is not in the pool); ties keep the pool's order, as
        the engine's stable sort does."""
        s = self.scores(w)
        out = np.zeros(len(self.gold), dtype=int)
        for k, g in enumerate(self.gold):
            if g >= 0:
                out[k] = 1 + int(np.sum(s[k] > s[k, g]) + np.sum(s[k, :g] == s[k, g]))
        return out


def row_weights(recs: list[dict]) -> np.ndarray:
    """Each protocol counts as much as the others, whatever its number of rows."""
    counts = {p: sum(r["protocol"] == p for r in recs) for p in PROTOCOLS}
    return np.array([1.0 / (len(counts) * max(1, counts[r["protocol"]])) for r in recs])


def softmax_loss(pools: Pools, w: np.ndarray, temp: float, rw: np.ndarray, hessian: bool = False):
    """Weighted mean of −log P(right candidate) under softmax(temp · scores) over each row's pool, its gradient
    in w and (``hessian``) its Hessian; rows whose pool lacks the right subheading are left out."""
    has = pools.gold >= 0
    X, mask, gold, rw = pools.X[has], pools.mask[has], pools.gold[has], rw[has]
    rw = rw / rw.sum()
    s = np.where(mask, temp * (X @ w.astype(X.dtype)), -np.inf)
    top = s.max(axis=1, keepdims=True)
    e = np.exp(s - top)
    z = e.sum(axis=1, keepdims=True)
    p = e / z
    rows = np.arange(len(gold))
    loss = float(np.sum(rw * (np.log(z[:, 0]) + top[:, 0] - s[rows, gold])))
    mean = np.matmul(p[:, None, :].astype(X.dtype), X)[:, 0, :].astype(np.float64)
    grad = temp * (rw @ (mean - X[rows, gold]))
    if not hessian:
        return loss, grad, None
    d = X.shape[2]
    flat = X.reshape(-1, d).astype(np.float64)
    hess = flat.T @ (flat * (rw[:, None] * p).reshape(-1, 1)) - (mean * rw[:, None]).T @ mean
    return loss, grad, temp * temp * hess


def fit(pools: Pools, w0: np.ndarray, temp: float, lam: float, rw: np.ndarray, steps: int = 30) -> np.ndarray:
    """Newton's method (with a backtracking step) on the softmax loss + lam · ||w − w0||², a convex objective
    (the hand-set weights are the prior)."""
    w = w0.copy()

    def objective(v):
        return softmax_loss(pools, v, temp, rw)[0] + lam * float(np.sum((v - w0) ** 2))

    for _ in range(steps):
        loss, g, h = softmax_loss(pools, w, temp, rw, hessian=True)
        g = g + 2 * lam * (w - w0)
        h = h + 2 * lam * np.eye(len(w))
        step = np.linalg.solve(h, g)
        if float(g @ step) < 1e-9:
            break
        now, t = loss + lam * float(np.sum((w - w0) ** 2)), 1.0
        while t > 1e-4 and objective(w - t * step) > now - 1e-4 * t * float(g @ step):
            t /= 2
        w = w - t * step
    return w


def best_temp(pools: Pools, w0: np.ndarray, rw: np.ndarray) -> float:
    """The softmax temperature that fits the hand-set weights best (the scale the fitted weights keep)."""
    grid = [1, 2, 3, 4, 6, 8, 10, 13, 16, 20, 25, 30, 40]
    return float(min(grid, key=lambda t: softmax_loss(pools, w0, t, rw)[0]))


def figures(pools: Pools, w: np.ndarray) -> dict:
    """HS6 top-1/top-3 (%) per protocol and for the craft chapters, ranking the recorded pools with w."""
    ranks = pools.ranks(w)
    out = {}
    for name, sel in [(p, [r["protocol"] == p for r in pools.recs]) for p in PROTOCOLS] + [
            ("main craft", [r["protocol"] == "main" and r["hs6"][:2] in CRAFT_CHAPTERS for r in pools.recs])]:
        sel = np.array(sel)
        if sel.any():
            rk = ranks[sel]
            out[name] = {"n": int(sel.sum()), "hs6@1": round(100 * float(np.mean(rk == 1)), 1),
                         "hs6@3": round(100 * float(np.mean((rk >= 1) & (rk <= 3))), 1),
                         "in_pool": round(100 * float(np.mean(rk >= 1)), 1)}
    return out


def half_of(hs6: str) -> int:
    """The within-dev cross-check's half of a row, by its HS4 family (a family never falls in both)."""
    return hashlib.sha256(f"fusion-cv:{hs6[:4]}".encode()).digest()[0] % 2


def _show(title: str, hand: dict, fitted: dict) -> None:
    print(title)
    for name in hand:
        h, f = hand[name], fitted[name]
        print(f"  {name:14s} n={h['n']:5d}  hand {h['hs6@1']:5.1f}/{h['hs6@3']:5.1f}   fitted {f['hs6@1']:5.1f}/"
              f"{f['hs6@3']:5.1f}   (right one in pool {h['in_pool']:.1f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--out", required=True)
    d.add_argument("--hand", action="store_true", help="ignore the shipped weights: dump with the constants")
    f = sub.add_parser("fit")
    f.add_argument("--dump", required=True)
    f.add_argument("--lambdas", default="1,0.3,0.1,0.03,0.01")
    f.add_argument("--write", action="store_true", help="fit on all dev and write data/hs/fusion.json")
    a = ap.parse_args()
    if a.cmd == "dump":
        if a.hand:
            engine.set_fusion(engine.HAND_WEIGHTS)
        dump(a.out)
        return 0
    with np.load(a.dump) as z:
        data = json.loads(str(z["meta"]))
        feats, sizes = z["feats"], z["sizes"]
    for r, end, n in zip(data["rows"], np.cumsum(sizes), sizes, strict=True):
        r["feats"] = feats[end - n:end]
    names = tuple(data["features"])
    assert names == engine.FEATURE_NAMES, "the dump's components are not the engine's: dump again"
    w0 = engine.HAND_WEIGHTS.copy()
    pools = Pools(data["rows"])
    rw = row_weights(pools.recs)
    temp = best_temp(pools, w0, rw)
    print(f"{len(pools.recs)} dev rows; softmax temperature for the hand-set weights: {temp}")
    # within-dev check: fit on one half of the HS4 families, score on the other
    halves = np.array([half_of(r["hs6"]) for r in pools.recs])
    lambdas = [float(x) for x in a.lambdas.split(",")]
    summary = {}
    for lam in lambdas:
        gain = []
        for h in (0, 1):
            train, held = pools.subset(halves != h), pools.subset(halves == h)
            w = fit(train, w0, temp, lam, row_weights(train.recs))
            hand, fitted = figures(held, w0), figures(held, w)
            _show(f"lambda={lam}: fitted on half {1 - h}, scored on half {h}", hand, fitted)
            gain.append({k: round(fitted[k]["hs6@1"] - hand[k]["hs6@1"], 1) for k in hand})
        summary[lam] = gain
        print(f"  top-1 gain on held-out halves: {gain}")
    # the lambda whose worst protocol gains most on the held-out halves (mean of the two halves): the fitted
    # weights must not buy one protocol with another
    def worst(x: float) -> float:
        return min(float(np.mean([g[p] for g in summary[x]])) for p in PROTOCOLS)

    lam = max(lambdas, key=worst)
    mean_gain = worst(lam)
    print(f"best lambda {lam}: held-out top-1 gain of the worst protocol {mean_gain:+.2f} points")
    w = fit(pools, w0, temp, lam, rw)
    hand, fitted = figures(pools, w0), figures(pools, w)
    _show("all dev (fitted on all dev: in-sample)", hand, fitted)
    print("weights (hand → fitted):")
    for n, a0, a1 in zip(names, w0, w, strict=True):
        print(f"  {n:16s} {a0:7.3f} → {a1:7.3f}")
    if a.write:
        if mean_gain <= 0:
            print("not written: the fitted weights do not beat the hand-set ones on the held-out halves")
            return 1
        out = {"date": datetime.date.today().isoformat(), "fitted_on": "dev rows of the three protocols "
               "(hs/evaluate.py: main, parcel folds, search references), each protocol weighted equally",
               "rows": {p: sum(r["protocol"] == p for r in pools.recs) for p in PROTOCOLS},
               "model": f"softmax over each row's candidates, temperature {temp}, L2 {lam} toward the hand-set "
                        "weights", "within_dev_gain_top1": [{k: g[k] for k in g} for g in summary[lam]],
               "dev_recorded_pools": {"hand": hand, "fitted": fitted},
               "weights": {n: round(float(x), 4) for n, x in zip(names, w, strict=True)}}
        engine.FUSION_FILE.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written {engine.FUSION_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
