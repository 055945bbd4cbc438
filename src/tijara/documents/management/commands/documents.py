"""`tijara documents`: draft the export documents of a shipment (invoice, packing list, CN23, origin data, notes)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tijara.accounts.models import Organisation
from tijara.core.errors import NotFound, TijaraError
from tijara.documents import services


class Command(BaseCommand):
    help = ("Draft a shipment's export documents from the catalog: commercial invoice (PDF, XLSX), packing list, "
            "CN22/CN23 data (PDF, JSON), proof-of-origin data and a notes page citing every fact, in the exporter's "
            "language and the buyer's. Prints the files written, the checks to fix and what is unknown.")

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation slug (the exporter)")
        parser.add_argument("--products", required=True, help="SKU:QTY[,SKU:QTY…] (SKU:QTY:UNIT_VALUE to set a value)")
        parser.add_argument("--market", required=True, help="destination country, ISO 3166 alpha-3 (FRA, USA, GBR …)")
        parser.add_argument("--buyer", required=True,
                            help="buyer file: JSON {name, address, country, language, email, phone}")
        parser.add_argument("--incoterm", default="DAP", help="Incoterms 2020 rule (default DAP)")
        parser.add_argument("--place", default="", help="Incoterm place (default: none, reported as a check)")
        parser.add_argument("--ship-date", help="ship date YYYY-MM-DD (default today)")
        parser.add_argument("--currency", default="", help="invoice currency (default: the market's)")
        parser.add_argument("--freight", help="carrier's quote for the whole consignment, in MAD (spread over the "
                                              "units by packed weight)")
        parser.add_argument("--language", default="fr", choices=["ar", "fr", "en"],
                            help="exporter's language; the buyer's is added when it differs (default fr)")
        parser.add_argument("--invoice-number", default="", help="invoice number (default SLUG-YYYYMMDD)")
        parser.add_argument("--out", required=True, help="directory to write the files into")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **o):
        with translation.override(o["language"]):
            self._handle(**o)

    def _handle(self, **o):
        organisation = Organisation.objects.filter(slug=o["org"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with the slug {o['org']!r}.")
        try:
            buyer_text = Path(o["buyer"]).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read the buyer file {o['buyer']}: {exc.strerror}") from None
        try:
            bundle = services.bundle_for(
                organisation=organisation, lines=services.parse_products(o["products"]), market=o["market"],
                buyer=services.parse_buyer(buyer_text), incoterm=o["incoterm"], place=o["place"],
                ship_date=o["ship_date"], language=o["language"], currency=o["currency"],
                invoice_number=o["invoice_number"], freight=o["freight"])
            files = services.bundle_write(bundle=bundle, out_dir=o["out"])
        except (TijaraError, NotFound) as exc:
            raise CommandError(exc.message) from None
        data = {"files": files, "checks": [c.as_dict() for c in bundle.checks], "unknowns": bundle.unknowns}
        if o["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for path in files:
            self.stdout.write(f"wrote {path}")
        for check in data["checks"]:
            self.stdout.write(f"check  {check['field']}: {check['message']}")
        for unknown in data["unknowns"]:
            self.stdout.write(f"unknown: {unknown}")
