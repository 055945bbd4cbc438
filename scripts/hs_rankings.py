"""Top-5 HS6 codes (and scores) of the classifier on every evaluation row, to check that a performance change
leaves the rankings as they were: run ``--write before.json`` on the old code, ``--compare before.json`` on the
new one (exit 1 when any row differs). Known noise: a text without letters (row 0, "£5") gets confidence 0 for
every language from lingua, whose tie order changes from process to process, so its question's language may
differ between two runs of the same code.

    PYTHONPATH=src python scripts/hs_rankings.py --write /tmp/before.json
    PYTHONPATH=src python scripts/hs_rankings.py --compare /tmp/before.json
"""

import argparse
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from tijara.assistant.hs import engine  # noqa: E402
from tijara.assistant.hs.evaluate import HELD_OUT_SOURCE, load_rows  # noqa: E402


def rankings() -> dict[str, list]:
    rows = load_rows(split="all")
    texts = [r["text"] for r in rows]
    out = {}
    # the batch path (evaluation) and the single-description path (requests) on every 8th row
    for i, res in enumerate(engine.classify_many(texts, top=5, exclude_sources={HELD_OUT_SOURCE})):
        out[f"batch:{i}"] = [[c.hs6, c.score] for c in res.candidates]
    for i in range(0, len(texts), 8):
        res = engine.classify(texts[i], top=5)
        out[f"single:{i}"] = [[c.hs6, c.score] for c in res.candidates] + [res.question or "", res.confident]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write")
    ap.add_argument("--compare")
    a = ap.parse_args()
    got = rankings()
    if a.write:
        with open(a.write, "w", encoding="utf-8") as fh:
            json.dump(got, fh, ensure_ascii=False)
        print(f"{len(got)} rankings written to {a.write}")
    if a.compare:
        with open(a.compare, encoding="utf-8") as fh:
            want = json.load(fh)
        codes = [k for k in want if [c[0] for c in want[k] if isinstance(c, list)]
                 != [c[0] for c in got.get(k, []) if isinstance(c, list)]]
        other = [k for k in want if k not in codes and want[k] != json.loads(json.dumps(got.get(k)))]
        print(f"{len(want)} rankings compared: {len(codes)} with other top-5 codes, "
              f"{len(other)} with the same codes but another score/question/confidence")
        for k in (codes + other)[:10]:
            print(" ", k, want[k], "→", got.get(k))
        return 1 if codes or other else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
