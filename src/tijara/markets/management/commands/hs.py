"""`tijara hs CODE|WORDS [--edition 2022|2017] [--date D] [--json]`: an HS code's page, or a nomenclature search."""

from django.core.management.base import BaseCommand, CommandError

from tijara.core.errors import TijaraError
from tijara.markets import selectors
from tijara.markets.management.commands._common import dump, parse_day


class Command(BaseCommand):
    help = "Show an HS code (texts, path, trade figures, duties in the main markets) or search the nomenclature."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="+", help="An HS code (2/4/6 digits, dots allowed) or words (fr/en).")
        parser.add_argument("--edition", default="2022", choices=["2022", "2017"])
        parser.add_argument("--lang", choices=["en", "fr"], help="Search words in this language only.")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--date", help="Date for the duties (YYYY-MM-DD, default today).")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, query, edition, lang, limit, date, json, **options):
        text = " ".join(query)
        code = selectors.normalise_hs(text)
        try:
            if code.isdigit():
                data = selectors.product_overview_dict(code, edition, parse_day(date))
                if data is None:
                    others = selectors.hs_in_editions(code)
                    hint = f" (it exists in HS {', '.join(others)}: use --edition)" if others else ""
                    raise CommandError(f"HS code {code} is not in HS {edition}{hint}.")
                if json:
                    return dump(self, data)
                return self._print_product(data)
            hits = selectors.hs_search(text, lang=lang, limit=limit, edition=edition)
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        results = [{**selectors.hs_as_dict(h.hs), "score": h.score, "matched": h.matched} for h in hits]
        if json:
            return dump(self, {"query": text, "edition": edition, "results": results})
        if not results:
            raise CommandError(f"No HS {edition} code matches {text!r}.")
        for r in results:
            self.stdout.write(f"{r['code']:<7} {r['description_en'][:100]}")

    def _print_product(self, data):
        hs = data["hs"]
        self.stdout.write(f"HS {hs['edition']} {hs['code']} — {hs['description_en']}")
        if hs["description_fr"]:
            self.stdout.write(f"  fr: {hs['description_fr'][:200]}")
        self.stdout.write(f"  {data['edition_note']}  Source: {hs['source']} ({hs['as_of']})")
        for child in data["children"]:
            self.stdout.write(f"  └ {child['code']} {child['description_en'][:90]}")
        for fig in data["world_imports"]:
            self.stdout.write(f"  imports {fig['country_iso3'] or fig['country_name']} {fig['year']}: "
                              f"{fig['value']} USD [{fig['scope_code']}] — {fig['source']}")
        for duty in data["duties"]:
            total = duty["total_ad_valorem_max"]
            self.stdout.write(f"  duty {duty['market']}: {'unknown' if total is None else f'{total}%'} "
                              f"{duty['reason']}")
        for line in data["missing"]:
            self.stdout.write(f"  missing: {line}")
