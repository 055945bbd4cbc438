"""`tijara checklist --hs 690912 --market FRA [--family pottery] [--lang fr] [--json]`."""

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from tijara.core.errors import TijaraError
from tijara.knowledge import selectors


class Command(BaseCommand):
    help = "The export checklist (steps, documents, deadlines, sources) for an HS code or craft family and a market."

    def add_arguments(self, parser):
        parser.add_argument("--hs", default=None, help="HS code (2 to 10 digits).")
        parser.add_argument("--family", default=None, help="Craft family code, e.g. pottery, rugs, leather.")
        parser.add_argument("--market", required=True, help="Destination: ISO alpha-3 (FRA, USA, GBR) or EU.")
        parser.add_argument("--lang", choices=["ar", "fr", "en"], default="en")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, hs, family, market, lang, json: bool = False, **options):
        try:
            checklist = selectors.checklist_for(hs=hs, family=family, market=market, language=lang)
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        if json:
            self.stdout.write(_dumps(asdict(checklist)))
            return
        self.stdout.write(f"{checklist.family_name or '-'} (HS {checklist.hs or '-'}) → {checklist.market}")
        for note in checklist.notes:
            self.stdout.write(f"! {note}")
        for number, item in enumerate(checklist.items, start=1):
            sources = ", ".join(f"{s.fact_id} ({s.confidence}, {s.as_of})" for s in item.sources)
            self.stdout.write(f"{number}. [{item.section}] {item.title}")
            for label, value in (("documents", item.documents), ("deadline", item.deadline), ("cost", item.cost)):
                if value:
                    self.stdout.write(f"   {label}: {value}")
            self.stdout.write(f"   sources: {sources}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
