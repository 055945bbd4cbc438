"""Market scoring for the market finder: pure functions, no ORM, no I/O, no sentences (see explain.py).

`tijara.markets.ranking` gathers the published figures for every market (`MarketInputs`); this module turns
them into a score *range* per market made of named components, each with its value, its normalised value,
its source, year and source quality tier. The method (docs/market-finder.md) borrows ITC's Export Potential
Indicator (demand × supply × ease of trade at HS6) and the trade.gov Market Diversification Tool (user weights,
relative 0–100 score, explicit data-sufficiency rule), and adds what both miss for Moroccan crafts: preference
margins under Morocco's agreements, dated surcharges, and the official handicraft export figures by destination.

Rules that never bend:
- a missing component contributes neither a guess nor nothing: it spans the whole scale, from the scale's
  floor (0) to the highest value observed among the markets ranked, so the score is a range
  (`score_low`–`score_high`); markets are ranked on the conservative end (`score_low`);
- a market with fewer figures ranks above one with more only when its known figures alone (`score_low`) beat
  the other's whole range (its `score_high`);
- a figure from the lowest source tier (blogs, shops, marketing pages) never decides a rank alone: its
  component becomes the range from half its value to half-way to the top of the scale;
- every scale is anchored on one end only (the best market observed, or a fixed bound), so deleting one
  market's figure never raises its conservative score nor lowers another's (property-tested); its position can
  still improve, through the fewer-figures rule alone: its upper end rises, so a market with fewer figures may no
  longer beat its whole range (rare: Hypothesis found one case in thousands; the shipped data has none);
- a market with fewer than `MIN_FIGURES` components with data is listed apart as "not enough data".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from tijara.core.errors import TijaraError
from tijara.markets.tiers import LOW, tier_of

COMPONENTS: tuple[str, ...] = ("demand", "size", "foothold", "access", "proximity", "burden")

# Default weights (they sum to 1). Rationale, also in docs/market-finder.md. They were set before the back-test
# was run and are not tuned to it.
DEFAULT_WEIGHTS: dict[str, float] = {
    # How much the market buys. Demand for the product itself is the core of every export-potential method
    # (ITC EPI: potential = supply × demand × ease). It shares the 0.30 that "buying" had before the country-level
    # size signal existed: 0.20 for the product, 0.10 for the country's all-goods imports, income and growth —
    # a weak proxy (it says nothing about rugs or tiles), hence the smaller part.
    "demand": 0.20,
    "size": 0.10,
    # Morocco's foothold plays the role of EPI's "ease of trade": existing flows reveal networks, buyers and
    # logistics that no other variable captures; the official handicraft figures see handmade goods.
    "foothold": 0.20,
    # Market access: preference margins under Morocco's agreements and the total duty paid.
    "access": 0.25,
    # Proximity (distance, a shared official language, colonial ties) drives parcel cost and ease of talking.
    "proximity": 0.15,
    # Burden (requirements of the product family in that market): real but partly one-off work.
    "burden": 0.10,
}

# A market is ranked only with at least this many of the six components backed by a figure.
MIN_FIGURES = 3
MIN_COMPONENTS = MIN_FIGURES  # former name, kept for callers
# Upper bound for one weight given by a user (weights are relative; sliders go 0–100).
MAX_WEIGHT = 100.0

# Scale parameters (method choices, documented in docs/market-finder.md — not figures about any market).
MAGNITUDE_DECADES = 4.0  # a value 10,000 times below the largest observed scores 0 on a magnitude scale
INCOME_DECADES = 2.0  # GDP per head 100 times below the highest observed scores 0
GROWTH_FLOOR_PCT, GROWTH_CEILING_PCT = -10.0, 10.0  # yearly growth mapped linearly onto 0–1, clipped
HALF_EARTH_KM = 20_015.0  # the longest possible great-circle distance: a market that far scores 0
# Sub-indicator weights inside a component.
DEMAND_PARTS = {"value": 2 / 3, "growth": 1 / 3}
SIZE_PARTS = {"imports": 0.5, "income": 0.25, "growth": 0.25}
ACCESS_PARTS = {"margin": 0.5, "total": 0.5}
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
    tier: int | None = None  # source quality tier (tiers.py); None → judged from the source's name

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
    tier: int | None = None


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
    tier: int | None = None
    source_location: str = ""  # where the copy used was found, when it is not the publisher's own site

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
    tier: int | None = None


@dataclass(frozen=True)
class BurdenInput:
    """Requirements of the product family in the market, from the knowledge base."""

    count: int
    weight: float  # sum of the requirements' weights (mandatory = 1, conditional = 0.5, …)
    source: str
    year: int | None
    items: tuple[str, ...] = ()
    tier: int | None = None


@dataclass(frozen=True)
class SizeInput:
    """Country-level market size (all goods, not this product): World Bank WDI imports, income, population."""

    imports_usd: float | None  # imports of goods (balance of payments, current US$)
    year: int | None
    gdp_per_head_usd: float | None
    population: float | None
    source: str
    url: str = ""
    licence: str = ""
    previous_imports_usd: float | None = None
    previous_year: int | None = None
    tier: int | None = None

    @property
    def growth_pct(self) -> float | None:
        """Compound yearly growth of all-goods imports between the two years, in percent."""
        return _cagr(self.imports_usd, self.year, self.previous_imports_usd, self.previous_year)


def _cagr(value, year, previous, previous_year) -> float | None:
    if (previous is None or previous_year is None or year is None or value is None or year <= previous_year
            or previous <= 0 or value <= 0):
        return None
    return ((value / previous) ** (1 / (year - previous_year)) - 1) * 100


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
    size: SizeInput | None = None

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or self.iso3


# --------------------------------------------------------------------------------------------------------
# Outputs
# --------------------------------------------------------------------------------------------------------


@dataclass
class ComponentScore:
    """One component of one market: value shown, normalised range (0–1), contribution range to the score."""

    name: str
    value: float | None
    unit: str
    normalised: float | None  # the conservative end (None when the component has no data)
    weight: float
    contribution: float  # points of the conservative score (score_low)
    source: str
    year: int | None
    missing: bool
    level: str = ""
    details: dict = field(default_factory=dict)
    reason: str = ""
    tier: int | None = None
    low: float = 0.0  # normalised range of the component (a missing one spans 0 … highest observed)
    high: float = 0.0
    contribution_high: float = 0.0
    scope: str = "product"  # "product" | "country" (size: all goods, not this product)

    def as_dict(self) -> dict:
        return {
            "value": _round(self.value),
            "unit": self.unit,
            "contribution": round(self.contribution, 2),
            "contribution_high": round(self.contribution_high, 2),
            "normalised": None if self.normalised is None else round(self.normalised, 4),
            "range": [round(self.low, 4), round(self.high, 4)],
            "weight": round(self.weight, 4),
            "source": self.source,
            "year": self.year,
            "tier": self.tier,
            "missing": self.missing,
            "level": self.level,
            "scope": self.scope,
            "details": self.details,
            **({"reason": self.reason} if self.reason else {}),
        }


@dataclass
class MarketScore:
    """A scored market: conservative score, its range, how many figures back it, and the components."""

    iso3: str
    names: Mapping[str, str]
    score: float  # the conservative estimate the ranking uses (= score_low)
    coverage: float  # share of the weight backed by a figure
    components: dict[str, ComponentScore]
    ranked: bool
    inputs: MarketInputs
    rank: int | None = None
    score_low: float = 0.0
    score_high: float = 0.0
    figures: int = 0  # components with data
    low_tier: tuple[str, ...] = ()  # components resting on a lowest-tier source

    @property
    def total(self) -> int:
        return len(self.components)

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or self.iso3

    def explanation(self, lang: str = "en") -> str:
        from tijara.markets.explain import explain

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
# Scales (each anchored on one end only; see the module docstring)
# --------------------------------------------------------------------------------------------------------


def scale_magnitude(values: Mapping[str, float], decades: float = MAGNITUDE_DECADES) -> dict[str, float]:
    """Log scale anchored on the largest value: 1 + log10(v / largest) / decades, clipped to [0, 1]; 0 → 0."""
    positives = [v for v in values.values() if v > 0]
    if not positives:
        return dict.fromkeys(values, 0.0)
    high = max(positives)
    top = math.log10(high)
    return {k: (max(0.0, 1 + (math.log10(v) - top) / decades) if v > 0 else 0.0) for k, v in values.items()}


def scale_growth(values: Mapping[str, float]) -> dict[str, float]:
    """Yearly growth in percent on a fixed linear scale: −10 % → 0, +10 % → 1, clipped."""
    span = GROWTH_CEILING_PCT - GROWTH_FLOOR_PCT
    return {k: min(1.0, max(0.0, (v - GROWTH_FLOOR_PCT) / span)) for k, v in values.items()}


def scale_share_of_best(values: Mapping[str, float]) -> dict[str, float]:
    """Higher is better, relative to the best: v / max (negative → 0); all zero → 1 (does not discriminate)."""
    if not values:
        return {}
    high = max(values.values())
    if high <= 0:
        return dict.fromkeys(values, 1.0)
    return {k: max(0.0, v / high) for k, v in values.items()}


def scale_cost_ratio(values: Mapping[str, float], *, percent: bool = False) -> dict[str, float]:
    """Lower is better, relative to the best: (1 + best) / (1 + v) (for a duty, the price factor ratio)."""
    if not values:
        return {}
    factor = 100.0 if percent else 1.0
    low = min(values.values())
    return {k: (1 + low / factor) / (1 + v / factor) for k, v in values.items()}


def scale_distance(values: Mapping[str, float]) -> dict[str, float]:
    """Closer is better, log scale anchored on the closest: ln(D / d) / ln(D / dmin), D = half the Earth."""
    present = {k: v for k, v in values.items() if v and v > 0}
    if not present:
        return {}
    low = min(present.values())
    if low >= HALF_EARTH_KM:
        return dict.fromkeys(present, 1.0)
    top = math.log(HALF_EARTH_KM / low)
    return {k: min(1.0, max(0.0, math.log(HALF_EARTH_KM / v) / top)) for k, v in present.items()}


Range = tuple[float, float]


def _combine(parts: list[tuple[Range | None, float]]) -> Range | None:
    """Weighted mean of sub-indicator ranges; a missing part (None) spans [0, 1]; None when all are missing."""
    if all(r is None for r, _w in parts):
        return None
    total = sum(w for _r, w in parts if w > 0)
    if total <= 0:
        return None
    low = sum((r[0] if r else 0.0) * w for r, w in parts if w > 0) / total
    high = sum((r[1] if r else 1.0) * w for r, w in parts if w > 0) / total
    return low, high


def _point(value: float | None) -> Range | None:
    return None if value is None else (value, value)


# --------------------------------------------------------------------------------------------------------
# Components: each returns {iso3: (low, high)} for the markets with data, ranges from missing sub-parts
# --------------------------------------------------------------------------------------------------------


def component_demand(markets: list[MarketInputs]) -> dict[str, Range]:
    """Demand: 2/3 import value (log, anchored on the largest) + 1/3 yearly growth (fixed scale), when any market
    has a growth figure (a market without one then spans the growth scale)."""
    present = {m.iso3: m.demand for m in markets if m.demand is not None}
    size = scale_magnitude({k: d.value_usd for k, d in present.items()})
    growth = scale_growth({k: d.growth_pct for k, d in present.items() if d.growth_pct is not None})
    use_growth = DEMAND_PARTS["growth"] if growth else 0.0
    return {
        key: _combine([(_point(size[key]), DEMAND_PARTS["value"]), (_point(growth.get(key)), use_growth)])
        for key in present
    }


def component_size(markets: list[MarketInputs]) -> dict[str, Range]:
    """Country-level size: 1/2 all-goods imports, 1/4 GDP per head (both log, anchored on the largest) and
    1/4 yearly growth of imports (fixed scale)."""
    present = {m.iso3: m.size for m in markets if m.size is not None}
    imports = scale_magnitude({k: s.imports_usd for k, s in present.items() if s.imports_usd is not None})
    income = scale_magnitude(
        {k: s.gdp_per_head_usd for k, s in present.items() if s.gdp_per_head_usd is not None}, INCOME_DECADES
    )
    growth = scale_growth({k: s.growth_pct for k, s in present.items() if s.growth_pct is not None})
    out = {}
    for key in present:
        found = _combine([
            (_point(imports.get(key)), SIZE_PARTS["imports"] if imports else 0.0),
            (_point(income.get(key)), SIZE_PARTS["income"] if income else 0.0),
            (_point(growth.get(key)), SIZE_PARTS["growth"] if growth else 0.0),
        ])
        if found is not None:
            out[key] = found
    return out


def component_foothold(markets: list[MarketInputs]) -> dict[str, Range]:
    """Foothold: Morocco's exports to the market (log, anchored on the largest), within one level of figures."""
    present = {m.iso3: m.foothold for m in markets if m.foothold is not None}
    result: dict[str, Range] = {}
    for level in {f.level for f in present.values()}:
        for key, value in scale_magnitude({k: f.value for k, f in present.items() if f.level == level}).items():
            result[key] = (value, value)
    return result


