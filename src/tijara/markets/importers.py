"""Importers for upstream formats, so an operator with internet can refresh or extend the reference data.

- CEPII BACI year file (`t,i,j,k,v,q`) + its `country_codes_V*.csv` and `product_codes_HS*_V*.csv`: streamed and
  written in batches (bounded memory), filtered to chosen HS chapters → TradeFlow.
- UN Comtrade CSV export (comtradeplus columns `refYear, reporterISO, partnerISO, flowCode, cmdCode, primaryValue…`
  or the legacy `Year, Reporter ISO, Partner ISO, Trade Flow Code, Commodity Code, Trade Value (US$)…`) → TradeFlow.
- USITC HTS CSV export (`HTS Number, Indent, Description, Unit of Quantity, General Rate of Duty, Special Rate of
  Duty, …`) → US TariffLine rows with the Morocco FTA ("MA") rate.
- UK tariff CSV (DIT `global-uk-tariff.csv`: `commodity, description, cet_duty_rate, ukgt_duty_rate, …`) →
  EU CET and UK Global Tariff lines.
- `fetch_baci` downloads a BACI release archive, verifies it (checksum when given, ZIP CRCs, expected members and
  header) and imports the chosen year and chapters.

Every import runs in one transaction: a bad line (reported with file, line and reason) leaves the previous data
as they were. The resulting pack is recorded in ReferencePack with `imported=True`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.markets import concordance
from tijara.markets.models import ReferencePack, TariffLine, TradeFlow
from tijara.markets.reference import (
    CsvRows,
    PackError,
    _add,
    _src,
    check_duplicates,
    checksum,
    parse_eu_uk_tariff,
    us_hts_line,
    write_pack,
)

BACI_BASE_URL = "https://www.cepii.fr/DATA_DOWNLOAD/baci/data"
EDITIONS = {"HS17": "2017", "HS22": "2022", "H5": "2017", "H6": "2022"}


@dataclass
class ImportResult:
    pack: str
    rows: int
    skipped: int
    source: str

    def as_dict(self) -> dict:
        return {"pack": self.pack, "rows": self.rows, "skipped": self.skipped, "source": self.source}


def parse_chapters(spec: str | Iterable[str] | None) -> set[str] | None:
    """"42,44,94" → {"42","44","94"}; None/empty → None (all chapters)."""
    if not spec:
        return None
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out = set()
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        if not item.isdigit() or not 1 <= int(item) <= 97:
            raise TijaraError("invalid_chapter", _("Not an HS chapter (01–97): “%(val)s”.") % {"val": item})
        out.add(f"{int(item):02d}")
    return out


# ------------------------------------------------------------------------------------------- trade flows


class _FlowWriter:
    """Batched INSERT of TradeFlow rows inside the caller's transaction."""

    def __init__(self, pack: str, *, prefer_new: bool = True, batch_size: int = 20000):
        self.pack, self.batch_size = pack, batch_size
        fields = ["pack", "generation", "dataset", "hs_edition", "year", "exporter", "importer", "hs6",
                  "value_kusd", "quantity_t"]
        ops = connection.ops
        cols = ", ".join(ops.quote_name(f) for f in fields)
        table = ops.quote_name(TradeFlow._meta.db_table)
        key = ", ".join(ops.quote_name(f) for f in ("dataset", "hs_edition", "year", "exporter", "importer", "hs6"))
        values = ", ".join(["%s"] * len(fields))
        self.sql_insert = f"INSERT INTO {table} ({cols}) VALUES ({values})"  # noqa: S608 - names from model meta
        self.sql_update = (f"{self.sql_insert} ON CONFLICT ({key}) DO UPDATE SET "
                           "value_kusd = EXCLUDED.value_kusd, quantity_t = EXCLUDED.quantity_t")
        self.sql_keep = f"{self.sql_insert} ON CONFLICT ({key}) DO NOTHING"
        # Converted flows: several HS 2017 codes can feed one HS 2022 code for the same pair of countries.
        self.sql_add = (f"{self.sql_insert} ON CONFLICT ({key}) DO UPDATE SET "
                        f"value_kusd = {table}.value_kusd + EXCLUDED.value_kusd, "
                        f"quantity_t = CASE WHEN {table}.quantity_t IS NULL OR EXCLUDED.quantity_t IS NULL THEN NULL "
                        f"ELSE {table}.quantity_t + EXCLUDED.quantity_t END")
        self.additive = False
        self.buffer: list[tuple] = []
        self.buffer_keep: list[tuple] = []
        self.count = 0

    def add(self, row: tuple, *, keep_existing: bool = False) -> None:
        (self.buffer_keep if keep_existing else self.buffer).append((self.pack, 1, *row))
        self.count += 1
        if len(self.buffer) + len(self.buffer_keep) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        with connection.cursor() as cursor:
            if self.buffer:
                cursor.executemany(self.sql_add if self.additive else self.sql_update, self.buffer)
            if self.buffer_keep:
                cursor.executemany(self.sql_keep, self.buffer_keep)
        self.buffer, self.buffer_keep = [], []


