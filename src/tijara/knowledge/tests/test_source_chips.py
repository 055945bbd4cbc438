"""Pages that cite knowledge facts name them in words: a fact's ID (MA-STA-01) is an internal key, so it is only in the
address of the link to the fact's page, never in the text a reader sees (UX guide §1.3, §4.9). The API keeps the IDs."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from tijara.core.testing import visible_text
from tijara.knowledge.ids import FACT_ID
from tijara.plans import services as plan_services

pytestmark = pytest.mark.django_db
FACT_LINK = re.compile(r'href="/knowledge/facts/([A-Z0-9-]+)/"')


def visible(html: str) -> str:
    return visible_text(html)  # what a reader sees: no href, title or id, no script or style


def chips(html: str) -> list[str]:
    """The source chips of a page: each `<span class="source">` with what it holds, up to its closing tag."""
    found = []
    for start in (m.start() for m in re.finditer(r'<span class="source">', html)):
        depth, at = 0, start
        for tag in re.finditer(r"<(/?)span\b[^>]*>", html[start:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                at = start + tag.end()
                break
        found.append(html[start:at])
    return found


def page(client, url: str, lang: str) -> str:
    response = client.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
@pytest.mark.parametrize("url", ["/knowledge/requirements/?family=ceramics&market=FRA",
                                 "/knowledge/checklist/?family=ceramics&market=FRA",
                                 "/training/lessons/ceramics-rules/"])
def test_a_page_citing_facts_names_them_in_words_and_links_each_to_its_page(client, url, lang):
    html = page(client, url, lang)
    assert not FACT_ID.search(visible(html)), FACT_ID.search(visible(html))
    found = chips(html)
    assert found and all(FACT_LINK.search(chip) for chip in found)  # every source links to its fact's page


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_fact_page_is_titled_in_words_and_does_not_link_to_itself(client, lang):
    html = page(client, "/knowledge/facts/AGR-US-04/", lang)
    text = visible(html)
    assert not FACT_ID.search(text)
    title = re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1)
    assert "AGR-US-04" not in title and "<h1>" in html
    assert 'href="/knowledge/facts/AGR-US-04/"' not in html


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_country_page_names_an_agreement_s_facts_and_its_source_in_words(client, lang):
    html = page(client, "/markets/country/USA/", lang)
    text = visible(html)
    assert not FACT_ID.search(text), FACT_ID.search(text)
    assert "https://www.cbp.gov" not in text  # the source is named, its address is the link's
    assert {"AGR-US-01", "AGR-US-04"} <= set(FACT_LINK.findall(html))
    assert "2024" in text


def test_the_readiness_plan_links_its_facts_without_showing_their_ids(client, owner_user, organisation,
                                                                      training_weak_answers):
    client.force_login(owner_user)
    client.post(reverse("training:assess", args=[organisation.slug]),
                {k: str(v) for k, v in training_weak_answers.items()})
    for lang in ("ar", "fr"):
        html = page(client, reverse("training:organisation", args=[organisation.slug]), lang)
        assert not FACT_ID.search(visible(html)), FACT_ID.search(visible(html))
        assert "MA-POST-01" in FACT_LINK.findall(html)


def test_a_plan_s_source_chips_link_to_the_facts_in_words(client, owner_user, organisation):
    plan = plan_services.plan_create(actor=owner_user, organisation=organisation, market="USA", language="fr",
                                     text="handmade Fez zellige glazed tiles")
    client.force_login(owner_user)
    html = page(client, f"/plans/{plan.pk}/", "fr")
    found = chips(html)
    cited = [chip for chip in found if FACT_LINK.search(chip)]
    assert cited, "no source chip links to a fact"
    for chip in cited:
        assert not FACT_ID.search(visible(chip)) and "Détails" in visible(chip)
        assert re.search(r'<bdi lang="(?:en|fr)">', chip)  # the source marked with the language it is written in,
    assert any("(en anglais)" in visible(chip) for chip in cited)  # and said so on a page in another one


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_fact_citing_another_by_its_id_names_it_by_its_title(client, lang):
    from tijara.knowledge.selectors import fact_get

    html = page(client, "/knowledge/facts/MA-ORI-01/", lang)
    assert not FACT_ID.search(visible(html)), FACT_ID.search(visible(html))
    title = fact_get(fact_id="AGR-EU-03").title(lang)
    assert re.search(r'<a href="/knowledge/facts/AGR-EU-03/">' + re.escape(escape(title)) + "</a>", html)


@pytest.mark.parametrize(("lang", "mark"), [("fr", ""), ("en", " (in French)"), ("ar", " (بالفرنسية)")])
def test_a_source_written_in_french_is_marked_french_and_said_so_on_a_page_in_another_language(client, lang, mark):
    html = page(client, "/knowledge/facts/MA-FX-01/", lang)
    assert '<bdi lang="fr">Office des Changes, Exportations de biens</bdi></a>' in html
    said = re.search(r'</a>(?: <small class="lang-mark">\(([^)]*)\)</small>)?', html[html.index('<bdi lang="fr">'):])
    assert (f" ({said.group(1)})" if said.group(1) else "") == mark
    assert 'lang="en">Office des Changes' not in html


@pytest.mark.parametrize(("lang", "mark"), [("fr", "(en anglais)"), ("ar", "(بالإنجليزية)")])
def test_a_source_written_in_english_says_so_on_a_french_or_arabic_page(client, lang, mark):
    html = page(client, "/knowledge/facts/MA-STA-01/", lang)
    chip = chips(html)[0]
    assert '<bdi lang="en">Moroccan official and press texts on Law 50-17</bdi></a>' in chip
    assert f'<small class="lang-mark">{mark}</small>' in chip
    assert "lang-mark" not in chips(page(client, "/knowledge/facts/MA-STA-01/", "en"))[0]


@pytest.mark.parametrize("market", ["USA", "FRA"])
def test_the_duty_answer_names_its_sources_without_fact_ids(client, market):
    html = page(client, f"/markets/duty/?hs=570110&market={market}&date=2026-08-01", "fr")
    text = visible(html)
    assert "Droit" in text or "droit" in text
    assert not FACT_ID.search(text), FACT_ID.findall(text)
    assert "export facts" not in text


@pytest.mark.parametrize("market", ["FRA", "GBR", "USA"])
def test_a_priced_plan_names_its_facts_and_agreement_in_words(client, owner_user, organisation, market):
    """The price lines cite their facts (`… — EU-CUS-02 / PRC-LV-02 (M)` in the data) by title and tier in words, and
    the duty section names the agreement, not its code (the JSON keeps both)."""
    plan = plan_services.plan_create(actor=owner_user, organisation=organisation, market=market, language="fr",
                                     text="handmade Fez zellige glazed tiles", hs="690721",
                                     parameters={"exw_mad": "800", "weight_kg": "3", "freight": "300"})
    assert plan.result["price"]["available"]
    client.force_login(owner_user)
    text = visible(page(client, f"/plans/{plan.pk}/", "fr"))
    assert not FACT_ID.search(text), FACT_ID.findall(text)
    assert not re.search(r"\b(?:EU|UK|US)-MA\b", text) and " (M)" not in text and " (S)" not in text
