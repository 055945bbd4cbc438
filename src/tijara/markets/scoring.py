"""Market scoring for the market finder: pure functions, no ORM, no I/O.

`tijara.markets.ranking` gathers the published figures for every market (`MarketInputs`); this module turns
them into a score per market made of named components, each with its value, its normalised contribution,
its source and year. The method (see docs/market-finder.md) borrows ITC's Export Potential Indicator
(demand × supply × ease of trade at HS6) and the trade.gov Market Diversification Tool (user weights,
relative 0–100 score, explicit data-sufficiency rule), and adds what both miss for Moroccan crafts:
preference margins under Morocco's agreements, dated surcharges, the low-value parcel regime, and the
official handicraft export figures by destination.

Rules that never bend:
- a component without data is *missing*: it is excluded and the score is renormalised over the components
  that exist (coverage says how much of the weight is backed by data); nothing is filled with a guess;
- a market without any demand figure, or with fewer than `MIN_COMPONENTS` components, is listed apart as
  "not enough data" and is not ranked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from tijara.core.errors import TijaraError

COMPONENTS: tuple[str, ...] = ("demand", "foothold", "access", "proximity", "burden")

# Default weights (they sum to 1). Rationale, also in docs/market-finder.md:
DEFAULT_WEIGHTS: dict[str, float] = {
    # Demand is the core of every export-potential method (ITC EPI: potential = supply × demand × ease):
    # a market that does not buy the product is no market, whatever else it offers.
    "demand": 0.30,
    # Market access is where Morocco's agreements make a real, measurable difference (0% under the EU, UK
    # and US agreements against MFN rates of 3–17% for competitors), and where dated surcharges and the end
    # of parcel duty relief hit a small exporter first.
    "access": 0.25,
    # Morocco's foothold plays the role of EPI's "ease of trade": existing flows reveal networks, buyers and
    # logistics that no other variable captures; the official handicraft figures are the only data that see
    # handmade goods rather than industrial production.
    "foothold": 0.20,
    # Proximity (distance, a shared official language, colonial ties) drives the cost of each parcel and the
    # ease of talking to buyers; it matters, but less than whether buyers exist and what they pay at the border.
    "proximity": 0.15,
    # Burden (requirements of the product family in that market) is real but partly offset by one-off work
    # (a lab test, a label), and the knowledge base does not yet cover every market: a small weight.
    "burden": 0.10,
}

# A market is ranked only with a demand figure and at least this many components with data.
MIN_COMPONENTS = 2
# Upper bound for one weight given by a user (weights are relative; sliders go 0–100).
MAX_WEIGHT = 100.0

# Sub-indicator weights inside a component (documented in docs/market-finder.md).
DEMAND_SIZE_SHARE = 2 / 3  # import value; growth gets the remaining third when at least two markets have it
PROXIMITY_PARTS = {"distance": 0.5, "language": 0.25, "colonial_tie": 0.25}


# --------------------------------------------------------------------------------------------------------
# Inputs (what ranking.py gathers; every figure keeps its source and year)
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemandInput:
    """Imports of the product by the market: latest value and, when published, an earlier one for growth."""

    value_usd: float
    year: int | None
    level: str  # "HS6" | "HS4" | "HS2" — the level of the figure, said in the explanation
    code: str  # the HS code the figure is for
    source: str
    url: str = ""
    previous_value_usd: float | None = None
    previous_year: int | None = None
    note: str = ""

    @property
    def growth_pct(self) -> float | None:
        """Compound yearly growth between the two years, in percent; None without two positive figures."""
        if (
            self.previous_value_usd is None
            or self.previous_year is None
            or self.year is None
            or self.year <= self.previous_year
            or self.previous_value_usd <= 0
            or self.value_usd <= 0
        ):
            return None
        years = self.year - self.previous_year
        return ((self.value_usd / self.previous_value_usd) ** (1 / years) - 1) * 100


@dataclass(frozen=True)
class FootholdInput:
    """Morocco's current exports to the market, at product level (USD) or from official handicraft shares."""

    level: (
        str  # "product" (trade statistics for this HS code) | "handicraft" (official figures, all families)
    )
    value: float  # USD for "product", percent of Morocco's handicraft exports for "handicraft"
    unit: str  # "usd" | "share_pct"
    year: int | None
    source: str
    url: str = ""
    period: str = ""  # e.g. "2025-01-01..2025-12-31" for official figures
    code: str = ""
    # The official handicraft share, shown (not scored) next to a product-level figure when both exist.
    official: FootholdInput | None = None


@dataclass(frozen=True)
class Surcharge:
    """An additional duty in force on the date of the ranking (or a period whose status is unknown)."""

    name: str | Mapping[str, str]
    rate_pct: float | None
    start: date | None
    end: date | None
    source: str
    known: bool = True


