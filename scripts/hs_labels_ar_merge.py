"""Merge project-written Arabic labels of HS headings and subheadings into ``data/hs/labels_ar.json``.

Reads one or more TSV files (``code<TAB>label``, one a line; ``#`` starts a comment), checks every line against the
HS 2022 nomenclature (the code exists, a 4-digit code is a heading and a 6-digit code a subheading, the label is
not empty, is written in Arabic letters and has no Latin word but the allowed abbreviations), and adds the labels
that are missing. An existing label is never changed: a TSV line for a code that already has a label is reported
and skipped. Keys are written sorted; ``about`` (the project-translation marking) is kept; ``vintage`` is set with
``--vintage``.

Usage: python scripts/hs_labels_ar_merge.py --nomenclature PATH/hs2022_nomenclature_en.csv [--vintage 2026-12]
       [--chapters 69,70,...] [--dry-run] FILE.tsv [FILE.tsv ...]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

LABELS = Path(__file__).resolve().parents[1] / "src/tijara/assistant/data/hs/labels_ar.json"
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
ALLOWED_LATIN = {"LED"}  # an abbreviation the official text itself uses, read as such in Arabic


def read_tsv(paths: list[str]) -> list[tuple[str, str, str]]:
    """(code, label, where) of every non-empty, non-comment line."""
    out = []
    for p in paths:
        for n, line in enumerate(Path(p).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            code, _, label = line.partition("\t")
            out.append((code.strip(), label.strip(), f"{p}:{n}"))
    return out


def check(rows, levels: dict[str, str], chapters: set[str] | None) -> list[str]:
    """The problems of the lines, one message each (empty when all is well)."""
    problems, seen = [], {}
    for code, label, where in rows:
        if code not in levels:
            problems.append(f"{where}: {code} is not an HS 2022 code")
        elif levels[code] != str(len(code)) or len(code) not in (4, 6):
            problems.append(f"{where}: {code} is level {levels[code]}, not a heading or subheading")
        if chapters and code[:2] not in chapters:
            problems.append(f"{where}: {code} is outside chapters {','.join(sorted(chapters))}")
        if not label:
            problems.append(f"{where}: {code} has an empty label")
        elif not ARABIC.search(label):
            problems.append(f"{where}: {code} label has no Arabic letter")
        latin = [w for w in LATIN_WORD.findall(label) if w not in ALLOWED_LATIN]
        if latin:
            problems.append(f"{where}: {code} label has Latin words {latin}")
        if code in seen:
            problems.append(f"{where}: {code} given twice (also {seen[code]})")
        seen[code] = where
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tsv", nargs="+")
    ap.add_argument("--nomenclature", required=True, help="hs2022_nomenclature_en.csv (hscode, level columns)")
    ap.add_argument("--vintage", help="the labels' vintage to write (e.g. 2026-12)")
    ap.add_argument("--chapters", help="comma-separated chapters the TSV may touch")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)

    with open(args.nomenclature, encoding="utf-8") as f:
        levels = {r["hscode"]: r["level"] for r in csv.DictReader(f)}
    chapters = set(args.chapters.split(",")) if args.chapters else None
    rows = read_tsv(args.tsv)
    problems = check(rows, levels, chapters)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1

    data = json.loads(LABELS.read_text(encoding="utf-8"))
    added = {"headings": 0, "subheadings": 0}
    for code, label, where in rows:
        part = "headings" if len(code) == 4 else "subheadings"
        if code in data[part]:
            if data[part][code] != label:
                print(f"{where}: {code} already labelled, kept: {data[part][code]}", file=sys.stderr)
            continue
        data[part][code] = label
        added[part] += 1
    for part in ("headings", "subheadings"):
        data[part] = dict(sorted(data[part].items()))
    if args.vintage:
        data["vintage"] = args.vintage
    print(f"added {added['headings']} headings, {added['subheadings']} subheadings; "
          f"now {len(data['headings'])} headings, {len(data['subheadings'])} subheadings")
    if not args.dry_run:
        LABELS.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