def _record_pack(name: str, *, file: str, sha: str, rows: int, source: str, url: str, licence: str,
                 as_of: str) -> None:
    ReferencePack.objects.update_or_create(
        name=name, defaults={"file": file[:200], "sha256": sha, "rows": rows, "generation": 1, "source": source[:300],
                             "source_url": url[:500], "licence": licence[:120], "as_of": as_of[:32], "imported": True})


def read_baci_countries(text: io.TextIOBase, name: str) -> dict[str, str]:
    """BACI country file → {numeric code: ISO3} (columns country_code, country_iso3)."""
    reader = csv.DictReader(text)
    if not reader.fieldnames or not {"country_code", "country_iso3"} <= set(reader.fieldnames):
        raise PackError(name, 1, _("missing column(s): %(cols)s") % {"cols": "country_code, country_iso3"})
    out = {}
    for row in reader:
        code, iso3 = (row["country_code"] or "").strip(), (row["country_iso3"] or "").strip().upper()
        if not code.isdigit() or not re.fullmatch(r"[A-Z0-9]{3}", iso3):
            raise PackError(name, reader.line_num, _("bad country row: “%(code)s”, “%(iso)s”") % {
                "code": code, "iso": iso3})
        out[str(int(code))] = iso3
    if not out:
        raise PackError(name, None, _("no data rows"))
    return out


def read_baci_products(text: io.TextIOBase, name: str) -> set[str]:
    reader = csv.DictReader(text)
    if not reader.fieldnames or "code" not in reader.fieldnames:
        raise PackError(name, 1, _("missing column(s): %(cols)s") % {"cols": "code"})
    return {(row["code"] or "").strip().zfill(6) for row in reader}