@dataclass(frozen=True)
class AccessInput:
    """What a Moroccan-origin product pays at the border versus competitors, and the parcel regime."""

    morocco_pct: float | None  # ordinary duty with a valid proof of Moroccan origin
    mfn_pct: float | None  # ordinary duty competitors without a preference pay
    source: str
    year: int | None
    agreement: str | Mapping[str, str] = ""  # e.g. "US–Morocco FTA", or {"en": …, "fr": …, "ar": …}
    proof: str | Mapping[str, str] = ""  # what the preference needs (e.g. "an MA claim by the importer")
    surcharges: tuple[Surcharge, ...] = ()
    parcel_relief: bool | None = (
        None  # True: low-value parcels enter duty-free; False: no relief; None: unknown
    )
    parcel_text: str = ""
    mfn_text: str = ""  # e.g. "8.5–10" when the national lines under the code have different rates
    mfn_range: tuple[float, float] | None = None  # lowest and highest line rate, formatted per language
    code: str = ""

    @property
    def surcharge_pct(self) -> float:
        return sum(s.rate_pct or 0.0 for s in self.surcharges if s.known)

    @property
    def margin_pp(self) -> float | None:
        if self.morocco_pct is None or self.mfn_pct is None:
            return None
        return self.mfn_pct - self.morocco_pct

    @property
    def total_pct(self) -> float | None:
        """Ordinary duty plus the surcharges in force; None when a rate or a surcharge's status is unknown."""
        if self.morocco_pct is None or any(not s.known or s.rate_pct is None for s in self.surcharges):
            return None
        return self.morocco_pct + self.surcharge_pct


@dataclass(frozen=True)
class ProximityInput:
    """CEPII GeoDist variables between Morocco and the market."""

    distance_km: float | None
    common_language: bool | None
    colonial_tie: bool | None
    source: str
    year: int | None
    languages: str | Mapping[str, str] = ""  # which shared official language(s), when known (explanation)


@dataclass(frozen=True)
class BurdenInput:
    """Requirements of the product family in the market, from the knowledge base."""

    count: int
    weight: float  # sum of the requirements' weights (mandatory = 1, conditional = 0.5, …)
    source: str
    year: int | None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class MarketInputs:
    """Everything known about one market for one product; None = no data for that component."""

    iso3: str
    names: Mapping[str, str]  # {"en": …, "fr": …, "ar": …}
    demand: DemandInput | None = None
    foothold: FootholdInput | None = None
    access: AccessInput | None = None
    proximity: ProximityInput | None = None
    burden: BurdenInput | None = None
    missing_reasons: Mapping[str, str] = field(default_factory=dict)  # component → why it is missing

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or self.iso3


# --------------------------------------------------------------------------------------------------------
# Outputs
# --------------------------------------------------------------------------------------------------------


@dataclass
class ComponentScore:
    """One component of one market: value shown, normalised score (0–1), contribution to the 0–100 score."""

    name: str
    value: float | None
    unit: str
    normalised: float | None
    weight: float
    contribution: float
    source: str
    year: int | None
    missing: bool
    level: str = ""
    details: dict = field(default_factory=dict)
    reason: str = ""

    def as_dict(self) -> dict:
        return {
            "value": _round(self.value),
            "unit": self.unit,
            "contribution": round(self.contribution, 2),
            "normalised": None if self.normalised is None else round(self.normalised, 4),
            "weight": round(self.weight, 4),
            "source": self.source,
            "year": self.year,
            "missing": self.missing,
            "level": self.level,
            "details": self.details,
            **({"reason": self.reason} if self.reason else {}),
        }


@dataclass
class MarketScore:
    """A scored market: 0–100 score over the components with data, their coverage, and the explanation."""

    iso3: str
    names: Mapping[str, str]
    score: float
    coverage: float
    components: dict[str, ComponentScore]
    ranked: bool
    inputs: MarketInputs
    rank: int | None = None

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or self.iso3

    def explanation(self, lang: str = "en") -> str:
        return explain(self, lang)


@dataclass
class Scored:
    """Result of `score_markets`: the ranked markets (best first) and those with not enough data."""

    weights: dict[str, float]
    markets: list[MarketScore]
    insufficient: list[MarketScore]


# --------------------------------------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------------------------------------


def _weight_error(message: str) -> TijaraError:
    return TijaraError("invalid_weights", message, field="weights")


