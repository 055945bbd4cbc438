"""Market scoring (pure functions): ranges, conservative ranking, tiers — hand-computed figures and properties."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from tijara.core.errors import TijaraError
from tijara.markets import explain, scoring
from tijara.markets.scoring import (
    AccessInput,
    BurdenInput,
    DemandInput,
    FootholdInput,
    MarketInputs,
    ProximityInput,
    SizeInput,
    Surcharge,
    parse_weights,
    score_markets,
    validate_weights,
)
from tijara.markets.tiers import INTERNATIONAL, LOW, OFFICIAL, PRESS, tier_of

ALPHA = MarketInputs(
    iso3="AAA",
    names={"en": "Alpha", "fr": "Alpha-fr", "ar": "ألفا"},
    demand=DemandInput(1000, 2022, "HS6", "690721", "UN Comtrade", previous_value_usd=1000, previous_year=2021),
    size=SizeInput(1e9, 2024, 10_000, 5e6, "World Bank WDI", previous_imports_usd=1e9, previous_year=2019),
    foothold=FootholdInput("handicraft", 40, "share_pct", 2024, "Le360 (citing the Ministry)",
                           period="2024-01-01..2024-12-31"),
    access=AccessInput(morocco_pct=0, mfn_pct=10, source="USITC HTS", year=2024, agreement="A–Morocco FTA",
                       proof="an origin claim"),
    proximity=ProximityInput(2000, True, False, "CEPII GeoDist", 2011, languages="French"),
    burden=BurdenInput(2, 2.0, "EUR-Lex", 2026, tier=OFFICIAL),
)
BETA = MarketInputs(
    iso3="BBB",
    names={"en": "Beta"},
    demand=DemandInput(100_000, 2022, "HS6", "690721", "UN Comtrade", previous_value_usd=100_000, previous_year=2021),
    size=SizeInput(1e11, 2024, 1_000, 5e7, "World Bank WDI", previous_imports_usd=1e11, previous_year=2019),
    foothold=FootholdInput("handicraft", 4, "share_pct", 2024, "Le360 (citing the Ministry)"),
    access=AccessInput(morocco_pct=0, mfn_pct=5, source="USITC HTS", year=2024, agreement="B–Morocco AA",
                       proof="EUR.1",
                       surcharges=(Surcharge("surcharge", 10, date(2026, 2, 24), date(2026, 7, 23), "CBP"),)),
    proximity=ProximityInput(20_015, False, False, "CEPII GeoDist", 2011),
    burden=BurdenInput(4, 5.0, "EUR-Lex", 2026, tier=OFFICIAL),
)
# Hand computation, default weights (demand .20, size .10, foothold .20, access .25, proximity .15, burden .10):
#   demand   value: A 1 + log10(1000/100000)/4 = 0.5, B 1; growth 0 % → 0.5 for both
#            A = 2/3·0.5 + 1/3·0.5 = 0.5          B = 2/3·1 + 1/3·0.5 = 0.833333
#   size     imports: A 1 + log10(1e9/1e11)/4 = 0.5, B 1; income (2 decades): A 1, B 1 + log10(0.1)/2 = 0.5;
#            growth 0 % → 0.5;  A = .5·.5 + .25·1 + .25·.5 = 0.625   B = .5·1 + .25·.5 + .25·.5 = 0.75
#   foothold A 1, B 1 + log10(4/40)/4 = 0.75
#   access   margin 10 vs 5 → A 1, B 0.5; total 0 vs 10 % → A 1, B 1/1.1 = 0.909091
#            A = 1   B = .5·.5 + .5·0.909091 = 0.704545
#   proximity distance: A ln(20015/2000)/ln(20015/2000) = 1, B 0; language A 1, B 0; colony 0
#            A = .5 + .25 = 0.75   B = 0
#   burden   A 1, B (1+2)/(1+5) = 0.5
#   A = 100·(.2·.5 + .1·.625 + .2·1 + .25·1 + .15·.75 + .1·1) = 82.5
#   B = 100·(.2·.833333 + .1·.75 + .2·.75 + .25·.704545 + .15·0 + .1·.5) = 61.7803
EXPECTED_A = 82.5
EXPECTED_B = 61.7803


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the default language of the site is French)."""
    with translation.override("en"):
        yield


def by_iso(result):
    return {m.iso3: m for m in [*result.markets, *result.insufficient]}


def test_default_weights_sum_to_one_and_cover_every_component():
    assert set(scoring.DEFAULT_WEIGHTS) == set(scoring.COMPONENTS)
    assert math.isclose(sum(scoring.DEFAULT_WEIGHTS.values()), 1.0)


