"""`tijara listings validate --org SLUG --channel CHANNEL [--country --language --currency] --json`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tijara.channels.services import listings_refresh, listings_report
from tijara.core.errors import TijaraError

from ._common import connection


class Command(BaseCommand):
    help = "Validate an organisation's listings for a channel: counts and, per SKU, problems with rule and source."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        validate = sub.add_parser("validate", help="Check every variant against the channel's rules.")
        validate.add_argument("--org", required=True)
        validate.add_argument("--channel", required=True)
        validate.add_argument("--country", default="")
        validate.add_argument("--language", default="")
        validate.add_argument("--currency", default="")
        validate.add_argument("--json", action="store_true", help="Print the report as JSON.")
        validate.add_argument("--save", action="store_true", help="Also store the listings of a saved connection.")
        validate.add_argument("--ui-language", default="", choices=["", "ar", "fr", "en"],
                              help="Language of the messages (default: English, as Django commands are).")

    def handle(self, *args, action, org, channel, country, language, currency, json: bool = False, save=False,
               ui_language: str = "", **options):
        conn = connection(org=org, channel=channel, country=country, language=language, currency=currency)
        try:
            with translation.override(ui_language or None):
                report = listings_report(connection=conn)
                if save and conn.pk:
                    listings_refresh(connection=conn)
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        if json:
            import json as jsonlib

            self.stdout.write(jsonlib.dumps(report, ensure_ascii=False))
            return
        self.stdout.write(f"{report['ready']} ready, {report['blocked']} blocked ({conn.kind}, {conn.country}/"
                          f"{conn.language}/{conn.currency})")
        for item in report["items"]:
            for p in item["problems"]:
                self.stdout.write(f"{item['sku']}\t{p['severity']}\t{p['message']}")
