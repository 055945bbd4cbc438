"""`tijara feed CHANNEL --org SLUG [--country FRA --language fr --currency EUR] [--format xml|tsv] --out FILE`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tijara.channels.services import feed_format, feed_write
from tijara.core.errors import TijaraError

from ._common import connection


class Command(BaseCommand):
    help = ("Write a channel feed (google: xml|tsv, meta/shopify/woocommerce: csv, amazon-handmade: xlsx|tsv, "
            "etsy: jsonl draft payloads) for an organisation. Country, language and currency default to the "
            "organisation's connection for that channel (else USA / en / USD). Blocked items are left out.")

    def add_arguments(self, parser):
        parser.add_argument("channel", help="google, meta, shopify, woocommerce, etsy or amazon-handmade")
        parser.add_argument("--org", required=True, help="Organisation slug.")
        parser.add_argument("--country", default="", help="Target country, ISO 3166-1 alpha-3 (e.g. FRA).")
        parser.add_argument("--language", default="", help="Feed language, ISO 639-1 (e.g. fr).")
        parser.add_argument("--currency", default="", help="Price currency, ISO 4217 (e.g. EUR).")
        parser.add_argument("--format", dest="fmt", default="", help="Feed format (default: the channel's first).")
        parser.add_argument("--out", required=True, help="Output file ('-' for standard output).")
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
        parser.add_argument("--ui-language", default="", choices=["", "ar", "fr", "en"],
                            help="Language of the messages (default: English, as Django commands are).")

    def handle(self, *args, channel, org, country, language, currency, fmt, out, json: bool = False,
               ui_language: str = "", **options):
        conn = connection(org=org, channel=channel, country=country, language=language, currency=currency)
        try:
            fmt = feed_format(conn, fmt)
            with translation.override(ui_language or None):
                if out == "-":
                    written, blocked = feed_write(connection=conn, fmt=fmt, out=self.stdout._out.buffer)
                    return
                path = Path(out)
                path.parent.mkdir(parents=True, exist_ok=True)
                # Write next to the target and rename: a failed run never leaves a half-written feed behind.
                handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".feed-")
                try:
                    with os.fdopen(handle, "wb") as stream:
                        written, blocked = feed_write(connection=conn, fmt=fmt, out=stream)
                    os.replace(tmp, path)
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        summary = {"channel": conn.kind, "organisation": org, "country": conn.country, "language": conn.language,
                   "currency": conn.currency, "format": fmt, "items": written, "blocked": blocked, "out": str(path)}
        if json:
            import json as jsonlib

            self.stdout.write(jsonlib.dumps(summary, ensure_ascii=False))
        else:
            self.stdout.write(f"{written} items written to {path} ({conn.kind}, {conn.country}/{conn.language}/"
                              f"{conn.currency}, {fmt}); {blocked} blocked — see `tijara listings validate`.")
