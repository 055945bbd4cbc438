"""`tijara readiness ORG_SLUG [--json] [--lang fr]`: latest readiness scores, weak dimensions, plan and history."""

from __future__ import annotations

import json as jsonlib

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tijara.accounts.models import Organisation
from tijara.training import selectors


class Command(BaseCommand):
    help = "Show an organisation's export-readiness scores, its action plan and its progress over time."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Organisation slug.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--lang", default="en", choices=["en", "fr", "ar"])

    def handle(self, *args, slug, json: bool, lang, **options):
        translation.activate(lang)
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            raise CommandError(f"No organisation {slug!r}.")
        data = selectors.readiness(organisation=org, lang=lang)
        if json:
            self.stdout.write(jsonlib.dumps(data, ensure_ascii=False, indent=2))
            return
        if data["overall"] is None:
            self.stdout.write(f"{org.public_name}: no self-assessment taken yet.")
            return
        self.stdout.write(f"{org.public_name}: {data['overall']}/100 ({data['assessed_at'][:10]})")
        for d in data["dimensions"]:
            self.stdout.write(f"  {d['name']}: {d['score']}{'  <- to work on' if d['weak'] else ''}")
        for item in data["plan"]:
            extra = f" [{item['fact_id']}, {item['source']}, {item['as_of']}]" if item["fact_id"] else ""
            self.stdout.write(f"  - {item['dimension_name']}: {item['label']} → {item['url']}{extra}")
        if len(data["history"]) > 1:
            self.stdout.write("History: " + ", ".join(f"{h['assessed_at'][:10]} {h['overall']}"
                                                       for h in data["history"]))
