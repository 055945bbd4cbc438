"""`tijara hs_examples add FILE.csv [--source NAME]` | `list` | `remove NAME`: labelled examples for the HS
classifier (description → HS code) that it uses at once, without code changes.

The CSV needs the columns ``description`` and ``hs6`` (6 to 10 digits; dots and spaces allowed), optionally
``language``. Rows are checked (non-empty text, an HS 2022 subheading) and stored as
``<TIJARA_DATA_DIR>/hs_examples/<source>.csv``, embedded with the sentence encoder at once (vectors next to the
file); the running classifier notices the new file on its next call.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tijara.core.errors import TijaraError


class Command(BaseCommand):
    help = "Add, list or remove labelled examples (description → HS code) used by the HS classifier."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add the rows of a CSV file (columns: description, hs6)")
        add.add_argument("file")
        add.add_argument("--source", help="name of this set (default: the file name)")
        sub.add_parser("list", help="list the example sets")
        rm = sub.add_parser("remove", help="remove an example set")
        rm.add_argument("source")
        for p in (add, parser):
            p.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        from tijara.assistant.hs.examples import operator_dir

        folder = operator_dir()
        if opts["action"] == "add":
            self._add(folder, opts)
        elif opts["action"] == "list":
            sets = [{"source": p.stem, "rows": _count(p)} for p in sorted(folder.glob("*.csv"))] if folder.is_dir() else []
            if opts.get("json"):
                self.stdout.write(json.dumps(sets, ensure_ascii=False))
            for s in sets if not opts.get("json") else ():
                self.stdout.write(f"{s['source']}\t{s['rows']} rows")
        else:
            path = folder / f"{_safe(opts['source'])}.csv"
            if not path.exists():
                raise CommandError(f"No example set named '{opts['source']}'.")
            path.unlink()
            from tijara.assistant.hs.examples import remove_vectors

            remove_vectors(path)
            self.stdout.write(f"Removed {opts['source']}.")

    def _add(self, folder: Path, opts):
        from tijara.assistant.hs.examples import read_examples_csv
        from tijara.assistant.hs_services import normalise_hs6

        src = Path(opts["file"])
        try:
            rows = read_examples_csv(src)
        except OSError as exc:
            raise CommandError(f"Cannot read {src}: {exc.strerror}") from exc
        except (ValueError, csv.Error, UnicodeDecodeError) as exc:
            raise CommandError(f"{src}: {exc}") from exc
        if not rows:
            raise CommandError(f"{src} holds no example row.")
        for n, r in enumerate(rows, start=2):
            try:
                r["hs6"] = normalise_hs6(r["hs6"])
            except TijaraError as exc:
                raise CommandError(f"{src}, line {n}: {exc.message}") from exc
        source = _safe(opts.get("source") or src.stem)
        if not source:
            raise CommandError("Give a --source name made of letters, digits, '-' or '_'.")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{source}.csv"
        from tijara.assistant.hs.examples import OPERATOR_FILE_FIELDS, remove_vectors, write_vectors

        # embedded before the file appears, so a running classifier finds the vectors with it (skipped without
        # the encoder); vectors of an earlier file of this name go first
        remove_vectors(path)
        write_vectors(path, [(r["description"], r["hs6"], source) for r in rows])
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=OPERATOR_FILE_FIELDS)
            w.writeheader()
            for r in rows:
                w.writerow({"description": r["description"], "hs6": r["hs6"], "source": source,
                            "language": r["language"]})
        report = {"source": source, "rows": len(rows), "path": str(path)}
        if opts.get("json"):
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self.stdout.write(f"Added {len(rows)} examples as '{source}'; the classifier uses them from its next call.")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", name or "").strip("_")[:60]


def _count(path: Path) -> int:
    with open(path, encoding="utf-8") as fh:
        return max(0, sum(1 for _ in fh) - 1)
