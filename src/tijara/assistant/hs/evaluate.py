"""Evaluation of the HS classifier on held-out official lines (EU CN8 en/fr, US HTS en) rewritten
seller-style by ``build.seller_rewrite``. Those lines are not in the index. Pure Python."""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from pathlib import Path

from .engine import DATA_DIR, classify, classify_many

EVAL_FILE = DATA_DIR / "eval" / "hs_dev.csv"
LEVELS = (("hs6", 6), ("hs4", 4), ("chapter", 2))
KS = (1, 3, 5)


def load_rows(path: Path = EVAL_FILE, split: str | None = None, lang: str | None = None) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r for r in rows if (split in (None, "all") or r["split"] == split) and (lang is None or r["lang"] == lang)]


def evaluate(rows: list[dict], *, use_lang: bool = False) -> dict:
    """Top-1/3/5 accuracy at HS6, HS4 and chapter, per language and overall, plus confidence precision."""
    hits: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counts: dict[str, int] = defaultdict(int)
    conf: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    t0 = time.perf_counter()
    results = classify_many([r["text"] for r in rows], top=max(KS)) if not use_lang else [
        classify(r["text"], lang=r["lang"], top=max(KS)) for r in rows]
    for r, res in zip(rows, results, strict=True):
        codes = [c.hs6 for c in res.candidates]
        for group in (r["lang"], "all"):
            counts[group] += 1
            for name, width in LEVELS:
                gold = r["hs6"][:width]
                seen = []
                for c in codes:
                    if c[:width] not in seen:
                        seen.append(c[:width])
                for k in KS:
                    if gold in seen[:k]:
                        hits[group][f"{name}@{k}"] += 1
            if res.confident:
                conf[group][0] += 1
                conf[group][1] += int(bool(codes) and codes[0] == r["hs6"])
    elapsed = time.perf_counter() - t0
    out = {"n": dict(counts), "seconds": round(elapsed, 1), "by_language": {}}
    for group, n in counts.items():
        out["by_language"][group] = {key: round(v / n, 3) for key, v in sorted(hits[group].items())}
        c_n, c_ok = conf[group]
        out["by_language"][group]["confident_share"] = round(c_n / n, 3)
        out["by_language"][group]["confident_precision_hs6"] = round(c_ok / c_n, 3) if c_n else None
    return out
