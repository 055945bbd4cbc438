"""The market finder service: `markets_ranked_for(hs, …)` ranks foreign markets for a product.

It gathers every published figure through `tijara.markets.selectors` (trade figures, duties, distances,
official handicraft exports) and the knowledge base (`tijara.knowledge.selectors.requirements_for`), builds one
`scoring.MarketInputs` per country with any product- or market-specific data, and lets the pure
`tijara.markets.scoring` module score them. Nothing here invents a number: a figure that is not in the data
is missing, and the reason is recorded.

When an operator imports a BACI/Comtrade extract (TradeFlow rows), the same code uses it: bulk flows are
preferred to figures harvested from published pages because they cover every market in one consistent source.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from statistics import mean

from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tijara.core.errors import NotFound, TijaraError
from tijara.core.l10n import country_name, craft_label, isolate
from tijara.markets import concordance, explain, macro, scoring, selectors
from tijara.markets.scoring import (
    AccessInput,
    BurdenInput,
    DemandInput,
    FootholdInput,
    MarketInputs,
    ProximityInput,
    Surcharge,
)
from tijara.markets.tiers import LOW, tier_of

MOROCCO = "MAR"
EDITION = "2022"

# Names of the agreements and of what their preference needs (restating AGR-US-04, AGR-EU-01/MA-ORI, AGR-UK-01
# of the research files; the agreement rows carry the sources). Translated in the markets catalogues.
_AGREEMENT_NAMES = {
    "US-MA": gettext_lazy("US–Morocco FTA"),
    "EU-MA": gettext_lazy("EU–Morocco Association Agreement"),
    "UK-MA": gettext_lazy("UK–Morocco Association Agreement"),
}
_AGREEMENT_PROOFS = {
    "US-MA": gettext_lazy("an MA claim by the importer"),
    "EU-MA": gettext_lazy("an EUR.1 or origin declaration"),
    "UK-MA": gettext_lazy("a proof of Moroccan origin"),
}
_DEFAULT_PROOF = gettext_lazy("a proof of Moroccan origin")


def agreement_label(code: str) -> str:
    """An agreement's name in the active language ("" for an agreement without a translated name)."""
    return str(_AGREEMENT_NAMES[code]) if code in _AGREEMENT_NAMES else ""


@functools.lru_cache(maxsize=64)
def _agreement_text(kind: str, code: str) -> dict[str, str]:
    """An agreement's name or proof in every language (the catalogues do not change while a process runs)."""
    if kind == "name":
        return in_languages(_AGREEMENT_NAMES[code])
    return in_languages(_AGREEMENT_PROOFS.get(code, _DEFAULT_PROOF))


def in_languages(text) -> dict[str, str]:
    """{"en": …, "fr": …, "ar": …} of a lazily translated text (the scoring inputs carry every language)."""
    out = {}
    for lang in ("en", "fr", "ar"):
        with translation.override(lang):
            out[lang] = str(text)
    return out


# Name variants used by the press for destinations of the official handicraft figures (matching only).
NAME_ALIASES = {
    "united states": "USA", "usa": "USA", "us": "USA", "united kingdom": "GBR", "uk": "GBR", "turkey": "TUR",
    "türkiye": "TUR", "russia": "RUS", "netherlands": "NLD", "south korea": "KOR", "iran": "IRN",
}

# Requirement aspects that need a laboratory test, a certificate or a third party weigh double in the burden.
HEAVY_ASPECTS = {"food_contact", "electrical", "chemicals", "children", "wood"}

LEVEL_NAMES = {2: "HS2", 4: "HS4", 6: "HS6"}


def _isolated(text: str) -> str:
    """A source name inside a sentence, isolated from the sentence's direction on Arabic pages."""
    return isolate(text) if (get_language() or "")[:2] == "ar" else text


def _scope_length(scope: str) -> int:
    """Number of HS digits a figure's grouping stands for ("57" → 2, "6907" → 4, "61-62" → 2)."""
    return 2 if "-" in scope else len(scope)


