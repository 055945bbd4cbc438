"""Load the markets reference packs shipped in `markets/data/` (called by `tijara load_reference_data`).

Each pack (see `data/packs.json`) is parsed and validated completely before the database is touched; a malformed
file raises `PackError` naming the file, the line and the reason, and the previous data stay as they were. A valid
pack is written in one transaction: rows are upserted on their natural keys (so other rows keep their ids) and
rows the new version no longer has are deleted. A pack whose files have not changed since the last load (same
SHA-256, same row count) is skipped, so loading twice changes nothing. Packs replaced by an operator import
(`tijara data import|fetch`) are left alone.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.markets.models import (
    AdditionalDuty,
    Agreement,
    AgreementPartner,
    CnLine,
    Country,
    Distance,
    GravityObservation,
    HandicraftExport,
    HsCode,
    HsSection,
    MarketSizeEstimate,
    MoroccoExport,
    Preference,
    ReferencePack,
    TariffLine,
    TariffSchedule,
    TradeFlow,
    WorldImport,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

UNIQUE: dict[type[models.Model], list[str]] = {
    HsSection: ["numeral"],
    HsCode: ["edition", "code"],
    CnLine: ["cn8"],
    Country: ["iso3"],
    Distance: ["origin", "destination"],
    GravityObservation: ["exporter", "importer", "year"],
    Agreement: ["code"],
    AgreementPartner: ["agreement_code", "iso3"],
    TariffLine: ["schedule", "code"],
    Preference: ["agreement_code", "market"],
    AdditionalDuty: ["code"],
    WorldImport: ["pack", "line"],
    MoroccoExport: ["pack", "line"],
    HandicraftExport: ["pack", "line"],
    MarketSizeEstimate: ["pack", "line"],
    TradeFlow: ["dataset", "hs_edition", "year", "exporter", "importer", "hs6"],
}


class PackError(TijaraError):
    """A reference file that cannot be loaded: names the file, the line and the reason."""

    def __init__(self, file: str, line: int | None, reason: str):
        where = _("%(file)s, line %(line)s") % {"file": file, "line": line} if line else file
        super().__init__("pack_invalid", f"{where}: {reason}")
        self.file, self.line, self.reason = file, line, reason


# ------------------------------------------------------------------------------------------- reading helpers


def open_text(path: Path) -> io.TextIOBase:
    """Open a CSV/JSON file as UTF-8 text, transparently un-gzipping `.gz` files."""
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


class CsvRows:
    """Iterate a CSV file as (line number, row dict), checking the header and reporting bad lines."""

    def __init__(self, path: Path, required: list[str], name: str | None = None):
        self.path, self.required, self.name = path, required, name or path.name

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        try:
            with open_text(self.path) as fh:
                reader = csv.DictReader(fh)
                header = reader.fieldnames or []
                missing = [c for c in self.required if c not in header]
                if missing:
                    raise PackError(self.name, 1, _("missing column(s): %(cols)s") % {"cols": ", ".join(missing)})
                line = 1
                for row in reader:
                    if None in row or any(v is None for v in row.values()):
                        raise PackError(self.name, reader.line_num, _("wrong number of fields"))
                    yield reader.line_num, row
                    line = reader.line_num
                if line == 1:
                    raise PackError(self.name, None, _("no data rows"))
        except (UnicodeDecodeError, gzip.BadGzipFile, EOFError, csv.Error) as exc:
            raise PackError(self.name, None, _("unreadable file (%(err)s)") % {"err": exc}) from exc
        except FileNotFoundError as exc:
            raise PackError(self.name, None, _("file not found")) from exc

    def fail(self, line: int, reason: str) -> PackError:
        return PackError(self.name, line, reason)


def parse_decimal(value: str, rows: CsvRows, line: int, column: str, *, required: bool = False) -> Decimal | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise rows.fail(line, _("%(col)s is empty") % {"col": column})
        return None
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise rows.fail(line, _("%(col)s is not a number: “%(val)s”") % {"col": column, "val": value}) from exc
    if not number.is_finite():
        raise rows.fail(line, _("%(col)s is not a number: “%(val)s”") % {"col": column, "val": value})
    return number


def parse_float(value: str, rows: CsvRows, line: int, column: str) -> float | None:
    number = parse_decimal(value, rows, line, column)
    return float(number) if number is not None else None


def parse_int(value: str, rows: CsvRows, line: int, column: str, *, required: bool = False) -> int | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise rows.fail(line, _("%(col)s is empty") % {"col": column})
        return None
    if not re.fullmatch(r"-?\d+", value):
        raise rows.fail(line, _("%(col)s is not a whole number: “%(val)s”") % {"col": column, "val": value})
    return int(value)


def parse_date(value: str, rows: CsvRows, line: int, column: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise rows.fail(line, _("%(col)s is not a date (YYYY-MM-DD): “%(val)s”") % {
            "col": column, "val": value}) from exc


def parse_flag(value: str, rows: CsvRows, line: int, column: str) -> bool:
    value = (value or "").strip()
    if value in ("1", "True", "true"):
        return True
    if value in ("0", "False", "false", ""):
        return False
    raise rows.fail(line, _("%(col)s must be 0 or 1: “%(val)s”") % {"col": column, "val": value})


def check_hs(value: str, rows: CsvRows, line: int, column: str, lengths=(2, 4, 6), *, empty_ok=False,
             groups_ok=False) -> str:
    value = (value or "").strip()
    if not value and empty_ok:
        return ""
    if groups_ok and re.fullmatch(r"\d{2}-\d{2}|TOTAL", value):
        return value  # a published grouping: a range of chapters or all goods
    if not value.isdigit() or len(value) not in lengths:
        raise rows.fail(line, _("%(col)s is not an HS code of %(n)s digits: “%(val)s”") % {
            "col": column, "n": "/".join(map(str, lengths)), "val": value})
    return value


def check_iso3(value: str, rows: CsvRows, line: int, column: str, *, empty_ok=False) -> str:
    value = (value or "").strip()
    if not value and empty_ok:
        return ""
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise rows.fail(line, _("%(col)s is not an ISO 3166 alpha-3 code: “%(val)s”") % {"col": column, "val": value})
    return value


def ad_valorem(rate: str) -> Decimal | None:
    """"Free" → 0, "4.5%" → 4.5; anything else (specific or compound duty) → None."""
    rate = (rate or "").strip()
    if rate.lower() == "free":
        return Decimal("0")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%", rate)
    return Decimal(match.group(1)) if match else None


def expand_chapters(spec: str) -> str:
    """"25-97" → "25,26,…,97"; "44,94" stays."""
    out = []
    for part in spec.split(","):
        part = part.strip()
        if "-" in part:
            low, high = (int(x) for x in part.split("-"))
            out.extend(f"{n:02d}" for n in range(low, high + 1))
        elif part:
            out.append(f"{int(part):02d}")
    return ",".join(out)


# ------------------------------------------------------------------------------------------- pack parsers

Parsed = dict[type[models.Model], list[dict]]


def _row(model: type[models.Model], **values) -> dict:
    """A parsed row: field values plus its model (plain dicts: ~10x cheaper than model instances)."""
    values["__model__"] = model
    return values


def _src(meta: dict, **override) -> dict:
    data = {"source": meta["source"][:300], "source_url": meta.get("source_url", "")[:500],
            "licence": meta.get("licence", "")[:120], "as_of": meta.get("as_of", "")[:32]}
    data.update({k: (v or "")[:300 if k == "source" else 500 if k == "source_url" else 32 if k == "as_of" else 120]
                 for k, v in override.items()})
    return data


def _add(out: Parsed, row: dict, line: int, file: str) -> None:
    row["__line__"] = (file, line)
    out.setdefault(row.pop("__model__"), []).append(row)


def parse_hs_sections(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / "hs_sections.csv.gz", ["section", "name"])
    for pos, (line, r) in enumerate(rows, start=1):
        if not r["section"].strip() or not r["name"].strip():
            raise rows.fail(line, _("section and name are required"))
        _add(out, _row(HsSection, numeral=r["section"].strip(), position=pos, name_en=r["name"].strip(), **_src(meta)),
             line, rows.name)
    return out


def _parse_hs(d: Path, meta: dict, edition: str, file: str, french: dict[str, tuple[str, int]],
              keywords: dict[str, str]) -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / file, ["section", "hscode", "description", "parent", "level"])
    for line, r in rows:
        code = check_hs(r["hscode"], rows, line, "hscode")
        level = parse_int(r["level"], rows, line, "level", required=True)
        if level != len(code):
            raise rows.fail(line, _("level %(level)s does not match code %(code)s") % {"level": level, "code": code})
        parent = r["parent"].strip()
        if level > 2 and parent != code[: level - 2]:
            raise rows.fail(line, _("parent %(parent)s is not the prefix of %(code)s") % {"parent": parent, "code": code})
        if not r["description"].strip():
            raise rows.fail(line, _("description is empty"))
        fr, n = french.get(code, ("", 0))
        _add(out, _row(HsCode,
            edition=edition, code=code, level=level, parent_code=parent if level > 2 else "",
            section=r["section"].strip(), description_en=r["description"].strip(), description_fr=fr,
            fr_source=f"EU Combined Nomenclature 2023, {n} CN8 line(s)" if fr else "",
            keywords=keywords.get(code, "")[:300], **_src(meta)), line, rows.name)
    return out


def _cn_lines(d: Path) -> tuple[CsvRows, Iterator]:
    rows = CsvRows(d / "cn2023.csv.gz", ["cn8", "hs6", "description_en", "description_fr", "supplementary_unit"])
    return rows, iter(rows)


def parse_hs2022(d: Path, meta: dict) -> Parsed:
    grouped: dict[str, list[str]] = {}
    rows, it = _cn_lines(d)
    for line, r in it:
        hs6 = check_hs(r["hs6"], rows, line, "hs6", (6,))
        text = r["description_fr"].strip()
        if text and text not in grouped.setdefault(hs6, []):
            grouped[hs6].append(text)
    french = {k: (" | ".join(v), len(v)) for k, v in grouped.items()}
    keywords = {}
    kw_rows = CsvRows(d / "handicraft_hs6.csv.gz", ["hs6", "product_family_suggested"])
    for line, r in kw_rows:
        keywords[check_hs(r["hs6"], kw_rows, line, "hs6", (6,))] = r["product_family_suggested"].strip()
    return _parse_hs(d, meta, "2022", "hs2022.csv.gz", french, keywords)


def parse_hs2017(d: Path, meta: dict) -> Parsed:
    # The French CN 2023 texts describe HS 2022 lines: they are not attached to HS 2017 codes.
    return _parse_hs(d, meta, "2017", "hs2017.csv.gz", {}, {})


def parse_cn2023(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    rows, it = _cn_lines(d)
    for line, r in it:
        cn8 = check_hs(r["cn8"], rows, line, "cn8", (8,))
        if cn8[:6] != r["hs6"]:
            raise rows.fail(line, _("hs6 %(hs6)s is not the start of %(cn8)s") % {"hs6": r["hs6"], "cn8": cn8})
        _add(out, _row(CnLine, cn8=cn8, hs6=cn8[:6], description_en=r["description_en"].strip(),
                         description_fr=r["description_fr"].strip(),
                         supplementary_unit=r["supplementary_unit"].strip()[:20], **_src(meta)), line, rows.name)
    return out


def parse_countries(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    coords = {}
    geo = CsvRows(d / "cepii_geo.csv.gz", ["iso3", "lat", "lon"])
    for line, r in geo:
        coords[check_iso3(r["iso3"], geo, line, "iso3")] = (parse_float(r["lat"], geo, line, "lat"),
                                                           parse_float(r["lon"], geo, line, "lon"))
    rows = CsvRows(d / "countries.csv.gz", ["ISO3166-1-Alpha-3", "ISO3166-1-Alpha-2", "official_name_en",
                                            "official_name_fr", "official_name_ar", "official_name_es"])
    for line, r in rows:
        iso3 = check_iso3(r["ISO3166-1-Alpha-3"], rows, line, "ISO3166-1-Alpha-3")
        if not r["official_name_en"].strip():
            raise rows.fail(line, _("official_name_en is empty"))
        lat, lon = coords.get(iso3, (None, None))
        _add(out, _row(Country,
            iso3=iso3, iso2=r["ISO3166-1-Alpha-2"].strip()[:2], numeric=r.get("ISO3166-1-numeric", "").strip()[:3],
            name_en=r["official_name_en"].strip(), name_fr=r["official_name_fr"].strip(),
            name_ar=r["official_name_ar"].strip(), name_es=r["official_name_es"].strip(),
            region=r.get("Region Name", "").strip(), subregion=r.get("Sub-region Name", "").strip(),
            continent=r.get("Continent", "").strip()[:4],
            currency_code=r.get("ISO4217-currency_alphabetic_code", "").strip()[:3],
            currency_name=r.get("ISO4217-currency_name", "").strip()[:100],
            languages=r.get("Languages", "").strip()[:200], capital=r.get("Capital", "").strip()[:100],
            lat=lat, lon=lon, **_src(meta)), line, rows.name)
    return out


def parse_geodist(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / "cepii_geodist.csv.gz", ["iso_o", "iso_d", "contig", "comlang_off", "comlang_ethno",
                                                "colony", "comcol", "dist", "distcap", "distw"])
    src = _src(meta)
    for line, r in rows:
        _add(out, _row(Distance,
            origin=check_iso3(r["iso_o"], rows, line, "iso_o"), destination=check_iso3(r["iso_d"], rows, line, "iso_d"),
            contig=parse_flag(r["contig"], rows, line, "contig"),
            comlang_off=parse_flag(r["comlang_off"], rows, line, "comlang_off"),
            comlang_ethno=parse_flag(r["comlang_ethno"], rows, line, "comlang_ethno"),
            colony=parse_flag(r["colony"], rows, line, "colony"), comcol=parse_flag(r["comcol"], rows, line, "comcol"),
            dist_km=parse_float(r["dist"], rows, line, "dist"), distcap_km=parse_float(r["distcap"], rows, line, "distcap"),
            distw_km=parse_float(r["distw"], rows, line, "distw"), **src), line, rows.name)
    return out


def parse_gravity(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / "yotov_gravity_mar.csv.gz", ["exporter", "importer", "year", "trade", "dist", "cntg", "lang",
                                                    "clny", "rta"])
    src = _src(meta)
    for line, r in rows:
        _add(out, _row(GravityObservation,
            exporter=check_iso3(r["exporter"], rows, line, "exporter"),
            importer=check_iso3(r["importer"], rows, line, "importer"),
            year=parse_int(r["year"], rows, line, "year", required=True),
            trade=parse_float(r["trade"], rows, line, "trade"), dist_km=parse_float(r["dist"], rows, line, "dist"),
            contig=parse_flag(r["cntg"], rows, line, "cntg"), lang=parse_flag(r["lang"], rows, line, "lang"),
            colony=parse_flag(r["clny"], rows, line, "clny"), rta=parse_flag(r["rta"], rows, line, "rta"), **src),
            line, rows.name)
    return out


def parse_market_access(d: Path, meta: dict) -> Parsed:
    name = "market_access.json"
    try:
        with open_text(d / name) as fh:
            data = json.load(fh)
    except FileNotFoundError as exc:
        raise PackError(name, None, _("file not found")) from exc
    except json.JSONDecodeError as exc:
        raise PackError(name, exc.lineno, _("invalid JSON (%(err)s)") % {"err": exc.msg}) from exc
    african = [r["ISO3166-1-Alpha-3"] for _l, r in CsvRows(d / "countries.csv.gz", ["ISO3166-1-Alpha-3", "Continent"])
               if r["Continent"] == "AF" and r["ISO3166-1-Alpha-3"] != "MAR"]
    out: Parsed = {}

    def day(value, where):
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise PackError(name, None, _("%(where)s: not a date: “%(val)s”") % {"where": where, "val": value}) from exc

    def src(item):
        return _src(meta, source=item["source"], source_url=item.get("source_url", ""),
                    licence=item.get("licence", ""), as_of=item.get("as_of", ""))

    try:
        for i, a in enumerate(data["agreements"]):
            where = f"agreements[{i}] {a.get('code', '')}"
            partners = african if a["partners"] == "continent:AF" else a["partners"]
            _add(out, _row(Agreement, code=a["code"], name=a["name"], signed_on=day(a["signed_on"], where),
                                in_force_on=day(a["in_force_on"], where), in_force_note=a["in_force_note"],
                                status=a["status"], proof_of_origin=a["proof_of_origin"], preference=a["preference"],
                                fact_ids=a["fact_ids"], confidence=a["confidence"], notes=a.get("notes", ""),
                                **src(a)), i, name)
            for iso3 in partners:
                _add(out, _row(AgreementPartner, agreement_code=a["code"], iso3=iso3,
                                           **_src(meta, source=a["partners_source"], source_url=a["source_url"],
                                                  as_of=a.get("as_of", ""))), i, name)
        for i, p in enumerate(data["preferences"]):
            where = f"preferences[{i}]"
            _add(out, _row(Preference, agreement_code=p["agreement_code"], market=p["market"],
                                 chapters=expand_chapters(p["chapters"]), rate_ad_valorem=Decimal(p["rate_ad_valorem"]),
                                 condition=p["condition"], valid_from=day(p["valid_from"], where),
                                 valid_to=day(p["valid_to"], where), fact_ids=p["fact_ids"],
                                 confidence=p["confidence"], **src(p)), i, name)
        for i, x in enumerate(data["additional_duties"]):
            where = f"additional_duties[{i}] {x.get('code', '')}"
            if x["kind"] not in AdditionalDuty.Kind.values:
                raise PackError(name, None, _("%(where)s: unknown kind “%(kind)s”") % {"where": where, "kind": x["kind"]})
            start = day(x["start"], where)
            if start is None:
                raise PackError(name, None, _("%(where)s: start date is required") % {"where": where})
            _add(out, _row(AdditionalDuty,
                code=x["code"], market=x["market"], kind=x["kind"], name=x["name"], legal_basis=x["legal_basis"],
                rate_ad_valorem=Decimal(x["rate_ad_valorem"]) if x["rate_ad_valorem"] is not None else None,
                rate_text=x["rate_text"], chapters=expand_chapters(x["chapters"]), start=start,
                end=day(x["end"], where), applies_with_preference=bool(x["applies_with_preference"]),
                condition=x["condition"], fact_ids=x["fact_ids"], confidence=x["confidence"], note=x["note"],
                **src(x)), i, name)
    except (KeyError, TypeError, InvalidOperation) as exc:
        raise PackError(name, None, _("malformed record (%(err)s)") % {"err": repr(exc)}) from exc
    return out


HTS_COLUMNS = ["hts_code", "hts_dotted", "hs6", "description", "description_path", "unit", "general_rate",
               "general_rate_effective", "morocco_fta_rate_effective", "additional_duties"]


def parse_us_hts(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / "us_hts_2024.csv.gz", HTS_COLUMNS)
    src = _src(meta)
    for line, r in rows:
        if not r["general_rate"].strip():
            continue  # headings and statistical suffixes without a rate of their own
        code = check_hs(r["hts_code"], rows, line, "hts_code", (6, 8, 10))
        _add(out, us_hts_line(code, r["hts_dotted"], r["description_path"] or r["description"], r["unit"],
                              r["general_rate_effective"] or r["general_rate"], r["morocco_fta_rate_effective"],
                              r["additional_duties"], src), line, rows.name)
    return out


def us_hts_line(code, dotted, description, unit, general, morocco, additional, src) -> dict:
    """A US HTS rate line; the Morocco preference is the special rate whose programme list contains MA."""
    general = general.strip()
    morocco = morocco.strip()
    return _row(
        TariffLine, schedule=TariffSchedule.US_HTS, market="USA", code=code, hs6=code[:6], hs_edition="2022",
        display_code=dotted.strip()[:16], description=description.strip(), unit=unit.strip()[:30],
        mfn_rate=general[:200], mfn_ad_valorem=ad_valorem(general), pref_rate=morocco[:200],
        pref_ad_valorem=ad_valorem(morocco) if morocco else None,
        pref_regime="US–Morocco FTA (special programme MA)" if morocco else "",
        flags=additional.strip()[:200], **src)


UK_COLUMNS = ["commodity", "description", "cet_duty_rate", "ukgt_duty_rate", "trade_remedy_applies",
              "suspension_applies", "atq_applies"]


def parse_eu_uk_tariff(d: Path, meta: dict, file: str = "uk_global_tariff_2021.csv.gz") -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / file, UK_COLUMNS)
    # Source names are stored as the publisher's names, not translated at load time (the pack is loaded once, in
    # whatever language the loading process runs, and read in every language).
    eu_src = _src(meta, source="EU Common External Tariff 2020 (MFN), published by the UK Department for "
                               "International Trade (DIT)", as_of="2020")
    uk_src = _src(meta, source="UK Global Tariff 2021 (MFN), UK Department for International Trade (DIT)",
                  as_of="2021-01-01")
    for line, r in rows:
        code = check_hs(r["commodity"], rows, line, "commodity", (8, 10))
        flags = ", ".join(k.replace("_applies", "").replace("_", " ") for k in
                          ("trade_remedy_applies", "suspension_applies", "atq_applies")
                          if parse_flag(r[k], rows, line, k))
        for schedule, market, rate, src, valid in (
                (TariffSchedule.EU_CET, "EUR", r["cet_duty_rate"], eu_src, None),
                (TariffSchedule.UK_GT, "GBR", r["ukgt_duty_rate"], uk_src, date(2021, 1, 1))):
            rate = rate.strip()
            if not rate:
                raise rows.fail(line, _("duty rate is empty"))
            _add(out, _row(TariffLine,
                schedule=schedule, market=market, code=code, hs6=code[:6], hs_edition="2017",
                display_code=f"{code[:4]}.{code[4:6]}.{code[6:]}", description=r["description"].strip(),
                mfn_rate=rate[:200], mfn_ad_valorem=ad_valorem(rate.replace(".0%", "%")),
                flags=flags if schedule == TariffSchedule.UK_GT else "", valid_from=valid, **src), line, rows.name)
    return out


def _trade_common(rows: CsvRows, line: int, r: dict, meta: dict) -> dict:
    if not r["source_url"].strip() or not r["source_name"].strip():
        raise rows.fail(line, _("every figure needs source_url and source_name"))
    return {"note": r["note"].strip(), "line": line,
            **_src(meta, source=r["source_name"].strip(), source_url=r["source_url"].strip(), licence=meta["licence"])}


def parse_world_imports(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / "world_imports_by_product.csv.gz", ["hs_code", "product_label", "importer_iso3",
                                                           "importer_name", "year", "value_usd", "source_url",
                                                           "source_name", "note"])
    for line, r in rows:
        year = parse_int(r["year"], rows, line, "year")
        common = _trade_common(rows, line, r, meta)
        common["as_of"] = str(year or "")
        _add(out, _row(WorldImport, hs_code=check_hs(r["hs_code"], rows, line, "hs_code", empty_ok=True, groups_ok=True),
                              product_label=r["product_label"].strip()[:300],
                              importer_iso3=check_iso3(r["importer_iso3"], rows, line, "importer_iso3", empty_ok=True),
                              importer_name=r["importer_name"].strip()[:100], year=year,
                              value_usd=parse_decimal(r["value_usd"], rows, line, "value_usd"), **common),
             line, rows.name)
    return out


def parse_morocco_exports(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / "morocco_exports_by_product.csv.gz", ["hs_code", "product_label", "partner_iso3",
                                                             "partner_name", "year", "value_usd", "source_url",
                                                             "source_name", "note"])
    for line, r in rows:
        year = parse_int(r["year"], rows, line, "year")
        common = _trade_common(rows, line, r, meta)
        common["as_of"] = str(year or "")
        _add(out, _row(MoroccoExport, hs_code=check_hs(r["hs_code"], rows, line, "hs_code", empty_ok=True, groups_ok=True),
                                product_label=r["product_label"].strip()[:300],
                                partner_iso3=check_iso3(r["partner_iso3"], rows, line, "partner_iso3", empty_ok=True),
                                partner_name=r["partner_name"].strip()[:100], year=year,
                                value_usd=parse_decimal(r["value_usd"], rows, line, "value_usd"), **common),
             line, rows.name)
    return out


DIMENSIONS = {"total", "destination", "product_family", "city"}


def parse_handicraft_exports(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / "morocco_handicraft_exports_official.csv.gz", [
        "period_start", "period_end", "dimension", "key", "value_mad", "share_pct", "growth_pct", "source_url",
        "source_name", "note"])
    for line, r in rows:
        if r["dimension"] not in DIMENSIONS:
            raise rows.fail(line, _("dimension must be one of %(dims)s, got “%(val)s”") % {
                "dims": ", ".join(sorted(DIMENSIONS)), "val": r["dimension"]})
        start = parse_date(r["period_start"], rows, line, "period_start")
        end = parse_date(r["period_end"], rows, line, "period_end")
        if start and end and end < start:
            raise rows.fail(line, _("period_end is before period_start"))
        common = _trade_common(rows, line, r, meta)
        common["as_of"] = end.isoformat() if end else _("undated")
        _add(out, _row(HandicraftExport, period_start=start, period_end=end, dimension=r["dimension"],
                                   key=r["key"].strip()[:200],
                                   value_mad=parse_decimal(r["value_mad"], rows, line, "value_mad"),
                                   share_pct=parse_decimal(r["share_pct"], rows, line, "share_pct"),
                                   growth_pct=parse_decimal(r["growth_pct"], rows, line, "growth_pct"), **common),
             line, rows.name)
    return out


def parse_market_size(d: Path, meta: dict) -> Parsed:
    out: Parsed = {}
    rows = CsvRows(d / "market_size_estimates.csv.gz", ["market", "geography", "base_year", "value", "currency",
                                                        "forecast_year", "forecast_value", "cagr_pct", "cagr_period",
                                                        "source_url", "source_name", "note"])
    for line, r in rows:
        year = parse_int(r["base_year"], rows, line, "base_year")
        common = _trade_common(rows, line, r, meta)
        common["as_of"] = str(year or "")
        _add(out, _row(MarketSizeEstimate,
            market=r["market"].strip()[:300], geography=r["geography"].strip()[:100], base_year=year,
            value=parse_decimal(r["value"], rows, line, "value"), currency=r["currency"].strip()[:3],
            forecast_year=parse_int(r["forecast_year"], rows, line, "forecast_year"),
            forecast_value=parse_decimal(r["forecast_value"], rows, line, "forecast_value"),
            cagr_pct=parse_decimal(r["cagr_pct"], rows, line, "cagr_pct"), cagr_period=r["cagr_period"].strip()[:40],
            **common), line, rows.name)
    return out


PARSERS: dict[str, Callable[[Path, dict], Parsed]] = {
    "hs_sections": parse_hs_sections,
    "hs2022": parse_hs2022,
    "hs2017": parse_hs2017,
    "cn2023": parse_cn2023,
    "countries": parse_countries,
    "geodist": parse_geodist,
    "gravity": parse_gravity,
    "market_access": parse_market_access,
    "us_hts": parse_us_hts,
    "eu_uk_tariff": parse_eu_uk_tariff,
    "world_imports": parse_world_imports,
    "morocco_exports": parse_morocco_exports,
    "handicraft_exports": parse_handicraft_exports,
    "market_size": parse_market_size,
}
EXTRA_FILES = {"market_access": ["countries.csv.gz"]}
# Models each pack writes (so an emptied pack still clears its rows).
PACK_MODELS: dict[str, list[type[models.Model]]] = {
    "hs_sections": [HsSection], "hs2022": [HsCode], "hs2017": [HsCode], "cn2023": [CnLine], "countries": [Country],
    "geodist": [Distance], "gravity": [GravityObservation],
    "market_access": [Agreement, AgreementPartner, Preference, AdditionalDuty],
    "us_hts": [TariffLine], "eu_uk_tariff": [TariffLine], "world_imports": [WorldImport],
    "morocco_exports": [MoroccoExport], "handicraft_exports": [HandicraftExport], "market_size": [MarketSizeEstimate],
}


# ------------------------------------------------------------------------------------------- writing


def checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def check_duplicates(parsed: Parsed) -> None:
    for model, objs in parsed.items():
        fields = UNIQUE[model]
        if fields == ["pack", "line"]:
            continue
        seen: dict[tuple, int] = {}
        for row in objs:
            key = tuple(row[f] for f in fields)
            if key in seen:
                file, line = row["__line__"]
                raise PackError(file, line, _("duplicate %(key)s (first seen on line %(first)s)") % {
                    "key": "/".join(map(str, key)), "first": seen[key]})
            seen[key] = row["__line__"][1]


def upsert_rows(model: type[models.Model], rows: list[dict], *, extra: dict, batch_size: int = 5000) -> None:
    """INSERT … ON CONFLICT (natural key) DO UPDATE for plain dict rows (SQLite ≥ 3.24 and PostgreSQL)."""
    if not rows:
        return
    ops = connection.ops
    unique = UNIQUE[model]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = ops.adapt_datetimefield_value(timezone.now())
    plan = []  # (attname, constant or None, default, is_date) per column
    for f in fields:
        if f.attname in extra:
            plan.append((f.attname, True, extra[f.attname], False))
        elif isinstance(f, models.DateTimeField):
            plan.append((f.attname, True, now, False))
        else:
            plan.append((f.attname, False, f.get_default(), isinstance(f, models.DateField)))

    def values(row: dict) -> tuple:
        out = []
        for attname, constant, default, is_date in plan:
            if constant:
                out.append(default)
            elif is_date:
                out.append(ops.adapt_datefield_value(row.get(attname, default)))
            else:
                out.append(row.get(attname, default))
        return tuple(out)

    table = ops.quote_name(model._meta.db_table)
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    conflict = ", ".join(ops.quote_name(model._meta.get_field(n).column) for n in unique)
    updates = ", ".join(f"{ops.quote_name(f.column)} = EXCLUDED.{ops.quote_name(f.column)}"
                        for f in fields if f.name not in unique)
    if connection.vendor == "postgresql":
        # COPY into a scratch table, then one upsert from it: row-by-row statements ran at ~3,000 rows a second
        # on PostgreSQL (15 s for the distance table), and every transactional test loads the packs again.
        scratch = ops.quote_name(f"load_{model._meta.db_table}")
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE {scratch} AS SELECT {columns} FROM {table} WITH NO DATA")  # noqa: S608
            with cursor.copy(f"COPY {scratch} ({columns}) FROM STDIN") as copy:  # noqa: S608
                for row in rows:
                    copy.write_row(values(row))
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {scratch} "  # noqa: S608
                           f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}")
            cursor.execute(f"DROP TABLE {scratch}")
        return
    placeholders = ", ".join(["%s"] * len(fields))
    sql = (f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "  # noqa: S608 - names from model meta
           f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, [values(row) for row in rows[start:start + batch_size]])


def write_pack(name: str, parsed: Parsed, *, models_written: list[type[models.Model]], sha: str, meta: dict,
               file: str, imported: bool = False) -> int:
    """Upsert a parsed pack in one transaction; delete rows of this pack the new version dropped."""
    check_duplicates(parsed)
    with transaction.atomic():
        pack, _created = ReferencePack.objects.select_for_update().get_or_create(name=name, defaults={"file": file})
        generation = pack.generation + 1
        total = 0
        for model in models_written:
            rows = parsed.get(model, [])
            upsert_rows(model, rows, extra={"pack": name, "generation": generation})
            model.objects.filter(pack=name).exclude(generation=generation).delete()
            total += len(rows)
        pack.file, pack.sha256, pack.rows, pack.generation, pack.imported = file, sha, total, generation, imported
        for key in ("source", "source_url", "licence", "as_of"):
            setattr(pack, key, meta.get(key, "")[:ReferencePack._meta.get_field(key).max_length])
        pack.save()
    return total


def manifest(data_dir: Path = DATA_DIR) -> dict[str, dict]:
    with open(data_dir / "packs.json", encoding="utf-8") as fh:
        return json.load(fh)


def load(*, stdout=None, verbosity: int = 1, data_dir: Path | None = None, only: list[str] | None = None,
         force: bool = False) -> dict[str, int]:
    """Load every markets pack (idempotent); returns row counts per table."""
    data_dir = Path(data_dir or DATA_DIR)
    packs = manifest(data_dir)
    for name, meta in packs.items():
        if only and name not in only:
            continue
        if name not in PARSERS:
            raise PackError("packs.json", None, _("unknown pack “%(name)s”") % {"name": name})
        paths = [data_dir / f for f in meta["files"] + EXTRA_FILES.get(name, [])]
        for path in paths:
            if not path.exists():
                raise PackError(path.name, None, _("file not found"))
        sha = checksum(paths)
        existing = ReferencePack.objects.filter(name=name).first()
        if existing and existing.imported and not force:
            if stdout and verbosity > 1:
                stdout.write(f"markets: {name} kept (operator import of {existing.loaded_at:%Y-%m-%d})")
            continue
        if existing and not force and existing.sha256 == sha and existing.rows == sum(
                m.objects.filter(pack=name).count() for m in PACK_MODELS[name]):
            continue
        parsed = PARSERS[name](data_dir, meta)
        rows = write_pack(name, parsed, models_written=PACK_MODELS[name], sha=sha, meta=meta,
                          file=", ".join(meta["files"]))
        if stdout and verbosity > 1:
            stdout.write(f"markets: {name} loaded ({rows} rows)")
    return counts()  # search indexes are keyed by the pack checksum, so they refresh by themselves


def counts() -> dict[str, int]:
    tables = [HsSection, HsCode, CnLine, Country, Distance, GravityObservation, Agreement, AgreementPartner,
              TariffLine, Preference, AdditionalDuty, WorldImport, MoroccoExport, HandicraftExport,
              MarketSizeEstimate, TradeFlow]
    return {m._meta.db_table.removeprefix("markets_"): m.objects.count() for m in tables}
