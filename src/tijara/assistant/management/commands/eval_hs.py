"""`tijara eval_hs [--split test|dev|all] [--lang ar|ary|fr|en] [--file F.csv] [--parcel-folds | --search-refs] [--json]`: accuracy of the HS
classifier on real seller descriptions held out by HS4 family, next to two naive baselines on the same rows.

Rows: HMRC parcel declarations (English; their whole source is held out of the example store), the
project-written craft descriptions (Arabic, Darija, French, English; ``data/eval/hs_project_written.csv``) and
the project-written listing- and ruling-style craft descriptions (``data/eval/hs_project_listings.csv``), the
project-written seller listings split by product family (``data/eval/hs_project_family_listings.csv``, group
``project-listing-family``, scored on its own, outside ``all``, ``craft`` and ``lang``) and the
parallel set (``data/eval/hs_project_parallel.csv``, group ``project-parallel``): real parcel declarations of the
craft chapters with the project's French, Arabic and Darija translations, to read the cost of a language on the
same items.
``--parcel-folds`` and ``--search-refs`` run the second and third protocols (hs/evaluate.py).
Weights are tuned on ``dev`` only; ``test`` is reported. See docs/hs-classifier.md.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

SYSTEMS = (("classifier", "Tijara classifier"), ("bm25_nomenclature", "baseline: BM25 over the nomenclature"),
           ("word_overlap_nn", "baseline: word-overlap nearest example"))
COLS = ("hs6@1", "hs6@3", "hs4@1", "hs4@3", "chapter@1", "chapter@3")


class Command(BaseCommand):
    help = "Top-1/3 accuracy of the HS classifier at HS6, HS4 and chapter, per language, with naive baselines."

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=["test", "dev", "all"], default="test")
        parser.add_argument("--lang", choices=["ar", "ary", "fr", "en"])
        parser.add_argument("--file", help="another labelled CSV (columns: text, hs6; optional lang, split)")
        parser.add_argument("--no-baselines", action="store_true", help="skip the two naive baselines")
        parser.add_argument("--parcel-folds", action="store_true",
                            help="second protocol: the split's parcel declarations in two folds, each classified "
                                 "with the other fold as examples")
        parser.add_argument("--search-refs", action="store_true",
                            help="third protocol: the split's HMRC search references (all chapters), each classified "
                                 "with every search reference of its own subheading out of the examples")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        from pathlib import Path

        from tijara.assistant.hs.evaluate import (
            evaluate,
            evaluate_parcel_folds,
            evaluate_search_refs,
            load_rows,
        )

        if opts["parcel_folds"] and opts["search_refs"]:
            raise CommandError("Choose one protocol: --parcel-folds or --search-refs.")
        if (opts["parcel_folds"] or opts["search_refs"]) and (opts["split"] == "all" or opts["file"] or opts["lang"]):
            raise CommandError("--parcel-folds and --search-refs take --split dev or test only.")
        protocol = None
        if opts["search_refs"]:
            protocol = (evaluate_search_refs, ["hmrc-search-ref:en", "craft"],
                        "HMRC search references, split={split}, {n} rows; each classified with every search "
                        "reference of its own subheading out of the examples (parcel declarations kept). Baselines "
                        "on the same reduced store.")
        elif opts["parcel_folds"]:
            protocol = (evaluate_parcel_folds, ["hmrc-parcel:en", "craft"],
                        "HMRC parcel declarations, split={split}, {n} rows in two folds; each fold classified with "
                        "the other fold and the search references as examples.")
        if protocol is not None:
            run, groups, title = protocol
            report = run(opts["split"], baselines=not opts["no_baselines"])
            report["split"] = opts["split"]
            if opts["json"]:
                self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
                return
            self.stdout.write(title.format(split=opts["split"], n=report["n"]))
            self._table(report, groups)
            return
        path = Path(opts["file"]) if opts["file"] else None
        try:
            rows = load_rows(split=opts["split"], lang=opts["lang"], path=path)
        except (OSError, KeyError) as exc:
            raise CommandError(f"Cannot read the evaluation file {path}: {exc}") from exc
        if not rows:
            raise CommandError("No evaluation rows match these options.")
        report = evaluate(rows, baselines=not opts["no_baselines"])
        report["split"] = opts["split"]
        if opts["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"HS classifier on real descriptions — split={opts['split']}, {report['n']} rows, "
                          f"{report['seconds']} s")
        self.stdout.write("Rows: HMRC parcel declarations (en, source held out of the examples) and project-written "
                          "craft descriptions (ar, ary = Darija, fr, en): short (project), listing-style "
                          "(project-listing) and ruling-style (project-ruling); real parcel declarations with "
                          "the project's fr/ar/ary translations (project-parallel). Held out by HS4 family. "
                          "Seller listings held out by product family (project-listing-family), scored on their own "
                          "(not in all, craft or lang).")
        self._table(report, sorted(report["classifier"], key=lambda g: (g != "all", g != "craft", g)))

    def _table(self, report, groups):
        self.stdout.write(f"{'rows':<24}{'system':<12}{'n':>5}" + "".join(f"{c:>10}" for c in COLS)
                          + f"{'conf.share':>11}{'conf.prec':>10}")
        for g in groups:
            for key, _label in SYSTEMS:
                if key not in report:
                    continue
                m = report[key][g]
                short = {"classifier": "tijara", "bm25_nomenclature": "bm25-nom", "word_overlap_nn": "overlap-nn"}[key]
                line = f"{g:<24}{short:<12}{m['n']:>5}" + "".join(f"{m.get(c, 0):>10.3f}" for c in COLS)
                if key == "classifier":
                    prec = m.get("confident_precision")
                    line += f"{m.get('confident_share', 0):>11.3f}" + (f"{prec:>10.3f}" if prec is not None else f"{'-':>10}")
                self.stdout.write(line)
