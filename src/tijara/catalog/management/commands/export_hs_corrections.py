"""`tijara export-hs-corrections --format csv|jsonl --out FILE [--org SLUG]`: the HS code log as labelled data.

One record per change that set a code: the product description at the time (text, language), the code before
(from_hs6) and after (to_hs6, to_code with national digits), what the classifier had suggested, how the code
was set (kind: accepted = the suggestion taken as is, corrected = a person chose another code than the one
suggested, set = a person chose without a suggestion), and when. People are pseudonymised (user:<id>).
The field names shared with `tijara.assistant.hs_services.corrections_export` are the same.
"""

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tijara.accounts.models import Organisation
from tijara.catalog.selectors import hs_corrections
from tijara.core.spreadsheet import spreadsheet_safe

FIELDS = ["text", "language", "from_hs6", "to_hs6", "to_code", "suggested_hs6", "kind", "source", "score",
          "corrected_by", "corrected_at", "product", "organisation"]


def records(organisation=None):
    for change in hs_corrections(organisation=organisation).exclude(to_code=""):
        if change.source == "classifier":
            kind = "accepted"
        elif change.suggested_code and change.suggested_code[:6] != change.to_code[:6]:
            kind = "corrected"
        else:
            kind = "set"
        yield {
            "text": change.text_snapshot, "language": change.text_language,
            "from_hs6": change.from_code[:6], "to_hs6": change.to_code[:6], "to_code": change.to_code,
            "suggested_hs6": change.suggested_code[:6], "kind": kind, "source": change.source,
            "score": change.confidence, "corrected_by": f"user:{change.changed_by_id}" if change.changed_by_id else "",
            "corrected_at": change.changed_at.isoformat(), "product": change.product.sku,
            "organisation": change.product.organisation.slug,
        }


class Command(BaseCommand):
    help = "Export the HS code changes (accepted, corrected, set by hand) as labelled data in CSV or JSONL."

    def add_arguments(self, parser):
        parser.add_argument("--format", dest="fmt", choices=["csv", "jsonl"], default="jsonl")
        parser.add_argument("--out", required=True)
        parser.add_argument("--org", help="Only this organisation's products.")

    def handle(self, *args, fmt, out, org, **options):
        organisation = None
        if org:
            organisation = Organisation.objects.filter(slug=org).first()
            if organisation is None:
                raise CommandError(f"No such organisation: {org}")
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        count = 0
        with path.open("w", encoding="utf-8", newline="") as f:
            if fmt == "csv":
                writer = csv.DictWriter(f, fieldnames=FIELDS)
                writer.writeheader()
            for record in records(organisation):
                if fmt == "csv":  # opened in spreadsheets: no description may run as a formula
                    writer.writerow({k: spreadsheet_safe(v) if isinstance(v, str) else v for k, v in record.items()})
                else:
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        self.stdout.write(f"{count} HS code changes written to {path}")
