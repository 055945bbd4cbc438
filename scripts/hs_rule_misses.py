"""Dev rows of the main protocol with what the decision rules read: per row the product types read, the rule
leading to the first candidate, the right and predicted codes; scores as ``eval_hs`` prints them (no baselines).
For finding product types and cases the rules miss (tuning on dev only).

    PYTHONPATH=src python scripts/hs_rule_misses.py --out /tmp/rows.json
"""

import argparse
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from tijara.assistant.hs import engine  # noqa: E402
from tijara.assistant.hs.attributes import extract  # noqa: E402
from tijara.assistant.hs.evaluate import HELD_OUT_SOURCE, load_rows, score  # noqa: E402
from tijara.assistant.hs.rules import get_rules  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--out")
    a = ap.parse_args()
    rows = load_rows(split=a.split)
    results = engine.classify_many([r["text"] for r in rows], top=5, exclude_sources={HELD_OUT_SOURCE})
    rules = get_rules()
    out = []
    for r, res in zip(rows, results, strict=True):
        reading = rules.read(r["text"], extract(r["text"]), "ar" if res.language == "ar" else res.language)
        first = res.candidates[0] if res.candidates else None
        out.append({**r, "pred": [c.hs6 for c in res.candidates], "confident": res.confident,
                    "types": reading.types, "values": {g: sorted(v) for g, v in reading.values.items()},
                    "rule": (first.rule or {}).get("why") if first else None})
    sc = score(rows, [o["pred"] for o in out], [o["confident"] for o in out])
    for g in ("all", "craft", "hmrc-parcel", "lang:ar", "lang:ary", "lang:fr", "lang:en"):
        m = sc.get(g)
        if m:
            print(f"{g:12} n={m['n']:5} hs6 {m['hs6@1'] * 100:.1f}/{m['hs6@3'] * 100:.1f} "
                  f"hs4 {m['hs4@1'] * 100:.1f}/{m['hs4@3'] * 100:.1f} "
                  f"conf {m['confident_share'] * 100:.1f}/{(m['confident_precision'] or 0) * 100:.1f}")
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            json.dump(out, fh, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
