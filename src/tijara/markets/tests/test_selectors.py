"""HS search, countries, agreements, duty lookup and trade-figure readers on the shipped data."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from tijara.core.errors import NotFound, TijaraError
from tijara.markets import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Assertions below read English messages."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("query", ["tapis noué main", "hand-knotted carpet", "Tapis noués", "knotted carpets wool"])
def test_search_finds_hand_knotted_carpets(query):
    codes = [h.hs.code for h in selectors.hs_search(query)[:5]]
    assert "570110" in codes


def test_search_by_code_prefix_and_language():
    assert [h.hs.code for h in selectors.hs_search("6907.2")] == ["690721", "690722", "690723"]
    assert selectors.hs_search("carreaux céramique", lang="fr")[0].hs.code.startswith("6907")
    assert selectors.hs_search("") == []
    assert selectors.hs_search("zzzqqq") == []


def test_hs_tree_navigation_and_editions():
    assert selectors.hs_get("5701.10").description_en.startswith("Carpets")
    assert [c.code for c in selectors.hs_children("5701")] == ["570110", "570190"]
    assert [h.code for h in selectors.hs_path("570110")] == ["57", "5701", "570110"]
    assert selectors.hs_in_editions("570110") == ["2017", "2022"]
    assert selectors.hs_in_editions("940542") == ["2022"]
    assert selectors.hs_get("940542", "2017") is None


def test_country_get_usa():
    usa = selectors.country_get("usa")
    assert usa.names["fr"].startswith("États-Unis") and usa.names["ar"] and usa.names["es"]
    assert usa.currency_code == "USD" and "en-US" in usa.languages
    assert round(usa.distance_km) == 6147  # CEPII distcap MAR→USA, as the SOURCES file quotes
    assert usa.comlang_off is False and usa.colony is False
    assert [a["code"] for a in usa.agreements] == ["US-MA"]
    assert usa.sources["distance"].as_of == "2011"
    fra = selectors.country_get("FRA")
    assert fra.is_eu and fra.comlang_off is True and round(fra.distance_km) == 1817
    assert selectors.country_get("XYZ") is None


def test_agreements_for():
    assert [a.code for a in selectors.agreements_for("DEU")] == ["EU-MA"]
    assert [a.code for a in selectors.agreements_for("EGY")] == ["AFCFTA", "AGADIR"]
    assert selectors.agreements_for("JPN") == []
    afcfta = selectors.agreements_for("NGA")[0]
    assert afcfta.status == "unknown" and afcfta.confidence == "L"


def test_duty_usa_carpets_during_section_122():
    answer = selectors.duty_for(hs="570110", market="USA", on=date(2026, 3, 1))
    assert answer.known
    assert (answer.mfn.ad_valorem_min, answer.mfn.ad_valorem_max) == (Decimal("0"), Decimal("4.5"))
    assert answer.preferential.rate == "Free" and answer.preferential.agreement == "US-MA"
    assert [x.code for x in answer.additional] == ["US-S122-2026"]
    assert answer.additional[0].start == date(2026, 2, 24) and answer.additional[0].end == date(2026, 7, 23)
    assert answer.total_ad_valorem_max == Decimal("10")
    assert {r.table for r in answer.rows_used} >= {"tariffline", "agreement", "additionalduty"}
    assert all(r.source and r.as_of for r in answer.rows_used)


def test_duty_usa_dates_switch_surcharges():
    ieepa = selectors.duty_for(hs="690723", market="USA", on=date(2025, 6, 1))
    assert [x.code for x in ieepa.additional] == ["US-IEEPA-2025"]
    later = selectors.duty_for(hs="690723", market="USA", on=date(2026, 9, 1))
    assert later.known and later.total_ad_valorem_max is None and later.unknown_periods
    assert "not known" in later.reason
    no_proof = selectors.duty_for(hs="690723", market="USA", on=date(2026, 3, 1), origin_proof=False)
    assert no_proof.applied == "mfn" and no_proof.total_ad_valorem_min == Decimal("18.5")


def test_duty_eu_member_and_uk_use_agreements_and_say_edition():
    fra = selectors.duty_for(hs="690723", market="FRA", on=date(2026, 8, 1))
    assert fra.tariff_market == "EUR" and fra.mfn.rate == "5.0%" and fra.preferential.agreement == "EU-MA"
    assert fra.total_ad_valorem_max == 0
    assert [x.code for x in fra.conditional] == ["EU-LVC-EUR3"]
    assert any("HS 2017" in w for w in fra.warnings)
    eu_no_proof = selectors.duty_for(hs="690723", market="EU", on=date(2026, 8, 1), origin_proof=False)
    assert eu_no_proof.total_ad_valorem_max == Decimal("5.0")
    uk = selectors.duty_for(hs="690723", market="GBR", on=date(2026, 1, 1), origin_proof=False)
    assert uk.mfn.rate == "4.0%" and any("trade remedy" in w for w in uk.warnings)


def test_duty_unknown_market_and_bad_input():
    japan = selectors.duty_for(hs="570110", market="JPN", on=date(2026, 3, 1))
    assert japan.known is False and japan.mfn is None and japan.total_ad_valorem_max is None
    assert "no tariff data" in japan.reason
    with pytest.raises(TijaraError):
        selectors.duty_for(hs="57", market="USA", on=date(2026, 3, 1))
    with pytest.raises(NotFound):
        selectors.duty_for(hs="570110", market="ZZZ", on=date(2026, 3, 1))
    # Oils (chapter 15) are outside the EU industrial-goods preference: no preference is assumed.
    oil = selectors.duty_for(hs="151530", market="FRA", on=date(2026, 3, 1))
    assert oil.preferential is None


def test_duty_on_a_national_line():
    line = selectors.duty_for(hs="5701109000", market="USA", on=date(2026, 3, 1), origin_proof=False)
    assert [x.code for x in line.mfn.lines] == ["5701109000"] and line.total_ad_valorem_max == Decimal("14.5")


def test_trade_readers_carry_sources_and_scope():
    figures = selectors.world_imports("570110")
    assert figures and {f.scope_code for f in figures} <= {"57", "5701", "570110"}
    usa = next(f for f in figures if f.country_iso3 == "USA" and f.year == 2012)
    assert usa.value == 2155000000 and usa.source and usa.source_url.startswith("http")
    assert selectors.world_imports("010121") == []
    deu = selectors.morocco_exports(partner="DEU")
    assert deu and all(f.country_iso3 == "DEU" for f in deu)
    # A published grouping "61-62" covers chapter 62 codes but not chapter 57; "TOTAL" never matches a product.
    assert any(f.scope_code == "61-62" for f in selectors.morocco_exports(hs="620443"))
    assert not any(f.scope_code in ("61-62", "TOTAL") for f in selectors.morocco_exports(hs="5701"))
    totals = selectors.handicraft_exports_official(dimension="total")
    assert totals and all(f.currency == "MAD" and f.source for f in totals)
    assert selectors.handicraft_exports_to("USA")


def test_hs_search_keeps_one_index_per_edition_across_alternating_requests():
    """Alternating /markets/?edition=2017 and 2022 used to rebuild the BM25 index on every request."""
    from tijara.markets.selectors import _index

    first_2017 = _index("2017")
    first_2022 = _index("2022")
    for _round in range(3):
        assert selectors.hs_search("carpets", edition="2017") and selectors.hs_search("carpets", edition="2022")
    assert _index("2017") is first_2017 and _index("2022") is first_2022 and first_2017 is not first_2022


def test_duty_for_alias_answers_like_the_service():
    from datetime import date

    from tijara.markets import services

    on = date(2026, 3, 1)
    alias = selectors.duty_for(hs="690721", market="USA", on=on).as_dict()
    direct = services.duty_for(hs="690721", market="USA", on=on).as_dict()
    assert alias == direct and alias["known"]


@pytest.mark.parametrize("lang, expected", [("fr", "de 8,5\xa0% à 10\xa0% selon la ligne tarifaire nationale"),
                                            ("en", "8.5% to 10% depending on the national tariff line")])
def test_a_duty_range_is_written_as_the_language_writes_a_percentage(lang, expected):
    with translation.override(lang):
        answer = selectors.duty_for(hs="690721", market="USA", on=date(2026, 12, 7), origin_proof=False)
    assert answer.mfn.rate == expected
