"""Foreign fragments inside fact and step texts are isolated (issue 16): in the data, the pages and the sources."""

import pytest
from django.utils import translation

from tijara.knowledge.templatetags.knowledge_tags import fragments


def test_isolated_fragments_become_bdi_and_marking_phrases_are_english():
    html = fragments("ضع على كل سلعة عبارة «\u2068Made in Morocco\u2069» و\u20686907.21\u2069 <b>")
    assert '<bdi lang="en" dir="ltr">Made in Morocco</bdi>' in html
    assert "<bdi>6907.21</bdi>" in html and "&lt;b&gt;" in html and "\u2068" not in html


@pytest.mark.django_db
def test_the_marking_step_isolates_made_in_morocco_in_every_language():
    from tijara.knowledge.selectors import checklist_for

    for language in ("ar", "fr", "en"):
        with translation.override(language):
            items = checklist_for(hs="690721", market="USA", language=language).items
        titles = [i.title for i in items if "Made in Morocco" in i.title]
        assert titles and all("\u2068Made in Morocco\u2069" in t for t in titles)


@pytest.mark.django_db
def test_the_checklist_page_isolates_sources_and_says_undated_in_arabic(client):
    response = client.get("/knowledge/checklist/?hs=690721&market=FRA&lang=ar")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<bdi lang="en">EU Common External Tariff' in html
    assert "بتاريخ undated" not in html


@pytest.mark.django_db
def test_the_procedures_page_picks_a_market_by_name_and_shows_tiers_in_words(client):
    import re

    body = client.get("/knowledge/?market=USA&lang=ar").content.decode()
    assert '<select name="market"' in body and "ISO" not in body  # a country by its name, never a code to type
    assert re.search(r'<option value="USA" selected>الولايات المتحدة', body)
    badges = re.findall(r'<span class="badge (?:verified|secondary|unverified)">([^<]*)</span>', body)
    assert badges and not any(re.search(r"\([A-Z]\)", b) for b in badges)  # no data letter (V), (M), (U)
