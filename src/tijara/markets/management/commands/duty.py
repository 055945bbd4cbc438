"""`tijara duty --hs 690723 --market USA [--date 2026-03-01] [--no-origin-proof] [--json]`."""

from django.core.management.base import BaseCommand, CommandError

from tijara.core.errors import TijaraError
from tijara.markets import selectors
from tijara.markets.management.commands._common import dump, parse_day


class Command(BaseCommand):
    help = "Duty for a Moroccan-origin product entering a market on a date, with the rows and sources used."

    def add_arguments(self, parser):
        parser.add_argument("--hs", required=True, help="HS code (6 digits) or national line (8/10 digits).")
        parser.add_argument("--market", required=True, help="ISO3 of the importing country, or EU.")
        parser.add_argument("--date", help="Entry date YYYY-MM-DD (default today).")
        parser.add_argument("--no-origin-proof", action="store_true", help="No proof of Moroccan origin.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, hs, market, date, no_origin_proof, json, **options):
        try:
            answer = selectors.duty_for(hs=hs, market=market, on=parse_day(date), origin_proof=not no_origin_proof)
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        if json:
            return dump(self, answer.as_dict())
        self.stdout.write(f"HS {answer.hs} → {answer.market_name} on {answer.on}:")
        if not answer.known:
            self.stdout.write(f"  unknown: {answer.reason}")
            return
        self.stdout.write(f"  MFN: {answer.mfn.rate}")
        if answer.preferential:
            self.stdout.write(f"  preferential ({answer.preferential.agreement}): {answer.preferential.rate}")
        for extra in answer.additional:
            self.stdout.write(f"  + {extra.name}: {extra.rate_text} ({extra.start} → {extra.end or '?'})")
        for extra in answer.conditional:
            self.stdout.write(f"  ? {extra.name}: {extra.rate_text} — {extra.condition}")
        total = answer.total_ad_valorem_max
        self.stdout.write(f"  total ad valorem: {'unknown' if total is None else f'{total}%'} {answer.reason}")
        for ref in answer.rows_used:
            self.stdout.write(f"  source: {ref.source} ({ref.as_of}) {ref.url}")
        for warning in answer.warnings:
            self.stdout.write(f"  note: {warning}")
