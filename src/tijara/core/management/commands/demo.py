"""`tijara demo`: load the demo data set (made-up organisations clearly marked as demo).

Each app that contributes demo data has a `demo.py` module with `load(*, stdout) -> None`, called in
order; every loader is idempotent.
"""

from importlib import import_module

from django.core.management.base import BaseCommand

ORDER = ["accounts", "catalog", "pricing", "channels", "marketplace", "plans", "events", "training", "documents"]


class Command(BaseCommand):
    help = "Load a realistic demo data set: cooperatives across regions and crafts, members, an advisor, a buyer."

    def handle(self, *args, **options):
        for app in ORDER:
            try:
                module = import_module(f"tijara.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name == f"tijara.{app}.demo":
                    continue
                raise
            module.load(stdout=self.stdout)
        self.stdout.write("demo data loaded (all demo names are made up and marked as demo)")
