"""`tijara price`: landed cost and retail price of a parcel (forward), or what the artisan receives (reverse)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tijara.core.errors import TijaraError
from tijara.pricing import services


class Command(BaseCommand):
    help = ("Price a parcel: ex-works price in MAD → retail price in the buyer's currency and landed cost, with a "
            "line-by-line breakdown (each line with source and date). With --retail, the reverse: what you receive.")

    def add_arguments(self, parser):
        parser.add_argument("--hs", help="HS code (6, 8 or 10 digits), e.g. 570110")
        parser.add_argument("--market", required=True, help="destination country, ISO 3166 alpha-3 (USA, FRA, GBR …)")
        parser.add_argument("--exw", help="ex-works price (required unless --retail)")
        parser.add_argument("--currency", default="MAD", help="currency of --exw, --freight, --packaging (default MAD)")
        parser.add_argument("--weight-kg", required=True, help="packed weight in kg")
        parser.add_argument("--dims-cm", help="packed dimensions LxWxH in cm, e.g. 200x150x5")
        parser.add_argument("--incoterm", default="DAP", help="Incoterms 2020 rule (default DAP)")
        parser.add_argument("--channel", default="direct",
                            help="etsy, amazon-handmade, ebay, shopify, google, meta, direct (default direct)")
        parser.add_argument("--ship-date", help="ship date YYYY-MM-DD (default today)")
        parser.add_argument("--origin-proof", default="yes", help="yes|no: proof of Moroccan origin available")
        freight = parser.add_mutually_exclusive_group()
        freight.add_argument("--freight", help="carrier quote for the main carriage, in --currency")
        freight.add_argument("--rate-card", help="stored rate card code (see `tijara rates cards`)")
        parser.add_argument("--zone", help="rate-card zone when the card has no country mapping")
        parser.add_argument("--service", choices=["express", "postal", "air_cargo"],
                            help="shipping service (volumetric divisor); default express or the card's")
        parser.add_argument("--insurance", help="insurance premium, in --currency")
        parser.add_argument("--packaging", help="packaging cost, in --currency")
        parser.add_argument("--retail-currency", help="buyer's currency (default: the market's)")
        parser.add_argument("--markup", help="markup %% on the ex-works price (default: the channel's pricing rule)")
        parser.add_argument("--rounding", choices=["none", ".00", ".90", ".99"], help="price ending")
        parser.add_argument("--tax-inclusive", choices=["yes", "no"], help="price includes tax collected at sale")
        parser.add_argument("--region", help="province/state for Canada or the US (tax rate)")
        parser.add_argument("--shopify-plan", default="basic", choices=["basic", "grow", "advanced"])
        parser.add_argument("--retail", help="reverse mode: the retail price in the buyer's currency")
        parser.add_argument("--language", default="en", choices=["ar", "fr", "en"],
                            help="language of labels, warnings and errors (default en)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **o):
        with translation.override(o["language"]):
            self._handle(**o)

    def _handle(self, **o):
        common = {
            "hs": o["hs"], "market": o["market"], "currency": o["currency"], "weight_kg": o["weight_kg"], "dims_cm": o["dims_cm"],
            "incoterm": o["incoterm"], "channel": o["channel"], "ship_date": o["ship_date"], "origin_proof": o["origin_proof"],
            "freight": o["freight"], "rate_card": o["rate_card"], "zone": o["zone"], "insurance": o["insurance"],
            "packaging": o["packaging"], "service": o["service"], "retail_currency": o["retail_currency"],
            "tax_inclusive": o["tax_inclusive"], "region": o["region"], "shopify_plan": o["shopify_plan"],
        }
        try:
            if o["retail"] is not None:
                result = services.price_reverse(retail_price=o["retail"], exw=o["exw"], **common)
            else:
                if o["exw"] in (None, ""):
                    raise TijaraError("invalid_exw", "--exw is required (or --retail for the reverse calculation).")
                result = services.price_calculate(exw=o["exw"], markup_pct=o["markup"], rounding=o["rounding"],
                                                  **common)
        except TijaraError as exc:
            raise CommandError(exc.message) from None
        data = result.as_dict()
        if o["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._print(data)

    def _print(self, data: dict) -> None:
        w = self.stdout.write
        for line in data["lines"]:
            w(f"{line['paid_by']:<6} {line['amount']:>12} {line['currency']}  {line['label']}")
            w(f"       source: {line['source']} ({line['as_of']})")
        retail = data["retail_price"]
        landed = data["landed_cost"]
        w(f"Retail price: {retail['amount']} {retail['currency']} (rate {retail['rate']['rate']} of "
          f"{retail['rate']['rate_date']}, {retail['rate']['source']}{', STALE' if retail['rate']['stale'] else ''})")
        if landed["amount"] is not None:
            w(f"Landed cost for the buyer: {landed['amount']} {landed['currency']}")
        else:
            w(f"Landed cost for the buyer: not known (known part {landed['known_part']} {landed['currency']})")
        w(f"You receive: {data['seller_receives_mad']} MAD")
        for regime in landed["regime"]:
            w(f"Regime: {regime}")
        for warning in data["warnings"]:
            w(f"Warning: {warning}")
