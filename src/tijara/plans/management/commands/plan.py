"""`tijara plan --text "…" | --product SKU --org SLUG --market ISO3 [--channel] [--ship-date] [--lang] --json [--pdf F]`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tijara.core.errors import TijaraError
from tijara.plans.compose import plan_compose
from tijara.plans.services import plan_request


class Command(BaseCommand):
    help = "Build the export plan for a description or a catalog product and one market (seven sections, sourced)."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--text", help="Product description (ar, fr or en).")
        source.add_argument("--product", help="SKU of a catalog product (with --org).")
        parser.add_argument("--org", help="Organisation slug of --product.")
        parser.add_argument("--market", required=True, help="ISO 3166 alpha-3 code of the target market.")
        parser.add_argument("--hs", default="", help="HS code you chose (wins over the classifier).")
        parser.add_argument("--channel", default="direct")
        parser.add_argument("--ship-date", default=None, help="YYYY-MM-DD (default: today).")
        parser.add_argument("--lang", default="en", choices=["ar", "fr", "en"])
        parser.add_argument("--exw", help="Ex-works price in MAD (a catalog product uses its variant price).")
        parser.add_argument("--weight-kg")
        parser.add_argument("--dims-cm", default="")
        parser.add_argument("--freight", help="Freight quote in MAD.")
        parser.add_argument("--rate-card", default="")
        parser.add_argument("--json", action="store_true", help="Print the plan as JSON.")
        parser.add_argument("--pdf", help="Also write the plan as a PDF to this file.")

    def handle(self, *args, **o):
        product = None
        if o["product"]:
            if not o["org"]:
                raise CommandError("--product needs --org SLUG")
            from tijara.accounts.models import Organisation
            from tijara.catalog.selectors import product_in

            organisation = Organisation.objects.filter(slug=o["org"]).first()
            if organisation is None:
                raise CommandError(f"No organisation with slug {o['org']!r}.")
            try:
                product = product_in(organisation=organisation, sku=o["product"])
            except TijaraError as exc:
                raise CommandError(exc.message) from exc
        try:
            request = plan_request(
                market=o["market"], language=o["lang"], text=o["text"] or "", product=product, hs=o["hs"],
                channel=o["channel"], ship_date=o["ship_date"],
                parameters={"exw_mad": o["exw"], "weight_kg": o["weight_kg"], "dims_cm": o["dims_cm"],
                            "freight": o["freight"], "rate_card": o["rate_card"]},
            )
            result = plan_compose(request).as_dict()
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        if o["pdf"]:
            from tijara.plans.pdf import result_pdf

            title = product.sku if product else (request.text[:60] or request.hs)
            Path(o["pdf"]).write_bytes(result_pdf(result=result, language=request.language, title=title,
                                                  market=request.market,
                                                  organisation_name=product.organisation.public_name if product else ""))
        if o["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        else:
            for name in ("hs", "market", "duties", "checklist", "price", "channels", "events"):
                section = result[name]
                state = "ok" if section.get("available") else f"— {section.get('reason', '')}"
                self.stdout.write(f"{name}: {state}")
            for unknown in result["unknowns"]:
                self.stdout.write(f"unknown: {unknown}")
