"""`tijara eval_hs [--split test|dev|all] [--lang ar|fr|en] [--json]`: accuracy of the HS classifier.

The development set (``assistant/data/eval/hs_dev.csv``) is a deterministic slice of real official lines
(EU CN 2023 CN8 in English and French, US HTS 2024 statistical lines) rewritten seller-style and never
indexed. Weights were tuned on the 'dev' half; the 'test' half is reported.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Top-1/3/5 accuracy of the HS classifier at HS6, HS4 and chapter, per language."

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=["test", "dev", "all"], default="test")
        parser.add_argument("--lang", choices=["ar", "fr", "en"])
        parser.add_argument("--file", help="another labelled CSV (columns: text, hs6, lang; optional split)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        from pathlib import Path

        from tijara.assistant.hs.evaluate import EVAL_FILE, evaluate, load_rows

        path = Path(opts["file"]) if opts["file"] else EVAL_FILE
        try:
            rows = load_rows(path, split=None if opts["file"] else opts["split"], lang=opts["lang"])
        except (OSError, KeyError) as exc:
            raise CommandError(f"Cannot read the evaluation file {path}: {exc}") from exc
        if not rows:
            raise CommandError("No evaluation rows match these options.")
        report = evaluate(rows)
        report["file"] = str(path.name)
        report["split"] = opts["split"]
        if opts["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"HS classifier evaluation — {path.name}, split={opts['split']}, {report['seconds']} s")
        self.stdout.write("Held-out official lines (EU CN8 en/fr, US HTS en), rewritten seller-style, not indexed.")
        header = f"{'lang':<5}{'n':>6}" + "".join(f"{lvl + '@' + str(k):>11}" for lvl in ("hs6", "hs4", "chapter")
                                                 for k in (1, 3, 5)) + f"{'conf.share':>12}{'conf.prec':>11}"
        self.stdout.write(header)
        for group, m in sorted(report["by_language"].items(), key=lambda kv: (kv[0] == "all", kv[0])):
            line = f"{group:<5}{report['n'][group]:>6}" + "".join(
                f"{m.get(lvl + '@' + str(k), 0):>11.3f}" for lvl in ("hs6", "hs4", "chapter") for k in (1, 3, 5))
            prec = m["confident_precision_hs6"]
            line += f"{m['confident_share']:>12.3f}{(prec if prec is not None else 0):>11.3f}"
            self.stdout.write(line)
        if "ar" not in report["by_language"]:
            self.stdout.write("No Arabic row: no real labelled Arabic product text was available (see docs/hs-classifier.md).")