@dataclass
class Ranking:
    """The answer of the market finder for one product: ranked markets, markets with not enough data, notes."""

    hs: str
    level: str
    edition: str
    description: dict[str, str]
    origin: str
    on: date
    weights: dict[str, float]
    markets: list[scoring.MarketScore]
    insufficient: list[scoring.MarketScore]
    demand_level: str = ""
    demand_source: str = ""
    foothold_level: str = ""
    burden_available: bool = False
    notes: list[str] = field(default_factory=list)

    def market(self, iso3: str) -> scoring.MarketScore | None:
        iso3 = iso3.upper()
        return next((m for m in [*self.markets, *self.insufficient] if m.iso3 == iso3), None)

    def top(self, n: int | None) -> list[scoring.MarketScore]:
        return self.markets if not n else self.markets[:n]

    def market_dict(self, m: scoring.MarketScore, lang: str = "en", *, all_languages: bool = False) -> dict:
        sentence = m.explanation if m.ranked else (lambda code: explain.not_ranked_sentence(m, code))
        data = {
            "iso3": m.iso3,
            "name": m.name(lang),
            "rank": m.rank,
            "score": round(m.score, 2),
            "score_low": round(m.score_low, 2),
            "score_high": round(m.score_high, 2),
            "figures": m.figures,
            "figures_total": m.total,
            "score_text": explain.score_range_text(m, lang) if m.ranked else "",
            "coverage": round(m.coverage, 4),
            "low_tier_components": list(m.low_tier),
            "components": {name: c.as_dict() for name, c in m.components.items()},
            "explanation": sentence(lang),
        }
        if all_languages:
            data["explanations"] = {code: sentence(code) for code in ("ar", "fr", "en")}
        return data

    def as_dict(self, *, top: int | None = None, lang: str = "en", all_languages: bool = True) -> dict:
        """The JSON contract of `tijara markets HS --json` (plus context keys: weights, levels, notes)."""
        return {
            "hs": self.hs,
            "level": self.level,
            "edition": self.edition,
            "description": self.description.get(lang) or self.description.get("en", ""),
            "origin": self.origin,
            "on": self.on.isoformat(),
            "weights": {k: round(v, 4) for k, v in self.weights.items()},
            "demand_level": self.demand_level,
            "demand_source": self.demand_source,
            "foothold_level": self.foothold_level,
            "markets": [self.market_dict(m, lang, all_languages=all_languages) for m in self.top(top)],
            "insufficient_data": [m.iso3 for m in self.insufficient],
            "insufficient_markets": [self.market_dict(m, lang) for m in self.insufficient],
            "notes": self.notes,
        }


# ------------------------------------------------------------------------------------------------ HS code


def hs_checked(hs: str) -> tuple[str, list[str]]:
    """The HS 2022 heading or subheading to rank for (4 or 6 digits) and notes; TijaraError when unusable."""
    code, notes, _row = _hs_checked_row(hs)
    return code, notes


# Arabic-Indic, Persian and full-width digits typed by users read as ASCII digits.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)


def _hs_checked_row(hs: str):
    raw = str(hs or "").strip()[:40]
    code = selectors.normalise_hs(raw.translate(_DIGITS))
    if not code.isascii():
        code = "?"
    notes: list[str] = []
    if not code.isdigit() or len(code) not in (4, 6, 8, 10):
        raise TijaraError(
            "invalid_hs",
            _("“%(code)s” is not an HS code: give a 4-digit heading or a 6-digit subheading, e.g. 6907 or 5701.10.")
            % {"code": raw},
            field="hs",
        )
    if len(code) > 6:
        notes.append(
            _("National tariff line %(line)s read as its HS subheading %(code)s.") % {"line": code, "code": code[:6]}
        )
        code = code[:6]
    row = selectors.hs_get(code, EDITION)
    if row is not None:
        return code, notes, row
    editions = selectors.hs_in_editions(code)
    if editions:
        parent = selectors.hs_get(code[:4], EDITION)
        siblings = [h.dotted for h in selectors.hs_children(code[:4], EDITION)] if parent else []
        hint = (
            _(" Subheadings of %(heading)s in HS 2022: %(codes)s.") % {"heading": code[:4], "codes": ", ".join(siblings)}
            if siblings
            else ""
        )
        raise TijaraError(
            "hs_edition",
            _("%(code)s is an HS %(editions)s code that does not exist in HS 2022, the edition the market finder "
              "uses; give its HS 2022 equivalent.%(hint)s")
            % {"code": code, "editions": ", ".join(editions), "hint": hint},
            field="hs",
        )
    raise NotFound(
        "unknown_hs",
        _("%(code)s is not a heading or subheading of the HS nomenclature (2017 or 2022).") % {"code": code},
    )