def import_baci_stream(text: io.TextIOBase, *, name: str, countries: dict[str, str], products: set[str] | None,
                       edition: str, year: int | None, chapters: set[str] | None, source_url: str,
                       release: str = "", sha: str = "", batch_size: int = 20000,
                       to_hs2022: bool = True) -> ImportResult:
    """Import a BACI year file from an open text stream (one transaction; bounded memory).

    An HS 2017 file is converted to HS 2022 codes on the way in (`to_hs2022`, the default) with the shipped
    conversion weights (`concordance`): 940510 becomes 940511 (66.4 % of the value and quantity), 940519 (30.5 %)
    and 853951 (3.1 %). Rows of one exporter–importer pair are summed per HS 2022 code before writing (BACI files
    are sorted by exporter and importer; an unsorted file is summed in the database instead).
    """
    hs_edition = EDITIONS.get(edition.upper(), edition)
    if hs_edition not in ("2017", "2022"):
        raise TijaraError("edition", _("BACI edition %(ed)s is not supported (HS17 or HS22).") % {"ed": edition})
    convert = to_hs2022 and hs_edition == "2017"
    table = concordance.forward_table() if convert else {}
    reader = csv.reader(text)
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != ["t", "i", "j", "k", "v", "q"]:
        raise PackError(name, 1, _("header must be t,i,j,k,v,q, got %(h)s") % {"h": ",".join(header or [])})
    seen_year = year
    pack = f"baci-{edition.upper()}-{year or 'all'}"
    skipped = 0
    try:
        with transaction.atomic():
            TradeFlow.objects.filter(pack=pack).delete()
            writer = _FlowWriter(pack, batch_size=batch_size)
            writer.additive = convert
            block_key = None
            block: dict[str, list[float | None]] = {}
            stored_edition = "2022" if convert else hs_edition

            def flush_block():
                if block_key is None:
                    return
                t_, exporter_, importer_ = block_key
                for code, (value_, quantity_) in block.items():
                    writer.add(("BACI", stored_edition, t_, exporter_, importer_, code, value_, quantity_))
                block.clear()

            for row in reader:
                line = reader.line_num
                if len(row) != 6:
                    raise PackError(name, line, _("expected 6 fields, got %(n)s") % {"n": len(row)})
                t, i, j, k, v, q = (x.strip() for x in row)
                k = k.zfill(6)
                if chapters is not None and k[:2] not in chapters:
                    skipped += 1
                    continue
                if not t.isdigit() or (year and int(t) != year):
                    raise PackError(name, line, _("year “%(t)s” is not %(y)s") % {"t": t, "y": year})
                seen_year = int(t)
                if not k.isdigit() or len(k) != 6 or (products is not None and k not in products):
                    raise PackError(name, line, _("unknown HS product code “%(k)s”") % {"k": k})
                try:
                    exporter, importer = countries[str(int(i))], countries[str(int(j))]
                except (KeyError, ValueError) as exc:
                    raise PackError(name, line, _("unknown country code “%(i)s” or “%(j)s”") % {"i": i, "j": j}) from exc
                try:
                    value = float(v)
                    quantity = None if q in ("", "NA") else float(q)
                except ValueError as exc:
                    raise PackError(name, line, _("value or quantity is not a number: “%(v)s”, “%(q)s”") % {
                        "v": v, "q": q}) from exc
                if value < 0:
                    raise PackError(name, line, _("negative value %(v)s") % {"v": v})
                if not convert:
                    writer.add(("BACI", hs_edition, int(t), exporter, importer, k, value, quantity))
                    continue
                key = (int(t), exporter, importer)
                if key != block_key:
                    flush_block()
                    block_key = key
                for code, weight in table.get(k) or ((k, 1.0),):
                    found = block.get(code)
                    share_q = None if quantity is None else quantity * weight
                    if found is None:
                        block[code] = [value * weight, share_q]
                    else:
                        found[0] += value * weight
                        found[1] = None if found[1] is None or share_q is None else found[1] + share_q
            flush_block()
            writer.flush()
            if convert and writer.count:
                writer.count = TradeFlow.objects.filter(pack=pack).count()  # rows stored, after summing
            if writer.count == 0:
                raise PackError(name, None, _("no rows for the chosen chapters"))
            converted = " → HS 2022 (Growth Lab conversion weights)" if convert else ""
            _record_pack(pack, file=name, sha=sha, rows=writer.count,
                         source=f"CEPII BACI {edition.upper()}{f' V{release}' if release else ''}{converted}", url=source_url,
                         licence="Etalab Open Licence 2.0", as_of=str(seen_year or ""))
    except IntegrityError as exc:
        raise PackError(name, None, _("duplicate flow in the file (%(err)s)") % {"err": exc}) from exc
    except csv.Error as exc:
        raise PackError(name, reader.line_num, _("unreadable CSV (%(err)s)") % {"err": exc}) from exc
    return ImportResult(pack, writer.count, skipped, f"CEPII BACI {edition.upper()}")


def import_baci(*, data: Path, country_codes: Path, product_codes: Path | None = None, edition: str = "HS17",
                year: int | None = None, chapters: set[str] | None = None, release: str = "",
                source_url: str = "") -> ImportResult:
    """Import a BACI year CSV from disk with its country (and optional product) code files."""
    with open(country_codes, encoding="utf-8", newline="") as fh:
        countries = read_baci_countries(fh, country_codes.name)
    products = None
    if product_codes:
        with open(product_codes, encoding="utf-8", newline="") as fh:
            products = read_baci_products(fh, product_codes.name)
    with open(data, encoding="utf-8", newline="") as fh:
        return import_baci_stream(fh, name=data.name, countries=countries, products=products, edition=edition,
                                  year=year, chapters=chapters, source_url=source_url or str(data), release=release,
                                  sha=checksum([data]))


COMTRADE_PLUS = {"year": "refYear", "reporter": "reporterISO", "partner": "partnerISO", "flow": "flowCode",
                 "code": "cmdCode", "value": "primaryValue", "classification": "classificationCode",
                 "qty": "netWgt"}
COMTRADE_LEGACY = {"year": "Year", "reporter": "Reporter ISO", "partner": "Partner ISO", "flow": "Trade Flow Code",
                   "code": "Commodity Code", "value": "Trade Value (US$)", "classification": "Classification",
                   "qty": "Netweight (kg)"}


