"""The checklist and stale_facts commands."""

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_checklist_json_for_hs_and_market(capsys):
    call_command("checklist", "--hs", "690912", "--market", "FRA", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["market"] == "FRA" and data["market_group"] == "EU" and data["hs"] == "690912"
    keys = [item["key"] for item in data["items"]]
    assert "req:EU-CER-02" in keys and "step:eu-import:origin-proof" in keys
    assert all(item["sources"] and item["sources"][0]["url"] for item in data["items"])


def test_checklist_refuses_a_bad_market():
    with pytest.raises(CommandError, match="12"):
        call_command("checklist", "--family", "rugs", "--market", "12")


def test_stale_facts_lists_none_today(capsys):
    call_command("stale_facts", "--json")
    assert json.loads(capsys.readouterr().out) == []
