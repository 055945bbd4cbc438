"""One fact-ID pattern (knowledge.ids) for the three readers that find fact IDs in a text: the assistant's answers,
the calculator's rule texts and the facts' own texts. It reads every ID of the pack, and no ordinary code."""

import json
import re
from pathlib import Path

import pytest
from django.utils import translation

from tijara.assistant.templatetags.ask_tags import cited
from tijara.knowledge import reference
from tijara.knowledge.ids import FACT_ID, is_fact_id
from tijara.knowledge.models import Fact, ProcedureStep, RequirementLine
from tijara.knowledge.templatetags.knowledge_tags import fragments
from tijara.pricing.templatetags.pricing_text import fact_links

# Codes that are not fact IDs, next to the shapes of IDs the pack has (a series number alone, a family's facts).
NOT_IDS = ["HS-6", "ISO-8601", "UTF-8", "EUR-1", "COVID-19", "EAN-13", "UPC-12", "EU-MA", "US-MA", "US-MPF",
           "US-S232-WOOD", "EU-LVC-EUR3", "US-NOT-RESEARCHED-PRE-2025", "US-AFTER-2026-07-24", "EUR-USD",
           "ISO-3166-1", "EN-71", "ODC-PDDL"]
ORDINARY = "Codes HS-6 en ISO-8601, UTF-8, EUR-1 (EAN-13) et l'accord EU-MA [US-S232-WOOD]."


def test_every_fact_id_of_the_pack_is_read_whole():
    ids = [f["fact_id"] for f in reference.read_pack()["facts"]]
    assert {"SEC-04", "PRG-02", "FAM-RUG", "FAM-RUG-DUTY", "EU-GPSR-01", "PRC-VAT-14"} <= set(ids)
    assert [i for i in ids if not is_fact_id(i)] == []
    assert [i for i in ids if FACT_ID.findall(f"voir {i}, puis") != [i]] == []


@pytest.mark.django_db
def test_every_stored_and_cited_fact_id_is_read():
    stored = set(Fact.objects.values_list("fact_id", flat=True))
    assert stored and all(is_fact_id(i) for i in stored)
    cited = {i for step in ProcedureStep.objects.all() for i in step.fact_ids}
    cited |= set(RequirementLine.objects.values_list("fact__fact_id", flat=True))
    data = json.loads((Path(reference.DATA_DIR).parents[1] / "markets" / "data" / "market_access.json").read_text())
    cited |= {i.strip() for group in data.values() if isinstance(group, list)
              for row in group for i in row.get("fact_ids", "").split(",")
              if i.strip()}
    assert cited and [i for i in sorted(cited) if not is_fact_id(i)] == []


@pytest.mark.parametrize("code", NOT_IDS)
def test_an_ordinary_code_is_not_a_fact_id(code):
    assert not FACT_ID.search(f"({code})") and not FACT_ID.search(f"[{code}]") and not is_fact_id(code)


def test_an_id_inside_a_longer_code_is_not_read():
    assert FACT_ID.findall("X-MA-CUS-01 MA-CUS-01-B MA-CUS-012 SEC-04A FAM-RUGS") == []


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_three_readers_leave_ordinary_codes_as_written_and_name_every_shape_of_id(lang):
    with translation.override(lang):
        sec, fam = (Fact.objects.get(fact_id=i).title(lang) for i in ("SEC-04", "FAM-RUG"))
        text = f"{ORDINARY} Voir SEC-04 et FAM-RUG."
        knowledge_html, pricing_html = str(fragments(text)), str(fact_links(text))
        answer = cited(text, [{"fact_id": "SEC-04", "title": sec, "url": "/knowledge/facts/SEC-04/", "as_of": "2025"},
                              {"fact_id": "FAM-RUG", "title": fam, "url": "/knowledge/facts/FAM-RUG/", "as_of": ""}])
    # an Arabic answer isolates its runs of Latin words (<bdi>): their text stays as written
    answer_text = re.sub(r"</?bdi>", "", str(answer.html))
    for html in (knowledge_html, pricing_html, answer_text):
        assert "HS-6 en ISO-8601, UTF-8, EUR-1 (EAN-13) et l&#x27;accord EU-MA [US-S232-WOOD]." in html
        assert "SEC-04<" not in html and " SEC-04 " not in html and "FAM-RUG." not in html
    for html in (knowledge_html, pricing_html):
        assert 'href="/knowledge/facts/SEC-04/"' in html and 'href="/knowledge/facts/FAM-RUG/"' in html
    assert [s.citation["fact_id"] for s in answer.sources] == ["SEC-04", "FAM-RUG"]
    assert 'href="#answer-source-1"' in str(answer.html) and 'href="#answer-source-2"' in str(answer.html)


@pytest.mark.django_db
def test_a_run_of_one_series_links_each_fact():
    html = str(fact_links("US sales tax (PRC-VAT-14/15)"))
    assert html.count('class="fact-link"') == 2 and "PRC-VAT" not in html.replace('/knowledge/facts/PRC-VAT', "")


def test_the_markets_data_names_sources_not_facts():
    """A record's source is shown on pages (duty answers, plans): it names the source; `fact_ids` keeps the keys."""
    data = json.loads((Path(reference.DATA_DIR).parents[1] / "markets" / "data" / "market_access.json").read_text())
    shown = [row[key] for group in data.values() if isinstance(group, list) for row in group
             for key in ("source", "partners_source") if key in row]
    assert shown and [s for s in shown if FACT_ID.search(s) or "export facts" in s] == []
