"""Candidate recall of the HS classifier on dev rows: is the right subheading (and heading) anywhere in the
engine's candidate pool, among the labelled examples' neighbours, in the first 10 / 20 of the ranking? Per-row
output as JSON lines for further reading. Dev only (never run it to choose anything on test).

    PYTHONPATH=src python scripts/hs_candidate_recall.py --protocol folds --out /tmp/recall_folds.jsonl
    PYTHONPATH=src python scripts/hs_candidate_recall.py --protocol main --out /tmp/recall_main.jsonl
"""

import argparse
import json
import os
import sys
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from tijara.assistant.hs import engine  # noqa: E402
from tijara.assistant.hs.evaluate import (  # noqa: E402
    HELD_OUT_SOURCE,
    WordOverlapNN,
    fold_of,
    load_rows,
)
from tijara.assistant.hs.examples import ExampleStore, put_store  # noqa: E402

_seen: list[dict] = []


def _hook():
    """Record, per classify call, every code scored (the pool) and the codes the examples' searches voted for."""
    orig_attrs, orig_ex, orig_nn = engine._candidate_attrs, engine._example_votes, engine._neighbour_votes

    def attrs(idx, code):
        if _seen:
            _seen[-1]["pool"].add(code)
        return orig_attrs(idx, code)

    def ex(*a, **k):
        out = orig_ex(*a, **k)
        _seen.append({"pool": set(), "ex": dict(out[0]), "ex_strength": out[3], "nn6": {}, "nn4": {}})
        return out

    def nn(*a, **k):
        out = orig_nn(*a, **k)
        (n6, n4, _n2), _cover, strength, _best, top = out
        _seen[-1].update(nn6=dict(n6), nn4=dict(n4), nn_strength=strength, nn_top=top)
        return out

    engine._candidate_attrs, engine._example_votes, engine._neighbour_votes = attrs, ex, nn


def _rank(codes, code, width):
    seen = []
    for c in codes:
        if c[:width] not in seen:
            seen.append(c[:width])
    return seen.index(code[:width]) + 1 if code[:width] in seen else None


def run(rows, texts_by_store):
    out = []
    for key, idxs in texts_by_store:
        _seen.clear()
        res = engine.classify_many([rows[k]["text"] for k in idxs], top=20, exclude_sources=key)
        assert len(_seen) == len(idxs)
        for k, r, s in zip(idxs, res, _seen, strict=True):
            gold = rows[k]["hs6"]
            codes = [c.hs6 for c in r.candidates]
            ex_rank = sorted(s["ex"], key=lambda c: -s["ex"][c])
            nn_rank = sorted(s["nn6"], key=lambda c: -s["nn6"][c])
            nn4_rank = sorted(s["nn4"], key=lambda c: -s["nn4"][c])
            out.append({"text": rows[k]["text"], "hs6": gold, "lang": rows[k]["lang"], "group": rows[k]["group"],
                        "top": codes[:5], "rank6": _rank(codes, gold, 6), "rank4": _rank(codes, gold, 4),
                        "pool6": gold in s["pool"], "pool4": any(c[:4] == gold[:4] for c in s["pool"]),
                        "pool_n": len(s["pool"]),
                        "ex6": _rank(ex_rank, gold, 6), "ex4": _rank(ex_rank, gold, 4),
                        "nn6": _rank(nn_rank, gold, 6), "nn4": _rank(nn4_rank, gold, 4),
                        "ex_first": ex_rank[:3], "nn_first": nn_rank[:3],
                        "ex_strength": round(s["ex_strength"], 3), "nn_strength": round(s.get("nn_strength", 0), 3),
                        "nn_top": round(float(s.get("nn_top", 0)), 3), "confident": r.confident,
                        "type": [x["value"] for x in r.read if x["attribute"] == "product_type"]})
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--protocol", choices=["folds", "main"], default="folds")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--out")
    a = ap.parse_args()
    _hook()
    if a.protocol == "folds":
        rows = [r for r in load_rows(a.split) if r["group"] == "hmrc-parcel"]
        recs = []
        for f in (0, 1):
            here = [k for k, r in enumerate(rows) if fold_of(r["text"]) == f]
            other = [(r["text"], r["hs6"], HELD_OUT_SOURCE) for r in rows if fold_of(r["text"]) != f]
            key = frozenset({HELD_OUT_SOURCE, f"{a.split}-fold-{f}"})
            put_store(key, ExampleStore(exclude_sources={HELD_OUT_SOURCE}, extra=other))
            nn = WordOverlapNN(ExampleStore(exclude_sources={HELD_OUT_SOURCE}, extra=other, embed=False))
            for rec, k in zip(run(rows, [(key, here)]), here, strict=True):
                rec["overlap_nn"] = nn(rows[k]["text"])[:3]
                recs.append(rec)
    else:
        rows = load_rows(a.split)
        recs = run(rows, [(frozenset({HELD_OUT_SOURCE}), list(range(len(rows))))])
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            for rec in recs:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    summarise(recs)
    return 0


def summarise(recs):
    groups = Counter()
    stats: dict[str, Counter] = {}
    for r in recs:
        for g in ("all", r["group"], f"lang:{r['lang']}"):
            groups[g] += 1
            c = stats.setdefault(g, Counter())
            c["hs6@1"] += r["rank6"] == 1
            c["hs6@3"] += bool(r["rank6"] and r["rank6"] <= 3)
            c["hs6@10"] += bool(r["rank6"] and r["rank6"] <= 10)
            c["hs6@20"] += bool(r["rank6"])
            c["hs4@1"] += r["rank4"] == 1
            c["pool6"] += r["pool6"]
            c["pool4"] += r["pool4"]
            c["ex6@10"] += bool(r["ex6"] and r["ex6"] <= 10)
            c["ex4@3"] += bool(r["ex4"] and r["ex4"] <= 3)
            c["nn6@any"] += bool(r["nn6"])
            c["nn4@3"] += bool(r["nn4"] and r["nn4"] <= 3)
            if "overlap_nn" in r:
                c["overlapNN@1"] += bool(r["overlap_nn"]) and r["overlap_nn"][0] == r["hs6"]
    keys = ["hs6@1", "hs6@3", "hs6@10", "hs6@20", "hs4@1", "pool6", "pool4", "ex6@10", "ex4@3", "nn6@any", "nn4@3",
            "overlapNN@1"]
    print("group".ljust(22), "n".rjust(5), *[k.rjust(11) for k in keys])
    for g, n in sorted(groups.items(), key=lambda kv: -kv[1]):
        print(g[:22].ljust(22), str(n).rjust(5), *[f"{100 * stats[g][k] / n:11.1f}" for k in keys])


if __name__ == "__main__":
    sys.exit(main())
