"""Source quality tiers on each line of a price calculation (issue 21), judged by markets' tiers module."""

import re

import pytest

from tijara.markets.explain import tier_label
from tijara.pricing import services
from tijara.pricing.provenance import judge

pytestmark = pytest.mark.django_db

RUG = {"hs": "570110", "exw": "2500", "currency": "MAD", "weight_kg": "9", "dims_cm": "200x150x5",
       "incoterm": "DAP", "channel": "etsy", "freight": "1200", "origin_proof": "no"}
VATNODE = "https://github.com/vatnode/eu-vat-rates-data/blob/main/data/eu-vat-rates-history.json"


def line_dicts(market: str, **extra) -> list[dict]:
    result = services.price_calculate(market=market, ship_date="2026-12-01", **{**RUG, **extra})
    return result.as_dict()["lines"]


def test_official_source_is_tier_1_copy_is_judged_by_its_publisher_and_a_blog_is_tier_4():
    official = judge("https://www.canada.ca/en/revenue-agency/services/tax/businesses/gst-hst.html (V)")
    assert official.tier == 1
    copy = judge(f"{VATNODE} (S); base: customs value + duties — general rule, not in the data (K)")
    assert copy.tier == 1 and "TEDB" in copy.publisher and copy.copy_location == VATNODE
    assert judge("https://crafty-maker.example/blog/eu-vat-explained (S)").tier == 4
    # The base's wording ("customs value") must not lift an unknown source.
    assert judge("https://compliance.example.com/vat (S); base: customs value + duties").tier == 4
    # A rule restated by a shop's page is the shop's figure, even when it names the official act.
    assert judge("albawheelsup.com (a wheel shop's trade news), citing Executive Order 14324").tier == 4


def test_each_line_carries_a_tier_and_entered_figures_get_none():
    lines = line_dicts("FRA", packaging="30", insurance="40")
    vat = next(line for line in lines if "VAT" in line["label"])
    assert vat["tier"] == 1 and "github.com/vatnode" in vat["source"]  # the copy stays in the provenance
    duty = next(line for line in lines if "duty" in line["label"].lower())
    assert duty["tier"] == 1
    entered = [line for line in lines if line["source"] in ("entered by you", "carrier quote entered by you")]
    assert len(entered) == 4 and all(line["tier"] is None for line in entered)
    assert all(line["tier"] in (1, 2, 3, 4) for line in lines if line not in entered)


def test_a_vat_rate_from_a_tax_advisers_page_stays_low():
    lines = line_dicts("CHE")
    tax = [line for line in lines if "avalara" in line["source"]]
    assert tax and all(line["tier"] == 4 for line in tax)


def test_the_exchange_rate_carries_its_tier():
    rate = services.price_calculate(market="FRA", ship_date="2026-12-01", **RUG).as_dict()["retail_price"]["rate"]
    assert rate["tier"] == 3  # BAM's table as republished by news sites


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_calculator_page_shows_the_tier_next_to_the_source(client, lang):
    query = {**RUG, "market": "FRA", "ship_date": "2026-12-01", "mode": "forward", "lang": lang}
    html = client.get("/pricing/calculator/", query, HTTP_HX_REQUEST="true").content.decode()
    label = tier_label(1, lang)
    cells = re.findall(r'<td class="source">(.*?)</td>', html, re.S)
    vat_cell = next(cell for cell in cells if "vatnode" in cell)
    assert f'<small class="tier" data-testid="tier">({label})</small>' in vat_cell
    entered = [cell for cell in cells if 'class="tier"' not in cell]
    assert entered  # ex-works and the freight quote show no tier
    if lang == "ar":
        assert re.search("[\u0600-\u06ff]", label)
    if lang != "en":
        assert label != tier_label(1, "en")


def test_the_eu_flat_duty_on_a_low_value_parcel_cites_the_council():
    small = {**RUG, "exw": "300", "weight_kg": "0.5", "dims_cm": "20x15x5", "freight": "80"}
    lines = line_dicts("FRA", **small)
    flat = [line for line in lines if "consilium" in line["source"]]
    assert flat and all(line["tier"] == 1 for line in flat)
    assert not any("Baker McKenzie" in line["source"] for line in lines)


def test_api_lines_carry_the_tier_next_to_source_and_date(client):
    import json

    body = {"hs": "570110", "market": "DEU", "exw": "2500", "weight_kg": "9", "dims_cm": "200x150x5",
            "channel": "etsy", "ship_date": "2026-12-01", "freight": "1200"}
    lines = client.post("/api/v1/pricing/price", json.dumps(body), content_type="application/json").json()["lines"]
    vat = next(line for line in lines if "vatnode" in line["source"])
    assert vat["tier"] == 1 and vat["as_of"]
    freight = next(line for line in lines if line["source"] == "carrier quote entered by you")
    assert freight["tier"] is None