def validate_weights(weights: Mapping[str, object] | None) -> dict[str, float]:
    """Return the full weight set (defaults for omitted components) normalised to sum 1; raise on bad input."""
    from django.utils.translation import gettext as _

    result = dict(DEFAULT_WEIGHTS)
    if not weights:
        return result
    for name, raw in weights.items():
        if name not in COMPONENTS:
            raise _weight_error(
                _("Unknown weight “%(name)s”: use %(names)s.")
                % {"name": name, "names": ", ".join(COMPONENTS)}
            )
        try:
            value = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise _weight_error(
                _("The weight of %(name)s must be a number, not “%(value)s”.") % {"name": name, "value": raw}
            ) from None
        if not math.isfinite(value) or value < 0 or value > MAX_WEIGHT:
            raise _weight_error(
                _("The weight of %(name)s must be between 0 and %(max)s, not %(value)s.")
                % {"name": name, "max": int(MAX_WEIGHT), "value": raw}
            )
        result[name] = value
    total = sum(result.values())
    if total <= 0:
        raise _weight_error(_("At least one weight must be above zero."))
    return {name: result[name] / total for name in COMPONENTS}


def parse_weights(text: str | None) -> dict[str, float]:
    """Parse "demand=0.4,access=0.3" (omitted components keep their default) into validated weights."""
    from django.utils.translation import gettext as _

    if text is None or not text.strip():
        return dict(DEFAULT_WEIGHTS)
    given: dict[str, str] = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        name, value = name.strip().lower(), value.strip()
        if not sep or not name or not value:
            raise _weight_error(
                _("Malformed weight “%(part)s”: write name=number, e.g. demand=0.4,access=0.3.")
                % {"part": part}
            )
        if name in given:
            raise _weight_error(_("The weight of %(name)s is given twice.") % {"name": name})
        given[name] = value
    if not given:
        raise _weight_error(_("No weight given: write name=number, e.g. demand=0.4,access=0.3."))
    return validate_weights(given)


# --------------------------------------------------------------------------------------------------------
# Normalisation across markets (each returns a score in [0, 1] per key)
# --------------------------------------------------------------------------------------------------------


def scale_magnitude(values: Mapping[str, float]) -> dict[str, float]:
    """Log scale relative to the smallest positive value: ln(1 + v/m) / ln(1 + M/m); zero → 0, largest → 1.

    Import and export values span orders of magnitude; a log scale keeps the second market from being
    crushed by the first, and dividing by the smallest positive value makes the result unit-free.
    """
    positives = [v for v in values.values() if v > 0]
    if not positives:
        return dict.fromkeys(values, 0.0)
    low, high = min(positives), max(positives)
    # ln(1 + v/m) written as ln(m + v) − ln(m): no overflow when m is tiny.
    denominator = math.log(low + high) - math.log(low)
    return {k: ((math.log(low + v) - math.log(low)) / denominator if v > 0 else 0.0) for k, v in values.items()}


def scale_linear(values: Mapping[str, float], *, higher_is_better: bool = True) -> dict[str, float]:
    """Min–max scale; when every market has the same value, each gets 1 (the value does not discriminate)."""
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    if math.isclose(high, low, abs_tol=1e-12):
        return dict.fromkeys(values, 1.0)
    span = high - low
    return {k: ((v - low) / span if higher_is_better else (high - v) / span) for k, v in values.items()}


def scale_distance(values: Mapping[str, float]) -> dict[str, float]:
    """Closer is better, on a log scale: 1 − (ln d − ln dmin) / (ln dmax − ln dmin)."""
    logs = {k: math.log(v) for k, v in values.items() if v > 0}
    return scale_linear(logs, higher_is_better=False)


def _weighted_mean(parts: Iterable[tuple[float | None, float]]) -> float | None:
    present = [(value, weight) for value, weight in parts if value is not None and weight > 0]
    total = sum(weight for _value, weight in present)
    if total <= 0:
        return None
    return sum(value * weight for value, weight in present) / total


# --------------------------------------------------------------------------------------------------------
# Components
# --------------------------------------------------------------------------------------------------------


def component_demand(markets: list[MarketInputs]) -> dict[str, float]:
    """Demand: 2/3 import value (log scale) + 1/3 yearly growth (min–max) when ≥ 2 markets have a growth."""
    present = {m.iso3: m.demand for m in markets if m.demand is not None}
    size = scale_magnitude({k: d.value_usd for k, d in present.items()})
    growths = {k: d.growth_pct for k, d in present.items() if d.growth_pct is not None}
    growth = scale_linear(growths) if len(growths) >= 2 else {}
    result = {}
    for key in present:
        if key in growth:
            result[key] = DEMAND_SIZE_SHARE * size[key] + (1 - DEMAND_SIZE_SHARE) * growth[key]
        else:
            result[key] = size[key]
    return result


