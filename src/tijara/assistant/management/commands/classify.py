"""`tijara classify "TEXT" [--lang ar|fr|en] [--top N] [--json]` and
`tijara classify --batch FILE.csv [--column description] [--top N] --json` (one JSON object per row)."""

from __future__ import annotations

import csv
import io
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from tijara.core.errors import TijaraError


class Command(BaseCommand):
    help = "Suggest HS 2022 codes for a product description (Arabic, Darija, French or English)."
    # No system checks: they import the URL configuration, hence every app's API and views (about 0.7 s of CPU
    # of a cold `tijara classify`), none of which a classification uses; `tijara check` and the servers run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?", help="product description")
        parser.add_argument("--lang", choices=["ar", "fr", "en"], help="language of the text (detected if omitted)")
        parser.add_argument("--top", type=int, default=5, help="number of candidates (1-20, default 5)")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--batch", help="CSV file with one description per row ('-' for stdin)")
        parser.add_argument("--column", default="description", help="CSV column holding the description")
        parser.add_argument("--answer", action="append", default=[], metavar="ATTR=VALUE",
                            help="answer to a separating question, e.g. --answer weave=knotted (repeatable)")

    def handle(self, *args, **opts):
        from tijara.assistant import hs_services

        try:
            if opts["batch"]:
                if opts["text"]:
                    raise CommandError("Give either a TEXT or --batch FILE, not both.")
                self._batch(hs_services, opts)
                return
            if opts["text"] is None:
                raise CommandError('Give a product description: tijara classify "hand-knotted wool rug".')
            res = hs_services.classify(text=opts["text"], lang=opts["lang"], top=opts["top"], answers=opts["answer"])
        except TijaraError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        if opts["json"]:
            self.stdout.write(json.dumps(res.to_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"language: {res.language}  confident: {'yes' if res.confident else 'no'}  ({res.mode})")
        for i, c in enumerate(res.candidates, 1):
            self.stdout.write(f"{i}. {c.hs6[:4]}.{c.hs6[4:]}  {c.score:.3f}  {c.description}")
            for e in c.evidence:
                self.stdout.write(f"     - {e}")
        if res.question:
            self.stdout.write(f"question: {res.question}")
            for ch in res.question_choices:
                self.stdout.write(f"     --answer {ch['attribute']}={ch['value']}   ({ch['label']})")
        if res.notice:
            self.stdout.write(f"note: {res.notice}")

    def _batch(self, hs_services, opts):
        path = opts["batch"]
        try:
            fh = sys.stdin if path == "-" else open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        with fh:
            try:
                content = fh.read().lstrip("\ufeff")
                # a spreadsheet saved in French or Arabic settings separates with ";" (as the catalog import reads it)
                first_line = content.split("\n", 1)[0]
                reader = csv.DictReader(io.StringIO(content, newline=""),
                                        delimiter=max([",", ";", "\t"], key=first_line.count))
                fields = reader.fieldnames or []
                column = opts["column"]
                if column not in fields:  # "Description" for description, and header cells padded with spaces
                    column = next((f for f in fields if f.strip().casefold() == column.strip().casefold()), column)
                if column not in fields:
                    raise CommandError(f"Column '{opts['column']}' not found in {path} (columns: {', '.join(fields)}).")
                texts = [row.get(column) or "" for row in reader]
            except (csv.Error, UnicodeDecodeError) as exc:
                raise CommandError(f"{path} is not a readable UTF-8 CSV file: {exc}") from exc
        results = hs_services.classify_batch(texts=texts, lang=opts["lang"], top=opts["top"])
        for data in results:
            if opts["json"]:
                self.stdout.write(json.dumps(data, ensure_ascii=False))
            else:
                first = data["candidates"][0]["hs6"] if data["candidates"] else "-"
                self.stdout.write(f"{first}\t{'confident' if data['confident'] else 'check'}\t{data['query'][:80]}")
