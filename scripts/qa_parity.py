"""Where the languages of the assistant part ways, counted from `tijara eval_assistant --json --rows` output.

    PYTHONPATH=src python -m tijara eval_assistant --split dev --json --rows > /tmp/dev.json
    python scripts/qa_parity.py /tmp/dev.json [--list]

For each answerable group asked in en, fr and ar whose answers cite different fact sets: is it the decision to
answer (one language cites nothing), the first fact (retrieval ranked another fact first) or the facts joined to the
same first fact (composition)? For each question answered right in English but wrong in fr, ar or Darija (ary): did
it decline, or cite another fact first? Reads the rows only; never the questions' wording.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys


def parity(rows: list[dict], split: str = "dev") -> dict:
    groups: dict[str, dict[str, dict]] = collections.defaultdict(dict)
    for r in rows:
        if r["split"] == split and r["answerable"]:
            groups[r["group"]][r["language"]] = r
    differ = collections.Counter()
    listed = collections.defaultdict(list)
    for gid, by_language in groups.items():
        if not all(lang in by_language for lang in ("en", "fr", "ar")):
            continue
        cited = {lang: by_language[lang]["cited"] for lang in ("en", "fr", "ar")}
        if len({frozenset(c) for c in cited.values()}) == 1:
            differ["same"] += 1
            continue
        cause = ("decision" if any(not c for c in cited.values())
                 else "first_fact" if len({c[0] for c in cited.values()}) > 1 else "joined")
        differ[cause] += 1
        listed[cause].append((gid, cited))
    behind = {lang: collections.Counter() for lang in ("fr", "ar", "ary")}
    for gid, by_language in groups.items():
        en = by_language.get("en")
        for lang, counter in behind.items():
            row = by_language.get(lang)
            if not (en and row and en["correct"] and not row["correct"]):
                continue
            cause = ("declined" if not row["cited"] else "figure_missing" if set(row["cited"]) & set(row["expected"])
                     else "other_fact")
            counter[cause] += 1
            listed[f"behind_{lang}_{cause}"].append((gid, {"en": en["cited"], lang: row["cited"]}))
    return {"groups_in_en_fr_ar": sum(differ.values()), "cited_sets": dict(differ),
            "behind_english": {lang: dict(c) for lang, c in behind.items()}, "listed": listed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", help="JSON written by `tijara eval_assistant --json --rows` (- for stdin)")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--list", action="store_true", help="also list the groups of each cause")
    args = parser.parse_args(argv)
    if args.rows == "-":
        data = json.load(sys.stdin)
    else:
        with open(args.rows, encoding="utf-8") as handle:
            data = json.load(handle)
    report = parity(data["rows"], args.split)
    listed = report.pop("listed")
    print(json.dumps(report, indent=1))
    if args.list:
        for cause, items in sorted(listed.items()):
            for gid, cited in items:
                print(f"{cause:28} {gid:32} {json.dumps(cited)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