def component_foothold(markets: list[MarketInputs]) -> dict[str, float]:
    """Foothold: Morocco's exports to the market (log scale), compared only within one level of figures."""
    present = {m.iso3: m.foothold for m in markets if m.foothold is not None}
    result: dict[str, float] = {}
    for level in {f.level for f in present.values()}:
        result.update(scale_magnitude({k: f.value for k, f in present.items() if f.level == level}))
    return result


def component_access(markets: list[MarketInputs]) -> dict[str, float]:
    """Access: mean of the preference margin (higher better) and the total duty paid (lower better).

    The low-value parcel regime is shown and explained but not scored: the platform knows it for too few
    markets, and scoring only where it is known would reward markets for missing data.
    """
    present = {m.iso3: m.access for m in markets if m.access is not None}
    margins = scale_linear({k: a.margin_pp for k, a in present.items() if a.margin_pp is not None})
    totals = scale_linear(
        {k: a.total_pct for k, a in present.items() if a.total_pct is not None}, higher_is_better=False
    )
    result = {}
    for key in present:
        value = _weighted_mean([(margins.get(key), 1.0), (totals.get(key), 1.0)])
        if value is not None:
            result[key] = value
    return result


def component_proximity(markets: list[MarketInputs]) -> dict[str, float]:
    """Proximity: 1/2 distance (log, closer better) + 1/4 common official language + 1/4 colonial tie."""
    present = {m.iso3: m.proximity for m in markets if m.proximity is not None}
    distance = scale_distance({k: p.distance_km for k, p in present.items() if p.distance_km})
    result = {}
    for key, prox in present.items():
        value = _weighted_mean(
            [
                (distance.get(key), PROXIMITY_PARTS["distance"]),
                (
                    None if prox.common_language is None else float(prox.common_language),
                    PROXIMITY_PARTS["language"],
                ),
                (
                    None if prox.colonial_tie is None else float(prox.colonial_tie),
                    PROXIMITY_PARTS["colonial_tie"],
                ),
            ]
        )
        if value is not None:
            result[key] = value
    return result


def component_burden(markets: list[MarketInputs]) -> dict[str, float]:
    """Burden: weighted number of requirements, fewer is better (min–max)."""
    present = {m.iso3: m.burden for m in markets if m.burden is not None}
    return scale_linear({k: b.weight for k, b in present.items()}, higher_is_better=False)


COMPONENT_FUNCTIONS = {
    "demand": component_demand,
    "foothold": component_foothold,
    "access": component_access,
    "proximity": component_proximity,
    "burden": component_burden,
}


def _headline(market: MarketInputs, name: str) -> tuple[float | None, str, str, int | None, str, dict]:
    """(value, unit, source, year, level, details) shown for a component of a market."""
    if name == "demand" and market.demand:
        d = market.demand
        growth = d.growth_pct
        return (
            d.value_usd,
            "usd",
            d.source,
            d.year,
            d.level,
            {
                "code": d.code,
                "growth_pct": None if growth is None else round(growth, 2),
                "previous_value_usd": d.previous_value_usd,
                "previous_year": d.previous_year,
                "url": d.url,
                **({"note": d.note} if d.note else {}),
            },
        )
    if name == "foothold" and market.foothold:
        f = market.foothold
        details = {"period": f.period, "code": f.code, "url": f.url, "largest": False}
        if f.official is not None:
            details["official_handicraft"] = {
                "share_pct": f.official.value,
                "period": f.official.period,
                "year": f.official.year,
                "source": f.official.source,
                "url": f.official.url,
            }
        return f.value, f.unit, f.source, f.year, f.level, details
    if name == "access" and market.access:
        a = market.access
        # The headline is the preference margin (points of duty competitors pay and Moroccan goods do not).
        return (
            a.margin_pp,
            "pp",
            a.source,
            a.year,
            "",
            {
                "morocco_pct": _round(a.morocco_pct),
                "mfn_pct": _round(a.mfn_pct),
                "mfn_text": a.mfn_text,
                "margin_pp": _round(a.margin_pp),
                "surcharge_pct": _round(a.surcharge_pct),
                "total_pct": _round(a.total_pct),
                "agreement": translated(a.agreement),
                "proof": translated(a.proof),
                "surcharges": [
                    {
                        "name": translated(s.name),
                        "rate_pct": s.rate_pct,
                        "start": s.start.isoformat() if s.start else None,
                        "end": s.end.isoformat() if s.end else None,
                        "source": s.source,
                        "known": s.known,
                    }
                    for s in a.surcharges
                ],
                "parcel_relief": a.parcel_relief,
                "parcel": a.parcel_text,
                "code": a.code,
            },
        )
    if name == "proximity" and market.proximity:
        p = market.proximity
        return (
            p.distance_km,
            "km",
            p.source,
            p.year,
            "",
            {
                "common_official_language": p.common_language,
                "colonial_tie": p.colonial_tie,
                "languages": p.languages,
            },
        )
    if name == "burden" and market.burden:
        b = market.burden
        return (
            b.weight,
            "weighted_requirements",
            b.source,
            b.year,
            "",
            {"count": b.count, "items": list(b.items)},
        )
    return None, "", "", None, "", {}


