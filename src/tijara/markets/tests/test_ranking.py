"""Market finder service on the shipped reference data, and with a small BACI-format extract imported."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from tijara.core.errors import NotFound, TijaraError
from tijara.markets import ranking as finder
from tijara.markets.backtest import backtest_flows, spearman
from tijara.markets.importers import import_baci
from tijara.markets.ranking import market_compare, markets_ranked_for

pytestmark = pytest.mark.django_db

# Only the component weights the shipped data can fill: burden depends on the knowledge base's cards.
NO_BURDEN = "burden=0"


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the default language of the site is French)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_caches():
    finder.clear_caches()
    yield
    finder.clear_caches()


BACI_COUNTRIES = """country_code,country_name,country_iso2,country_iso3
251,France,FR,FRA
276,Germany,DE,DEU
380,Italy,IT,ITA
504,Morocco,MA,MAR
724,Spain,ES,ESP
826,United Kingdom,GB,GBR
842,USA,US,USA
156,China,CN,CHN
"""


def _baci_year(year: int, scale: float) -> str:
    """A BACI-format year file (t,i,j,k,v,q; v in thousand USD) for HS 690721 — a hand-made test extract."""
    rows = [
        # exporter, importer, value (kUSD)
        (380, 842, 600000), (156, 842, 300000),  # United States 900,000 (+ Morocco below)
        (380, 251, 200000), (724, 251, 95000),  # France 295,000 (+ Morocco below)
        (380, 276, 250000),  # Germany 250,000
        (380, 826, 150000),  # United Kingdom 150,000
        (380, 724, 99200),  # Spain 99,200 (+ Morocco below)
        (504, 251, 5000), (504, 724, 800), (504, 842, 300),  # Morocco's exports
    ]
    lines = ["t,i,j,k,v,q"]
    lines += [f"{year},{i},{j},690721,{v * scale:.3f},{v / 10:.1f}" for i, j, v in rows]
    return "\n".join(lines) + "\n"


@pytest.fixture
def markets_baci_extract(tmp_path):
    """Import a two-year BACI-format extract (2021 and 2022) through the reference-data importer."""
    countries = tmp_path / "country_codes_V202501.csv"
    countries.write_text(BACI_COUNTRIES, encoding="utf-8")
    results = []
    for year, scale in ((2021, 0.8), (2022, 1.0)):
        data = tmp_path / f"BACI_HS17_Y{year}_V202501.csv"
        data.write_text(_baci_year(year, scale), encoding="utf-8")
        results.append(import_baci(data=data, country_codes=countries, edition="HS17", year=year, release="202501"))
    return results


def test_ranks_zellige_with_published_figures_and_lists_the_rest_apart():
    result = markets_ranked_for("6907", on=date(2026, 11, 29))
    assert result.hs == "6907" and result.level == "HS4"
    usa = result.market("USA")
    assert usa.ranked and usa.rank == 1
    demand = usa.components["demand"]
    assert demand.value == pytest.approx(2_206_000_000) and demand.year == 2022 and "FloorDaily" in demand.source
    assert demand.details["growth_pct"] == pytest.approx((2206 / 1981 - 1) * 100, abs=0.01)
    foothold = usa.components["foothold"]
    assert foothold.level == "handicraft" and foothold.unit == "share_pct" and foothold.year >= 2023
    assert foothold.value >= 40  # the official figures put the United States first (44%–50% since 2023)
    # France and Spain have no import figure for tiles but official shares, EU duty-free access, distance and
    # country size: they are ranked, their missing demand counted as a range (0 to the best observed).
    ranked = {m.iso3 for m in result.markets}
    assert {"FRA", "ESP"} <= ranked
    france = result.market("FRA")
    assert france.components["demand"].missing and not france.components["foothold"].missing
    assert france.score_high - france.score_low >= 100 * france.components["demand"].weight * (
        france.components["demand"].high) - 1e-6
    assert france.components["access"].details["morocco_pct"] == 0
    assert france.components["foothold"].value < foothold.value


def test_every_present_component_has_a_source_and_missing_ones_say_why():
    result = markets_ranked_for("6907")
    for market in [*result.markets, *result.insufficient]:
        for component in market.components.values():
            if component.missing:
                assert component.contribution == 0 and component.reason
            else:
                assert component.source
        assert 0 <= market.coverage <= 1
    usa = result.market("USA")
    assert sum(c.contribution for c in usa.components.values()) == pytest.approx(usa.score)


def test_subheading_falls_back_to_its_heading_and_says_so():
    result = markets_ranked_for("6907.21")
    demand = result.market("USA").components["demand"]
    assert result.hs == "690721" and demand.level == "HS4" and demand.details["code"] == "6907"
    assert result.demand_level == "HS4"


def test_access_shows_the_surcharge_in_force_on_the_date():
    during = markets_ranked_for("690721", on=date(2026, 3, 1)).market("USA")
    access = during.components["access"]
    assert access.details["surcharge_pct"] == 10 and access.details["total_pct"] == 10
    assert access.details["margin_pp"] > 0 and access.details["morocco_pct"] == 0
    assert "10%" in during.explanation("en") and "2026" in during.explanation("en")
    after = markets_ranked_for("690721", on=date(2026, 11, 29)).market("USA")
    assert after.components["access"].details["total_pct"] is None  # status after 24 Jul 2026 unknown
    assert "unknown" in after.explanation("en")


def test_weights_change_the_ranking_predictably():
    default = markets_ranked_for("5701")
    demand_only = markets_ranked_for("5701", weights="demand=1,size=0,foothold=0,access=0,proximity=0,burden=0")
    # Among markets backed by as many figures, the order follows the demand figure.
    most = max(m.figures for m in demand_only.markets)
    with_demand = [m for m in demand_only.markets if m.figures == most and not m.components["demand"].missing]
    by_demand = sorted(with_demand, key=lambda m: -m.components["demand"].value)
    assert [m.iso3 for m in with_demand] == [m.iso3 for m in by_demand]
    assert demand_only.markets[0].iso3 == "USA"
    assert [m.iso3 for m in default.markets] != [m.iso3 for m in demand_only.markets]
    proximity_only = markets_ranked_for("5701", weights="demand=0,size=0,foothold=0,access=0,proximity=1,burden=0")
    assert proximity_only.markets[-1].iso3 in {"USA", "AUS", "JPN", "CAN"}  # the far markets come last


@pytest.mark.parametrize(
    "code, error, fragment",
    [
        ("442010", "hs_edition", "HS 2017"),
        ("9405.10", "hs_edition", "9405.11"),
        ("12", "invalid_hs", "4-digit"),
        ("abc", "invalid_hs", "not an HS code"),
    ],
)
def test_bad_codes_give_clear_errors(code, error, fragment):
    with pytest.raises(TijaraError) as info:
        markets_ranked_for(code)
    assert info.value.code == error
    assert fragment in info.value.message


def test_unknown_code_is_not_found():
    with pytest.raises(NotFound) as info:
        markets_ranked_for("999999")
    assert info.value.code == "unknown_hs" and info.value.status == 404


def test_malformed_weights_and_other_origins_are_refused():
    with pytest.raises(TijaraError) as info:
        markets_ranked_for("6907", weights="demand=lots")
    assert info.value.code == "invalid_weights"
    with pytest.raises(TijaraError) as info:
        markets_ranked_for("6907", origin="TUN")
    assert info.value.code == "unsupported_origin"


def test_baci_extract_changes_the_ranking_with_no_code_change(markets_baci_extract):
    assert [r.rows for r in markets_baci_extract] == [10, 10]
    result = markets_ranked_for("690721", weights=NO_BURDEN, on=date(2026, 11, 29))
    assert result.demand_level == "HS6" and result.foothold_level == "product"
    assert "BACI" in result.demand_source
    ranked = [m.iso3 for m in result.markets]
    assert {"USA", "FRA", "DEU", "GBR", "ESP"} <= set(ranked)
    assert all(not result.market(c).components["demand"].missing for c in ("USA", "FRA", "DEU", "GBR", "ESP"))
    # France: Morocco's largest buyer in the extract, close, French-speaking, duty-free: first.
    assert ranked[0] == "FRA"
    france = result.market("FRA")
    assert france.components["demand"].value == pytest.approx(300_000_000)  # 295,000 + 5,000 thousand USD
    assert france.components["demand"].details["growth_pct"] == pytest.approx(25.0)
    assert france.components["foothold"].value == pytest.approx(5_000_000)
    # A market the extract covers with no flow from Morocco has zero exports (not unknown).
    germany = result.market("DEU").components["foothold"]
    assert germany.value == 0 and not germany.missing
    # The published official handicraft share stays in view next to the product-level figure (not scored).
    official = france.components["foothold"].details["official_handicraft"]
    assert official["share_pct"] > 0 and official["source"]
    assert "official handicraft figures" in france.explanation("en")
    assert result.market("USA").components["demand"].value == pytest.approx(900_300_000)  # incl. Morocco 300


def test_baci_extract_moves_markets_out_of_insufficient_data(markets_baci_extract):
    result = markets_ranked_for("690721")
    assert "ESP" in [m.iso3 for m in result.markets]
    assert "ESP" not in [m.iso3 for m in result.insufficient]


def test_compare_two_to_four_markets():
    result, chosen = market_compare("6907", ["usa", "FRA", "ESP"])
    assert [m.iso3 for m in chosen] == ["USA", "FRA", "ESP"]
    assert chosen[0].ranked and chosen[1].ranked and chosen[0].figures > chosen[2].figures
    with pytest.raises(TijaraError) as info:
        market_compare("6907", ["USA"])
    assert info.value.code == "compare_count"
    with pytest.raises(NotFound):
        market_compare("6907", ["USA", "ATA"])


def test_backtest_scores_first_year_against_second_year_exports(markets_baci_extract):
    result = backtest_flows("690721", year_from=2021, year_to=2022, weights=NO_BURDEN)
    assert result.year_from == 2021 and len(result.rows) >= 5
    france = next(r for r in result.rows if r["iso3"] == "FRA")
    assert france["exports_from_usd"] == pytest.approx(4_000_000) and france["exports_to_usd"] == pytest.approx(5_000_000)
    # Ranked with 2021 data only: the demand figures are the 2021 ones.
    assert result.rows[0]["iso3"] == "FRA"
    assert result.spearman_level is not None and -1 <= result.spearman_level <= 1
    with pytest.raises(TijaraError) as info:
        backtest_flows("690721", year_from=2019, year_to=2022)
    assert info.value.code == "backtest_data"


def test_spearman_by_hand():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # ranks x 1,2,3 ; y 1,3,2 → ρ = 1 − 6·Σd²/(n(n²−1)) = 1 − 6·2/24 = 0.5
    assert spearman([1, 2, 3], [5, 9, 7]) == pytest.approx(0.5)
    assert spearman([1, 2], [1, 2]) is None


def test_burden_comes_from_the_knowledge_base_requirement_cards():
    from tijara.knowledge import selectors as knowledge

    usa = markets_ranked_for("6907").market("USA")
    burden = usa.components["burden"]
    card = knowledge.requirements_for(family="zellige", market="USA")
    if not card.covered:
        assert burden.missing and burden.reason
        return
    assert not burden.missing and burden.details["count"] == card.burden
    assert burden.source and str(burden.details["count"]) in usa.explanation("en")
    # Requirements are looked up for every market the knowledge base covers, with the tier of the weakest source.
    france = markets_ranked_for("6907").market("FRA").components["burden"]
    assert france.missing or france.tier in (1, 2, 3, 4)


def test_subheading_without_flows_uses_the_heading_flows(markets_baci_extract):
    # 690722 has no flow in the extract; its heading 6907 has (690721): the ranking says it works at HS4.
    result = markets_ranked_for("690722", weights=NO_BURDEN)
    assert result.demand_level == "HS4" and "BACI" in result.demand_source
    assert result.market("FRA").components["demand"].details["code"] == "6907"
    assert result.market("FRA").components["foothold"].value == pytest.approx(5_000_000)


def test_arabic_indic_digits_are_read():
    assert markets_ranked_for("٦٩٠٧").hs == "6907"


ACCEPTANCE_CODES = ["6907", "570110", "570210", "420221", "442090", "940549", "640320"]
KEY_MARKETS = ["FRA", "ESP", "DEU", "GBR", "NLD", "BEL", "ITA", "USA", "CAN", "SAU", "ARE"]


@pytest.mark.parametrize("code", ACCEPTANCE_CODES)
def test_craft_codes_rank_twenty_markets_with_range_and_coverage_and_explain_the_key_ones(code):
    result = markets_ranked_for(code, on=date(2026, 11, 29))
    data = result.as_dict(all_languages=False)
    assert len(data["markets"]) >= 20
    for market in data["markets"]:
        assert market["score_low"] <= market["score_high"] and 3 <= market["figures"] <= market["figures_total"]
        assert f"of {market['figures_total']} figures" in market["score_text"]
        for name, component in market["components"].items():
            assert component["missing"] or component["tier"] in (1, 2, 3, 4), name
    for iso3 in KEY_MARKETS:
        market = result.market(iso3)
        assert market is not None, iso3
        if not market.ranked:
            sentence = finder.explain.not_ranked_sentence(market, "en")
            assert sentence.count(".") == 1 and sentence.startswith(market.name("en")), sentence
    # Every EU member inherits the EU tariff and agreement with its own distance and size.
    for iso3 in ("FRA", "ESP", "DEU", "NLD", "BEL", "ITA"):
        market = result.market(iso3)
        assert market.ranked and not market.components["access"].missing
        assert "EU" in market.components["access"].details["agreement"]
        assert market.components["size"].scope == "country"


def test_backtest_against_the_official_destinations_is_a_rank_measure():
    from tijara.markets.backtest import backtest_official

    result = backtest_official("570110")
    assert set(result.shares) <= {"USA", "FRA", "ESP", "TUR"} and len(result.shares) >= 3
    assert result.spearman_share is None or -1 <= result.spearman_share <= 1
    assert 0 <= result.auc_named <= 1 and result.named_ranked >= 5 and result.ranked >= 20
    # Without the foothold (which is built from the same official figures) the measure is not circular.
    blind = backtest_official("570110", weights="foothold=0")
    assert blind.weights["foothold"] == 0 and blind.auc_named is not None


def test_split_code_is_ranked_on_converted_baci_flows_with_growth(tmp_path):
    """HS 2017 940510 flows imported for two years: the HS 2022 split 940511 is ranked on product demand and its
    growth, with no code change (the weights give 940511 its share of every 940510 flow)."""
    from tijara.markets import concordance

    countries = tmp_path / "country_codes_V202501.csv"
    countries.write_text(BACI_COUNTRIES, encoding="utf-8")
    for year, scale in ((2021, 1.0), (2022, 1.21)):
        data = tmp_path / f"BACI_HS17_Y{year}_V202501.csv"
        data.write_text("t,i,j,k,v,q\n" + "".join(
            f"{year},{i},{j},940510,{v * scale:.3f},1.0\n"
            for i, j, v in ((156, 251, 1000), (156, 276, 2000), (156, 842, 4000), (504, 251, 100), (504, 724, 50))
        ), encoding="utf-8")
        import_baci(data=data, country_codes=countries, edition="HS17", year=year, release="202501")
    share = dict(concordance.to_hs2022("940510"))["940511"]
    result = markets_ranked_for("940511", on=date(2026, 11, 29))
    assert result.demand_level == "HS6" and "BACI" in result.demand_source and "HS 2022" in result.demand_source
    france = result.market("FRA").components["demand"]
    assert france.value == pytest.approx((1000 + 100) * 1.21 * share * 1000, rel=1e-6)
    assert france.details["growth_pct"] == pytest.approx(21.0, abs=1e-6)
    assert result.market("FRA").components["foothold"].value == pytest.approx(100 * 1.21 * share * 1000, rel=1e-6)
    assert result.market("FRA").components["demand"].tier == 1  # CEPII BACI: official statistics
