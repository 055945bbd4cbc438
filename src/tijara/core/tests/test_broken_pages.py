"""Regressions of issue 19's "Broken" list: checklist ticks over htmx, Print under the CSP, the favicon."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tijara.knowledge.models import ChecklistTick

PACKAGE = Path(__file__).resolve().parents[2]
TICK = {"subject": "hs:691200", "market": "FRA", "item_key": "req:EU-CER-02", "done": "1"}


@pytest.mark.django_db
def test_ticking_a_checklist_item_over_htmx_answers_the_toggled_button(client, organisation, member_user):
    client.force_login(member_user)
    response = client.post("/knowledge/checklist/tick/", {**TICK, "organisation": organisation.slug},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-pressed="true"' in html and 'name="market" value="FRA"' in html and 'name="done" value="0"' in html
    assert ChecklistTick.objects.filter(organisation=organisation, item_key="req:EU-CER-02").exists()


@pytest.mark.django_db
def test_a_refused_tick_over_htmx_is_a_swappable_message_not_an_error_page(client, organisation, member_user):
    client.force_login(member_user)
    response = client.post("/knowledge/checklist/tick/", {**TICK, "item_key": "req:NOT-A-FACT",
                                                          "organisation": organisation.slug}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode() and "Traceback" not in response.content.decode()
    assert not ChecklistTick.objects.exists()


@pytest.mark.django_db
def test_the_checklist_page_shows_tick_buttons_and_a_print_button_without_inline_script(client, organisation,
                                                                                       member_user):
    client.force_login(member_user)
    response = client.get("/knowledge/checklist/", {"hs": "691200", "market": "FRA", "save": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-print" in html and 'name="market" value="FRA"' in html
    assert "onclick" not in html


def test_no_template_carries_an_inline_event_handler_the_csp_would_block():
    offenders = []
    for path in PACKAGE.rglob("templates/**/*.html"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\son[a-z]+\s*=|\shx-on[:-]|javascript:", line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}")
    assert offenders == []


def test_print_buttons_and_htmx_errors_are_handled_by_the_static_script():
    script = Path(finders.find("tijara/tijara.js")).read_text(encoding="utf-8")
    assert "[data-print]" in script and "window.print()" in script and "htmx:responseError" in script


@pytest.mark.django_db
def test_favicon_is_shipped_linked_and_answered(client):
    assert finders.find("tijara/favicon.ico") and finders.find("tijara/favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".ico")
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page