def test_scales_are_anchored_on_one_end():
    assert scoring.scale_magnitude({"a": 0, "b": 100, "c": 10_000}) == pytest.approx({"a": 0, "b": 0.5, "c": 1})
    assert scoring.scale_magnitude({"tiny": 1, "big": 1e9})["tiny"] == 0  # beyond four decades
    assert scoring.scale_growth({"a": -20, "b": 0, "c": 5, "d": 25}) == pytest.approx(
        {"a": 0, "b": 0.5, "c": 0.75, "d": 1})
    assert scoring.scale_distance({"near": 1000, "far": 20_015}) == pytest.approx({"near": 1, "far": 0})
    assert scoring.scale_cost_ratio({"a": 0, "b": 10}, percent=True) == pytest.approx({"a": 1, "b": 1 / 1.1})
    assert scoring.scale_share_of_best({"a": 10, "b": 5, "c": -1}) == {"a": 1, "b": 0.5, "c": 0}


def test_scores_match_hand_computation_and_full_data_gives_a_point():
    result = score_markets([ALPHA, BETA])
    markets = by_iso(result)
    assert markets["AAA"].score_low == pytest.approx(EXPECTED_A, abs=1e-3)
    assert markets["AAA"].score_high == pytest.approx(EXPECTED_A, abs=1e-3)
    assert markets["BBB"].score == pytest.approx(EXPECTED_B, abs=1e-3)
    assert [m.iso3 for m in result.markets] == ["AAA", "BBB"]
    assert markets["BBB"].components["access"].normalised == pytest.approx(0.704545, abs=1e-5)
    assert markets["AAA"].components["size"].normalised == pytest.approx(0.625)
    assert markets["AAA"].components["size"].scope == "country"
    assert markets["AAA"].figures == 6 and markets["AAA"].total == 6


def test_a_missing_component_spans_from_zero_to_the_best_observed():
    alpha = replace(ALPHA, burden=None)
    result = by_iso(score_markets([alpha, BETA]))["AAA"]
    burden = result.components["burden"]
    assert burden.missing and burden.contribution == 0 and burden.normalised is None
    # Beta (the only burden figure) is the best observed: 1 on the ratio scale.
    assert burden.contribution_high == pytest.approx(10.0)
    assert result.score_low == pytest.approx(EXPECTED_A - 10, abs=1e-3)
    assert result.score_high == pytest.approx(EXPECTED_A, abs=1e-3)
    assert explain.score_range_text(result, "en") == "72–83, based on 5 of 6 figures"  # floor and ceiling


def test_lowest_tier_figure_widens_its_component_and_is_said():
    shop = replace(ALPHA, demand=replace(ALPHA.demand, source="Made-in-China.com Trade Resources, citing UN Comtrade"))
    result = by_iso(score_markets([shop, BETA]))["AAA"]
    demand = result.components["demand"]
    assert demand.tier == LOW and result.low_tier == ("demand",)
    # From half its value (0.5) to half-way to the best observed (Beta's 0.833333).
    assert demand.low == pytest.approx(0.25)
    assert demand.high == pytest.approx(0.5 + (0.833333 - 0.5) / 2, abs=1e-5)
    assert "blog, shop or marketing page" in result.explanation("en")


def test_fewer_figures_rank_above_more_only_when_they_beat_the_whole_range():
    def market(iso3, figures, low, high):
        return scoring.MarketScore(iso3=iso3, names={"en": iso3}, score=low, coverage=0, components={}, ranked=True,
                                   inputs=MarketInputs(iso3=iso3, names={}), score_low=low, score_high=high,
                                   figures=figures)

    full = market("FUL", 6, 50, 50)
    thin_but_high = market("THN", 3, 55, 95)
    thin_overlapping = market("OVL", 4, 48, 90)
    wide = market("WID", 5, 40, 60)
    ordered = [m.iso3 for m in scoring.order([full, thin_but_high, thin_overlapping, wide])]
    # THN (3 figures, 55) beats FUL's whole range (50) but neither WID's (60) nor OVL's (90); OVL (4 figures, 48)
    # beats neither FUL (50) nor WID (60).
    assert ordered == ["FUL", "WID", "OVL", "THN"]
    # Alone with FUL, THN comes first: its known figures beat FUL's whole range.
    assert [m.iso3 for m in scoring.order([full, thin_but_high])] == ["THN", "FUL"]