def component_access(markets: list[MarketInputs]) -> dict[str, Range]:
    """Access: 1/2 preference margin (share of the best margin) + 1/2 total duty paid (price-factor ratio to the
    lowest). The low-value parcel regime is shown and explained but not scored (known for too few markets)."""
    present = {m.iso3: m.access for m in markets if m.access is not None}
    margins = scale_share_of_best({k: a.margin_pp for k, a in present.items() if a.margin_pp is not None})
    totals = scale_cost_ratio({k: a.total_pct for k, a in present.items() if a.total_pct is not None}, percent=True)
    out = {}
    for key in present:
        found = _combine([
            (_point(margins.get(key)), ACCESS_PARTS["margin"] if margins else 0.0),
            (_point(totals.get(key)), ACCESS_PARTS["total"] if totals else 0.0),
        ])
        if found is not None:
            out[key] = found
    return out


def component_proximity(markets: list[MarketInputs]) -> dict[str, Range]:
    """Proximity: 1/2 distance (log, anchored on the closest) + 1/4 common official language + 1/4 colonial tie."""
    present = {m.iso3: m.proximity for m in markets if m.proximity is not None}
    distance = scale_distance({k: p.distance_km for k, p in present.items() if p.distance_km})
    out = {}
    for key, prox in present.items():
        found = _combine([
            (_point(distance.get(key)), PROXIMITY_PARTS["distance"]),
            (_point(None if prox.common_language is None else float(prox.common_language)),
             PROXIMITY_PARTS["language"]),
            (_point(None if prox.colonial_tie is None else float(prox.colonial_tie)), PROXIMITY_PARTS["colonial_tie"]),
        ])
        if found is not None:
            out[key] = found
    return out


