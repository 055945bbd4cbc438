"""A fact's page reads in the page's language: markets and craft families by name, the translation note translated."""

import re

import pytest

from tijara.knowledge import services


def _details(client, fact_id: str, lang: str) -> str:
    response = client.get(f"/knowledge/facts/{fact_id}/?lang={lang}")
    assert response.status_code == 200
    return re.search(r"<dl>(.*?)</dl>", response.content.decode(), re.S).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_fact_page_names_markets_families_and_its_translation_in_the_page_language(client, lang):
    generated = _details(client, "FAM-RUG-DUTY", lang)
    written = _details(client, "PRC-FEE-01", lang)
    for details in (generated, written):
        assert "human translation" not in details and "translated by the Tijara project" not in details
    # markets are names from CLDR (no ISO code), families their names, never the internal code
    assert not re.search(r"\b(EU|USA|GBR)\b", generated) and ">rugs<" not in generated
    assert ("الاتحاد الأوروبي" if lang == "ar" else "Union européenne") in generated
    assert ("جميع الأسواق" if lang == "ar" else "tous les marchés") in written


@pytest.mark.django_db
def test_an_edited_fact_says_so_in_the_page_language(client, knowledge_revision, admin_user):
    services.revision_publish(user=admin_user, revision_id=knowledge_revision.pk)
    fact_id = knowledge_revision.fact.fact_id
    assert "نُشرت بعد المراجعة" in _details(client, fact_id, "ar")
    assert "Edited on the platform" in _details(client, fact_id, "en")


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "title", "text"), [
    ("ar", "الاشتراك السنوي في بورتنت: 3.600 درهم", "يكلف الاشتراك السنوي في بورتنت 3.600 درهم"),
    ("fr", "Abonnement annuel PortNet : 3\u202f600 MAD", "L&#x27;abonnement annuel à PortNet coûte 3\u202f600 MAD TTC (2025)"),
    ("en", "PortNet annual subscription: 3,600 MAD", "The annual PortNet subscription costs 3,600 MAD"),
])
def test_a_fact_page_writes_its_figures_as_the_page_language_does(client, lang, title, text):
    """The data groups its quantities (3,600 · 3 600 · 3٬600); the page writes them as its locale does, and leaves
    the year as written."""
    html = client.get(f"/knowledge/facts/MA-PN-02/?lang={lang}").content.decode()
    assert f"<title>{title}" in html and f"<h1>{title}</h1>" in html
    assert text in html and "(2025)" in html


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "shown", "kept"), [
    ("ar", ["0,5 ميكروغرام/مل", "(1,1 لتر"], ["CPG 545.450"]),
    ("fr", ["0,5 µg/mL", "(1,1 L"], ["CPG 545.450"]),
])
def test_a_fact_page_writes_decimals_with_the_locale_sign_and_keeps_references(client, lang, shown, kept):
    html = client.get(f"/knowledge/facts/US-CER-02/?lang={lang}").content.decode()
    article = html.split('<article class="card">', 1)[1].split("</article>", 1)[0]
    for text in shown + kept:
        assert text in article, text
    assert "0.5" not in article.split("<dl>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "words"), [("ar", "(1 يناير 2021)"), ("fr", "(1 janvier 2021)"),
                                             ("en", "(January 1, 2021)")])
def test_a_fact_page_writes_the_dates_of_its_text_in_words(client, lang, words):
    """The texts date a tariff "(2021-01-01)"; the page writes it as its language does, the API keeps the text."""
    html = client.get(f"/knowledge/facts/FAM-RUG-DUTY/?lang={lang}").content.decode()
    article = html.split('<article class="card">', 1)[1].split("</article>", 1)[0]
    assert words in article and "2021-01-01" not in article.split("<dl>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "mark"), [("ar", "بالإنجليزية"), ("fr", "en anglais"), ("en", None)])
def test_the_legal_reference_written_in_english_says_so(client, lang, mark):
    details = _details(client, "MA-FX-01", lang)
    assert '<bdi lang="en">General Instruction on Exchange Operations' in details
    if mark:
        assert f'<small class="lang-mark">({mark})</small>' in details
    else:
        assert "lang-mark" not in details
