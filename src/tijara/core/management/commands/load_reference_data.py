"""`tijara load_reference_data`: load every app's shipped reference packs (idempotent, counts per table).

Each app that ships reference data has a `reference.py` module with
`load(*, stdout, verbosity) -> dict[str, int]` (table → row count) that loads its packs, one transaction
per pack, and raises TijaraError naming the file, line and reason when a pack is malformed.
"""

from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tijara.core.errors import TijaraError

ORDER = ["catalog", "markets", "knowledge", "pricing", "events", "training", "assistant"]


class Command(BaseCommand):
    help = "Load the reference data shipped with the package (HS, countries, tariffs, trade, facts, rates, fairs)."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", default=[], help="Load only this app's packs (repeatable).")

    def handle(self, *args, only, verbosity, **options):
        for app in ORDER:
            if only and app not in only:
                continue
            try:
                module = import_module(f"tijara.{app}.reference")
            except ModuleNotFoundError as exc:
                if exc.name == f"tijara.{app}.reference":
                    continue
                raise
            try:
                counts = module.load(stdout=self.stdout, verbosity=verbosity)
            except TijaraError as exc:
                raise CommandError(f"{app}: {exc.message}") from exc
            if verbosity:
                for table, count in counts.items():
                    self.stdout.write(f"{app}.{table}: {count}")
        # Fresh statistics, so the query planner picks the tariff and trade indexes on a new database.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