# ------------------------------------------------------------------------------------------------ helpers


def _year_of(text: str | None) -> int | None:
    match = re.search(r"(19|20)\d{2}", str(text or ""))
    return int(match.group(0)) if match else None


def _float(value) -> float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal | int | float) else None


def _country_names(row) -> dict[str, str]:
    return {"en": row.name_en, "fr": row.name_fr or row.name_en, "ar": row.name_ar or row.name_en}


class _Names:
    """ISO3 lookup for country names as written by the press (official names, French names, pycountry)."""

    def __init__(self, countries):
        self.by_name: dict[str, str] = dict(NAME_ALIASES)
        for c in countries:
            for name in (c.name_en, c.name_fr, c.name_es):
                if name:
                    self.by_name.setdefault(name.strip().lower(), c.iso3)
        self.known = {c.iso3 for c in countries}

    def iso3(self, name: str) -> str | None:
        key = (name or "").strip().lower()
        if key in self.by_name:
            return self.by_name[key]
        try:
            import pycountry

            found = pycountry.countries.lookup(key).alpha_3
        except (LookupError, ImportError):
            return None
        return found if found in self.known else None


# ------------------------------------------------------------------------------------------------ demand


def _with_heading_flows(read, hs: str) -> list:
    """Figures for `hs`; for a subheading without bulk flows, add the heading's flows (e.g. an HS 2022 split
    that a BACI HS17 file only has at the heading level)."""
    figures = list(read(hs))
    if len(hs) == 6 and not any(f.kind == "trade_flow" for f in figures) and selectors.trade_flows_available(hs[:4]):
        figures += [f for f in read(hs[:4]) if f.kind == "trade_flow"]
    return figures


def _demand_inputs(hs: str, notes: list[str], until: int | None = None) -> tuple[dict[str, DemandInput], str, str]:
    """Imports per market from one consistent group of figures: (inputs, level, source of the group)."""
    figures = [
        f
        for f in _with_heading_flows(selectors.world_imports, hs)
        if until is None or (f.year is not None and f.year <= until)
        if f.value is not None
        and f.country_iso3
        and len(f.country_iso3) == 3
        and f.country_iso3 != "WLD"
        and _scope_length(f.scope_code or hs) <= len(hs)  # a child code's figure is only part of the product
    ]
    if not figures:
        return {}, "", ""
    groups: dict[tuple[int, int, str], list] = defaultdict(list)
    for f in figures:
        is_flow = f.kind == "trade_flow"
        scope = f.scope_code or hs
        # Bulk flows are one dataset whatever the year; published figures are grouped by page.
        groups[(int(is_flow), _scope_length(scope), f.label if is_flow else f.source_url or f.source)].append(f)

    def rank(item):
        (is_flow, length, _key), rows = item
        return (is_flow, length, len({r.country_iso3 for r in rows}), max(r.year or 0 for r in rows))

    (is_flow, length, _key), chosen = max(groups.items(), key=rank)
    level = LEVEL_NAMES.get(length, f"HS{length}")
    skipped = len(figures) - len(chosen)
    if skipped:
        notes.append(
            _("Demand uses one consistent set of figures (%(source)s, %(level)s); %(n)s other published figures "
              "for this product are listed on its HS reference page but not mixed into the comparison.")
            % {"source": _isolated(chosen[0].source), "level": level, "n": skipped}
        )
    by_country: dict[str, list] = defaultdict(list)
    for f in chosen:
        by_country[f.country_iso3].append(f)
    inputs: dict[str, DemandInput] = {}
    for iso3, rows in by_country.items():
        rows.sort(key=lambda r: r.year or 0, reverse=True)
        latest = rows[0]
        previous = next((r for r in rows[1:] if r.year and latest.year and r.year < latest.year), None)
        inputs[iso3] = DemandInput(
            value_usd=float(latest.value),
            year=latest.year,
            level=level,
            code=latest.scope_code or hs,
            source=latest.source,
            url=latest.source_url,
            previous_value_usd=float(previous.value) if previous else None,
            previous_year=previous.year if previous else None,
            note=latest.note,
        )
    return inputs, level, chosen[0].source


# ------------------------------------------------------------------------------------------------ foothold


