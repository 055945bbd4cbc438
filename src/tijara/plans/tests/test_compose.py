"""The export plan joins seven sections from the other apps, each with sources, and lists what it cannot say."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tijara.core.errors import TijaraError
from tijara.plans.compose import SECTIONS, PlanRequest, collect_sources, plan_compose

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "text"), [
    ("ar", "زليج فاسي مصنوع يدويا"),
    ("fr", "zellige de Fès fait main, carreaux émaillés"),
    ("en", "handmade Fez zellige glazed tiles"),
])
def test_plan_from_description_has_every_section_sourced_or_explained(language, text):
    data = plan_compose(PlanRequest(market="USA", language=language, text=text)).as_dict()
    assert set(SECTIONS) <= set(data)
    assert data["hs"]["hs6"].startswith("6907")
    for name in SECTIONS:
        section = data[name]
        assert "sources" in section
        assert section["sources"] or section.get("reason"), f"{name} has neither sources nor a reason"
    assert data["market"]["available"] and data["market"]["iso3"] == "USA"
    assert data["duties"]["with_origin_proof"]["known"]
    # the free description has no price, weight or catalog entry: said, not invented
    assert not data["price"]["available"] and not data["channels"]["available"]
    assert any("price" in u or "prix" in u or "السعر" in u or "ex-works" in u for u in data["unknowns"]) or data["unknowns"]


def test_user_chosen_code_wins_over_the_classifier():
    data = plan_compose(PlanRequest(market="FRA", language="fr", text="tapis berbère noué main", hs="570231")).as_dict()
    assert data["hs"]["hs6"] == "570231" and data["hs"]["chosen_by"] == "user"
    assert data["hs"]["classification"]["candidates"][0]["hs6"] == "570110"


def test_market_without_data_returns_what_it_can_and_lists_unknowns():
    data = plan_compose(PlanRequest(market="TUV", language="en", text="hand-knotted Berber wool rug")).as_dict()
    assert data["hs"]["hs6"] == "570110"
    assert not data["duties"]["available"]
    assert len(data["unknowns"]) >= 3
    assert data["checklist"]["sources"] or data["checklist"].get("reason")


def test_rejects_unknown_market_and_empty_input():
    with pytest.raises(TijaraError):
        plan_compose(PlanRequest(market="XXX", language="en", text="rug"))
    with pytest.raises(TijaraError):
        plan_compose(PlanRequest(market="USA", language="en", text="   "))
    with pytest.raises(TijaraError):
        plan_compose(PlanRequest(market="USA", language="de", text="rug"))


def test_catalog_product_plan_prices_the_parcel_and_checks_channels(catalog_product):
    from tijara.plans.services import plan_request

    request = plan_request(market="FRA", language="fr", product=catalog_product, ship_date="2026-12-01",
                           parameters={"weight_kg": "10", "dims_cm": "60x30x30", "freight": "900"})
    data = plan_compose(request).as_dict()
    assert data["price"]["available"], data["price"].get("reason")
    assert all(line["source"] for line in data["price"]["lines"])
    assert data["channels"]["available"]
    assert {r["channel"] for r in data["channels"]["results"]} == {"google", "meta", "shopify", "woocommerce", "etsy",
                                                                   "amazon_handmade"}
    # the fixture product has no photo: the channels that need one are blocked and say why
    google = next(r for r in data["channels"]["results"] if r["channel"] == "google")
    assert google["state"] == "blocked" and any(p["severity"] == "error" for p in google["problems"])


def test_collect_sources_dedupes_nested_provenance():
    nested = {"a": {"source": "X", "url": "https://x", "as_of": "2024"}, "b": [{"source": "X", "url": "https://x",
                                                                               "as_of": "2024"}, {"source": "Y", "year": 2020}]}
    assert collect_sources(nested) == [{"source": "X", "url": "https://x", "as_of": "2024"},
                                       {"source": "Y", "url": "", "as_of": "2020"}]


def test_cli_json_contract():
    out = StringIO()
    call_command("plan", "--text", "tapis berbère noué main en laine", "--market", "FRA", "--lang", "fr", "--json",
                 stdout=out)
    data = json.loads(out.getvalue())
    assert set(SECTIONS) | {"unknowns"} <= set(data)
    assert data["hs"]["hs6"] == "570110"


def test_cli_rejects_bad_market_with_message():
    with pytest.raises(CommandError):
        call_command("plan", "--text", "rug", "--market", "Z9", "--json", stdout=StringIO())