def component_burden(markets: list[MarketInputs]) -> dict[str, Range]:
    """Burden: weighted number of requirements, fewer is better (ratio to the lightest)."""
    present = {m.iso3: m.burden for m in markets if m.burden is not None}
    return {k: (v, v) for k, v in scale_cost_ratio({k: b.weight for k, b in present.items()}).items()}


COMPONENT_FUNCTIONS = {
    "demand": component_demand,
    "size": component_size,
    "foothold": component_foothold,
    "access": component_access,
    "proximity": component_proximity,
    "burden": component_burden,
}


def _input_of(market: MarketInputs, name: str):
    return getattr(market, name)


def component_tier(market: MarketInputs, name: str) -> int | None:
    """The source quality tier of a component's figure (None without data)."""
    item = _input_of(market, name)
    if item is None:
        return None
    if item.tier is not None:
        return item.tier
    return tier_of(item.source, getattr(item, "url", ""))


def _headline(market: MarketInputs, name: str) -> tuple[float | None, str, str, int | None, str, dict]:
    """(value, unit, source, year, level, details) shown for a component of a market."""
    if name == "demand" and market.demand:
        d = market.demand
        growth = d.growth_pct
        return (
            d.value_usd, "usd", d.source, d.year, d.level,
            {
                "code": d.code,
                "growth_pct": None if growth is None else round(growth, 2),
                "previous_value_usd": d.previous_value_usd,
                "previous_year": d.previous_year,
                "url": d.url,
                **({"note": d.note} if d.note else {}),
            },
        )
    if name == "size" and market.size:
        s = market.size
        growth = s.growth_pct
        return (
            s.imports_usd, "usd", s.source, s.year, "country",
            {
                "all_goods": True,
                "gdp_per_head_usd": _round(s.gdp_per_head_usd, 0),
                "population": s.population,
                "growth_pct": None if growth is None else round(growth, 2),
                "previous_imports_usd": s.previous_imports_usd,
                "previous_year": s.previous_year,
                "url": s.url,
                "licence": s.licence,
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
                "tier": f.official.tier or tier_of(f.official.source, f.official.url),
            }
        return f.value, f.unit, f.source, f.year, f.level, details
    if name == "access" and market.access:
        a = market.access
        # The headline is the preference margin (points of duty competitors pay and Moroccan goods do not).
        return (
            a.margin_pp, "pp", a.source, a.year, "",
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
                        "tier": tier_of(s.source),
                        "known": s.known,
                    }
                    for s in a.surcharges
                ],
                "parcel_relief": a.parcel_relief,
                "parcel": a.parcel_text,
                "code": a.code,
                **({"source_location": a.source_location} if a.source_location else {}),
            },
        )
    if name == "proximity" and market.proximity:
        p = market.proximity
        return (
            p.distance_km, "km", p.source, p.year, "",
            {"common_official_language": p.common_language, "colonial_tie": p.colonial_tie, "languages": p.languages},
        )
    if name == "burden" and market.burden:
        b = market.burden
        return b.weight, "weighted_requirements", b.source, b.year, "", {"count": b.count, "items": list(b.items)}
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
    if name == "size":
        s = market.size
        return s is not None and (s.imports_usd is not None or s.gdp_per_head_usd is not None)
    return getattr(market, name) is not None


