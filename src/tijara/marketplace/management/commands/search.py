"""`tijara search "QUERY" [--lang xx] [--facet name=value ...] [--sort relevance|newest|price|-price] [--json]`."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from tijara.core.errors import TijaraError
from tijara.marketplace import index_store, selectors
from tijara.marketplace.search.engine import SORTS


class Command(BaseCommand):
    help = "Search the buyers' catalog in any language (typos and translations included), with facet counts."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", default="", help="words in any language; empty lists everything")
        parser.add_argument("--lang", default="", help="language of the titles to show (ar, fr, en, …)")
        parser.add_argument("--facet", action="append", default=[], metavar="NAME=VALUE",
                            help=f"filter, repeatable; names: {', '.join(selectors.FACETS)}")
        parser.add_argument("--sort", default="relevance", choices=SORTS)
        parser.add_argument("--limit", type=int, default=20, help="results per page (1-100)")
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument("--currency", default="MAD", help="currency of the price facet (default MAD)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        try:
            filters = selectors.parse_facets(options["facet"])
            index_store.sync_now()  # a one-off process: catch the whole index up first, not in the background
            page = selectors.search(query=options["query"], language=options["lang"], filters=filters,
                                    sort=options["sort"], page=options["page"], per_page=options["limit"],
                                    currency=options["currency"].upper())
        except TijaraError as exc:
            raise CommandError(exc.message) from None
        results = [{key: r[key] for key in ("sku", "title", "language", "maker", "url", "score")}
                   for r in page.results]
        if options["json"]:
            self.stdout.write(json.dumps({"total": page.total, "results": results, "facets": page.facets},
                                         ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{page.total} result(s)")
        for r in results:
            self.stdout.write(f"{r['score']:>7.3f}  {r['sku']:<20} [{r['language']}] {r['title']} — {r['maker']}")
        for name, counts in page.facets.items():
            if counts:
                self.stdout.write(f"{name}: " + ", ".join(f"{v} ({c})" for v, c in counts.items()))