def test_market_with_too_few_figures_is_listed_apart_and_changes_nothing():
    gamma = MarketInputs(iso3="CCC", names={"en": "Gamma"}, demand=DemandInput(9e9, 2022, "HS6", "690721", "S"),
                         proximity=ProximityInput(100, True, True, "CEPII GeoDist", 2011))
    result = score_markets([ALPHA, BETA, gamma])
    assert [m.iso3 for m in result.markets] == ["AAA", "BBB"]
    assert [m.iso3 for m in result.insufficient] == ["CCC"]
    assert result.markets[0].score == pytest.approx(EXPECTED_A, abs=1e-3)  # Gamma's demand anchors nothing
    gamma_scored = result.insufficient[0]
    assert gamma_scored.score == 0 and gamma_scored.rank is None and gamma_scored.figures == 2
    sentence = explain.not_ranked_sentence(gamma_scored, "en")
    assert sentence.startswith("Gamma is not ranked: 2 of 6 figures") and "at least 3" in sentence


def test_weights_change_the_ranking_predictably():
    result = score_markets([ALPHA, BETA], parse_weights("demand=1,size=0,access=0,foothold=0,proximity=0,burden=0"))
    assert [m.iso3 for m in result.markets] == ["BBB", "AAA"]
    assert result.markets[0].score == pytest.approx(83.3333, abs=1e-3)
    result = score_markets([ALPHA, BETA], {"proximity": 100, "demand": 0})
    assert [m.iso3 for m in result.markets] == ["AAA", "BBB"]


def test_every_component_carries_source_year_and_tier():
    market = score_markets([ALPHA, BETA]).markets[0]
    assert market.components["demand"].source == "UN Comtrade" and market.components["demand"].year == 2022
    assert market.components["demand"].tier == OFFICIAL
    assert market.components["foothold"].tier == PRESS
    assert market.components["access"].as_dict()["tier"] == OFFICIAL
    assert market.components["size"].tier == INTERNATIONAL


@pytest.mark.parametrize(
    "source, tier",
    [
        ("USITC Harmonized Tariff Schedule of the United States (2024 export)", OFFICIAL),
        ("Tarif extérieur commun de l'UE 2020 (NPF), publié par le DIT britannique", OFFICIAL),
        ("CEPII GeoDist dyadic file", OFFICIAL),
        ("World Bank, World Development Indicators", INTERNATIONAL),
        ("Atlasinfo (with MAP), government spokesman", PRESS),
        ("Risalat 24 (via Maghress), citing Ministry of Tourism/Crafts", PRESS),
        ("Made-in-China.com Trade Resources ('Global Carpet Industry Requirements Analysis'), citing UN Comtrade", LOW),
        ("Background knowledge (not re-read)", LOW),
        ("Someone's page", LOW),
        ("", LOW),
    ],
)
def test_source_tiers(source, tier):
    assert tier_of(source) == tier


def test_unknown_surcharge_makes_the_total_duty_unknown_but_keeps_the_margin():
    access = AccessInput(morocco_pct=0, mfn_pct=8.5, source="HTS", year=2024,
                         surcharges=(Surcharge("after Jul 2026", None, date(2026, 7, 24), None, "CBP", known=False),))
    assert access.total_pct is None
    assert access.margin_pp == pytest.approx(8.5)


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
        ("demand=0,size=0,access=0,foothold=0,proximity=0,burden=0", "above zero"),
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
    total = 0.4 + 0.1 + 0.3 + 0.2 + 0.15 + 0.10
    assert weights["demand"] == pytest.approx(0.4 / total)
    assert weights["burden"] == pytest.approx(0.10 / total)
    assert validate_weights({"demand": 2, "access": 2, "size": 0, "foothold": 0, "proximity": 0, "burden": 0}) == {
        "demand": 0.5, "size": 0.0, "foothold": 0.0, "access": 0.5, "proximity": 0.0, "burden": 0.0
    }
    assert parse_weights(None) == scoring.DEFAULT_WEIGHTS


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_explanation_names_numbers_with_sources_in_each_language(lang):
    alpha = replace(ALPHA, burden=None)
    result = by_iso(score_markets([alpha, BETA]))
    beta = result["BBB"].explanation(lang)
    assert "UN Comtrade" in beta and "2022" in beta  # demand figure with its source and year
    assert "USITC HTS" in beta  # access with its source
    assert "10" in beta and "2026" in beta  # the surcharge rate with its dates
    assert "World Bank WDI" in beta
    text = result["AAA"].explanation(lang)
    assert explain.component_label("burden", lang) in text  # what is missing is said
    assert "40" in text and "Le360" in text
    assert explain.component_label("size", lang) != "size"