def figures_of(market: MarketInputs) -> list[str]:
    """The components of a market backed by at least one figure."""
    return [name for name in COMPONENTS if has_data(market, name)]


def is_sufficient(market: MarketInputs) -> bool:
    """The data-sufficiency rule: at least `MIN_FIGURES` components with data."""
    return len(figures_of(market)) >= MIN_FIGURES


def _widen(low: float, high: float, top: float) -> Range:
    """A lowest-tier figure's range: from half its conservative value to half-way to the top of the scale."""
    return low / 2, high + (top - high) / 2


def score_markets(markets: list[MarketInputs], weights: Mapping[str, float] | None = None) -> Scored:
    """Score every market as a range; rank the markets with enough figures (see the module docstring).

    Markets failing the data-sufficiency rule are listed apart with their figures but no score, and do not
    take part in the normalisation (so adding a market with too little data never moves the others).
    """
    weights = validate_weights(weights) if weights is not None else dict(DEFAULT_WEIGHTS)
    total_weight = sum(weights.values())
    eligible = [m for m in markets if is_sufficient(m)]
    largest: dict[str, float] = {}
    counts: dict[str, int] = {}
    for m in markets:
        if m.foothold is not None and m.foothold.value > 0:
            level = m.foothold.level
            counts[level] = counts.get(level, 0) + 1
            largest[level] = max(largest.get(level, 0.0), m.foothold.value)
    ranges = {name: COMPONENT_FUNCTIONS[name](eligible) for name in COMPONENTS}
    # The top of each component's observed spread (what a missing component might at most be worth).
    tops = {name: max((r[1] for r in found.values()), default=1.0) for name, found in ranges.items()}
    ranked: list[MarketScore] = []
    insufficient: list[MarketScore] = []
    for market in markets:
        enough = is_sufficient(market)
        present = figures_of(market)
        components = {}
        low_tier = []
        for name in COMPONENTS:
            value, unit, source, year, level, details = _headline(market, name)
            if name == "foothold" and market.foothold is not None:
                f = market.foothold
                details["largest"] = counts.get(f.level, 0) >= 2 and f.value > 0 and f.value == largest[f.level]
            is_present = name in present
            tier = component_tier(market, name) if is_present else None
            found = ranges[name].get(market.iso3) if enough else None
            if found is None:
                low, high = 0.0, tops[name]
            else:
                low, high = found
                if tier == LOW:
                    low, high = _widen(low, high, tops[name])
                    low_tier.append(name)
            w = weights[name]
            components[name] = ComponentScore(
                name=name,
                value=value,
                unit=unit,
                normalised=None if found is None else low,
                weight=w,
                contribution=100 * w * low if enough else 0.0,
                contribution_high=100 * w * high if enough else 0.0,
                source=source or market.missing_reasons.get(name, ""),
                year=year,
                missing=not is_present,
                level=level,
                details=details,
                reason="" if is_present else market.missing_reasons.get(name, ""),
                tier=tier,
                low=low if enough else 0.0,
                high=high if enough else 0.0,
                scope="country" if name == "size" else "product",
            )
        score_low = sum(c.contribution for c in components.values()) if enough else 0.0
        score_high = sum(c.contribution_high for c in components.values()) if enough else 0.0
        result = MarketScore(
            iso3=market.iso3,
            names=market.names,
            score=score_low,
            coverage=sum(weights[n] for n in present) / total_weight if total_weight > 0 else 0.0,
            components=components,
            ranked=enough,
            inputs=market,
            score_low=score_low,
            score_high=score_high,
            figures=len(present),
            low_tier=tuple(low_tier),
        )
        (ranked if enough else insufficient).append(result)
    ranked = order(ranked)
    for position, market in enumerate(ranked, start=1):
        market.rank = position
    insufficient.sort(key=lambda m: m.iso3)
    return Scored(weights=dict(weights), markets=ranked, insufficient=insufficient)