def has_data(market: MarketInputs, name: str) -> bool:
    """Whether a market has at least one figure for a component (independent of the other markets)."""
    if name == "access":
        a = market.access
        return a is not None and (a.margin_pp is not None or a.total_pct is not None)
    if name == "proximity":
        p = market.proximity
        return p is not None and (
            bool(p.distance_km) or p.common_language is not None or p.colonial_tie is not None
        )
    return getattr(market, name) is not None


def is_sufficient(market: MarketInputs) -> bool:
    """The data-sufficiency rule: a demand figure and at least `MIN_COMPONENTS` components with data."""
    present = [name for name in COMPONENTS if has_data(market, name)]
    return "demand" in present and len(present) >= MIN_COMPONENTS


def score_markets(markets: list[MarketInputs], weights: Mapping[str, float] | None = None) -> Scored:
    """Score every market: normalise each component across ranked markets, renormalise over present ones.

    Markets failing the data-sufficiency rule are listed apart with their figures but no score, and do not
    take part in the normalisation (so adding a market with no demand figure never moves the others).
    """
    weights = validate_weights(weights) if weights is not None else dict(DEFAULT_WEIGHTS)
    total_weight = sum(weights.values())
    eligible = [m for m in markets if is_sufficient(m)]
    # "The largest buyer" is said only when at least two markets have a figure of the same level.
    largest: dict[str, float] = {}
    counts: dict[str, int] = {}
    for m in markets:
        if m.foothold is not None and m.foothold.value > 0:
            level = m.foothold.level
            counts[level] = counts.get(level, 0) + 1
            largest[level] = max(largest.get(level, 0.0), m.foothold.value)
    normalised = {name: COMPONENT_FUNCTIONS[name](eligible) for name in COMPONENTS}
    ranked: list[MarketScore] = []
    insufficient: list[MarketScore] = []
    for market in markets:
        enough = is_sufficient(market)
        present = [name for name in COMPONENTS if has_data(market, name)]
        present_weight = sum(weights[name] for name in present)
        components = {}
        for name in COMPONENTS:
            value, unit, source, year, level, details = _headline(market, name)
            if name == "foothold" and market.foothold is not None:
                f = market.foothold
                details["largest"] = counts.get(f.level, 0) >= 2 and f.value > 0 and f.value == largest[f.level]
            is_present = name in present
            share = normalised[name].get(market.iso3) if enough else None
            contribution = (
                100 * weights[name] * share / present_weight
                if share is not None and present_weight > 0
                else 0.0
            )
            components[name] = ComponentScore(
                name=name,
                value=value,
                unit=unit,
                normalised=share,
                weight=weights[name],
                contribution=contribution,
                source=source or market.missing_reasons.get(name, ""),
                year=year,
                missing=not is_present,
                level=level,
                details=details,
                reason="" if is_present else market.missing_reasons.get(name, ""),
            )
        result = MarketScore(
            iso3=market.iso3,
            names=market.names,
            score=sum(c.contribution for c in components.values()) if enough else 0.0,
            coverage=present_weight / total_weight if total_weight > 0 else 0.0,
            components=components,
            ranked=enough,
            inputs=market,
        )
        (ranked if enough else insufficient).append(result)
    ranked.sort(key=lambda m: (-round(m.score, 9), -m.coverage, m.iso3))
    for position, market in enumerate(ranked, start=1):
        market.rank = position
    insufficient.sort(key=lambda m: m.iso3)
    return Scored(weights=dict(weights), markets=ranked, insufficient=insufficient)


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None:
        return None
    return round(float(value), digits)


# --------------------------------------------------------------------------------------------------------
# Explanations (generated from the components; every number with its source and year)
# --------------------------------------------------------------------------------------------------------

