"""Requirement cards and checklists: the right lines, with their sources."""

import datetime as dt

import pytest
import time_machine

from tijara.core.errors import TijaraError
from tijara.knowledge import scope, selectors
from tijara.knowledge.models import Fact

pytestmark = pytest.mark.django_db


def test_ceramic_tableware_to_france_lists_food_contact_declaration_and_origin_proof():
    checklist = selectors.checklist_for(hs="6912.00", market="FRA", language="en")
    assert checklist.family == "pottery" and not checklist.family_inferred and checklist.market_group == "EU"
    by_key = {item.key: item for item in checklist.items}
    declaration = by_key["req:EU-CER-02"]
    assert "declaration of compliance" in declaration.documents.lower()
    assert [s.fact_id for s in declaration.sources] == ["EU-CER-02"]
    assert declaration.sources[0].url.startswith("https://eur-lex.europa.eu")
    origin = by_key["step:eu-import:origin-proof"]
    assert {"MA-ORI-01", "MA-ORI-02"} <= {s.fact_id for s in origin.sources}
    assert "EUR.1" in origin.documents
    assert "req:EU-CER-05" in by_key  # France's own rule comes after the EU lines
    assert all(item.sources for item in checklist.items)


def test_an_hs_code_outside_the_craft_lines_says_the_family_was_inferred():
    checklist = selectors.checklist_for(hs="690912", market="FRA", language="fr")
    assert checklist.family == "pottery" and checklist.family_inferred
    assert checklist.notes and "690912" in checklist.notes[0]


def test_a_market_without_rules_lists_only_the_moroccan_side():
    checklist = selectors.checklist_for(family="rugs", market="JPN", language="en")
    assert not checklist.covered
    assert {item.section for item in checklist.items} == {"morocco"}
    assert checklist.notes


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"hs": "69x1", "market": "FRA"}, "bad_hs"),
    ({"family": "spaceships", "market": "FRA"}, "unknown_family"),
    ({"family": "rugs", "market": "France!"}, "bad_market"),
    ({"market": "FRA"}, "missing_product"),
])
def test_bad_input_is_refused_with_a_named_problem(kwargs, code):
    with pytest.raises(TijaraError) as caught:
        selectors.checklist_for(**kwargs)
    assert caught.value.code == code


def test_requirements_for_leather_in_the_eu_cite_chromium_vi():
    card = selectors.requirements_for(family="leather", market="EU", language="en")
    lines = {line.fact_id: line for line in card.lines}
    assert "EU-LEA-01" in lines and "EN ISO 17075" in lines["EU-LEA-01"].document
    assert lines["EU-LEA-01"].source.confidence == "verified"
    assert card.burden >= 3
    assert card.unverified_count == sum(1 for line in card.lines if line.source.confidence == "unverified")


def test_cosmetics_have_no_card_rather_than_invented_rules():
    card = selectors.requirements_for(family="cosmetics", market="USA")
    assert not card.covered and card.lines == []


def test_member_states_get_eu_lines_and_their_own():
    assert scope.market_scopes("FRA") == ["EU", "FRA"]
    assert scope.market_group("fr") == "EU"
    france = {line.fact_id for line in selectors.requirements_for(family="pottery", market="FRA").lines}
    germany = {line.fact_id for line in selectors.requirements_for(family="pottery", market="DEU").lines}
    assert "EU-CER-05" in france and "EU-CER-05" not in germany


def test_a_fact_becomes_stale_after_its_valid_to_or_twelve_months_without_check():
    fact = Fact.objects.get(fact_id="AGR-EU-03")
    assert fact.valid_to == dt.date(2027, 12, 31)
    assert not fact.is_stale(dt.date(2026, 12, 1))
    assert fact.is_stale(dt.date(2028, 1, 1))
    with time_machine.travel(dt.datetime(2028, 2, 1, tzinfo=dt.UTC)):
        stale = {f.fact_id for f in selectors.facts_stale()}
        assert "AGR-EU-03" in stale and "MA-CUS-01" in stale  # last checked more than 12 months before


def test_authority_for_routes_by_topic_and_market():
    assert selectors.authority_for(topic="exchange", markets=["MAR"]).key == "office-des-changes"
    assert selectors.authority_for(topic="food_contact", markets=["FRA"]).key == "dgccrf"
    assert selectors.authority_for(topic="duties", markets=["USA"]).key == "cbp"
    assert selectors.authority_for(topic="customs", markets=["MAR"]).key == "adii"
