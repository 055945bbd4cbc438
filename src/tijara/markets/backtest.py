"""Back-test of the market finder where two years of bilateral flows exist (BACI/Comtrade imports).

Rank markets with the data of `year_from` only, then compare the scores with what Morocco actually exported
to each market in `year_to` (level) and with the change between the two years. A useful ranking puts the
markets where Moroccan exports end up high (or grow) near the top: Spearman rank correlations say how much.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.markets import selectors
from tijara.markets.ranking import MOROCCO, hs_checked, markets_ranked_for


@dataclass
class BacktestResult:
    """Scores of year_from against Morocco's exports in year_to; Spearman ρ is None below three markets."""

    hs: str
    year_from: int
    year_to: int
    rows: list[dict] = field(default_factory=list)
    spearman_level: float | None = None
    spearman_change: float | None = None
    source: str = ""

    def as_dict(self) -> dict:
        return {
            "hs": self.hs,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "markets": self.rows,
            "spearman_scores_vs_exports": self.spearman_level,
            "spearman_scores_vs_export_change": self.spearman_change,
            "n": len(self.rows),
            "source": self.source,
        }


def _ranks(values: list[float]) -> list[float]:
    """Ranks with ties averaged (1 = smallest)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: list[float], y: list[float]) -> float | None:
    """Spearman's rank correlation (Pearson on tie-averaged ranks); None when undefined."""
    if len(x) != len(y) or len(x) < 3:
        return None
    rx, ry = _ranks(x), _ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return None
    return cov / (vx * vy) ** 0.5


def backtest_flows(hs: str, *, year_from: int, year_to: int, weights=None) -> BacktestResult:
    """Score markets with `year_from` data; correlate with Morocco's exports in `year_to` and their change."""
    code, _notes = hs_checked(hs)
    if year_to <= year_from:
        raise TijaraError("backtest_years", _("The second year must come after the first."), field="years")
    flows = [f for f in selectors.morocco_exports(hs=code) if f.kind == "trade_flow" and f.country_iso3]
    years = {f.year for f in flows}
    if year_from not in years or year_to not in years:
        raise TijaraError(
            "backtest_data",
            _("A back-test needs imported trade flows (BACI or Comtrade) for HS %(code)s in %(a)s and %(b)s; "
              "years with Moroccan flows: %(years)s.")
            % {"code": code, "a": year_from, "b": year_to, "years": ", ".join(map(str, sorted(years))) or "—"},
        )
    exports = {y: {f.country_iso3: float(f.value) for f in flows if f.year == y} for y in (year_from, year_to)}
    ranking = markets_ranked_for(code, origin=MOROCCO, weights=weights, until_year=year_from)
    rows = []
    for market in ranking.markets:
        before = exports[year_from].get(market.iso3, 0.0)
        after = exports[year_to].get(market.iso3, 0.0)
        rows.append({"iso3": market.iso3, "rank": market.rank, "score": round(market.score, 2),
                     "exports_from_usd": before, "exports_to_usd": after, "change_usd": after - before})
    scores = [r["score"] for r in rows]
    return BacktestResult(
        hs=code,
        year_from=year_from,
        year_to=year_to,
        rows=rows,
        spearman_level=spearman(scores, [r["exports_to_usd"] for r in rows]),
        spearman_change=spearman(scores, [r["change_usd"] for r in rows]),
        source=ranking.demand_source,
    )


@dataclass
class OfficialBacktest:
    """The ranking against the official destination figures of Moroccan handicraft exports (press-relayed).

    `spearman_share`: Spearman ρ between the conservative score and the latest official share, over the
    destinations that have a share (few: the ministry publishes the top destinations only).
    `auc_named`: probability that a destination named in any official figure outranks a ranked market never
    named (Mann–Whitney, ties count half) — a rank measure over every ranked market.
    """

    hs: str
    weights: dict[str, float]
    shares: dict[str, float]
    positions: dict[str, int]
    spearman_share: float | None
    auc_named: float | None
    named_ranked: int
    ranked: int

    def as_dict(self) -> dict:
        return {"hs": self.hs, "weights": {k: round(v, 4) for k, v in self.weights.items()}, "shares": self.shares,
                "positions": self.positions, "spearman_share": self.spearman_share, "auc_named": self.auc_named,
                "named_ranked": self.named_ranked, "ranked": self.ranked}


def backtest_official(hs: str, *, weights=None) -> OfficialBacktest:
    """Compare the ranking of `hs` with the official handicraft export destinations (no weight is fitted here)."""
    from tijara.markets.ranking import _static

    ranking = markets_ranked_for(hs, weights=weights)
    shares = {iso3: f.value for iso3, f in _static().handicraft.items()}
    named = set(selectors.HANDICRAFT_DESTINATIONS.values())
    positions = {m.iso3: m.rank for m in ranking.markets}
    scores = {m.iso3: m.score_low for m in ranking.markets}
    with_share = [iso3 for iso3 in shares if iso3 in scores]
    rho = spearman([scores[c] for c in with_share], [shares[c] for c in with_share])
    inside = [positions[c] for c in positions if c in named]
    outside = [positions[c] for c in positions if c not in named]
    auc = None
    if inside and outside:
        wins = sum(1.0 if a < b else 0.5 if a == b else 0.0 for a in inside for b in outside)
        auc = wins / (len(inside) * len(outside))
    return OfficialBacktest(hs=ranking.hs, weights=ranking.weights, shares={c: shares[c] for c in with_share},
                            positions={c: positions[c] for c in sorted(positions) if c in named}, spearman_share=rho,
                            auc_named=auc, named_ranked=len(inside), ranked=len(positions))
