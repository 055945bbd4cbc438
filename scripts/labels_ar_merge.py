"""Merge the project's Arabic labels of HS headings and subheadings, written in TSV files (code<TAB>label, one a
line), into src/tijara/assistant/data/hs/labels_ar.json, after checking them against the official nomenclature.

    python scripts/labels_ar_merge.py [--check] [--vintage 2026-12-07] scripts/labels_ar/*.tsv

Checks: every code is an HS 2022 heading (4 digits, level 4) or subheading (6 digits, level 6) of the
nomenclature; each code given once; the label is not empty, has Arabic letters and no Latin word (digits, units
such as "سم" and signs are fine; a decimal comma, 0,5, as Moroccan Arabic writes it); an entry already in the file is kept as it is (a different label for it is an
error: existing labels are changed by hand, not by this script). The file's "about" and "status" (a project
translation, not an official text) are kept; both maps are written sorted by code.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "src/tijara/assistant/data/hs/labels_ar.json"
NOMENCLATURE = Path("/work/shared/data/hs/hs2022_nomenclature_en.csv")
ARABIC = re.compile(r"[\u0621-\u064A]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


def read_tsv(paths: list[Path]) -> tuple[dict[str, str], list[str]]:
    out: dict[str, str] = {}
    errors: list[str] = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            code, _, label = line.partition("\t")
            code, label = code.strip(), " ".join(label.split())
            where = f"{path.name}:{n}"
            if code in out:
                errors.append(f"{where}: {code} given twice")
            out[code] = label
            if not label:
                errors.append(f"{where}: {code} has no label")
            elif not ARABIC.search(label):
                errors.append(f"{where}: {code} has no Arabic letter")
            if LATIN.search(label):
                errors.append(f"{where}: {code} has a Latin word: {label}")
            if re.search(r"\d\.\d", label):  # Moroccan Arabic writes 0,5 (CLDR ar_MA), as the pages do
                errors.append(f"{where}: {code} has a decimal point, write a decimal comma: {label}")
    return out, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tsv", nargs="+", type=Path)
    ap.add_argument("--nomenclature", type=Path, default=NOMENCLATURE)
    ap.add_argument("--vintage", help="the file's new vintage (YYYY-MM-DD)")
    ap.add_argument("--check", action="store_true", help="validate only, write nothing")
    args = ap.parse_args(argv)

    levels = {r["hscode"]: r["level"] for r in csv.DictReader(args.nomenclature.open(encoding="utf-8"))}
    new, errors = read_tsv(args.tsv)
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    added = {"headings": 0, "subheadings": 0}
    for code, label in new.items():
        want = {4: "4", 6: "6"}.get(len(code))
        if not code.isdigit() or want is None:
            errors.append(f"{code}: not a 4- or 6-digit code")
            continue
        if levels.get(code) != want:
            errors.append(f"{code}: not a level-{want} code of the HS 2022 nomenclature")
            continue
        key = "headings" if want == "4" else "subheadings"
        old = data[key].get(code)
        if old is not None:
            if old != label:
                errors.append(f"{code}: already labelled «{old}», not replaced by «{label}»")
            continue
        data[key][code] = label
        added[key] += 1
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print(f"{added['headings']} headings and {added['subheadings']} subheadings to add; "
          f"{len(data['headings'])} headings and {len(data['subheadings'])} subheadings in all")
    if args.check:
        return 0
    for key in ("headings", "subheadings"):
        data[key] = dict(sorted(data[key].items()))
    if args.vintage:
        data["vintage"] = args.vintage
    LABELS.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