def _key(m: MarketScore) -> tuple:
    return (-round(m.score_low, 9), -m.figures, -round(m.score_high, 9), m.iso3)


def order(markets: list[MarketScore]) -> list[MarketScore]:
    """Best first on the conservative score, under one constraint: a market with fewer figures comes before one
    with more only when its conservative score beats the other's whole range (its `score_high`).

    The constraints point from more figures to fewer, so they never loop; among the markets no remaining
    market must precede, the best conservative score goes next. Each figure count is a queue sorted by score:
    O(n · k²) for n markets and k ≤ 7 distinct counts.
    """
    by_count: dict[int, list[MarketScore]] = {}
    for m in sorted(markets, key=_key):
        by_count.setdefault(m.figures, []).append(m)
    # For each count, the highest score_high still waiting (suffix maxima over the queue).
    suffix_high: dict[int, list[float]] = {}
    for count, queue in by_count.items():
        highs = [0.0] * (len(queue) + 1)
        highs[-1] = -math.inf
        for i in range(len(queue) - 1, -1, -1):
            highs[i] = max(round(queue[i].score_high, 9), highs[i + 1])
        suffix_high[count] = highs
    heads = dict.fromkeys(by_count, 0)
    out: list[MarketScore] = []
    while len(out) < len(markets):
        best = None
        for count, queue in by_count.items():
            i = heads[count]
            if i >= len(queue):
                continue
            candidate = queue[i]
            low = round(candidate.score_low, 9)
            blocked = any(
                other > count and suffix_high[other][heads[other]] >= low
                for other in by_count
                if heads[other] < len(by_count[other])
            )
            if not blocked and (best is None or _key(candidate) < _key(best)):
                best = candidate
        assert best is not None  # the head of the largest count is never blocked
        heads[best.figures] += 1
        out.append(best)
    return out


def translated(value: str | Mapping[str, str], lang: str = "en") -> str:
    """A plain string, or the entry of a {lang: text} mapping for `lang` (English, then any, as fallback)."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None:
        return None
    return round(float(value), digits)
