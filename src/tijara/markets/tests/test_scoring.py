"""Market scoring (pure functions): hand-computed expected scores on small fixtures."""

from __future__ import annotations

import math
from datetime import date

import pytest
from django.utils import translation

from tijara.core.errors import TijaraError
from tijara.markets import scoring
from tijara.markets.scoring import (
    AccessInput,
    BurdenInput,
    DemandInput,
    FootholdInput,
    MarketInputs,
    ProximityInput,
    Surcharge,
    parse_weights,
    score_markets,
    validate_weights,
)

ALPHA = MarketInputs(
    iso3="AAA",
    names={"en": "Alpha", "fr": "Alpha-fr", "ar": "ألفا"},
    demand=DemandInput(1000, 2022, "HS6", "690721", "Stats A", previous_value_usd=800, previous_year=2021),
    foothold=FootholdInput("handicraft", 40, "share_pct", 2024, "Ministry", period="2024-01-01..2024-12-31"),
    access=AccessInput(morocco_pct=0, mfn_pct=10, source="Tariff A", year=2024, agreement="A–Morocco FTA",
                       proof="an origin claim"),
    proximity=ProximityInput(2000, True, False, "CEPII GeoDist", 2011, languages="French"),
)
BETA = MarketInputs(
    iso3="BBB",
    names={"en": "Beta"},
    demand=DemandInput(4000, 2022, "HS6", "690721", "Stats B", previous_value_usd=4000, previous_year=2021),
    foothold=FootholdInput("handicraft", 10, "share_pct", 2024, "Ministry"),
    access=AccessInput(morocco_pct=0, mfn_pct=5, source="Tariff B", year=2024, agreement="B–Morocco AA",
                       proof="EUR.1",
                       surcharges=(Surcharge("surcharge", 10, date(2026, 2, 24), date(2026, 7, 23), "CBP"),)),
    proximity=ProximityInput(8000, False, False, "CEPII GeoDist", 2011),
)
# No demand figure: must be listed apart whatever else it has.
GAMMA = MarketInputs(
    iso3="CCC",
    names={"en": "Gamma"},
    foothold=FootholdInput("handicraft", 20, "share_pct", 2024, "Ministry"),
    proximity=ProximityInput(1000, True, True, "CEPII GeoDist", 2011),
)
# A demand figure but nothing else: too little data.
DELTA = MarketInputs(iso3="DDD", names={"en": "Delta"}, demand=DemandInput(9_000_000, 2022, "HS6", "690721", "S"))