def test_explanation_puts_the_strongest_component_first():
    alpha = score_markets([ALPHA, BETA]).markets[0]
    text = alpha.explanation("en")
    # Access (25 points of 82.5) is Alpha's largest contribution.
    assert text.startswith("Duty-free with an origin claim under the A–Morocco FTA, versus 10% MFN")
    assert "the largest buyer of Moroccan handicrafts: 40%" in text
    assert "country-level market size, not demand for this product" in text
    assert "largest buyer" not in score_markets([ALPHA, BETA]).markets[1].explanation("en")


# ---------------------------------------------------------------------------------------------- properties

_values = st.floats(min_value=1, max_value=1e12, allow_nan=False, allow_infinity=False)
_sources = st.sampled_from(["UN Comtrade", "Le360 press", "Made-in-China.com shop"])


@st.composite
def _markets(draw):
    n = draw(st.integers(min_value=2, max_value=7))
    out = []
    for i in range(n):
        def maybe(value):
            return value if draw(st.booleans()) else None

        prev = draw(st.one_of(st.none(), _values))
        demand = maybe(DemandInput(draw(_values), 2022, "HS6", "690721", draw(_sources),
                                   previous_value_usd=prev, previous_year=2019 if prev else None))
        size = maybe(SizeInput(draw(_values), 2024, draw(st.floats(100, 200_000)), 1e6, "World Bank WDI",
                               previous_imports_usd=draw(_values), previous_year=2019))
        foothold = maybe(FootholdInput("handicraft", draw(st.floats(0, 100)), "share_pct", 2024, draw(_sources)))
        access = maybe(AccessInput(morocco_pct=draw(st.sampled_from([0.0, 2.5])), mfn_pct=draw(st.floats(0, 40)),
                                   source="USITC", year=2024))
        proximity = maybe(ProximityInput(draw(st.floats(100, 20000)), draw(st.booleans()), draw(st.booleans()),
                                         "CEPII", 2011))
        burden = maybe(BurdenInput(3, draw(st.floats(0, 12)), "EUR-Lex", 2026, tier=draw(st.sampled_from([1, 4]))))
        out.append(MarketInputs(iso3=f"M{i:02d}", names={"en": f"M{i}"}, demand=demand, size=size,
                                foothold=foothold, access=access, proximity=proximity, burden=burden))
    return out


_weights = st.dictionaries(st.sampled_from(scoring.COMPONENTS), st.floats(0, 100), max_size=6)


def _usable(weights):
    return not weights or sum({**scoring.DEFAULT_WEIGHTS, **weights}.values()) > 0


@settings(max_examples=200, deadline=None)
@given(_markets(), _weights)
def test_scores_are_bounded_ranges_that_add_up(markets, weights):
    if not _usable(weights):
        return
    result = score_markets(markets, weights or None)
    assert len(result.markets) + len(result.insufficient) == len(markets)
    for market in result.markets:
        assert -1e-9 <= market.score_low <= market.score_high + 1e-9 <= 100 + 2e-9
        assert sum(c.contribution for c in market.components.values()) == pytest.approx(market.score_low)
        assert sum(c.contribution_high for c in market.components.values()) == pytest.approx(market.score_high)
        assert market.figures >= scoring.MIN_FIGURES
    for market in result.insufficient:
        assert market.score == 0 and all(c.contribution == 0 for c in market.components.values())
    # The ordering rule: fewer figures above more only when the conservative end beats the other's whole range.
    for i, upper in enumerate(result.markets):
        for lower in result.markets[i + 1:]:
            if upper.figures < lower.figures:
                assert round(upper.score_low, 9) > round(lower.score_high, 9)


def _position(result, iso3):
    ranked = [m.iso3 for m in result.markets]
    return ranked.index(iso3) if iso3 in ranked else math.inf


