"""`tijara stale_facts [--json]`: facts past their valid-to date or not checked for more than 12 months."""

import json

from django.core.management.base import BaseCommand

from tijara.knowledge import selectors


class Command(BaseCommand):
    help = "Report stale knowledge facts (past valid-to, or last checked over 12 months ago)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, json: bool = False, **options):
        rows = [{"fact_id": f.fact_id, "last_checked": f.last_checked.isoformat(),
                 "valid_to": f.valid_to.isoformat() if f.valid_to else None, "expired": f.is_expired()}
                for f in selectors.facts_stale()]
        if json:
            self.stdout.write(_dumps(rows))
            return
        for row in rows:
            self.stdout.write(f"{row['fact_id']}: last checked {row['last_checked']}, valid to {row['valid_to'] or '-'}")
        self.stdout.write(f"{len(rows)} stale fact(s)")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
