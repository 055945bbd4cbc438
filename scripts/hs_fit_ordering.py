"""Fit the two temperatures of the HS classifier's final order (``engine.final_order``) on DEV rows only.

The engine shows its first candidate by fused score; slots 2.. follow P(heading) · P(subheading | heading), where
P(heading) ∝ exp(t_heading · the heading's best score) over the pool's headings and P(subheading | heading) ∝
exp(t_sub · score) within the heading. The pair kept is the one of a grid (1 … 16, steps of √2) whose HS6 top-3,
averaged over the three protocols (main, parcel folds, search references; each counting as much as the others),
is highest. (The maximum-likelihood temperatures of the two factors came out equal, 2.83, and lowered top-3: the
likelihood is ruled by the whole pool, the slots by its first few candidates.)

The script reads a dump of scripts/hs_fit_fusion.py (``dump --out F``: the pool's components per dev row, made
with the fusion weights in use), first checks the fit within dev (the dev HS4 families cut in two halves by
hs_fit_fusion.half_of: fitted on one half, top-1/top-3 at HS6, HS4 and chapter scored on the other, next to the
score order), then fits on all dev and prints the constants for engine.py. Figures rank the recorded pools (the
first candidate as the engine showed it); confirm with ``python -m tijara eval_hs --split dev`` (and
``--parcel-folds``, ``--search-refs``).

    PYTHONPATH=src python scripts/hs_fit_fusion.py dump --out /tmp/fusion_dev.npz
    PYTHONPATH=src python scripts/hs_fit_ordering.py --dump /tmp/fusion_dev.npz
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np
from hs_fit_fusion import PROTOCOLS, half_of

from tijara.assistant.hs import engine
from tijara.assistant.hs.evaluate import score

GRID = tuple(float(x) for x in np.round(2.0 ** np.arange(0.0, 4.01, 0.5), 3))  # temperatures tried: 1 … 16
COLS = ("hs6@1", "hs6@3", "hs4@1", "hs4@3", "chapter@1", "chapter@3")


def load(path: str) -> list[dict]:
    with np.load(path) as z:
        data = json.loads(str(z["meta"]))
        feats, sizes = z["feats"], z["sizes"]
    w = np.array(data["weights"], dtype=np.float64)  # the weights the dump was made with: the shown order's
    recs = data["rows"]
    for r, end, n in zip(recs, np.cumsum(sizes), sizes, strict=True):
        r["scores"] = feats[end - n:end].astype(np.float64) @ w
    return recs


def score_order(r: dict) -> list[int]:
    """The pool by fused score (ties in the pool's order) with the engine's first candidate first."""
    order = list(np.argsort(-r["scores"], kind="stable"))
    if r["top"] and r["top"][0] in r["codes"]:
        first = r["codes"].index(r["top"][0])
        order.remove(first)
        order.insert(0, first)
    return order


def shown(r: dict, params: tuple[float, float] | None, k: int = 5) -> list[str]:
    if "order" not in r:
        r["order"] = score_order(r)
        r["ranked"] = (r["scores"][r["order"]], [r["codes"][i][:4] for i in r["order"]])
    order = r["order"]
    if params is not None and order:
        order = [order[i] for i in engine.final_order(*r["ranked"], *params)]
    return [r["codes"][i] for i in order[:k]]


def hits3(recs: list[dict], params) -> dict[str, float]:
    """HS6 top-3 (%) per protocol; every protocol's rows, project-written family listings included."""
    out = {}
    for p in PROTOCOLS:
        rows = [r for r in recs if r["protocol"] == p]
        if rows:
            out[p] = 100.0 * float(np.mean([r["hs6"] in shown(r, params, 3) for r in rows]))
    return out


def fit_temps(recs: list[dict]) -> tuple[float, float]:
    """The temperatures (on GRID) whose HS6 top-3, averaged over the protocols (each counting as much as the
    others), is highest; a tie goes to the first tried."""
    best, arg = -1.0, (GRID[0], GRID[0])
    for ts in GRID:
        for th in GRID:
            m = float(np.mean(list(hits3(recs, (th, ts)).values())))
            if m > best + 1e-9:
                best, arg = m, (float(th), float(ts))
    return arg


def figures(recs: list[dict], params) -> dict:
    out = {}
    for p in PROTOCOLS:
        rows = [r for r in recs if r["protocol"] == p]
        if rows:
            out[p] = score(rows, [shown(r, params) for r in rows])
    return out


def table(title: str, before: dict, after: dict, groups=("all", "craft", "lang:en", "lang:fr", "lang:ar",
                                                          "lang:ary")) -> None:
    print(title)
    for p in before:
        for g in groups:
            if g not in before[p]:
                continue
            b, a = before[p][g], after[p][g]
            cells = "  ".join(f"{c} {100 * b[c]:5.1f}→{100 * a[c]:5.1f}" for c in COLS)
            print(f"  {p:13s} {g:9s} n={b['n']:5d}  {cells}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dump", required=True)
    a = ap.parse_args()
    recs = load(a.dump)
    same = np.mean([shown(r, None) == r["top"][:5] for r in recs if r["codes"]])
    print(f"{len(recs)} dev rows; the score order reproduces the engine's shown list in {100 * same:.1f} % of them")
    halves = np.array([half_of(r["hs6"]) for r in recs])
    for h in (0, 1):
        train = [r for r, x in zip(recs, halves, strict=True) if x != h]
        held = [r for r, x in zip(recs, halves, strict=True) if x == h]
        t = fit_temps(train)
        table(f"fitted on half {1 - h}: t_heading={t[0]}, t_sub={t[1]}; scored on half {h} (score order → final order)",
              figures(held, None), figures(held, t), groups=("all", "craft"))
    t = fit_temps(recs)
    table(f"all dev (in-sample): t_heading={t[0]}, t_sub={t[1]} (score order → final order)",
          figures(recs, None), figures(recs, t))
    print(f"\nengine.py constants:\nORDER_T_HEADING = {t[0]}\nORDER_T_SUB = {t[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