def _foothold_product(hs: str, demand: dict[str, DemandInput], until: int | None = None) -> dict[str, FootholdInput]:
    """Morocco's exports of the product itself (bulk flows, or a published figure for this code or heading)."""
    figures = [
        f
        for f in _with_heading_flows(lambda code: selectors.morocco_exports(hs=code), hs)
        if until is None or (f.year is not None and f.year <= until)
        if f.value is not None and f.country_iso3 and len(f.country_iso3) == 3 and f.country_iso3 != "WLD"
        and f.scope_code and f.scope_code[:4] == hs[:4]
    ]
    flows = [f for f in figures if f.kind == "trade_flow"]
    chosen = flows or figures
    if not chosen or not any(float(f.value) > 0 for f in chosen):
        return {}
    year = max(f.year or 0 for f in chosen)
    latest = [f for f in chosen if (f.year or 0) == year]
    out = {
        f.country_iso3: FootholdInput(
            level="product", value=float(f.value), unit="usd", year=f.year, source=f.source, url=f.source_url,
            code=f.scope_code or hs,
        )
        for f in latest
    }
    if flows:
        # A bulk dataset lists every non-zero flow: a market it covers that year with no flow from Morocco
        # received no recorded Moroccan exports of the product (zero, not unknown).
        source = latest[0].source
        for iso3, d in demand.items():
            if iso3 not in out and d.year == year and d.source == source:
                out[iso3] = FootholdInput(level="product", value=0.0, unit="usd", year=year, source=source, code=hs)
    return out


def _foothold_handicraft(names: _Names, until: int | None = None) -> dict[str, FootholdInput]:
    """Each destination's latest share of Morocco's official handicraft exports (all craft families)."""
    best: dict[str, tuple] = {}
    for f in selectors.handicraft_exports_official(dimension="destination"):
        if f.share_pct is None or (until is not None and (f.year is None or f.year > until)):
            continue
        iso3 = names.iso3(f.label)
        if iso3 is None:
            continue  # regions ("Europe", "Arab countries") and combined keys are not markets
        start, _sep, end = (f.period or "").partition("..")
        dated = bool(end)
        length = (date.fromisoformat(end) - date.fromisoformat(start)).days if dated else 0
        key = (dated, end, length)
        if iso3 not in best or key > best[iso3][0]:
            best[iso3] = (key, f)
    return {
        iso3: FootholdInput(
            level="handicraft", value=float(f.share_pct), unit="share_pct", year=f.year, source=f.source,
            url=f.source_url, period=f.period, tier=tier_of(f.source, f.source_url),
        )
        for iso3, (_key, f) in best.items()
    }


# ------------------------------------------------------------------------------------------------ access


def _line_average(values: list[float]) -> float | None:
    return mean(values) if values else None