# Hand computation with the default weights (demand .30, access .25, foothold .20, proximity .15, burden .10):
#   demand size   A: ln(1+1000/1000)/ln(1+4000/1000) = ln2/ln5 = 0.430677   B: 1
#   demand growth A: +25%/yr → 1, B: 0% → 0      demand A = 2/3·0.430677 + 1/3 = 0.620451   B = 2/3
#   foothold      A: ln(1+40/10)/ln(5) = 1        B: ln2/ln5 = 0.430677
#   access        margins 10 vs 5 → A 1, B 0; totals 0 vs 10 → A 1, B 0;  A = 1, B = 0
#   proximity     distance A 1, B 0; language A 1, B 0; colonial tie 0 for both
#                 A = .5·1 + .25·1 + .25·0 = 0.75   B = 0
#   burden        missing for both → renormalise over 0.90 of the weight
#   A = 100·(.3·.620451 + .2·1 + .25·1 + .15·.75)/.9 = 83.1817
#   B = 100·(.3·.666667 + .2·.430677)/.9            = 31.7928
EXPECTED_A = 83.1817
EXPECTED_B = 31.7928


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the default language of the site is French)."""
    with translation.override("en"):
        yield


def test_default_weights_sum_to_one_and_cover_every_component():
    assert set(scoring.DEFAULT_WEIGHTS) == set(scoring.COMPONENTS)
    assert math.isclose(sum(scoring.DEFAULT_WEIGHTS.values()), 1.0)


def test_scores_match_hand_computation():
    result = score_markets([ALPHA, BETA])
    by_iso = {m.iso3: m for m in result.markets}
    assert by_iso["AAA"].score == pytest.approx(EXPECTED_A, abs=1e-3)
    assert by_iso["BBB"].score == pytest.approx(EXPECTED_B, abs=1e-3)
    assert [m.iso3 for m in result.markets] == ["AAA", "BBB"]
    assert [m.rank for m in result.markets] == [1, 2]
    alpha = by_iso["AAA"].components
    assert alpha["demand"].normalised == pytest.approx(0.620451, abs=1e-5)
    assert alpha["proximity"].normalised == pytest.approx(0.75)
    assert by_iso["BBB"].components["foothold"].normalised == pytest.approx(0.430677, abs=1e-5)


def test_contributions_add_up_to_the_score_and_missing_components_contribute_nothing():
    market = score_markets([ALPHA, BETA]).markets[0]
    assert sum(c.contribution for c in market.components.values()) == pytest.approx(market.score)
    burden = market.components["burden"]
    assert burden.missing and burden.contribution == 0 and burden.normalised is None
    assert market.coverage == pytest.approx(0.9)


def test_changing_weights_changes_the_ranking_predictably():
    # Demand only: A = 62.0451, B = 66.6667 → Beta first.
    result = score_markets([ALPHA, BETA], parse_weights("demand=1,access=0,foothold=0,proximity=0,burden=0"))
    assert [m.iso3 for m in result.markets] == ["BBB", "AAA"]
    assert result.markets[0].score == pytest.approx(66.6667, abs=1e-3)
    assert result.markets[1].score == pytest.approx(62.0451, abs=1e-3)
    assert result.markets[0].coverage == pytest.approx(1.0)
    # Access only: A = 100, B = 0.
    result = score_markets([ALPHA, BETA], parse_weights("demand=0,access=1,foothold=0,proximity=0,burden=0"))
    assert [(m.iso3, round(m.score, 4)) for m in result.markets] == [("AAA", 100.0), ("BBB", 0.0)]


def test_raising_one_weight_moves_scores_in_the_expected_direction():
    base = {m.iso3: m.score for m in score_markets([ALPHA, BETA]).markets}
    heavier_demand = {m.iso3: m.score for m in score_markets([ALPHA, BETA], {"demand": 0.9}).markets}
    # Beta is stronger than Alpha on demand only, so weighting demand helps Beta relative to Alpha.
    assert heavier_demand["BBB"] - heavier_demand["AAA"] > base["BBB"] - base["AAA"]


def test_market_without_demand_or_with_one_component_is_listed_apart_and_changes_nothing():
    result = score_markets([ALPHA, BETA, GAMMA, DELTA])
    assert [m.iso3 for m in result.markets] == ["AAA", "BBB"]
    assert [m.iso3 for m in result.insufficient] == ["CCC", "DDD"]
    # Delta's huge demand is not part of the normalisation: the ranked scores are unchanged.
    assert result.markets[0].score == pytest.approx(EXPECTED_A, abs=1e-3)
    gamma = result.insufficient[0]
    assert gamma.components["demand"].missing
    assert not gamma.components["foothold"].missing and gamma.components["foothold"].value == 20
    assert gamma.score == 0 and gamma.rank is None


def test_every_component_carries_source_and_year():
    market = score_markets([ALPHA, BETA]).markets[0]
    assert market.components["demand"].source == "Stats A" and market.components["demand"].year == 2022
    assert market.components["proximity"].source == "CEPII GeoDist"
    assert market.components["demand"].details["growth_pct"] == pytest.approx(25.0)


def test_burden_lower_is_better():
    a = MarketInputs(**{**ALPHA.__dict__, "burden": BurdenInput(2, 2.0, "KB", 2026)})
    b = MarketInputs(**{**BETA.__dict__, "burden": BurdenInput(6, 5.0, "KB", 2026)})
    result = score_markets([a, b])
    by_iso = {m.iso3: m for m in result.markets}
    assert by_iso["AAA"].components["burden"].normalised == 1.0
    assert by_iso["BBB"].components["burden"].normalised == 0.0
    assert by_iso["AAA"].coverage == pytest.approx(1.0)


def test_unknown_surcharge_makes_the_total_duty_unknown_but_keeps_the_margin():
    access = AccessInput(morocco_pct=0, mfn_pct=8.5, source="HTS", year=2024,
                         surcharges=(Surcharge("after Jul 2026", None, date(2026, 7, 24), None, "CBP", known=False),))
    assert access.total_pct is None
    assert access.margin_pp == pytest.approx(8.5)


def test_scaling_functions():
    assert scoring.scale_magnitude({"a": 0, "b": 7, "c": 44}) == pytest.approx(
        {"a": 0.0, "b": math.log(2) / math.log(1 + 44 / 7), "c": 1.0}
    )
    assert scoring.scale_linear({"a": 3, "b": 3}) == {"a": 1.0, "b": 1.0}
    assert scoring.scale_linear({"a": 0, "b": 10}, higher_is_better=False) == {"a": 1.0, "b": 0.0}
    assert scoring.scale_distance({"near": 1000, "mid": math.sqrt(1000 * 10000), "far": 10000}) == pytest.approx(
        {"near": 1.0, "mid": 0.5, "far": 0.0}
    )


def test_growth_is_not_scored_when_only_one_market_has_it():
    beta_without_growth = MarketInputs(**{**BETA.__dict__, "demand": DemandInput(4000, 2022, "HS6", "690721", "S")})
    result = score_markets([ALPHA, beta_without_growth])
    alpha = next(m for m in result.markets if m.iso3 == "AAA")
    assert alpha.components["demand"].normalised == pytest.approx(math.log(2) / math.log(5))


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("demand", "Malformed"),
        ("demand=abc", "number"),
        ("price=0.5", "Unknown weight"),
        ("demand=-1", "between 0 and"),
        ("demand=nan", "between 0 and"),
        ("demand=1000", "between 0 and"),
        ("demand=0.2,demand=0.3", "twice"),
        ("demand=0,access=0,foothold=0,proximity=0,burden=0", "above zero"),
        (",,", "No weight"),
    ],
)
def test_malformed_weights_are_rejected_with_a_clear_message(text, fragment):
    with pytest.raises(TijaraError) as info:
        parse_weights(text)
    assert info.value.code == "invalid_weights"
    assert fragment.lower() in info.value.message.lower()


def test_weights_are_relative_and_omitted_ones_keep_their_default():
    weights = parse_weights("demand=0.4, access=0.3")
    total = 0.4 + 0.3 + 0.2 + 0.15 + 0.10
    assert weights["demand"] == pytest.approx(0.4 / total)
    assert weights["burden"] == pytest.approx(0.10 / total)
    assert validate_weights({"demand": 2, "access": 2, "foothold": 0, "proximity": 0, "burden": 0}) == {
        "demand": 0.5, "foothold": 0.0, "access": 0.5, "proximity": 0.0, "burden": 0.0
    }
    assert parse_weights(None) == scoring.DEFAULT_WEIGHTS


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_explanation_names_numbers_with_sources_in_each_language(lang):
    result = score_markets([ALPHA, BETA])
    beta = next(m for m in result.markets if m.iso3 == "BBB")
    text = beta.explanation(lang)
    assert "Stats B" in text and "2022" in text  # demand figure with its source and year
    assert "Tariff B" in text  # access with its source
    assert "10" in text  # the surcharge rate
    assert "2026" in text  # with its dates
    assert scoring.COMPONENT_LABELS[lang]["burden"] in text  # what is missing is said
    alpha = next(m for m in result.markets if m.iso3 == "AAA").explanation(lang)
    assert "40" in alpha and "Ministry" in alpha


def test_explanation_puts_the_strongest_component_first():
    alpha = score_markets([ALPHA, BETA]).markets[0]
    text = alpha.explanation("en")
    # Access (25 points of 83) is Alpha's largest contribution.
    assert text.startswith("Duty-free with an origin claim under the A–Morocco FTA, versus 10% MFN")
    # Alpha has the largest official handicraft share of the markets listed (40% vs 10% and 20%).
    assert "the largest buyer of Moroccan handicrafts: 40%" in text
    assert "largest buyer" not in score_markets([ALPHA, BETA]).markets[1].explanation("en")
    assert score_markets([ALPHA, BETA]).markets[1].explanation("en").count("0% duty") == 0
    assert text.lower().index("duty") < text.index("imports")


# ---------------------------------------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_values = st.floats(min_value=1, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def _markets(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    out = []
    for i in range(n):
        demand = DemandInput(draw(_values), 2022, "HS6", "690721", "S") if draw(st.booleans()) else None
        foothold = FootholdInput("handicraft", draw(st.floats(0, 100)), "share_pct", 2024, "M") if draw(
            st.booleans()) else None
        access = AccessInput(morocco_pct=0, mfn_pct=draw(st.floats(0, 40)), source="T", year=2024) if draw(
            st.booleans()) else None
        proximity = ProximityInput(draw(st.floats(100, 20000)), draw(st.booleans()), draw(st.booleans()), "G",
                                   2011) if draw(st.booleans()) else None
        out.append(MarketInputs(iso3=f"M{i:02d}", names={"en": f"M{i}"}, demand=demand, foothold=foothold,
                                access=access, proximity=proximity))
    return out


@settings(max_examples=150, deadline=None)
@given(_markets(), st.dictionaries(st.sampled_from(scoring.COMPONENTS), st.floats(0, 100), max_size=5))
def test_scores_are_bounded_and_add_up(markets, weights):
    if weights and sum({**scoring.DEFAULT_WEIGHTS, **weights}.values()) <= 0:
        return
    result = score_markets(markets, weights or None)
    assert len(result.markets) + len(result.insufficient) == len(markets)
    for market in result.markets:
        assert -1e-9 <= market.score <= 100 + 1e-9
        assert sum(c.contribution for c in market.components.values()) == pytest.approx(market.score)
        assert not market.components["demand"].missing
    for market in result.insufficient:
        assert market.score == 0 and all(c.contribution == 0 for c in market.components.values())
    scores = [m.score for m in result.markets]
    # descending, up to float noise (ties in value may be ordered by name)
    assert all(a >= b - 1e-9 for a, b in zip(scores, scores[1:], strict=False))


@settings(max_examples=100, deadline=None)
@given(_markets(), st.floats(min_value=1.01, max_value=1000))
def test_more_imports_never_lower_a_markets_demand_score(markets, factor):
    ranked = [m for m in markets if scoring.is_sufficient(m)]
    if not ranked:
        return
    target = ranked[0]
    before = score_markets(markets).markets
    grown = MarketInputs(**{**target.__dict__, "demand": DemandInput(target.demand.value_usd * factor, 2022, "HS6",
                                                                         "690721", "S")})
    after = score_markets([grown if m is target else m for m in markets]).markets
    old = next(m for m in before if m.iso3 == target.iso3).components["demand"].normalised
    new = next(m for m in after if m.iso3 == target.iso3).components["demand"].normalised
    assert new >= old - 1e-9
