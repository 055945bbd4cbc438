"""Read functions of the markets reference layer (what other apps call).

- `hs_get(code, edition="2022")` → HsCode | None; `hs_search(query, lang=None, limit=20, edition="2022")` → [HsHit];
  `hs_children(code, edition="2022")` → [HsCode]; `hs_path(code, edition)` → chapter…code; `hs_in_editions(code)`.
- `country_get(iso3)` → CountryInfo | None (names ar/fr/en/es, region, currency, languages, distance from
  Morocco, common-language / colonial-tie flags, agreements, each part with its source); `countries()`.
- `duty_for(*, hs, market, on, origin_proof=True)` → DutyAnswer (MFN, preference and agreement, additional duties
  in force on that date, the rows used with their sources; `known=False` with a reason when there is no data).
- `agreements_for(iso3)` → [Agreement]; `distance(origin, destination)` → Distance | None.
- Trade figures (each a TradeFigure carrying source, URL, licence and year): `world_imports(hs)`,
  `morocco_exports(hs=None, partner=None)`, `handicraft_exports_official(dimension=None, key=None)`,
  `market_size_estimates()`; `trade_flows_available()` says whether a BACI/Comtrade import exists.
- `reference_packs()` → what is loaded, with checksums and counts.

Everything is read-only and never guesses: missing data comes back as None / empty lists / known=False.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from tijara.markets.models import (
    Agreement,
    AgreementPartner,
    Country,
    Distance,
    HandicraftExport,
    HsCode,
    HsEdition,
    MarketSizeEstimate,
    MoroccoExport,
    ReferencePack,
    TariffSchedule,
    TradeFlow,
    WorldImport,
)

MOROCCO = "MAR"
EU_MARKET = "EUR"  # the EU customs union as a tariff market
SCHEDULE_FOR_MARKET = {"USA": TariffSchedule.US_HTS, "GBR": TariffSchedule.UK_GT, EU_MARKET: TariffSchedule.EU_CET}


def normalise_hs(code: str) -> str:
    """Digits of an HS/HTS code as typed ("5701.10", "5701 10") → "570110"."""
    return re.sub(r"[\s.\-]", "", str(code or ""))


# --------------------------------------------------------------------------------------------- HS nomenclature


@dataclass
class HsHit:
    hs: HsCode
    score: float
    matched: list[str]


def hs_get(code: str, edition: str = HsEdition.HS2022) -> HsCode | None:
    """The chapter/heading/subheading `code` (2, 4 or 6 digits, dots allowed) of an HS edition, or None."""
    return HsCode.objects.filter(edition=str(edition), code=normalise_hs(code)).first()


def hs_children(code: str, edition: str = HsEdition.HS2022) -> list[HsCode]:
    """Direct children of a code (headings of a chapter, subheadings of a heading); chapters for code ""."""
    code = normalise_hs(code)
    if not code:
        return list(HsCode.objects.filter(edition=str(edition), level=2).order_by("code"))
    return list(HsCode.objects.filter(edition=str(edition), parent_code=code).order_by("code"))


def hs_path(code: str, edition: str = HsEdition.HS2022) -> list[HsCode]:
    """The chain chapter → heading → subheading ending at `code` (only the levels that exist)."""
    code = normalise_hs(code)
    prefixes = [code[:n] for n in (2, 4, 6) if len(code) >= n]
    rows = {h.code: h for h in HsCode.objects.filter(edition=str(edition), code__in=prefixes)}
    return [rows[p] for p in prefixes if p in rows]


def hs_in_editions(code: str) -> list[str]:
    """The HS editions in which this code exists (e.g. ["2017", "2022"])."""
    code = normalise_hs(code)
    return sorted(HsCode.objects.filter(code=code).values_list("edition", flat=True))


_INDEX_LOCK = threading.Lock()
_EDITION_LOCKS: dict[str, threading.Lock] = {}
_INDEXES: dict[str, tuple[str, object]] = {}  # edition → (checksum of its HS pack, index)


def _index(edition: str):
    """The BM25 index of one HS edition, built once per pack checksum and kept per edition.

    Each edition has its own build lock, so a request for HS 2017 never waits for (nor evicts) the HS 2022 index;
    the global lock only guards the dictionaries.
    """
    from tijara.markets.textsearch import HsIndex

    pack = ReferencePack.objects.filter(name=f"hs{edition}").values_list("sha256", flat=True).first() or ""
    with _INDEX_LOCK:
        found = _INDEXES.get(edition)
        if found is not None and found[0] == pack:
            return found[1]
        lock = _EDITION_LOCKS.setdefault(edition, threading.Lock())
    with lock:
        with _INDEX_LOCK:
            found = _INDEXES.get(edition)
        if found is not None and found[0] == pack:
            return found[1]
        docs = HsCode.objects.filter(edition=edition).values_list(
            "code", "description_en", "keywords", "description_fr", "level"
        )
        index = HsIndex((c, f"{en} {kw}", fr, lvl) for c, en, kw, fr, lvl in docs)
        with _INDEX_LOCK:
            _INDEXES[edition] = (pack, index)
        return index


def hs_search(query: str, lang: str | None = None, limit: int = 20, edition: str = HsEdition.HS2022) -> list[HsHit]:
    """Search the nomenclature by code prefix ("5701", "6907.2") or by words in French or English.

    `lang` ("en" | "fr") restricts stemming to one language; None tries both. Results best first.
    """
    query = (query or "").strip()
    if not query:
        return []
    digits = normalise_hs(query)
    edition = str(edition)
    if digits.isdigit():
        rows = HsCode.objects.filter(edition=edition, code__startswith=digits[:6]).order_by("level", "code")[:limit]
        return [HsHit(h, 1.0, [digits]) for h in rows]
    hits = _index(edition).search(query, lang=lang, limit=limit)
    rows = {h.code: h for h in HsCode.objects.filter(edition=edition, code__in=[k for k, _s, _m in hits])}
    return [HsHit(rows[k], s, m) for k, s, m in hits if k in rows]


# --------------------------------------------------------------------------------------------- countries


@dataclass
class SourceRef:
    """Provenance of one row that an answer used."""

    table: str
    key: str
    source: str
    url: str = ""
    licence: str = ""
    as_of: str = ""
    confidence: str = ""

    @classmethod
    def of(cls, row, key: str, confidence: str = "") -> SourceRef:
        return cls(
            table=row._meta.model_name,
            key=key,
            source=row.source,
            url=row.source_url,
            licence=row.licence,
            as_of=row.as_of,
            confidence=confidence or getattr(row, "confidence", ""),
        )


@dataclass
class CountryInfo:
    iso3: str
    iso2: str
    names: dict[str, str]
    region: str
    subregion: str
    currency_code: str
    currency_name: str
    languages: list[str]
    capital: str
    lat: float | None
    lon: float | None
    is_eu: bool
    distance_km: float | None  # capital to capital, CEPII distcap
    distance_main_cities_km: float | None
    contig: bool | None
    comlang_off: bool | None
    comlang_ethno: bool | None
    colony: bool | None
    comcol: bool | None
    agreements: list[dict]
    sources: dict[str, SourceRef]

    def name(self, lang: str | None = None) -> str:
        return self.names.get((lang or "en")[:2]) or self.names["en"]

    def as_dict(self) -> dict:
        return asdict(self)


def countries() -> list[Country]:
    """All countries and territories, by English name."""
    return list(Country.objects.all())


def distance(origin: str, destination: str) -> Distance | None:
    """CEPII GeoDist variables for the ordered pair (ISO3 codes)."""
    return Distance.objects.filter(origin=origin.upper(), destination=destination.upper()).first()


def eu_members() -> set[str]:
    """ISO3 codes of the EU member states (partners of the EU–Morocco agreement)."""
    return set(AgreementPartner.objects.filter(agreement_code="EU-MA").values_list("iso3", flat=True))


def agreements_for(iso3: str) -> list[Agreement]:
    """Agreements giving Moroccan goods preferential access to this country (empty when none is recorded)."""
    codes = AgreementPartner.objects.filter(iso3=iso3.upper()).values_list("agreement_code", flat=True)
    return list(Agreement.objects.filter(code__in=list(codes)).order_by("code"))


def country_get(iso3: str) -> CountryInfo | None:
    """A country with its names, region, currency, languages, distance and ties to Morocco, or None if unknown."""
    iso3 = (iso3 or "").strip().upper()
    row = Country.objects.filter(iso3=iso3).first()
    if row is None:
        return None
    sources = {"country": SourceRef.of(row, iso3)}
    dist = distance(MOROCCO, iso3) if iso3 != MOROCCO else None
    if dist:
        sources["distance"] = SourceRef.of(dist, f"{MOROCCO}-{iso3}")
    agreements = []
    for agreement in agreements_for(iso3):
        sources[f"agreement:{agreement.code}"] = SourceRef.of(agreement, agreement.code)
        agreements.append(_agreement_dict(agreement))
    return CountryInfo(
        iso3=row.iso3,
        iso2=row.iso2,
        names={"en": row.name_en, "fr": row.name_fr, "ar": row.name_ar, "es": row.name_es},
        region=row.region,
        subregion=row.subregion,
        currency_code=row.currency_code,
        currency_name=row.currency_name,
        languages=[x for x in row.languages.split(",") if x],
        capital=row.capital,
        lat=row.lat,
        lon=row.lon,
        is_eu=iso3 in eu_members(),
        distance_km=dist.distcap_km if dist else None,
        distance_main_cities_km=dist.dist_km if dist else None,
        contig=dist.contig if dist else None,
        comlang_off=dist.comlang_off if dist else None,
        comlang_ethno=dist.comlang_ethno if dist else None,
        colony=dist.colony if dist else None,
        comcol=dist.comcol if dist else None,
        agreements=agreements,
        sources=sources,
    )


def _agreement_dict(a: Agreement) -> dict:
    return {
        "code": a.code,
        "name": a.name,
        "signed_on": a.signed_on.isoformat() if a.signed_on else None,
        "in_force_on": a.in_force_on.isoformat() if a.in_force_on else None,
        "in_force_note": a.in_force_note,
        "status": a.status,
        "proof_of_origin": a.proof_of_origin,
        "preference": a.preference,
        "fact_ids": a.fact_ids,
        "confidence": a.confidence,
        "source": a.source,
        "source_url": a.source_url,
        "as_of": a.as_of,
    }


# --------------------------------------------------------------------------------------------- duty lookup


@dataclass
class RateLine:
    code: str
    display_code: str
    description: str
    rate: str
    ad_valorem: Decimal | None
    compound: bool


@dataclass
class RatePart:
    """A rate (MFN or preferential) for the asked code: one value or a range over national lines."""

    rate: str
    ad_valorem_min: Decimal | None
    ad_valorem_max: Decimal | None
    lines: list[RateLine] = field(default_factory=list)
    regime: str = ""
    agreement: str = ""  # its code (the API's key)
    agreement_name: str = ""  # its name, for pages (in English, as the agreement data writes it)
    condition: str = ""
    sources: list[SourceRef] = field(default_factory=list)

    @property
    def single(self) -> Decimal | None:
        return self.ad_valorem_min if self.ad_valorem_min == self.ad_valorem_max else None


@dataclass
class ExtraDuty:
    code: str
    kind: str
    name: str
    legal_basis: str
    rate_ad_valorem: Decimal | None
    rate_text: str
    start: date
    end: date | None
    condition: str
    note: str
    confidence: str
    source: SourceRef


@dataclass
class DutyAnswer:
    """What duty a Moroccan-origin product with HS `hs` pays entering `market` on date `on`, and from which rows."""

    known: bool
    reason: str
    hs: str
    market: str
    market_name: str
    on: date
    origin_proof: bool
    tariff_market: str = ""
    schedule: str = ""
    hs_edition: str = ""
    mfn: RatePart | None = None
    preferential: RatePart | None = None
    applied: str = ""  # "preferential" | "mfn"
    additional: list[ExtraDuty] = field(default_factory=list)
    conditional: list[ExtraDuty] = field(default_factory=list)
    unknown_periods: list[ExtraDuty] = field(default_factory=list)
    total_ad_valorem_min: Decimal | None = None
    total_ad_valorem_max: Decimal | None = None
    rows_used: list[SourceRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        def conv(value):
            if isinstance(value, Decimal):
                return float(value)
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: conv(v) for k, v in value.items()}
            if isinstance(value, list):
                return [conv(v) for v in value]
            return value

        return conv(asdict(self))


def tariff_market_for(iso3: str) -> str | None:
    """The tariff market whose schedule applies in a country: USA, GBR, EUR (EU members) or None."""
    iso3 = iso3.upper()
    if iso3 in ("EU", "EUR", "EUU"):
        return EU_MARKET
    if iso3 in ("USA", "GBR"):
        return iso3
    if iso3 in eu_members():
        return EU_MARKET
    return None


def duty_for(*, hs: str, market: str, on: date, origin_proof: bool = True) -> DutyAnswer:
    """Duty for Moroccan-origin goods of HS code `hs` entering `market` on `on` (see `markets.services.duty_for`).

    Kept here for the apps that call it (plans, pricing, knowledge); the duty rules live in `services.py`.
    """
    from tijara.markets.services import duty_for as _duty_for

    return _duty_for(hs=hs, market=market, on=on, origin_proof=origin_proof)


# --------------------------------------------------------------------------------------------- trade figures


@dataclass
class TradeFigure:
    """A published trade figure with its provenance. `scope_code` is the HS code the figure is really about."""

    kind: str  # world_import | morocco_export | handicraft_export | trade_flow | market_size
    scope_code: str
    label: str
    country_iso3: str
    country_name: str
    year: int | None
    period: str
    value: Decimal | float | None
    currency: str
    share_pct: Decimal | None
    growth_pct: Decimal | None
    note: str
    source: str
    source_url: str
    licence: str
    as_of: str

    def as_dict(self) -> dict:
        data = asdict(self)
        for k in ("value", "share_pct", "growth_pct"):
            if isinstance(data[k], Decimal):
                data[k] = float(data[k])
        return data


def _in_scope(row_code: str, hs: str) -> bool:
    """Whether a published figure's HS grouping covers (or is inside) the asked code.

    "57" and "5701" cover "570110"; "570110" is inside "57"; "61-62" covers chapters 61 and 62. "TOTAL" (all
    goods) is never matched to a product."""
    if not row_code or row_code == "TOTAL":
        return False
    if "-" in row_code:
        low, high = row_code.split("-")
        return low <= hs[:2] <= high
    return hs.startswith(row_code) or row_code.startswith(hs)


def world_imports(hs: str) -> list[TradeFigure]:
    """Imports by importer for an HS code: published figures (for the code, its heading or chapter) and any
    BACI/Comtrade flows imported by an operator (summed over exporters, thousand USD → USD)."""
    figures = [
        TradeFigure("world_import", r.hs_code, r.product_label, r.importer_iso3, r.importer_name, r.year,
                    str(r.year or ""), r.value_usd, "USD", None, None, r.note, r.source, r.source_url, r.licence,
                    r.as_of)
        for r in WorldImport.objects.order_by("-year", "-value_usd") if _in_scope(r.hs_code, normalise_hs(hs))
    ]
    figures.extend(_flow_figures(hs, group="importer"))
    return figures


def morocco_exports(hs: str | None = None, partner: str | None = None) -> list[TradeFigure]:
    """Morocco's exports as published (USD), optionally for an HS code (and its parents) and/or a partner,
    plus BACI/Comtrade flows with Morocco as exporter when an operator imported them."""
    qs = MoroccoExport.objects.all()
    if partner:
        qs = qs.filter(partner_iso3=partner.upper())
    figures = [
        TradeFigure("morocco_export", r.hs_code, r.product_label, r.partner_iso3, r.partner_name, r.year,
                    str(r.year or ""), r.value_usd, "USD", None, None, r.note, r.source, r.source_url, r.licence,
                    r.as_of)
        for r in qs.order_by("-year") if not hs or _in_scope(r.hs_code, normalise_hs(hs))
    ]
    if hs:
        figures.extend(_flow_figures(hs, group="importer", exporter=MOROCCO, partner=partner))
    return figures


def handicraft_exports_official(dimension: str | None = None, key: str | None = None) -> list[TradeFigure]:
    """Official handicraft export figures (Ministry definition, MAD) by total/destination/product_family/city."""
    qs = HandicraftExport.objects.all()
    if dimension:
        qs = qs.filter(dimension=dimension)
    if key:
        qs = qs.filter(key__iexact=key)
    out = []
    for r in qs.order_by("-period_end", "dimension", "key"):
        period = f"{r.period_start}..{r.period_end}" if r.period_start else ""
        out.append(TradeFigure("handicraft_export", "", r.key, "", r.dimension,
                               r.period_end.year if r.period_end else None, period, r.value_mad, "MAD",
                               r.share_pct, r.growth_pct, r.note, r.source, r.source_url, r.licence, r.as_of))
    return out


def market_size_estimates() -> list[TradeFigure]:
    """Published market-size estimates (market research headlines, not trade statistics)."""
    return [
        TradeFigure("market_size", "", r.market, "", r.geography, r.base_year, str(r.base_year or ""), r.value,
                    r.currency, None, r.cagr_pct, r.note, r.source, r.source_url, r.licence, r.as_of)
        for r in MarketSizeEstimate.objects.all().order_by("line")
    ]


def trade_flows_available(hs: str | None = None) -> bool:
    """Whether any BACI/Comtrade flows were imported (for this HS code when given)."""
    qs = TradeFlow.objects.all()
    if hs:
        qs = qs.filter(hs6__startswith=normalise_hs(hs))
    return qs.exists()


def _flow_figures(hs: str, *, group: str, exporter: str | None = None, partner: str | None = None):
    hs = normalise_hs(hs)
    qs = TradeFlow.objects.filter(hs6__startswith=hs)
    if exporter:
        qs = qs.filter(exporter=exporter)
    if partner:
        qs = qs.filter(importer=partner.upper())
    rows = list(qs.values("pack", "dataset", "hs_edition", "year", group).annotate(total=Sum("value_kusd")))
    if not rows:
        return []  # no bulk flows imported for this code: skip the pack and name look-ups
    packs = {p.name: p for p in ReferencePack.objects.filter(name__in={r["pack"] for r in rows})}
    names = dict(Country.objects.values_list("iso3", "name_en"))
    out = []
    for r in rows:
        p = packs.get(r["pack"])
        kind = "trade_flow"
        note = _("Sum over exporters of HS %(ed)s flows under %(code)s (%(ds)s), thousand USD × 1000.") % {
            "ed": r["hs_edition"], "code": hs, "ds": r["dataset"]} if not exporter else ""
        out.append(TradeFigure(kind, hs, r["dataset"], r[group], names.get(r[group], r[group]), r["year"],
                               str(r["year"]), round(r["total"] * 1000, 2), "USD", None, None, note,
                               p.source if p else r["dataset"], p.source_url if p else "", p.licence if p else "",
                               p.as_of if p else str(r["year"])))
    out.sort(key=lambda f: (-(f.year or 0), -(f.value or 0)))
    return out


def reference_packs() -> list[ReferencePack]:
    """The loaded packs with their provenance, checksum and row count."""
    return list(ReferencePack.objects.all())


# --------------------------------------------------------------------------------------------- bulk reads (market finder)


def distances_from(origin: str) -> dict[str, Distance]:
    """CEPII GeoDist rows from `origin` to every destination, keyed by destination ISO3 (one query)."""
    return {d.destination: d for d in Distance.objects.filter(origin=origin.upper())}


def agreements_all() -> list[Agreement]:
    """Every agreement on record (in force or of unknown status), by code."""
    return list(Agreement.objects.all().order_by("code"))


def agreement_partners() -> dict[str, list[str]]:
    """Agreement codes per partner country ISO3 (one query)."""
    out: dict[str, list[str]] = {}
    for iso3, code in AgreementPartner.objects.order_by("agreement_code").values_list("iso3", "agreement_code"):
        out.setdefault(iso3, []).append(code)
    return out


# --------------------------------------------------------------------------------------------- page compositions

MAIN_MARKETS = ["USA", "EU", "GBR"]
# Destination names used by the official handicraft bulletins → ISO3 (a name lookup, not a fact).
HANDICRAFT_DESTINATIONS = {
    "France": "FRA", "United States": "USA", "Spain": "ESP", "Italy": "ITA", "Belgium": "BEL", "Netherlands": "NLD",
    "Australia": "AUS", "Canada": "CAN", "Turkey": "TUR", "United Kingdom": "GBR", "Saudi Arabia": "SAU",
    "United Arab Emirates": "ARE", "Qatar": "QAT",
}


def handicraft_exports_to(iso3: str) -> list[TradeFigure]:
    """Official handicraft export figures whose destination is this country."""
    keys = [k for k, v in HANDICRAFT_DESTINATIONS.items() if v == iso3.upper()]
    figures = []
    for key in keys:
        figures.extend(handicraft_exports_official(dimension="destination", key=key))
    return figures


def product_overview(code: str, edition: str = HsEdition.HS2022, on: date | None = None) -> dict | None:
    """Everything the HS product page shows: texts, path, children, trade figures, duties in the main markets.

    Returns None when the code is not in that edition. `missing` lists what the platform does not have.
    """
    hs = hs_get(code, edition)
    if hs is None:
        return None
    on = on or date.today()
    editions = hs_in_editions(hs.code)
    imports = world_imports(hs.code)
    exports = morocco_exports(hs=hs.code)
    duties = []
    if hs.level == 6:
        for market in MAIN_MARKETS:
            duties.append(duty_for(hs=hs.code, market=market, on=on))
    missing = []
    if not any(f.value is not None for f in imports):
        missing.append(_("World imports by importer for this code: no figures in the platform."))
    if not any(f.value is not None for f in exports):
        missing.append(_("Morocco's exports of this code by destination: no figures in the platform."))
    if not trade_flows_available(hs.code):
        missing.append(_("Trade flows between countries (CEPII BACI / UN Comtrade): not loaded for this code yet."))
    other = [e for e in editions if e != str(edition)]
    return {
        "hs": hs,
        "path": hs_path(hs.code, edition),
        "children": hs_children(hs.code, edition),
        "editions": editions,
        "edition_note": (_("This code also exists in HS %(eds)s; texts and scope may differ between editions.") % {
            "eds": ", ".join(other)}) if other else (
            _("This code exists only in HS %(ed)s.") % {"ed": edition}),
        "cn_lines": _cn_lines(hs.code, edition) if hs.level == 6 else [],
        "world_imports": imports,
        "morocco_exports": exports,
        "duties": duties,
        "on": on,
        "missing": missing,
    }


def _cn_lines(hs6: str, edition: str):
    from tijara.markets.models import CnLine

    if str(edition) != HsEdition.HS2022:
        return []  # CN 2023 lines describe HS 2022 subheadings only
    return list(CnLine.objects.filter(hs6=hs6).order_by("cn8"))


def hs_as_dict(hs: HsCode) -> dict:
    return {
        "code": hs.code, "edition": hs.edition, "level": hs.level, "parent": hs.parent_code, "section": hs.section,
        "description_en": hs.description_en, "description_fr": hs.description_fr or None,
        "fr_source": hs.fr_source or None, "keywords_hint": hs.keywords or None,
        "source": hs.source, "source_url": hs.source_url, "licence": hs.licence, "as_of": hs.as_of,
    }


def product_overview_dict(code: str, edition: str = HsEdition.HS2022, on: date | None = None) -> dict | None:
    """`product_overview` as JSON-ready data (for the API and `tijara hs --json`)."""
    data = product_overview(code, edition, on)
    if data is None:
        return None
    return {
        "hs": hs_as_dict(data["hs"]),
        "path": [hs_as_dict(h) for h in data["path"]],
        "children": [hs_as_dict(h) for h in data["children"]],
        "editions": data["editions"],
        "edition_note": data["edition_note"],
        "cn_lines": [{"cn8": c.cn8, "description_en": c.description_en, "description_fr": c.description_fr,
                      "source": c.source, "as_of": c.as_of} for c in data["cn_lines"]],
        "world_imports": [f.as_dict() for f in data["world_imports"]],
        "morocco_exports": [f.as_dict() for f in data["morocco_exports"]],
        "duties": [d.as_dict() for d in data["duties"]],
        "on": data["on"].isoformat(),
        "missing": data["missing"],
    }


def country_overview_dict(iso3: str) -> dict | None:
    """`country_get` plus the official handicraft export figures to that country, JSON-ready."""
    info = country_get(iso3)
    if info is None:
        return None
    data = info.as_dict()
    data["handicraft_exports"] = [f.as_dict() for f in handicraft_exports_to(info.iso3)]
    data["morocco_exports"] = [f.as_dict() for f in morocco_exports(partner=info.iso3)]
    data["tariff_market"] = tariff_market_for(info.iso3)
    from tijara.markets import macro

    size = macro.size_inputs().get(info.iso3)
    data["market_size_country_level"] = None if size is None else {
        "scope": "country (all goods, not any product)", "imports_goods_usd": size.imports_usd, "year": size.year,
        "imports_growth_pct_per_year": None if size.growth_pct is None else round(size.growth_pct, 2),
        "since": size.previous_year, "gdp_per_head_usd": size.gdp_per_head_usd, "population": size.population,
        "source": size.source, "source_url": size.url, "licence": size.licence, "tier": size.tier,
    }
    return data