def _rate_text(values: list[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)

    def fmt(v: float) -> str:
        return f"{v:g}"

    return f"{fmt(low)}" if low == high else f"{fmt(low)}–{fmt(high)}"


@dataclass
class _TariffAccess:
    """Access in one tariff market (USA, GBR, EUR), aggregated over the national lines under the HS code."""

    morocco_pct: float | None
    mfn_pct: float | None
    mfn_text: str
    mfn_range: tuple[float, float] | None
    agreement_code: str
    source: str
    year: int | None
    surcharges: tuple[Surcharge, ...]
    parcel_relief: bool | None
    parcel_text: str
    conditional: list[str]
    warnings: list[str]
    lines: int
    source_location: str = ""
    via_hs2017: list[str] = field(default_factory=list)


def _tariff_market_name(tariff_market: str) -> str:
    """A tariff's market in words in the active language: the EU's common tariff (EUR) as the European Union."""
    return country_name("EU" if tariff_market == "EUR" else tariff_market)


def _tariff_access(hs6_codes: list[str], tariff_market: str, on: date) -> _TariffAccess | None:
    """Simple average of the national lines' MFN and Moroccan-origin rates, surcharges in force on `on`."""
    mfn_values: list[float] = []
    morocco_values: list[float] = []
    compound = 0
    answer_used = None
    agreement = ""
    via: list[str] = []
    for hs6 in hs6_codes:
        answer = selectors.duty_for(hs=hs6, market=tariff_market, on=on, origin_proof=True)
        if (not answer.known or answer.mfn is None) and answer.tariff_market:
            # A schedule written in HS 2017 (EU CET 2020, UK tariff 2021) has no line for a code created in 2022:
            # read the HS 2017 code it came from (the predecessor sending it the largest share of its trade).
            for code17, _weight in concordance.from_hs2022(hs6):
                if code17 == hs6:
                    continue
                answer = selectors.duty_for(hs=code17, market=tariff_market, on=on, origin_proof=True)
                if answer.known and answer.mfn is not None:
                    via.append(f"{hs6}←{code17}")
                    break
        if not answer.known or answer.mfn is None:
            continue
        answer_used = answer_used or answer
        pref = answer.preferential
        pref_by_code = {line.code: line.ad_valorem for line in (pref.lines if pref else [])}
        for line in answer.mfn.lines:
            if line.ad_valorem is None:
                compound += 1
                continue
            mfn_values.append(float(line.ad_valorem))
            if pref is None:
                morocco = line.ad_valorem
            elif pref.lines:
                # A line without a printed preferential rate is already Free at MFN (US HTS convention).
                morocco = pref_by_code.get(line.code, line.ad_valorem)
            else:
                morocco = pref.ad_valorem_min
            if morocco is not None:
                morocco_values.append(float(morocco))
        if pref is not None and pref.agreement:
            agreement = pref.agreement
    if answer_used is None:
        return None
    source_ref = answer_used.mfn.sources[0] if answer_used.mfn.sources else None
    source = source_ref.source if source_ref else answer_used.schedule
    location = (getattr(source_ref, "url", "") or "") if source_ref else ""
    year = _year_of(source_ref.as_of) if source_ref else None
    surcharges = tuple(
        Surcharge(
            name=x.name, rate_pct=_float(x.rate_ad_valorem), start=x.start, end=x.end, source=x.source.source,
            known=x.rate_ad_valorem is not None,
        )
        for x in answer_used.additional
    ) + tuple(
        Surcharge(name=x.name, rate_pct=None, start=x.start, end=x.end, source=x.source.source, known=False)
        for x in answer_used.unknown_periods
    )
    parcel_relief, parcel_text = None, ""
    conditional = []
    for x in answer_used.conditional:
        text = f"{x.code} {x.name}".lower()
        if "lvc" in text or "low-value" in text or "de minimis" in text or "de-minimis" in text:
            parcel_relief, parcel_text = False, x.rate_text or x.name
        else:
            conditional.append(x.name)
    warnings = list(answer_used.warnings)
    if compound:
        warnings.append(
            _("%(n)s national lines have a specific or compound rate and are left out of the average.") % {"n": compound}
        )
    return _TariffAccess(
        morocco_pct=_line_average(morocco_values) if len(morocco_values) == len(mfn_values) else None,
        mfn_pct=_line_average(mfn_values),
        mfn_text=_rate_text(mfn_values),
        mfn_range=(min(mfn_values), max(mfn_values)) if mfn_values else None,
        agreement_code=agreement,
        source=source,
        year=year,
        surcharges=surcharges,
        parcel_relief=parcel_relief,
        parcel_text=parcel_text,
        conditional=conditional,
        warnings=warnings,
        lines=len(mfn_values),
        source_location=location,
        via_hs2017=via,
    )


def _access_input(access: _TariffAccess, agreement_rows: dict) -> AccessInput:
    code = access.agreement_code
    names = (_agreement_text("name", code) if code in _AGREEMENT_NAMES
             else {"en": agreement_rows[code].name} if code in agreement_rows else "")
    return AccessInput(
        morocco_pct=access.morocco_pct,
        mfn_pct=access.mfn_pct,
        source=access.source,
        year=access.year,
        agreement=names or "",
        proof=_agreement_text("proof", code) if code else "",
        surcharges=access.surcharges,
        parcel_relief=access.parcel_relief,
        parcel_text=access.parcel_text,
        mfn_text=access.mfn_text if access.mfn_text and "–" in access.mfn_text else "",
        mfn_range=access.mfn_range,
        source_location=access.source_location,
    )


# ------------------------------------------------------------------------------------------------ burden

KNOWLEDGE_SOURCE = "Tijara knowledge base"
_BURDEN_CACHE: dict[tuple, BurdenInput | None] = {}
_BURDEN_LOCK = threading.Lock()


def _knowledge():
    """The knowledge app's selectors and HS→family mapping, or None while they are not available."""
    try:
        from tijara.knowledge import scope as knowledge_scope
        from tijara.knowledge import selectors as knowledge
    except ImportError:
        return None
    if not hasattr(knowledge, "requirements_for") or not hasattr(knowledge_scope, "family_for_hs"):
        return None
    return knowledge, knowledge_scope


def _burden_inputs(hs: str, iso3s: list[str]) -> tuple[dict[str, BurdenInput], str, str]:
    """Requirements per market from the knowledge base: (inputs, family, reason when unavailable)."""
    found = _knowledge()
    if found is None:
        return {}, "", _("The knowledge base is not available: requirements not assessed.")
    knowledge, knowledge_scope = found
    family, _exact = knowledge_scope.family_for_hs(hs)
    if not family:
        return {}, "", _("No craft family is known for HS %(code)s: requirements not assessed.") % {"code": hs}
    version = knowledge.corpus_version()
    out: dict[str, BurdenInput] = {}
    covered_groups = set(getattr(knowledge_scope, "COVERED_GROUPS", ()))
    for iso3 in iso3s:
        if covered_groups and knowledge_scope.market_group(iso3) not in covered_groups:
            continue
        key = (version, family, iso3)
        with _BURDEN_LOCK:
            cached = _BURDEN_CACHE.get(key, ...)
        if cached is ...:
            card = knowledge.requirements_for(family=family, market=iso3, language="en")
            cached = None
            if card.covered:
                rules = {}
                for line in card.lines:
                    if line.aspect == "duty":
                        continue
                    weight = 2.0 if line.aspect in HEAVY_ASPECTS else 1.0
                    rules[line.fact_id] = max(weight, rules.get(line.fact_id, 0.0))
                # the latest year the card's lines state ("undated" would sort after every date as a string)
                year = max((int(y) for line in card.lines
                            for y in re.findall(r"(?:19|20)\d{2}", str(line.source.as_of or ""))), default=None)
                tiers = [tier_of(line.source.source, line.source.url) for line in card.lines if line.aspect != "duty"]
                cached = BurdenInput(
                    count=len(rules), weight=sum(rules.values()), source=KNOWLEDGE_SOURCE,
                    year=year, items=tuple(sorted(rules)), tier=max(tiers, default=LOW),
                )
            with _BURDEN_LOCK:
                if len(_BURDEN_CACHE) > 5000:
                    _BURDEN_CACHE.clear()
                _BURDEN_CACHE[key] = cached
        if cached is not None:
            # The cache is shared by every language: the source's name is translated per request.
            out[iso3] = replace(cached, source=_("Tijara knowledge base"))
    return out, family, ""


# ------------------------------------------------------------------------------------------------ static cache


@dataclass
class _Static:
    """Reference reads that do not depend on the product, cached per process until a pack is reloaded."""

    countries: dict[str, dict]  # iso3 → {"names": {...}, "languages": set}
    names: _Names
    proximity: dict[str, ProximityInput]
    eu: set[str]
    agreements: dict
    partners: dict[str, list[str]]
    handicraft: dict[str, FootholdInput]
    access: dict = field(default_factory=dict)  # (hs6 codes, tariff market, date) → _TariffAccess | None


_STATIC: dict[str, _Static] = {}
_STATIC_LOCK = threading.Lock()


def _packs_signature() -> str:
    packs = selectors.reference_packs()
    return "|".join(f"{p.name}:{p.generation}:{p.sha256[:12]}:{p.loaded_at.isoformat()}" for p in packs)


def clear_caches() -> None:
    """Forget cached reference reads (tests that write reference rows directly call this)."""
    with _STATIC_LOCK:
        _STATIC.clear()
    with _BURDEN_LOCK:
        _BURDEN_CACHE.clear()


def _static() -> _Static:
    signature = _packs_signature()
    with _STATIC_LOCK:
        found = _STATIC.get(signature)
    if found is not None:
        return found
    rows = selectors.countries()
    names = _Names(rows)
    countries = {c.iso3: {"names": _country_names(c), "languages": _languages(c)} for c in rows}
    morocco_languages = countries[MOROCCO]["languages"] if MOROCCO in countries else set()
    proximity = {}
    for iso3, dist in selectors.distances_from(MOROCCO).items():
        if iso3 in countries:
            found = _proximity(dist, morocco_languages, countries[iso3]["languages"])
            if found is not None:
                proximity[iso3] = found
    static = _Static(
        countries=countries,
        names=names,
        proximity=proximity,
        eu=selectors.eu_members(),
        agreements={a.code: a for a in selectors.agreements_all()},
        partners=selectors.agreement_partners(),
        handicraft=_foothold_handicraft(names),
    )
    with _STATIC_LOCK:
        _STATIC.clear()
        _STATIC[signature] = static
    return static


# ------------------------------------------------------------------------------------------------ service


def markets_ranked_for(
    hs: str,
    origin: str = MOROCCO,
    weights: dict | str | None = None,
    on: date | None = None,
    *,
    until_year: int | None = None,
) -> Ranking:
    """Rank every country with any product- or market-specific data for HS `hs` (heading or subheading).

    `until_year` (back-tests) uses only trade figures of that year or before.
    """
    if (origin or "").strip().upper() != MOROCCO:
        raise TijaraError(
            "unsupported_origin",
            _("The market finder ranks markets for Moroccan products only (origin MAR), not “%(origin)s”.")
            % {"origin": origin},
            field="origin",
        )
    weights = scoring.parse_weights(weights) if isinstance(weights, str) else scoring.validate_weights(weights)
    code, notes, hs_row = _hs_checked_row(hs)
    on = on or timezone.localdate()
    # No Arabic text of the nomenclature is shipped: Arabic pages show the English description.
    description = {
        "en": hs_row.description_en,
        "fr": hs_row.description_fr or hs_row.description_en,
        "ar": hs_row.description_en,
    }
    hs6_codes = [code] if len(code) == 6 else [h.code for h in selectors.hs_children(code, EDITION) if h.level == 6]

    static = _static()
    countries = static.countries

    demand, demand_level, demand_source = _demand_inputs(code, notes, until_year)
    if not demand:
        notes.append(
            _("No import figure for HS %(code)s (nor its heading or chapter) in the platform's data: demand counts as "
              "unknown (a range) for every market. Import a BACI or UN Comtrade extract to rank on product demand.")
            % {"code": code}
        )
    foothold = _foothold_product(code, demand, until_year)
    foothold_level = "product" if foothold else ""
    if foothold and until_year is None:
        # Keep the published official share in view next to the product-level figure (shown, not scored).
        foothold = {
            iso3: replace(f, official=static.handicraft[iso3]) if iso3 in static.handicraft else f
            for iso3, f in foothold.items()
        }
    if not foothold:
        foothold = static.handicraft if until_year is None else _foothold_handicraft(static.names, until_year)
        foothold_level = "handicraft" if foothold else ""
        if foothold:
            notes.append(
                _("Morocco's foothold comes from the official handicraft export figures by destination (all craft "
                  "families, Ministry definition): no product-level export figure was found for HS %(code)s.")
                % {"code": code}
            )

    eu, agreement_rows, partners = static.eu, static.agreements, static.partners
    tariff_access: dict[str, _TariffAccess | None] = {}
    access: dict[str, AccessInput] = {}
    access_reason: dict[str, str] = {}
    for iso3 in countries:
        if iso3 == MOROCCO:
            continue
        tariff_market = "EUR" if iso3 in eu else iso3 if iso3 in ("USA", "GBR") else None
        if tariff_market is None:
            continue  # no tariff data: the reason (with any agreement on record) is written for candidates only
        if tariff_market not in tariff_access:
            key = (tuple(hs6_codes), tariff_market, on)
            if key not in static.access:
                if len(static.access) > 20000:
                    static.access.clear()
                static.access[key] = _tariff_access(hs6_codes, tariff_market, on)
            tariff_access[tariff_market] = static.access[key]
        found = tariff_access[tariff_market]
        if found is None:
            access_reason[iso3] = _("No tariff line for HS %(code)s in this market's tariff data.") % {"code": code}
            continue
        access[iso3] = _access_input(found, agreement_rows)
    for tariff_market, found in tariff_access.items():
        if found and found.via_hs2017:
            notes.append(
                _("%(market)s: the tariff is written in HS 2017; HS 2022 code(s) read through the HS 2017 code they "
                  "came from (conversion table): %(codes)s.") % {"market": _tariff_market_name(tariff_market), "codes": ", ".join(found.via_hs2017)}
            )
        if found and found.lines > 1:
            notes.append(
                _("%(market)s: duty rates are the simple average of %(n)s national tariff lines under HS %(code)s.")
                % {"market": _tariff_market_name(tariff_market), "n": found.lines, "code": code}
            )

    size = macro.size_inputs()
    candidates = [
        iso3
        for iso3 in countries
        if iso3 != MOROCCO and (iso3 in demand or iso3 in foothold or iso3 in access or iso3 in size)
    ]
    burden, family, burden_reason = _burden_inputs(code, candidates)

    # Reason texts are the same for most markets: translate them once per ranking.
    no_demand = _("No import figure for this product and market.")
    no_foothold = _("No figure on Morocco's exports to this market.")
    no_tariff = _("No tariff data for this market.")
    no_distance = _("Not in the CEPII GeoDist data.")
    no_size = _("No World Bank figure on this country's imports or income.")
    burden_none = burden_reason or (
        _("No requirements recorded for the %(family)s family in this market.") % {"family": craft_label(family)}
        if family
        else _("Requirements not assessed.")
    )
    inputs: list[MarketInputs] = []
    for iso3 in sorted(candidates):
        country = countries[iso3]
        reasons = {
            "demand": no_demand,
            "foothold": no_foothold,
            "access": access_reason.get(iso3) or _no_tariff_reason(iso3, partners, agreement_rows, no_tariff),
            "proximity": no_distance,
            "burden": burden_reason or burden_none,
            "size": no_size,
        }
        inputs.append(
            MarketInputs(
                iso3=iso3,
                names=country["names"],
                demand=demand.get(iso3),
                foothold=foothold.get(iso3),
                access=access.get(iso3),
                proximity=static.proximity.get(iso3),
                burden=burden.get(iso3),
                missing_reasons=reasons,
                size=size.get(iso3),
            )
        )
    scored = scoring.score_markets(inputs, weights)
    return Ranking(
        hs=code,
        level=LEVEL_NAMES[len(code)],
        edition=EDITION,
        description=description,
        origin=MOROCCO,
        on=on,
        weights=scored.weights,
        markets=scored.markets,
        insufficient=scored.insufficient,
        demand_level=demand_level,
        demand_source=demand_source,
        foothold_level=foothold_level,
        burden_available=bool(burden),
        notes=notes,
    )


def _no_tariff_reason(iso3: str, partners: dict, agreement_rows: dict, default: str) -> str:
    names = [agreement_rows[c].name for c in partners.get(iso3, []) if c in agreement_rows]
    if not names:
        return default
    return _("No tariff data for this market; agreement on record: %(names)s.") % {"names": "; ".join(names)}


def _languages(country) -> set[str]:
    if country is None or not country.languages:
        return set()
    return {tag.strip().split("-")[0].lower() for tag in country.languages.split(",") if tag.strip()}


def _proximity(dist, morocco_languages: set[str], languages: set[str]) -> ProximityInput | None:
    if dist is None:
        return None
    km = dist.dist_km or dist.distcap_km
    shared: dict[str, str] = {}
    common = sorted(morocco_languages & languages) if dist.comlang_off else []
    if common:
        from babel import Locale

        for lang in ("en", "fr", "ar"):
            names = Locale(lang).languages
            shared[lang] = ", ".join(names.get(code, code) for code in common)
    return ProximityInput(
        distance_km=km,
        common_language=dist.comlang_off,
        colonial_tie=dist.colony,
        source=dist.source or "CEPII GeoDist",
        year=_year_of(dist.as_of),
        languages=shared,
    )


def market_compare(hs: str, iso3s: list[str], weights=None, on: date | None = None) -> tuple[Ranking, list]:
    """Two to four markets of one ranking side by side (ranked or not), in the order asked."""
    codes = []
    for raw in iso3s:
        code = (raw or "").strip().upper()
        if code and code not in codes:
            codes.append(code)
    if not 2 <= len(codes) <= 4:
        raise TijaraError("compare_count", _("Choose two to four markets to compare."), field="markets")
    ranking = markets_ranked_for(hs, weights=weights, on=on)
    chosen = []
    for code in codes:
        market = ranking.market(code)
        if market is None:
            raise NotFound(
                "market_not_found",
                _("%(code)s has no data for HS %(hs)s; pick markets from the ranking.") % {"code": code, "hs": ranking.hs},
            )
        chosen.append(market)
    return ranking, chosen