@settings(max_examples=300, deadline=None)
@given(_markets(), _weights, st.data())
def test_deleting_a_figure_never_raises_its_conservative_score_nor_lowers_another(markets, weights, data):
    # The market that loses a figure never gains on its conservative end, nor does any other market lose on its;
    # its position can improve only through the fewer-figures rule: its upper end rises (the missing component now
    # spans the scale), so a market with fewer figures above it may no longer beat its whole range. The two promises
    # (fewer figures above more only when they beat the whole range; deleting a figure never helps) cannot both hold.
    if not _usable(weights):
        return
    before = score_markets(markets, weights or None)
    if not before.markets:
        return
    target = data.draw(st.sampled_from(before.markets)).inputs
    present = scoring.figures_of(target)
    name = data.draw(st.sampled_from(present))
    thinner = replace(target, **{name: None})
    after = score_markets([thinner if m is target else m for m in markets], weights or None)
    low_before = {m.iso3: m.score_low for m in before.markets + before.insufficient}
    low_after = {m.iso3: m.score_low for m in after.markets + after.insufficient}
    assert low_after[target.iso3] <= low_before[target.iso3] + 1e-9
    assert all(low_after[iso3] >= low_before[iso3] - 1e-9 for iso3 in low_before if iso3 != target.iso3)
    if _position(after, target.iso3) < _position(before, target.iso3):
        ranked_before = [m.iso3 for m in before.markets]
        passed = ranked_before[_position(after, target.iso3):_position(before, target.iso3)]
        figures = {m.iso3: m.figures for m in after.markets}
        assert all(figures[iso3] < figures[target.iso3] for iso3 in passed if iso3 in figures)


@settings(max_examples=100, deadline=None)
@given(_markets(), st.floats(min_value=1.01, max_value=1000))
def test_more_imports_never_lower_a_markets_demand_score(markets, factor):
    ranked = [m for m in markets if scoring.is_sufficient(m) and m.demand is not None]
    if not ranked:
        return
    target = ranked[0]
    before = by_iso(score_markets(markets))[target.iso3].components["demand"].low
    grown = replace(target, demand=replace(target.demand, value_usd=target.demand.value_usd * factor))
    after = by_iso(score_markets([grown if m is target else m for m in markets]))[target.iso3].components["demand"].low
    assert after >= before - 1e-9


def test_arabic_explanations_isolate_latin_source_names():
    text = score_markets([ALPHA, BETA]).markets[0].explanation("ar")
    assert "\u2068USITC HTS\u2069" in text and "\u2068CEPII GeoDist\u2069" in text
    assert "\u2068" not in score_markets([ALPHA, BETA]).markets[0].explanation("fr")


@pytest.mark.parametrize(
    "source, url, site, tier",
    [
        ("", "https://www.mido.com/en/visit", "https://www.mido.com", OFFICIAL),  # the organiser's own site
        ("", "https://www.meuble-info.fr/maison-objet-2026", "https://www.maison-objet.com", PRESS),
        ("", "https://smithvillagefurniture.net/high-point", "https://www.highpointmarket.org", LOW),
        ("", "https://www.maroc.ma/fr/actualites/x", "", OFFICIAL),
    ],
)
def test_fair_date_tiers_count_the_organisers_own_site_as_official(source, url, site, tier):
    assert tier_of(source, url, site) == tier


def test_arabic_numbers_follow_the_moroccan_locale_and_data_texts_are_isolated():
    alpha = replace(ALPHA, foothold=replace(ALPHA.foothold, value=10.5))
    beta = replace(BETA, access=replace(BETA.access, parcel_relief=False, parcel_text="EUR 3 per item"))
    result = by_iso(score_markets([alpha, beta]))
    assert "10,5" in result["AAA"].explanation("ar") and "10.5" not in result["AAA"].explanation("ar")
    assert "10,5" in result["AAA"].explanation("fr") and "10.5" in result["AAA"].explanation("en")
    assert "\u2068EUR 3 per item\u2069" in result["BBB"].explanation("ar")
    assert "\u2068surcharge\u2069" in result["BBB"].explanation("ar")


def test_the_parcel_rule_written_in_english_says_so_on_other_pages():
    """The access data states a parcel rule in its own (English) words: an Arabic or French explanation marks it."""
    from django.utils import translation

    beta = replace(BETA, access=replace(BETA.access, parcel_relief=False, parcel_text="EUR 3 per item"))
    result = by_iso(score_markets([ALPHA, beta]))
    for lang in ("ar", "fr"):
        with translation.override("en"):
            text = result["BBB"].explanation(lang)
        with translation.override(lang):
            from tijara.core.l10n import comma, written_in
            # the rule's words sit in a bracket: the mark joins it, « (EUR 3 per item, en anglais) »
            assert (f"per item\u2069{comma()}{written_in('en')})" in text if lang == "ar"
                    else f"per item{comma()}{written_in('en')})" in text)
    assert "(in English)" not in result["BBB"].explanation("en")


def test_a_tier_word_counts_only_at_the_start_of_a_word():
    from tijara.markets.tiers import PRESS, tier_of

    assert tier_of("Associated Press, 2024") == PRESS
    assert tier_of("Aramex express rate card (aramex.com)") != PRESS  # "express" is not the press
