"""Why a craft-chapter row misses its code at top-1: the cause classes of issue 17's round 32, read from the
per-row JSON lines of ``scripts/hs_candidate_recall.py --protocol main --out F`` (dev only; never run it to choose
anything on test). No model is loaded: it reads the recorded rows and the decision rules' product types.

    PYTHONPATH=src python scripts/hs_candidate_recall.py --protocol main --out /tmp/recall_main.jsonl
    PYTHONPATH=src python scripts/hs_craft_causes.py /tmp/recall_main.jsonl [--list CAUSE]

Causes, first that applies:
  no type          no product type of the rules is read (product type not read)
  other type       a type is read whose headings do not hold the right one
  heading absent   the right heading has no candidate in the pool
  sub absent       the right heading is in the pool, the right subheading is not (not expanded / "other" not reached)
  other heading    the right subheading is in the pool, another heading's candidate is first
  other sub        the first candidate is a sibling of the right subheading in its heading
"""

import argparse
import json
import sys
from collections import Counter

from tijara.assistant.hs.evaluate import CRAFT_CHAPTERS
from tijara.assistant.hs.rules import get_rules

CAUSES = ("no type", "other type", "heading absent", "sub absent", "other heading", "other sub")


def cause(r: dict, types: dict) -> str | None:
    if r["rank6"] == 1:
        return None
    if not r["type"]:
        return "no type"
    if not any(r["hs6"][:4] in types[t].hs4 for t in r["type"] if t in types):
        return "other type"
    if not r["pool4"]:
        return "heading absent"
    if not r["pool6"]:
        return "sub absent"
    return "other sub" if r["top"] and r["top"][0][:4] == r["hs6"][:4] else "other heading"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("recall_jsonl")
    ap.add_argument("--list", choices=CAUSES, help="print the rows of one cause")
    a = ap.parse_args()
    types = get_rules().types
    with open(a.recall_jsonl, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [r for r in rows if r["hs6"][:2] in CRAFT_CHAPTERS and r["group"] != "project-listing-family"]
    table: dict[str, Counter] = {}
    for r in rows:
        c = cause(r, types) or "right"
        for g in ("craft", r["group"], f"lang:{r['lang']}"):
            table.setdefault(g, Counter())[c] += 1
        if a.list and c == a.list:
            print(r["hs6"], r["rank6"], r["type"], r["top"][:3], r["group"], r["lang"], r["text"][:80])
    cols = ("right", *CAUSES)
    print("rows".ljust(18), "n".rjust(5), *[c.rjust(15) for c in cols])
    for g, c in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(c.values())
        print(g[:18].ljust(18), str(n).rjust(5), *[f"{c[k]:6d} ({100 * c[k] / n:4.1f})".rjust(15) for k in cols])
    return 0


if __name__ == "__main__":
    sys.exit(main())