_LOCALES = {"en": "en", "fr": "fr", "ar": "ar"}

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "demand": "imports {value} of HS {code} ({level_text}) in {year} ({source})",
        "demand_growth": ", {growth}% a year since {previous_year}",
        "level_HS6": "HS6 subheading",
        "level_HS4": "HS4 heading",
        "level_HS2": "whole chapter",
        "foothold_handicraft": "takes {share}% of Morocco's official handicraft exports ({period}, {source})",
        "foothold_first": "the largest buyer of Moroccan handicrafts: {share}% of official handicraft exports ({period}, {source})",
        "access_free": "duty-free with {proof} under the {agreement}, versus {mfn}% MFN for competitors ({source})",
        "access_free_nomfn": "duty-free with {proof} under the {agreement} ({source})",
        "foothold_product": "Morocco exported {value} of this product there in {year} ({source})",
        "foothold_zero": "no Moroccan exports of this product recorded there in {year} ({source})",
        "foothold_official": " (official handicraft figures: {share}% of exports, {period}, {source})",
        "access_pref": "{morocco}% duty with {proof} under the {agreement}, versus {mfn}% MFN for competitors ({source})",
        "access_pref_nomfn": "{morocco}% duty with {proof} under the {agreement} ({source})",
        "access_mfn": "{mfn}% MFN duty, no preference for Moroccan goods found ({source})",
        "surcharge": "{rate}% {name} in force from {start} to {end}",
        "surcharge_open": "{rate}% {name} in force since {start}",
        "surcharge_unknown": "status of additional duties unknown since {start} ({name})",
        "parcel_none": "no duty relief for low-value parcels",
        "parcel_relief": "low-value parcels relieved of duty",
        "proximity": "{distance} km from Morocco",
        "language": "shares an official language{languages}",
        "colony": "historical colonial tie",
        "proximity_source": "({source} {year})",
        "burden": "{count} requirements for this product family ({source})",
        "missing": "no data on {names}",
        "burden_unavailable": "requirements not assessed yet",
        "and": " and ",
        "comma": ", ",
        "sep": "; ",
        "end": ".",
        "no_end": "an end date not known",
    },
    "fr": {
        "demand": "importe {value} de SH {code} ({level_text}) en {year} ({source})",
        "demand_growth": ", {growth} % par an depuis {previous_year}",
        "level_HS6": "sous-position SH6",
        "level_HS4": "position SH4",
        "level_HS2": "chapitre entier",
        "foothold_handicraft": "reçoit {share} % des exportations officielles d'artisanat du Maroc ({period}, {source})",
        "foothold_first": "premier acheteur de l'artisanat marocain : {share} % des exportations officielles d'artisanat ({period}, {source})",
        "access_free": "exempt de droits avec {proof} ({agreement}), contre {mfn} % NPF pour les concurrents ({source})",
        "access_free_nomfn": "exempt de droits avec {proof} ({agreement}) ({source})",
        "foothold_product": "le Maroc y a exporté {value} de ce produit en {year} ({source})",
        "foothold_zero": "aucune exportation marocaine de ce produit enregistrée en {year} ({source})",
        "foothold_official": " (chiffres officiels de l'artisanat : {share} % des exportations, {period}, {source})",
        "access_pref": "droit de {morocco} % avec {proof} ({agreement}), contre {mfn} % NPF pour les concurrents ({source})",
        "access_pref_nomfn": "droit de {morocco} % avec {proof} ({agreement}) ({source})",
        "access_mfn": "droit NPF de {mfn} %, aucune préférence trouvée pour les produits marocains ({source})",
        "surcharge": "{name} de {rate} % en vigueur du {start} au {end}",
        "surcharge_open": "{name} de {rate} % en vigueur depuis le {start}",
        "surcharge_unknown": "situation des droits additionnels inconnue depuis le {start} ({name})",
        "parcel_none": "pas de franchise de droits pour les colis de faible valeur",
        "parcel_relief": "colis de faible valeur exonérés de droits",
        "proximity": "à {distance} km du Maroc",
        "language": "langue officielle commune{languages}",
        "colony": "lien colonial historique",
        "proximity_source": "({source} {year})",
        "burden": "{count} exigences pour cette famille de produits ({source})",
        "missing": "pas de données sur : {names}",
        "burden_unavailable": "exigences pas encore évaluées",
        "and": " et ",
        "comma": ", ",
        "sep": " ; ",
        "end": ".",
        "no_end": "une date de fin inconnue",
    },
    "ar": {
        "demand": "يستورد ما قيمته {value} من البند {code} ({level_text}) سنة {year} ({source})",
        "demand_growth": "، بنمو سنوي قدره {growth}% منذ {previous_year}",
        "level_HS6": "بند فرعي من ستة أرقام",
        "level_HS4": "بند من أربعة أرقام",
        "level_HS2": "الفصل كاملًا",
        "foothold_handicraft": "يستقبل {share}% من صادرات الصناعة التقليدية المغربية الرسمية ({period}، {source})",
        "foothold_first": "أكبر مشترٍ للصناعة التقليدية المغربية: {share}% من صادراتها الرسمية ({period}، {source})",
        "access_free": "معفى من الرسوم في إطار {agreement} مع {proof}، مقابل {mfn}% (الدولة الأولى بالرعاية) للمنافسين ({source})",
        "access_free_nomfn": "معفى من الرسوم في إطار {agreement} مع {proof} ({source})",
        "foothold_product": "صدّر المغرب إليه ما قيمته {value} من هذا المنتج سنة {year} ({source})",
        "foothold_zero": "لا صادرات مغربية مسجلة من هذا المنتج إليه سنة {year} ({source})",
        "foothold_official": " (الأرقام الرسمية للصناعة التقليدية: {share}% من الصادرات، {period}، {source})",
        "access_pref": "رسم جمركي {morocco}% في إطار {agreement} مع {proof}، مقابل {mfn}% (الدولة الأولى بالرعاية) للمنافسين ({source})",
        "access_pref_nomfn": "رسم جمركي {morocco}% في إطار {agreement} مع {proof} ({source})",
        "access_mfn": "رسم الدولة الأولى بالرعاية {mfn}%، ولا تفضيل للمنتجات المغربية ({source})",
        "surcharge": "{name} بنسبة {rate}% سارٍ من {start} إلى {end}",
        "surcharge_open": "{name} بنسبة {rate}% سارٍ منذ {start}",
        "surcharge_unknown": "وضع الرسوم الإضافية غير معروف منذ {start} ({name})",
        "parcel_none": "لا إعفاء من الرسوم للطرود منخفضة القيمة",
        "parcel_relief": "الطرود منخفضة القيمة معفاة من الرسوم",
        "proximity": "على بعد {distance} كلم من المغرب",
        "language": "لغة رسمية مشتركة{languages}",
        "colony": "رابط استعماري تاريخي",
        "proximity_source": "({source} {year})",
        "burden": "{count} متطلبات لهذه الفئة من المنتجات ({source})",
        "missing": "لا بيانات عن: {names}",
        "burden_unavailable": "المتطلبات لم تُقيَّم بعد",
        "and": " و",
        "comma": "، ",
        "sep": "؛ ",
        "end": ".",
        "no_end": "تاريخ انتهاء غير معروف",
    },
}

