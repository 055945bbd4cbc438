"""API endpoints and the `tijara hs`, `tijara country`, `tijara duty` commands (JSON contracts)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """Assertions below read English pages and messages (other languages: see the parametrized walk)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def run(*args, **kwargs) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return json.loads(out.getvalue())


def test_cli_duty_json_usa():
    data = run("duty", hs="570110", market="USA", date="2026-03-01", json=True)
    assert data["known"] is True
    assert data["mfn"]["ad_valorem_max"] == 4.5 and data["preferential"]["rate"] == "Free"
    assert [x["code"] for x in data["additional"]] == ["US-S122-2026"]
    assert data["additional"][0]["start"] == "2026-02-24" and data["additional"][0]["end"] == "2026-07-23"
    assert all(r["source"] and r["as_of"] for r in data["rows_used"])
    tiles = run("duty", "--hs", "690723", "--market", "USA", "--date", "2026-03-01", "--json")
    assert tiles["total_ad_valorem_max"] == 10.0


def test_cli_duty_market_without_data_says_unknown():
    data = run("duty", hs="570110", market="CHN", date="2026-03-01", json=True)
    assert data["known"] is False and data["mfn"] is None and "no tariff data" in data["reason"]


def test_cli_errors_exit_non_zero():
    with pytest.raises(CommandError):
        call_command("duty", hs="abc", market="USA", json=True)
    with pytest.raises(CommandError):
        call_command("duty", hs="570110", market="QQQ", json=True)
    with pytest.raises(CommandError, match="exists in HS 2022"):
        call_command("hs", "940542", edition="2017", json=True)
    with pytest.raises(CommandError):
        call_command("country", "XXX", json=True)
    with pytest.raises(CommandError, match="--date"):
        call_command("duty", hs="570110", market="USA", date="01/03/2026")


def test_cli_hs_and_country_json():
    data = run("hs", "570110", json=True)
    assert data["hs"]["code"] == "570110" and data["hs"]["description_fr"].startswith("Tapis")
    assert [p["code"] for p in data["path"]] == ["57", "5701", "570110"]
    assert {d["market"] for d in data["duties"]} == {"USA", "EUR", "GBR"}
    assert data["world_imports"] and all(f["source"] for f in data["world_imports"])
    search = run("hs", "tapis", "noué", "main", json=True)
    assert "570110" in [r["code"] for r in search["results"][:5]]
    country = run("country", "USA", json=True)
    assert country["names"]["ar"] and round(country["distance_km"]) == 6147
    assert country["agreements"][0]["code"] == "US-MA" and country["handicraft_exports"]


def test_api_endpoints(client):
    assert client.get("/api/v1/markets/hs/search", {"q": "hand-knotted carpet"}).json()["results"][0]["code"] == "570110"
    detail = client.get("/api/v1/markets/hs/6907").json()
    assert detail["world_imports"] and detail["children"]
    duty = client.get("/api/v1/markets/duty", {"hs": "690723", "market": "FRA", "on": "2026-08-01"}).json()
    assert duty["preferential"]["agreement"] == "EU-MA"
    assert client.get("/api/v1/markets/duty", {"hs": "69", "market": "USA"}).status_code == 400
    assert client.get("/api/v1/markets/duty", {"hs": "690723", "market": "ZZZ"}).status_code == 404
    assert client.get("/api/v1/markets/hs/999999").status_code == 404
    assert client.get("/api/v1/markets/hs/5701", {"edition": "1996"}).status_code == 400
    assert client.get("/api/v1/markets/countries/EGY").json()["agreements"]
    assert client.get("/api/v1/markets/agreements/DEU").json()["agreements"][0]["code"] == "EU-MA"
    assert client.get("/api/v1/markets/trade/world-imports", {"hs": "7113"}).json()["figures"]
    assert client.get("/api/v1/markets/trade/handicraft", {"dimension": "city"}).json()["figures"]
    assert client.get("/api/v1/markets/trade/morocco-exports", {"partner": "USA"}).json()["figures"]
    packs = client.get("/api/v1/markets/packs").json()["packs"]
    assert {p["name"] for p in packs} >= {"hs2022", "hs2017", "us_hts", "eu_uk_tariff", "geodist"}


def test_data_status_command():
    data = run("data", "status")
    assert any(p["name"] == "hs2022" and p["rows"] > 6000 for p in data["packs"])
