"""`tijara search_index`: rewrite the search documents of every public product and refresh the index file."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tijara.marketplace import index_store, services


class Command(BaseCommand):
    help = "Rebuild the marketplace search documents from the catalog and bring this machine's index file up to date."

    def handle(self, *args, **options):
        count = services.search_index_rebuild(stdout=self.stdout if options["verbosity"] > 1 else None)
        index = index_store.sync_now()
        self.stdout.write(f"search index: {count} public products indexed; {index.state()[0]} in {index.path}")
