"""Every confident-and-wrong row of one split in the three protocols of ``eval_hs`` (main, parcel folds, search
references): the text, the code given, the code expected, the decision rule that led and the words read. Per
protocol also the share of rows marked ``confident`` and its precision, and HS6 top-1 / top-3 (the naive
baselines are ``eval_hs``'s; they do not depend on the classifier). For diagnosing ``confident`` on dev only.

    PYTHONPATH=src python scripts/hs_confident_misses.py [--split dev] [--protocol main|folds|refs] [--out rows.json]
"""

import argparse
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from tijara.assistant.hs.engine import classify_many  # noqa: E402
from tijara.assistant.hs.evaluate import (  # noqa: E402
    HELD_OUT_SOURCE,
    fold_of,
    load_rows,
    search_ref_folds,
)
from tijara.assistant.hs.examples import ExampleStore, put_store  # noqa: E402


def _row(r: dict, res) -> dict:
    first = res.candidates[0] if res.candidates else None
    return {"text": r["text"], "expected": r["hs6"], "group": r["group"], "lang": r["lang"],
            "pred": [c.hs6 for c in res.candidates], "confident": res.confident,
            "rule": (first.rule or {}).get("why") if first else None,
            "full": bool(first and first.rule and first.rule.get("full")),
            "margin": round(first.score - res.candidates[1].score, 4) if len(res.candidates) > 1 else None,
            "read": [f"{x['attribute']}={x['value']}:{x['words']!r}" for x in res.read]}


def main_protocol(split: str) -> list[dict]:
    rows = load_rows(split=split)
    results = classify_many([r["text"] for r in rows], top=5, exclude_sources={HELD_OUT_SOURCE})
    return [_row(r, res) for r, res in zip(rows, results, strict=True)]


def parcel_folds(split: str) -> list[dict]:
    rows = [r for r in load_rows(split) if r["group"] == "hmrc-parcel"]
    out = []
    for f in (0, 1):
        here = [r for r in rows if fold_of(r["text"]) == f]
        other = [(r["text"], r["hs6"], HELD_OUT_SOURCE) for r in rows if fold_of(r["text"]) != f]
        key = frozenset({HELD_OUT_SOURCE, f"{split}-fold-{f}"})
        put_store(key, ExampleStore(exclude_sources={HELD_OUT_SOURCE}, extra=other))
        results = classify_many([r["text"] for r in here], top=5, exclude_sources=key)
        out += [_row(r, res) for r, res in zip(here, results, strict=True)]
    return out


def search_refs(split: str) -> list[dict]:
    out = []
    key = frozenset({"hmrc_search_references-held-out-fold"})
    for store, here in search_ref_folds(split):
        put_store(key, store)
        results = classify_many([r["text"] for r in here], top=5, exclude_sources=key)
        out += [_row(r, res) for r, res in zip(here, results, strict=True)]
    return out


PROTOCOLS = {"main": main_protocol, "folds": parcel_folds, "refs": search_refs}


def summary(rows: list[dict]) -> str:
    n = len(rows) or 1
    top1 = sum(bool(r["pred"]) and r["pred"][0] == r["expected"] for r in rows)
    top3 = sum(r["expected"] in r["pred"][:3] for r in rows)
    conf = [r for r in rows if r["confident"]]
    ok = sum(r["pred"][0] == r["expected"] for r in conf)
    prec = f"{100 * ok / len(conf):.1f}" if conf else "—"
    return (f"n={len(rows)} HS6@1 {100 * top1 / n:.1f} HS6@3 {100 * top3 / n:.1f} "
            f"confident {100 * len(conf) / n:.1f} % ({len(conf)} rows) precision {prec} % ({len(conf) - ok} wrong)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--protocol", choices=[*PROTOCOLS, "all"], default="all")
    ap.add_argument("--out", help="write every row (confident or not) as JSON, for comparing runs")
    a = ap.parse_args()
    names = list(PROTOCOLS) if a.protocol == "all" else [a.protocol]
    dump = {}
    for name in names:
        rows = PROTOCOLS[name](a.split)
        dump[name] = rows
        print(f"== {name} ({a.split}): {summary(rows)}")
        for g in sorted({r["group"] for r in rows}):
            print(f"   {g}: {summary([r for r in rows if r['group'] == g])}")
        for r in rows:
            if r["confident"] and r["pred"][0] != r["expected"]:
                print(f"  [{r['group']}:{r['lang']}] {r['text'][:140]!r}\n      given {r['pred'][0]} expected "
                      f"{r['expected']} rule: {r['rule']}\n      read: {'; '.join(r['read'])}")
        sys.stdout.flush()
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            json.dump(dump, fh, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
