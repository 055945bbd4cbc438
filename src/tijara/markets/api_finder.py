"""API face of the market finder: /api/v1/markets/finder/… (public reference data, no login needed)."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from tijara.markets.ranking import market_compare, markets_ranked_for

finder_router = Router(tags=["market finder"])


class FinderQuery(Schema):
    weights: str | None = None
    top: int | None = None
    on: date | None = None
    lang: str = "en"
    demand: float | None = None
    size: float | None = None
    foothold: float | None = None
    access: float | None = None
    proximity: float | None = None
    burden: float | None = None


def _weights(q: FinderQuery):
    given = {k: getattr(q, k) for k in ("demand", "size", "foothold", "access", "proximity", "burden") if getattr(q, k) is not None}
    if q.weights and given:
        raise HttpError(400, "Give weights either as weights=demand=0.4,… or as separate parameters, not both.")
    return q.weights or given or None


def _lang(q: FinderQuery) -> str:
    return q.lang if q.lang in ("ar", "fr", "en") else "en"


@finder_router.get("/{hs}", auth=None, summary="Rank foreign markets for a product")
def finder_rank(request, hs: str, q: Query[FinderQuery]):
    """Markets ranked for an HS 2022 heading or subheading: score, coverage, components (value, contribution,
    source, year, missing) and an explanation; `insufficient_data` lists markets with too little data.
    Weights: `weights=demand=0.4,access=0.3` or `demand=0.4&access=0.3` (relative; omitted keep their default)."""
    if q.top is not None and q.top < 1:
        raise HttpError(400, "top must be a positive number.")
    lang = _lang(q)
    with translation.override(lang):
        ranking = markets_ranked_for(hs, weights=_weights(q), on=q.on)
        return ranking.as_dict(top=q.top, lang=lang)


@finder_router.get("/{hs}/compare", auth=None, summary="Compare two to four markets for a product")
def finder_compare(request, hs: str, markets: str, q: Query[FinderQuery]):
    """Two to four markets (comma-separated ISO3 in `markets`) side by side, with the same fields as the ranking."""
    lang = _lang(q)
    with translation.override(lang):
        ranking, chosen = market_compare(hs, markets.split(","), weights=_weights(q), on=q.on)
        return {
            "hs": ranking.hs,
            "weights": {k: round(v, 4) for k, v in ranking.weights.items()},
            "markets": [ranking.market_dict(m, lang) | {"ranked": m.ranked} for m in chosen],
        }