COMPONENT_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "demand": "demand",
        "foothold": "Morocco's foothold",
        "access": "market access",
        "proximity": "proximity",
        "burden": "burden",
    },
    "fr": {
        "demand": "demande",
        "foothold": "présence du Maroc",
        "access": "accès au marché",
        "proximity": "proximité",
        "burden": "contraintes",
    },
    "ar": {
        "demand": "الطلب",
        "foothold": "حضور المغرب",
        "access": "الولوج إلى السوق",
        "proximity": "القرب",
        "burden": "المتطلبات",
    },
}


def translated(value: str | Mapping[str, str], lang: str = "en") -> str:
    """A plain string, or the entry of a {lang: text} mapping for `lang` (English, then any, as fallback)."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def _lang(lang: str | None) -> str:
    lang = (lang or "en")[:2]
    return lang if lang in TEXTS else "en"


def format_number(value: float, lang: str, digits: int = 1) -> str:
    """A plain number in the language's conventions (at most `digits` decimals)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_LOCALES[_lang(lang)])


def format_money(value: float, currency: str, lang: str) -> str:
    """A compact amount (e.g. "$2.21B", "2,21 Md $US")."""
    from babel.numbers import format_compact_currency

    return format_compact_currency(value, currency, locale=_LOCALES[_lang(lang)], fraction_digits=2)


def format_date(value: date, lang: str) -> str:
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format="long", locale=_LOCALES[_lang(lang)])


def _period_text(period: str, year: int | None, lang: str) -> str:
    if ".." in period:
        start_text, end_text = period.split("..", 1)
        try:
            start, end = date.fromisoformat(start_text), date.fromisoformat(end_text)
        except ValueError:
            return period
        from babel.dates import format_date as babel_format_date

        locale = _LOCALES[_lang(lang)]
        if start.year == end.year:
            return (
                f"{babel_format_date(start, 'MMM', locale=locale)}–"
                f"{babel_format_date(end, 'MMM yyyy', locale=locale)}"
            )
        return f"{babel_format_date(start, 'MMM yyyy', locale=locale)}–{babel_format_date(end, 'MMM yyyy', locale=locale)}"
    return str(year) if year else "—"