def import_comtrade_rows(rows: Iterable[tuple[int, dict]], *, name: str, header: list[str], source_url: str,
                         chapters: set[str] | None = None, sha: str = "") -> ImportResult:
    """Import UN Comtrade records (CSV rows or API JSON records, same field names) → TradeFlow, one transaction.

    Imports (flow M) are reported by the importer and win over the partner's exports (flow X) for the same flow.
    World/area partners and non-6-digit commodity codes are skipped (counted in `skipped`).
    """
    cols = COMTRADE_PLUS if "refYear" in header else COMTRADE_LEGACY
    missing = [c for k, c in cols.items() if k != "qty" and c not in header]
    if missing:
        raise PackError(name, 1, _("not a UN Comtrade export; missing column(s): %(cols)s") % {"cols": ", ".join(missing)})
    legacy_flow = {"1": "M", "2": "X"}
    skipped = 0
    years: set[int] = set()
    pack = None
    try:
        with transaction.atomic():
            writer = None
            for line, r in rows:
                flow = legacy_flow.get(str(r[cols["flow"]]).strip(), str(r[cols["flow"]]).strip().upper())
                code = str(r[cols["code"]] or "").strip()
                partner = str(r[cols["partner"]] or "").strip().upper()
                reporter = str(r[cols["reporter"]] or "").strip().upper()
                if flow not in ("M", "X") or len(code) != 6 or partner in ("", "W00", "WLD", "_X") or not code.isdigit():
                    skipped += 1
                    continue
                if chapters is not None and code[:2] not in chapters:
                    skipped += 1
                    continue
                edition = EDITIONS.get(str(r[cols["classification"]]).strip().upper())
                if edition is None:
                    raise PackError(name, line, _("classification “%(c)s” not supported (H5 = HS 2017, H6 = HS 2022)")
                                    % {"c": r[cols["classification"]]})
                if not re.fullmatch(r"[A-Z]{3}", reporter) or not re.fullmatch(r"[A-Z]{3}", partner):
                    raise PackError(name, line, _("reporter/partner is not an ISO3 code: “%(r)s”, “%(p)s”") % {
                        "r": reporter, "p": partner})
                try:
                    year = int(str(r[cols["year"]]).strip())
                    value = float(str(r[cols["value"]]).strip())
                    qty_raw = str(r.get(cols["qty"]) or "").strip()
                    qty = float(qty_raw) / 1000 if qty_raw else None
                except ValueError as exc:
                    raise PackError(name, line, _("year, value or weight is not a number")) from exc
                if pack is None:
                    pack = f"comtrade-{edition}-{year}"
                    TradeFlow.objects.filter(pack=pack).delete()
                    writer = _FlowWriter(pack)
                years.add(year)
                exporter, importer = (partner, reporter) if flow == "M" else (reporter, partner)
                writer.add(("COMTRADE", edition, year, exporter, importer, code, value / 1000, qty),
                           keep_existing=(flow == "X"))
            if writer is None or writer.count == 0:
                raise PackError(name, None, _("no bilateral HS6 rows to import"))
            writer.flush()
            _record_pack(pack, file=name, sha=sha, rows=writer.count, source="UN Comtrade", url=source_url,
                         licence="UN Comtrade terms of use", as_of=",".join(map(str, sorted(years))))
    except IntegrityError as exc:
        raise PackError(name, None, _("duplicate flow in the file (%(err)s)") % {"err": exc}) from exc
    return ImportResult(pack, writer.count, skipped, "UN Comtrade")


