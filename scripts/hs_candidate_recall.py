"""Candidate recall of the HS classifier on dev rows: is the right subheading (and heading) anywhere in the
engine's candidate pool, among the labelled examples' neighbours, in the first 10 / 20 of the ranking? Per-row
output as JSON lines for further reading. Dev only (never run it to choose anything on test).

    PYTHONPATH=src python scripts/hs_candidate_recall.py --protocol folds --out /tmp/recall_folds.jsonl
    PYTHONPATH=src python scripts/hs_candidate_recall.py --protocol main --out /tmp/recall_main.jsonl
    PYTHONPATH=src python scripts/hs_candidate_recall.py --protocol main --set N_RETRIEVE=150 N_HEADING_KIDS=6

For the rows whose right subheading is not in the pool it then says whether its heading or chapter is, which of
the pool's sources (the engine's ``_pool_sink``: BM25 + encoder retrieval, plain words, craft lexicon, rules,
product types, concept headings, examples, neighbours and their headings, words and their headings) brought a
code of its heading, whether any vote of the labelled examples names it, and its rank by BM25 + encoder fusion.
"""

import argparse
import json
import os
import sys
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402
import numpy as np  # noqa: E402

django.setup()

from tijara.assistant.hs import engine  # noqa: E402
from tijara.assistant.hs.evaluate import (  # noqa: E402
    CRAFT_CHAPTERS,
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

    def pool_sink(_query, fused, sources, votes):
        order = np.argsort(-fused)
        rank = np.empty(len(order), dtype=np.int32)
        rank[order] = np.arange(1, len(order) + 1)
        _seen[-1].update(sources=sources, votes=votes, fused_rank=rank)

    engine._candidate_attrs, engine._example_votes, engine._neighbour_votes = attrs, ex, nn
    engine._pool_sink = pool_sink


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
                        "type": [x["value"] for x in r.read if x["attribute"] == "product_type"],
                        **_sources(gold, s)})
    return out


def _sources(gold: str, s: dict) -> dict:
    """Where the right subheading, its heading and its chapter stand among the pool's sources (the engine's
    ``_pool_sink``): which source brought the subheading, which brought a code of its heading or chapter, the
    subheading's rank by BM25 + encoder fusion over the whole nomenclature, and whether any vote of the labelled
    examples (any rank, not only the ten that join the pool) names it or its heading."""
    srcs, votes = s.get("sources", {}), s.get("votes", {})
    idx = engine.get_index()
    rank = s.get("fused_rank")
    fr = {} if rank is None else {c: int(rank[i]) for c, i in idx.pos.items() if c[:4] == gold[:4]}
    return {"src6": sorted(k for k, v in srcs.items() if gold in v),
            "src4": sorted(k for k, v in srcs.items() if any(c[:4] == gold[:4] for c in v)),
            "pool2": any(c[:2] == gold[:2] for v in srcs.values() for c in v),
            "fused_rank": fr.get(gold),
            "fused_rank4": min((r for c, r in fr.items() if c[:4] == gold[:4]), default=None),
            "vote6": sorted(k for k in ("ex", "nn6", "wp6") if gold in votes.get(k, {})),
            "vote4": sorted(k for k in ("ex", "nn6", "wp6", "nn4", "wp4")
                            if any(c[:4] == gold[:4] for c in votes.get(k, {}))),
            "kids": sum(1 for c in fr if c[:4] == gold[:4])}


def misses(recs):
    """The rows whose right subheading is not in the pool: is its heading? its chapter? what came closest?"""
    miss = [r for r in recs if not r["pool6"]]
    n, m = len(recs), len(miss)
    print(f"\nrows {n}; right HS6 in the pool {n - m} ({100 * (n - m) / max(1, n):.1f} %); missing {m}")
    if not m:
        return
    pct = lambda k: f"{k} ({100 * k / m:.1f} % of misses, {100 * k / n:.1f} % of rows)"  # noqa: E731
    print("  heading (HS4) in the pool:", pct(sum(r["pool4"] for r in miss)))
    print("  chapter (HS2) in the pool, heading not:", pct(sum(r["pool2"] and not r["pool4"] for r in miss)))
    print("  not even the chapter:", pct(sum(not r["pool2"] for r in miss)))
    src = Counter(k for r in miss for k in r["src4"])
    print("  source that brought a code of the right heading:", dict(src.most_common()))
    print("  only source of the right heading:", dict(Counter(r["src4"][0] for r in miss if len(r["src4"]) == 1)))
    votes6 = Counter(k for r in miss for k in r["vote6"])
    votes4 = Counter(k for r in miss for k in r["vote4"])
    print("  a vote (any rank) names the subheading:", dict(votes6), "any:", pct(sum(bool(r["vote6"]) for r in miss)))
    print("  a vote (any rank) names the heading:", dict(votes4), "any:", pct(sum(bool(r["vote4"]) for r in miss)))
    for cut in (60, 100, 150, 200, 300, 500):
        k = sum(bool(r["fused_rank"] and r["fused_rank"] <= cut) for r in miss)
        print(f"  BM25+encoder fusion rank <= {cut}:", pct(k))
    kids = [r["kids"] for r in recs if r["pool4"]]
    print(f"  subheadings per right heading (rows whose heading is in the pool): mean {np.mean(kids):.1f},"
          f" max {max(kids)}")
    hit = [r for r in recs if r["pool6"]]
    print("  rows in the pool, source of the right subheading:", dict(Counter(k for r in hit for k in r["src6"])))
    print("  ... its only source:", dict(Counter(r["src6"][0] for r in hit if len(r["src6"]) == 1)))
    print(f"  pool size: mean {np.mean([r['pool_n'] for r in recs]):.0f}, max {max(r['pool_n'] for r in recs)}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--protocol", choices=["folds", "main"], default="folds")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--out")
    ap.add_argument("--set", nargs="*", default=[], metavar="NAME=INT",
                    help="pool constants to try, e.g. N_RETRIEVE=150 N_HEADING_KIDS=6 (dev only)")
    a = ap.parse_args()
    for kv in a.set:
        name, value = kv.split("=")
        if not (name.startswith("N_") and hasattr(engine, name)):
            ap.error(f"no pool constant {name}")
        setattr(engine, name, int(value))
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
    for g in ("all", "craft"):
        part = recs if g == "all" else [r for r in recs if r["hs6"][:2] in CRAFT_CHAPTERS]
        print(f"\n== {g}")
        misses(part)
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
