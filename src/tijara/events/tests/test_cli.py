import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def _run(*args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("events", *args, stdout=out)
    return json.loads(out.getvalue())


def test_events_json_contract(events_today):
    data = _run("--market", "FRA", "--craft", "rugs", "--json")
    assert set(data) == {"events"} and data["events"]
    for e in data["events"]:
        assert set(e) == {"name", "city", "country", "start", "end", "url", "source", "as_of"}
        assert e["country"] == "FRA" and e["source"] and e["as_of"]
    italy = _run("--market", "ITA", "--craft", "rugs", "--json")["events"]
    assert italy[0] == {"name": "Artigiano in Fiera", "city": "Rho (Milan)", "country": "ITA",
                        "start": "2026-12-05", "end": "2026-12-13", "url": "https://www.artigianoinfiera.it",
                        "source": "https://milanoevents.it/?p=116719", "as_of": "2025-12"}


def test_fairs_vocabulary_is_accepted(events_today):
    tiles = _run("--market", "ITA", "--craft", "tiles", "--json")["events"]
    assert "Cersaie" in [e["name"] for e in tiles]


def test_errors_exit_non_zero():
    with pytest.raises(CommandError):
        call_command("events", "--market", "FRA", "--craft", "spaceships", "--json")
    with pytest.raises(CommandError):
        call_command("events", "--market", "F1", "--json")


def test_alpha2_market_and_multi_family_words(events_today):
    assert _run("--market", "fr", "--craft", "rugs", "--json") == _run("--market", "FRA", "--craft", "rugs", "--json")
    decor = [e["name"] for e in _run("--market", "ITA", "--craft", "home-decor", "--json")["events"]]
    assert "Artigiano in Fiera" in decor and "MIDO" not in decor  # MIDO is tagged fashion (eyewear) only
    assert "Cersaie" not in decor  # tiles and ceramics, not home-decor
    lamps = _run("--market", "DEU", "--craft", "lamps", "--json")["events"]
    lighting = _run("--market", "DEU", "--craft", "lighting", "--json")["events"]
    assert {e["name"] for e in lamps} == {"Ambiente", "Christmasworld"}  # tagged lamps in the research
    assert all(e in lighting for e in lamps) and "Heimtextil" in {e["name"] for e in lighting}  # home-decor
