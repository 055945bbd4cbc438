"""`tijara build_duty_facts [--check]`: write the FAM-*-DUTY facts from the tariff tables (data/facts/65-duties.toml)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from tijara.knowledge import duty_facts
from tijara.knowledge.reference import DATA_DIR

PATH = DATA_DIR / "facts" / "65-duties.toml"


class Command(BaseCommand):
    help = "Generate the per-family duty facts from the markets app's tariff tables (reference data must be loaded)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail when the shipped file differs from the tables.")
        parser.add_argument("--on", default=None, help="Tariff date (YYYY-MM-DD); default today.")

    def handle(self, *args, check: bool = False, on: str | None = None, **options):
        day = dt.date.fromisoformat(on) if on else dt.date.today()
        facts = duty_facts.build(on=day)
        if not any(f["source"] for f in facts):
            raise CommandError("No tariff line found: load the reference data first (tijara load_reference_data).")
        text = duty_facts.render(facts, on=day)
        if check:
            current = PATH.read_text(encoding="utf-8") if PATH.exists() else ""
            if _body(current) != _body(text):
                raise CommandError(f"{PATH.name} differs from the tariff tables: run tijara build_duty_facts.")
            self.stdout.write(f"{PATH.name} matches the tariff tables.")
            return
        PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {len(facts)} duty facts to {PATH}")


def _body(text: str) -> list[str]:
    """The file without its last_checked date (which is the day it was generated)."""
    return [line for line in text.splitlines() if not line.startswith("last_checked")]
