"""`tijara markets HS [--top N] [--weights demand=0.4,access=0.3,…] [--json]`: rank foreign markets for a product."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tijara.core.errors import TijaraError
from tijara.markets import explain
from tijara.markets.ranking import markets_ranked_for


class Command(BaseCommand):
    help = (
        "Rank foreign markets for a product (HS 2022 heading or subheading): score, coverage, components with "
        "their sources and years, and an explanation per market; markets with too little data are listed apart."
    )

    def add_arguments(self, parser):
        parser.add_argument("hs", help="HS 2022 heading or subheading, e.g. 6907 or 5701.10")
        parser.add_argument("--top", type=int, default=None, help="Show only the N best markets.")
        parser.add_argument(
            "--weights",
            default=None,
            help="Relative weights, e.g. demand=0.4,access=0.3 (omitted components keep their default; "
            "components: demand, foothold, access, proximity, burden).",
        )
        parser.add_argument("--on", default=None, help="Date for the duties in force (YYYY-MM-DD; default today).")
        parser.add_argument("--lang", default="en", choices=["ar", "fr", "en"], help="Language of the texts.")
        parser.add_argument(
            "--backtest",
            default=None,
            metavar="FROM:TO",
            help="Back-test with imported flows: rank with year FROM, compare with Morocco's exports in year TO.",
        )
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, **options):
        top = options["top"]
        if top is not None and top < 1:
            raise CommandError("--top must be a positive number.")
        on = None
        if options["on"]:
            try:
                on = date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"--on must be a date written YYYY-MM-DD, not “{options['on']}”.") from None
        lang = options["lang"]
        if options["backtest"]:
            self._backtest(options)
            return
        with translation.override(lang):
            try:
                ranking = markets_ranked_for(options["hs"], weights=options["weights"] or None, on=on)
            except TijaraError as exc:
                raise CommandError(f"{exc.code}: {exc.message}") from None
            if options["json"]:
                self.stdout.write(json.dumps(ranking.as_dict(top=top, lang=lang), ensure_ascii=False, indent=2))
                return
            self._print(ranking, top, lang)

    def _backtest(self, options):
        from tijara.markets.backtest import backtest_flows

        text = options["backtest"]
        try:
            year_from, year_to = (int(part) for part in text.split(":"))
        except ValueError:
            raise CommandError(f"--backtest must be FROM:TO years, e.g. 2021:2022, not “{text}”.") from None
        with translation.override(options["lang"]):
            try:
                result = backtest_flows(options["hs"], year_from=year_from, year_to=year_to,
                                        weights=options["weights"] or None)
            except TijaraError as exc:
                raise CommandError(f"{exc.code}: {exc.message}") from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Back-test HS {result.hs}: scores with {year_from} data vs Morocco's exports in {year_to} "
                          f"({len(result.rows)} markets, {result.source})")
        self.stdout.write(f"Spearman (scores vs exports {year_to}): {result.spearman_level}")
        self.stdout.write(f"Spearman (scores vs change {year_from}→{year_to}): {result.spearman_change}")

    def _print(self, ranking, top, lang):
        out = self.stdout
        out.write(f"HS {ranking.hs} ({ranking.level}, HS {ranking.edition}): {ranking.description.get(lang, '')}")
        weights = ", ".join(f"{k}={v:.2f}" for k, v in ranking.weights.items())
        out.write(f"Weights: {weights} | demand: {ranking.demand_level or '—'} | foothold: "
                  f"{ranking.foothold_level or '—'} | date: {ranking.on.isoformat()}")
        if not ranking.markets:
            out.write("No market can be ranked with the data the platform holds.")
        for market in ranking.top(top):
            out.write(f"{market.rank:>3}. {market.iso3} {market.name(lang)} — {explain.score_range_text(market, lang)}")
            out.write(f"     {market.explanation(lang)}")
        if ranking.insufficient:
            out.write(f"Not enough data ({len(ranking.insufficient)}): "
                      + ", ".join(m.iso3 for m in ranking.insufficient))
        for note in ranking.notes:
            out.write(f"Note: {note}")
