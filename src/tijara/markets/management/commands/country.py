"""`tijara country ISO3 [--json]`: names, region, currency, languages, distance, agreements, crafts sold there."""

from django.core.management.base import BaseCommand, CommandError

from tijara.markets import selectors
from tijara.markets.management.commands._common import dump


class Command(BaseCommand):
    help = "Show a country: names (ar/fr/en/es), distance from Morocco, agreements, handicraft exports there."

    def add_arguments(self, parser):
        parser.add_argument("iso3", help="ISO 3166 alpha-3 code, e.g. USA, FRA.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, iso3, json, **options):
        data = selectors.country_overview_dict(iso3)
        if data is None:
            raise CommandError(f"Unknown country code {iso3!r} (use ISO 3166 alpha-3, e.g. USA).")
        if json:
            return dump(self, data)
        self.stdout.write(f"{data['iso3']} — {data['names']['en']} / {data['names']['fr']} / {data['names']['ar']}")
        self.stdout.write(f"  region: {data['region']} / {data['subregion']}; currency: {data['currency_code']}; "
                          f"languages: {', '.join(data['languages'])}")
        if data["distance_km"] is not None:
            src = data["sources"]["distance"]
            self.stdout.write(f"  distance from Morocco (capitals): {data['distance_km']:.0f} km — {src['source']} "
                              f"({src['as_of']})")
        for a in data["agreements"]:
            self.stdout.write(f"  agreement: {a['name']} (in force {a['in_force_on'] or a['in_force_note']}) — "
                              f"{a['source']}")
        for f in data["handicraft_exports"]:
            self.stdout.write(f"  handicraft exports {f['period']}: value {f['value']} MAD, share {f['share_pct']}%, "
                              f"growth {f['growth_pct']}% — {f['source']}")
