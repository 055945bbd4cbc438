"""`tijara data fetch|import|status`: refresh or extend the markets data from upstream sources.

    tijara data fetch baci --year 2023 --hs-chapters 42,44,46,57,69,71,94 [--edition HS17] [--release 202501]
                           [--base-url URL] [--sha256 HEX]
    tijara data fetch comtrade --year 2023 --hs-chapters 57,69 --reporters 842,251 [--flow M]   (COMTRADE_API_KEY)
    tijara data import baci FILE --country-codes F [--product-codes F] [--edition HS17] [--year Y] [--hs-chapters …]
    tijara data import comtrade FILE [--hs-chapters …]
    tijara data import hts FILE --as-of 2025-rev1
    tijara data import uk-tariff FILE
    tijara data status
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tijara.core.errors import TijaraError
from tijara.markets import importers, selectors
from tijara.markets.management.commands._common import dump


class Command(BaseCommand):
    help = "Fetch (needs internet) or import upstream trade and tariff files into the markets data; show status."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["fetch", "import", "status"])
        parser.add_argument("source", nargs="?", choices=["baci", "comtrade", "hts", "uk-tariff"])
        parser.add_argument("file", nargs="?", help="File to import.")
        parser.add_argument("--year", type=int)
        parser.add_argument("--hs-chapters", help="Comma-separated HS chapters to keep, e.g. 42,44,57,69.")
        parser.add_argument("--edition", default="HS17", help="BACI edition: HS17 or HS22.")
        parser.add_argument("--release", default="202501", help="BACI release, e.g. 202501.")
        parser.add_argument("--base-url", help="Download base URL (default: CEPII / UN Comtrade).")
        parser.add_argument("--sha256", help="Expected SHA-256 of the downloaded archive.")
        parser.add_argument("--country-codes", help="BACI country_codes_V*.csv")
        parser.add_argument("--product-codes", help="BACI product_codes_HS*_V*.csv")
        parser.add_argument("--reporters", help="Comtrade reporter codes, comma-separated.")
        parser.add_argument("--flow", default="M", choices=["M", "X"])
        parser.add_argument("--as-of", default="", help="Vintage of an HTS file (e.g. 2025 revision 1).")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, source, file, json, **opts):
        try:
            if action == "status":
                result = self._status()
            elif action == "fetch":
                result = self._fetch(source, opts)
            else:
                result = self._import(source, file, opts)
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        if json or action == "status":
            dump(self, result)
        else:
            self.stdout.write(f"{result['pack']}: {result['rows']} rows imported, {result['skipped']} skipped "
                              f"({result['source']})")

    def _status(self):
        return {
            "packs": [{"name": p.name, "rows": p.rows, "source": p.source, "as_of": p.as_of, "sha256": p.sha256,
                       "imported": p.imported, "loaded_at": p.loaded_at.isoformat()}
                      for p in selectors.reference_packs()],
            "trade_flows": selectors.trade_flows_available(),
        }

    def _fetch(self, source, opts):
        chapters = importers.parse_chapters(opts["hs_chapters"])
        if not opts["year"]:
            raise CommandError("--year is required.")
        if source == "baci":
            return importers.fetch_baci(year=opts["year"], chapters=chapters, edition=opts["edition"],
                                        release=opts["release"], base_url=opts["base_url"],
                                        sha256=opts["sha256"]).as_dict()
        if source == "comtrade":
            if not opts["reporters"]:
                raise CommandError("--reporters is required for comtrade (Comtrade numeric codes).")
            return importers.fetch_comtrade(year=opts["year"], chapters=chapters,
                                            reporters=[r.strip() for r in opts["reporters"].split(",") if r.strip()],
                                            flow=opts["flow"], base_url=opts["base_url"]).as_dict()
        raise CommandError("fetch supports: baci, comtrade.")

    def _import(self, source, file, opts):
        if not source or not file:
            raise CommandError("Usage: tijara data import baci|comtrade|hts|uk-tariff FILE")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        chapters = importers.parse_chapters(opts["hs_chapters"])
        if source == "baci":
            if not opts["country_codes"]:
                raise CommandError("--country-codes is required for a BACI file.")
            return importers.import_baci(
                data=path, country_codes=Path(opts["country_codes"]),
                product_codes=Path(opts["product_codes"]) if opts["product_codes"] else None,
                edition=opts["edition"], year=opts["year"], chapters=chapters).as_dict()
        if source == "comtrade":
            return importers.import_comtrade(path=path, chapters=chapters).as_dict()
        if source == "hts":
            if not opts["as_of"]:
                raise CommandError("--as-of is required for an HTS file (its revision, e.g. 2025-rev1).")
            return importers.import_hts(path=path, as_of=opts["as_of"]).as_dict()
        return importers.import_uk_tariff(path=path).as_dict()