def import_comtrade(*, path: Path, chapters: set[str] | None = None, source_url: str = "") -> ImportResult:
    """Import a UN Comtrade CSV export (comtradeplus or legacy layout)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        rows = ((reader.line_num, r) for r in reader)
        return import_comtrade_rows(rows, name=path.name, header=header, chapters=chapters,
                                    source_url=source_url or str(path), sha=checksum([path]))


# ------------------------------------------------------------------------------------------- tariffs

_SPECIAL = re.compile(r"([^()]+?)\s*\(([^)]*)\)")


def morocco_rate(special: str) -> str:
    """The rate in an HTS "Special" column whose programme list contains MA ("Free (A+,AU,…,MA,…)" → "Free")."""
    for rate, programmes in _SPECIAL.findall(special or ""):
        if "MA" in {p.strip() for p in programmes.split(",")}:
            return rate.strip()
    return ""


def import_hts(*, path: Path, as_of: str, hs_edition: str = "2022", source_url: str = "https://hts.usitc.gov") -> ImportResult:
    """Import a USITC HTS CSV export: rate-bearing lines → US TariffLine rows (replaces the `us_hts` pack)."""
    rows = CsvRows(path, ["HTS Number", "Indent", "Description", "Unit of Quantity", "General Rate of Duty",
                          "Special Rate of Duty"])
    meta = {"source": f"USITC Harmonized Tariff Schedule ({as_of})", "source_url": source_url,
            "licence": "U.S. government work, public domain (17 U.S.C. 105)", "as_of": as_of}
    src = _src(meta)
    out: dict = {}
    path_stack: list[tuple[int, str]] = []
    for line, r in rows:
        indent = int(r["Indent"]) if r["Indent"].strip().isdigit() else 0
        desc = re.sub(r"<[^>]+>", "", r["Description"]).strip()
        path_stack = [(i, d) for i, d in path_stack if i < indent] + [(indent, desc.rstrip(":"))]
        general = r["General Rate of Duty"].strip()
        digits = re.sub(r"\D", "", r["HTS Number"])
        if not general or not digits:
            continue
        if len(digits) not in (6, 8, 10):
            raise rows.fail(line, _("HTS number “%(n)s” has %(d)s digits") % {"n": r["HTS Number"], "d": len(digits)})
        special = r["Special Rate of Duty"].strip()
        ma = morocco_rate(special)
        unit = re.sub(r'<[^>]+>|[\[\]"]', "", r["Unit of Quantity"])
        _add(out, us_hts_line(digits, r["HTS Number"], " > ".join(d for _i, d in path_stack), unit,
                              general, ma, r.get("Additional Duties", "") or "", src), line, rows.name)
    if not out:
        raise PackError(rows.name, None, _("no rate-bearing lines"))
    total = write_pack("us_hts", out, models_written=[TariffLine], sha=checksum([path]), meta=meta, file=path.name,
                       imported=True)
    return ImportResult("us_hts", total, 0, meta["source"])


def import_uk_tariff(*, path: Path) -> ImportResult:
    """Import a DIT UK tariff CSV (commodity, cet_duty_rate, ukgt_duty_rate, …): replaces the `eu_uk_tariff` pack."""
    meta = {"source": "UK Department for International Trade, UK Global Tariff vs EU CET", "source_url": str(path),
            "licence": "Open Government Licence v3", "as_of": ""}
    parsed = parse_eu_uk_tariff(path.parent, meta, file=path.name)
    check_duplicates(parsed)
    total = write_pack("eu_uk_tariff", parsed, models_written=[TariffLine], sha=checksum([path]), meta=meta,
                       file=path.name, imported=True)
    return ImportResult("eu_uk_tariff", total, 0, meta["source"])


# ------------------------------------------------------------------------------------------- fetch


def _download(url: str, dest: Path, *, headers: dict | None = None, timeout: int = 60) -> str:
    """Stream a URL to a file; return its SHA-256."""
    if not url.startswith(("http://", "https://")):
        raise TijaraError("fetch_url", _("Only http(s) URLs can be fetched: %(url)s") % {"url": url})
    request = urllib.request.Request(url, headers={"User-Agent": "tijara-data-fetch", **(headers or {})})  # noqa: S310
    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, open(dest, "wb") as out:  # noqa: S310
            for block in iter(lambda: response.read(1 << 20), b""):
                digest.update(block)
                out.write(block)
    except urllib.error.HTTPError as exc:
        raise TijaraError("fetch_failed", _("Download failed: %(url)s answered HTTP %(code)s.") % {
            "url": url, "code": exc.code}) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise TijaraError("fetch_failed", _("Download failed: %(url)s (%(err)s). Is the machine online?") % {
            "url": url, "err": getattr(exc, "reason", exc)}) from exc
    return digest.hexdigest()


def fetch_baci(*, year: int, chapters: set[str] | None, edition: str = "HS17", release: str = "202501",
               base_url: str | None = None, sha256: str | None = None, keep: Path | None = None) -> ImportResult:
    """Download the CEPII BACI release archive, verify it and import one year filtered to the chosen chapters."""
    base = (base_url or os.environ.get("TIJARA_BACI_BASE_URL") or BACI_BASE_URL).rstrip("/")
    edition = edition.upper()
    archive_name = f"BACI_{edition}_V{release}.zip"
    url = f"{base}/{archive_name}"
    with tempfile.TemporaryDirectory(prefix="tijara-baci-") as tmp:
        target = (keep or Path(tmp)) / archive_name
        digest = _download(url, target)
        if sha256 and digest != sha256.lower():
            raise TijaraError("fetch_checksum", _("Checksum mismatch for %(file)s: expected %(exp)s, got %(got)s.") % {
                "file": archive_name, "exp": sha256, "got": digest})
        try:
            with zipfile.ZipFile(target) as zf:
                bad = zf.testzip()
                if bad:
                    raise TijaraError("fetch_corrupt", _("%(file)s is corrupt (bad CRC in %(member)s).") % {
                        "file": archive_name, "member": bad})
                names = set(zf.namelist())
                data_name = f"BACI_{edition}_Y{year}_V{release}.csv"
                countries_name = f"country_codes_V{release}.csv"
                products_name = f"product_codes_{edition}_V{release}.csv"
                for member in (data_name, countries_name):
                    if member not in names:
                        raise TijaraError("fetch_content", _("%(file)s has no %(member)s (year or release wrong?).") % {
                            "file": archive_name, "member": member})
                with zf.open(countries_name) as fh:
                    countries = read_baci_countries(io.TextIOWrapper(fh, encoding="utf-8", newline=""), countries_name)
                products = None
                if products_name in names:
                    with zf.open(products_name) as fh:
                        products = read_baci_products(io.TextIOWrapper(fh, encoding="utf-8", newline=""), products_name)
                with zf.open(data_name) as fh:
                    return import_baci_stream(io.TextIOWrapper(fh, encoding="utf-8", newline=""), name=data_name,
                                              countries=countries, products=products, edition=edition, year=year,
                                              chapters=chapters, source_url=url, release=release, sha=digest)
        except zipfile.BadZipFile as exc:
            raise TijaraError("fetch_corrupt", _("%(file)s is not a valid ZIP archive.") % {"file": archive_name}) from exc


COMTRADE_URL = "https://comtradeapi.un.org/data/v1/get/C/A/HS"


def fetch_comtrade(*, year: int, chapters: set[str] | None, reporters: list[str], flow: str = "M",
                   base_url: str | None = None) -> ImportResult:
    """Download a UN Comtrade extract (API key from COMTRADE_API_KEY) and import its bilateral HS6 rows.

    `reporters` are Comtrade numeric reporter codes (e.g. 842 for the USA, 251 for France). All HS6 lines
    (cmdCode=AG6) are requested and filtered to the chapters here. The API returns JSON records with the same
    field names as the comtradeplus CSV export.
    """
    import json
    from urllib.parse import urlencode

    key = os.environ.get("COMTRADE_API_KEY", "")
    if not key:
        raise TijaraError("fetch_key", _("Set COMTRADE_API_KEY to fetch from UN Comtrade."))
    if not chapters:
        raise TijaraError("fetch_chapters", _("Give --hs-chapters for a Comtrade extract."))
    base = (base_url or os.environ.get("TIJARA_COMTRADE_BASE_URL") or COMTRADE_URL).rstrip("/")
    query = urlencode({"reporterCode": ",".join(reporters), "period": str(year), "flowCode": flow,
                       "cmdCode": "AG6", "customsCode": "C00", "motCode": "0",
                       "partner2Code": "0", "aggregateBy": "", "breakdownMode": "classic"})
    url = f"{base}?{query}"
    with tempfile.TemporaryDirectory(prefix="tijara-comtrade-") as tmp:
        target = Path(tmp) / "comtrade.json"
        digest = _download(url, target, headers={"Ocp-Apim-Subscription-Key": key})
        try:
            payload = json.loads(target.read_text(encoding="utf-8"))
            records = payload["data"]
        except (ValueError, KeyError, TypeError) as exc:
            raise TijaraError("fetch_content", _("UN Comtrade answered something that is not a data extract.")) from exc
    if not records:
        raise TijaraError("fetch_content", _("UN Comtrade returned no records for this query."))
    header = list(records[0].keys())
    return import_comtrade_rows(((i + 1, r) for i, r in enumerate(records)), name="comtrade-api", header=header,
                                chapters=chapters, source_url=url.split("?")[0], sha=digest)
