"""`tijara markets HS --json`: the JSON contract, weights, and clear errors (non-zero exit)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tijara.markets import ranking as finder

pytestmark = pytest.mark.django_db

COMPONENT_KEYS = {"value", "contribution", "contribution_high", "source", "year", "tier", "missing", "range"}


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


def run(*args) -> str:
    out = io.StringIO()
    call_command("markets", *args, stdout=out)
    return out.getvalue()


def test_json_contract_for_zellige():
    data = json.loads(run("6907", "--json"))
    assert data["hs"] == "6907"
    assert isinstance(data["markets"], list) and data["markets"]
    assert all(isinstance(code, str) and len(code) == 3 for code in data["insufficient_data"])
    for market in data["markets"]:
        assert {"iso3", "name", "score", "score_low", "score_high", "figures", "figures_total", "coverage",
                "components", "explanation"} <= set(market)
        assert isinstance(market["score"], float) and 0 <= market["coverage"] <= 1
        assert market["score"] == market["score_low"] <= market["score_high"]
        assert set(market["components"]) == {"demand", "size", "foothold", "access", "proximity", "burden"}
        for component in market["components"].values():
            assert set(component) >= COMPONENT_KEYS
            assert isinstance(component["contribution"], float) and isinstance(component["source"], str)
            assert component["year"] is None or isinstance(component["year"], int)
            assert isinstance(component["missing"], bool)
        assert market["explanation"]
    ranked = {m["iso3"] for m in data["markets"]}
    assert {"USA", "FRA", "ESP"} <= ranked
    usa = next(m for m in data["markets"] if m["iso3"] == "USA")
    assert usa["components"]["demand"]["year"] == 2022
    details = {m["iso3"]: m for m in data["markets"]}
    assert details["FRA"]["components"]["foothold"]["missing"] is False
    assert details["FRA"]["components"]["demand"]["missing"] is True
    assert details["FRA"]["components"]["size"]["scope"] == "country"
    for market in data["insufficient_markets"]:
        assert "not ranked" in market["explanation"]


def test_top_limits_the_ranked_markets():
    data = json.loads(run("5701", "--top", "2", "--json"))
    assert len(data["markets"]) == 2 and [m["rank"] for m in data["markets"]] == [1, 2]


def test_weights_change_the_order():
    default = [m["iso3"] for m in json.loads(run("5701", "--json"))["markets"]]
    demand = json.loads(run("5701", "--weights", "demand=1,size=0,foothold=0,access=0,proximity=0,burden=0", "--json"))
    assert demand["weights"]["demand"] == 1.0
    assert [m["iso3"] for m in demand["markets"]] != default
    # Among markets backed by as many figures, the order follows the demand figure.
    most = max(m["figures"] for m in demand["markets"])
    values = [m["components"]["demand"]["value"] for m in demand["markets"] if m["figures"] == most]
    assert values == sorted(values, reverse=True)


def test_text_output_and_languages():
    text = run("6907", "--lang", "fr")
    assert "USA" in text and "Score" not in text.split("\n")[0]
    arabic = json.loads(run("6907", "--json", "--lang", "ar"))
    assert arabic["markets"][0]["explanation"] == arabic["markets"][0]["explanations"]["ar"]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["6907", "--weights", "demand=0.4,access"], "invalid_weights"),
        (["6907", "--weights", "price=1"], "invalid_weights"),
        (["999999"], "unknown_hs"),
        (["442010"], "hs_edition"),
        (["69"], "invalid_hs"),
        (["6907", "--top", "0"], "--top"),
        (["6907", "--on", "tomorrow"], "--on"),
    ],
)
def test_errors_exit_non_zero_with_a_clear_message(args, fragment):
    with pytest.raises(CommandError) as info:
        run(*args, "--json")
    assert fragment in str(info.value)


from tijara.markets.tests.test_ranking import markets_baci_extract  # noqa: E402, F401  (fixture)


def test_backtest_option(markets_baci_extract):  # noqa: F811
    data = json.loads(run("690721", "--backtest", "2021:2022", "--weights", "burden=0", "--json"))
    assert data["year_from"] == 2021 and data["year_to"] == 2022 and data["n"] >= 5
    assert {"iso3", "score", "exports_from_usd", "exports_to_usd", "change_usd"} <= set(data["markets"][0])
    with pytest.raises(CommandError, match="--backtest"):
        run("690721", "--backtest", "2021")
    with pytest.raises(CommandError, match="backtest_data"):
        run("690721", "--backtest", "2018:2019")