def component_sentences(market: MarketScore, lang: str = "en") -> dict[str, str]:
    """One sentence fragment per component with data (numbers with their source and year)."""
    lang = _lang(lang)
    t = TEXTS[lang]
    inputs = market.inputs
    out: dict[str, str] = {}
    c = market.components
    if not c["demand"].missing and inputs.demand:
        d = inputs.demand
        text = t["demand"].format(
            value=format_money(d.value_usd, "USD", lang),
            code=d.code,
            level_text=t.get(f"level_{d.level}", d.level),
            year=d.year or "—",
            source=d.source,
        )
        if d.growth_pct is not None:
            text += t["demand_growth"].format(
                growth=format_number(d.growth_pct, lang), previous_year=d.previous_year
            )
        out["demand"] = text
    if not c["foothold"].missing and inputs.foothold:
        f = inputs.foothold
        if f.unit == "share_pct":
            key = "foothold_first" if c["foothold"].details.get("largest") else "foothold_handicraft"
            out["foothold"] = t[key].format(
                share=format_number(f.value, lang),
                period=_period_text(f.period, f.year, lang),
                source=f.source,
            )
        elif f.value > 0:
            out["foothold"] = t["foothold_product"].format(
                value=format_money(f.value, "USD", lang), year=f.year or "—", source=f.source
            )
        else:
            out["foothold"] = t["foothold_zero"].format(year=f.year or "—", source=f.source)
        if f.unit != "share_pct" and f.official is not None:
            out["foothold"] += t["foothold_official"].format(
                share=format_number(f.official.value, lang),
                period=_period_text(f.official.period, f.official.year, lang),
                source=f.official.source,
            )
    if not c["access"].missing and inputs.access:
        out["access"] = _access_sentence(inputs.access, lang)
    if not c["proximity"].missing and inputs.proximity:
        p = inputs.proximity
        bits = []
        if p.distance_km:
            bits.append(t["proximity"].format(distance=format_number(p.distance_km, lang, 0)))
        if p.common_language:
            shared = translated(p.languages, lang)
            bits.append(t["language"].format(languages=f" ({shared})" if shared else ""))
        if p.colonial_tie:
            bits.append(t["colony"])
        if bits:
            out["proximity"] = (
                t["comma"].join(bits)
                + " "
                + t["proximity_source"].format(source=p.source, year=p.year or "").replace(" )", ")")
            )
    if not c["burden"].missing and inputs.burden:
        b = inputs.burden
        out["burden"] = t["burden"].format(count=b.count, source=f"{b.source}, {b.year}" if b.year else b.source)
    return out


def _access_sentence(a: AccessInput, lang: str) -> str:
    t = TEXTS[lang]
    if a.mfn_range and a.mfn_range[0] != a.mfn_range[1]:
        mfn = f"{format_number(a.mfn_range[0], lang, 2)}–{format_number(a.mfn_range[1], lang, 2)}"
    else:
        mfn = a.mfn_text or (format_number(a.mfn_pct, lang, 2) if a.mfn_pct is not None else "")
    if a.morocco_pct is not None and a.agreement:
        key = ("access_free" if a.morocco_pct == 0 else "access_pref") + ("" if mfn else "_nomfn")
        text = t[key].format(
            morocco=format_number(a.morocco_pct, lang),
            agreement=translated(a.agreement, lang),
            proof=translated(a.proof, lang) or "—",
            mfn=mfn,
            source=a.source,
        )
    elif mfn:
        text = t["access_mfn"].format(mfn=mfn, source=a.source)
    else:
        text = ""
    extra = []
    for s in a.surcharges:
        start = format_date(s.start, lang) if s.start else "—"
        if not s.known:
            extra.append(t["surcharge_unknown"].format(start=start, name=translated(s.name, lang)))
        elif s.end:
            extra.append(
                t["surcharge"].format(
                    rate=format_number(s.rate_pct or 0, lang),
                    name=translated(s.name, lang),
                    start=start,
                    end=format_date(s.end, lang),
                )
            )
        else:
            extra.append(
                t["surcharge_open"].format(
                    rate=format_number(s.rate_pct or 0, lang), name=translated(s.name, lang), start=start
                )
            )
    if a.parcel_relief is False:
        extra.append(t["parcel_none"] + (f" ({a.parcel_text})" if a.parcel_text else ""))
    elif a.parcel_relief is True:
        extra.append(t["parcel_relief"] + (f" ({a.parcel_text})" if a.parcel_text else ""))
    return t["sep"].join([x for x in [text, *extra] if x])


def explain(market: MarketScore, lang: str = "en") -> str:
    """A short text per market from its components, strongest contribution first, then what is missing."""
    lang = _lang(lang)
    t = TEXTS[lang]
    sentences = component_sentences(market, lang)
    order = sorted(sentences, key=lambda name: -market.components[name].contribution)
    parts = [sentences[name] for name in order]
    missing = [name for name in COMPONENTS if market.components[name].missing]
    if missing:
        labels = [COMPONENT_LABELS[lang][name] for name in missing]
        parts.append(t["missing"].format(names=t["comma"].join(labels)))
    text = t["sep"].join(parts)
    if text:
        text = text[0].upper() + text[1:]
    return text + t["end"]
