"""Web pages and the page walk: every number shown carries a source and a year."""

import re

import pytest
from django.utils import translation
from lxml import html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """Assertions below read English pages and messages (other languages: see the parametrized walk)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield

PAGES = [
    "/markets/",
    "/markets/?q=tapis+nou%C3%A9+main",
    "/markets/?q=hand-knotted+carpet",
    "/markets/hs/57/",
    "/markets/hs/5701/",
    "/markets/hs/570110/",
    "/markets/hs/6907/",
    "/markets/hs/690723/?date=2026-03-01",
    "/markets/hs/7113/",
    "/markets/hs/711311/",
    "/markets/hs/940542/",
    "/markets/hs/570110/?edition=2017",
    "/markets/country/USA/",
    "/markets/country/FRA/",
    "/markets/country/DEU/",
    "/markets/country/EGY/",
    "/markets/country/JPN/",
    "/markets/country/MAR/",
    "/markets/duty/?hs=570110&market=USA&date=2026-03-01&origin_proof=1",
    "/markets/duty/?hs=690723&market=FRA&date=2026-08-01",
    "/markets/duty/?hs=570110&market=JPN&date=2026-03-01&origin_proof=1",
]
# Where digits are not figures: codes, dates, source names/notes, and legal texts quoted as published
# (nomenclature descriptions such as "water absorption > 10 %", agreement clauses).
ALLOWED_CLASSES = {"num", "code", "date", "meta", "note", "src", "legal"}
ALLOWED_TAGS = {"time", "data", "svg", "option", "script", "title", "textarea", "input"}


def _allowed(el) -> bool:
    for node in [el, *el.iterancestors()]:
        if not isinstance(node.tag, str):
            continue
        if node.tag in ALLOWED_TAGS or ALLOWED_CLASSES & set((node.get("class") or "").split()):
            return True
    return False


def _sourced(el) -> bool:
    return any(node.get("data-source") and node.get("data-year") for node in [el, *el.iterancestors()])


def walk(content: bytes) -> tuple[list[str], list[str]]:
    """(bare numbers outside figure/code/date markup, figures without a source and a year)."""
    tree = html.fromstring(content)
    main = tree.get_element_by_id("main")
    bare, unsourced = [], []
    for el in main.iter():
        if not isinstance(el.tag, str):
            continue
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            if text and re.search(r"\d", text) and owner is not None and not _allowed(owner):
                bare.append(text.strip()[:80])
        if "num" in (el.get("class") or "").split() and not _sourced(el):
            unsourced.append(html.tostring(el, encoding="unicode")[:120])
    return bare, unsourced


@pytest.mark.parametrize("url", PAGES)
def test_every_number_carries_source_and_year(client, url):
    response = client.get(url)
    assert response.status_code == 200
    bare, unsourced = walk(response.content)
    assert unsourced == [], unsourced
    assert bare == [], bare


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("url", ["/markets/hs/570110/", "/markets/hs/6907/", "/markets/country/USA/",
                                 "/markets/duty/?hs=690723&market=USA&date=2026-03-01&origin_proof=1"])
def test_walk_in_arabic_and_french(client, url, lang):
    sep = "&" if "?" in url else "?"
    response = client.get(f"{url}{sep}lang={lang}")
    assert response.status_code == 200 and f'lang="{lang}"'.encode() in response.content
    bare, unsourced = walk(response.content)
    assert unsourced == [], unsourced
    assert bare == [], bare


def test_walk_detects_unsourced_numbers():
    page = (b'<html><body><main id="main"><p>Imports 2,155,000,000 USD</p>'
            b'<table><tr><td><data class="num" value="1">1</data></td></tr></table></main></body></html>')
    bare, unsourced = walk(page)
    assert bare == ["Imports 2,155,000,000 USD"] and len(unsourced) == 1


def test_search_pages_find_570110(client):
    for query in ("tapis noué main", "hand-knotted carpet"):
        response = client.get("/markets/", {"q": query})
        assert b"/markets/hs/570110/" in response.content
    partial = client.get("/markets/", {"q": "zellige"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b"6907" in partial.content


def test_product_page_6907_shows_data_sources_and_missing(client):
    content = client.get("/markets/hs/6907/").content.decode()
    assert "FloorDaily" in content or "Department of Commerce" in content  # published US tile imports
    assert "<svg" in content and "World imports by importer" in content
    assert "CEPII BACI / UN Comtrade): not loaded" in content  # says which figures are missing
    assert "tijara data" not in content  # never an operator's command
    sub = client.get("/markets/hs/690723/", {"date": "2026-03-01"}).content.decode()
    assert "Section 122" in sub and "EU–Morocco Euro-Mediterranean Association Agreement" in sub
    assert "UK–Morocco Association Agreement" in sub and "(EU-MA)" not in sub  # agreements by name, not code


def test_no_data_is_said(client):
    content = client.get("/markets/hs/010121/").content.decode()
    assert "No data" in content
    japan = client.get("/markets/country/JPN/").content.decode()
    assert "No preferential agreement" in japan and "no tariff" in japan


def test_country_page_lists_agreement_distance_and_crafts(client):
    content = client.get("/markets/country/USA/").content.decode()
    assert "United States – Morocco Free Trade Agreement" in content
    assert 'value="6146.918"' in content  # CEPII distcap MAR→USA (the text is formatted per language)
    assert "Share of Morocco" in content


def test_unknown_codes_are_404(client):
    assert client.get("/markets/hs/999999/").status_code == 404
    assert client.get("/markets/country/XXX/").status_code == 404


def test_duty_form_errors_and_no_proof(client):
    response = client.get("/markets/duty/", {"hs": "69", "market": "USA"})
    assert "6, 8 or 10 digits" in response.content.decode()
    unchecked = client.get("/markets/duty/", {"hs": "690723", "market": "USA", "date": "2026-03-01"})
    # Without proof of origin: MFN 8.5–10 % plus the 10 % Section 122 surcharge.
    assert 'value="20.000">18.5–20%' in unchecked.content.decode()  # locale-formatted (en)


def test_arabic_page_is_right_to_left(client):
    response = client.get("/markets/country/FRA/", {"lang": "ar"})
    assert b'dir="rtl"' in response.content and "فرنسا".encode() in response.content


def test_figures_and_duties_show_the_source_tier_next_to_the_source(client):
    body = client.get("/markets/hs/570110/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Made-in-China.com" in body and "(blog, shop or marketing page)" in body
    duty = client.get("/markets/duty/", {"hs": "570110", "market": "USA"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "USITC" in duty and "official publisher or statistics office" in duty
    assert not re.search(r"\btier \d", body + duty)  # the tier in words, never its number


def test_tier_name_filter_for_other_apps():
    from tijara.markets.templatetags.source_tiers import source_tier, tier_name

    with translation.override("fr"):
        assert tier_name(3) == "presse" and tier_name(None) == "" and tier_name(7) == ""
        assert source_tier("USITC HTS 2024") == "éditeur officiel ou office statistique"
    with translation.override("ar"):
        assert tier_name(1) == "ناشر رسمي أو مكتب إحصاء" and "المستوى" not in tier_name(4)


def test_country_page_shows_country_level_size_with_source_licence_and_tier(client):
    body = client.get("/markets/country/FRA/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Market size (country level, all goods — not demand for any product)" in body
    assert "World Development Indicators" in body and "CC BY 4.0" in body
    assert "international organisation or industry association" in body and "tier 2" not in body
    from tijara.markets.selectors import country_overview_dict

    size = country_overview_dict("FRA")["market_size_country_level"]
    assert size["scope"].startswith("country") and size["imports_goods_usd"] > 0 and size["tier"] == 2


def test_duty_page_in_arabic_names_countries_in_arabic_and_isolates_the_data_texts(client):
    body = client.get("/markets/duty/", {"hs": "570110", "market": "USA", "lang": "ar"}).content.decode()
    assert "الولايات المتحدة" in body and ">Afghanistan<" not in body
    assert '<bdi lang="en">USITC Harmonized Tariff Schedule' in body
    assert "\u2068USITC" in body  # the vintage warning isolates the publisher's name
    assert "مقتبسة بالإنجليزية" in body  # the English tariff texts say they are not translated
    english = client.get("/markets/duty/", {"hs": "570110", "market": "USA", "lang": "en"}).content.decode()
    assert "quoted in English" not in english


def test_index_in_arabic_names_countries_in_arabic_and_marks_the_english_nomenclature(client):
    body = client.get("/markets/", {"lang": "ar"}).content.decode()
    assert "فرنسا" in body and ">France<" not in body and ">Spain<" not in body
    assert "لا توجد تسمية عربية رسمية" in body  # the English nomenclature says it is English
    names = re.findall(r'<span class="legal"([^>]*)>', body)
    assert names and all('lang="en"' in attrs for attrs in names)


def test_country_page_shows_an_agreement_confidence_in_words(client):
    body = client.get("/markets/country/FRA/", {"lang": "fr"}).content.decode()
    assert not re.search(r"confiance\s+[A-Z]\b|confidence\s+[A-Z]\b", body)
    assert re.search(r'<span class="badge (?:verified|secondary|unverified)">', body)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_country_page_formats_big_numbers_in_the_locale_and_names_only_known_languages(client, lang):
    body = client.get("/markets/country/FRA/", {"lang": lang}).content.decode()
    shown = re.findall(r'<data class="num" value="[^"]*">([^<]*)</data>', body)
    assert shown and not [s for s in shown if re.search(r"\d{5,}", s)], shown  # 733286688815 → 733 286 688 815
    assert ">frp<" not in body and ", frp" not in body and "frp," not in body
    dates = re.findall(r'<time class="date">([^<]*)</time>', body)
    assert dates and not [d for d in dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)], dates  # month spelled out
    if lang == "ar":  # the currency by its name in the page's language; English data says it is English
        assert "<dd>يورو</dd>" in body and "(بالإنجليزية)" in body
    periods = re.findall(r'<span class="date">([^<]*)</span>', body)  # reporting periods, also the chart's labels
    assert periods and not re.search(r"\d{4}-\d{2}-\d{2}", " ".join(periods) + body.split("<svg", 1)[-1].split(
        "</svg>", 1)[0]), periods  # "2025-01-01..2025-12-31" → "janv.–déc. 2025"


@pytest.mark.parametrize("lang, imports", [("ar", "مليار"), ("fr", "Md"), ("en", "B")])
def test_country_page_names_the_country_without_its_iso_code_and_shows_imports_in_compact_words(client, lang, imports):
    """UX guide §1.3 and §6: no ISO code in the heading; a twelve-digit import total reads "733,3 Md $US"."""
    tree = html.fromstring(client.get("/markets/country/FRA/", {"lang": lang}).content)
    assert "FRA" not in tree.xpath("string(//h1)")
    shown = next(d.text_content() for d in tree.xpath("//dd/data[@value]") if float(d.get("value")) > 1e10)
    assert imports in shown and len(re.sub(r"\D", "", shown)) <= 4, shown


def test_country_page_says_the_agreements_english_texts_are_not_translated(client):
    body = client.get("/markets/country/USA/", {"lang": "ar"}).content.decode()
    assert "اتفاقات وشروطها وقواعد المنشأ مقتبسة بالإنجليزية" in body
    assert re.search(r'<h3 class="legal" lang="en"', body)  # the agreement's name is marked English
    english = client.get("/markets/country/USA/", {"lang": "en"}).content.decode()
    assert "quoted in English" not in english


def test_arabic_hs_page_leads_with_the_project_label_marked_and_keeps_the_official_texts_one_click_away(client):
    """A craft subheading and heading on an Arabic page: the project's Arabic label first, marked a translation; the
    official English and French texts inside an "Official text" toggle; the sub-codes listed by their labels."""
    page = html.fromstring(client.get("/markets/hs/570110/", {"lang": "ar"}).content)
    label = page.xpath('//main//p[@class="hs-label"]')[0]
    assert label.xpath('span[@lang="ar"]')[0].text_content().strip()
    assert label.xpath('span[@class="badge"]')  # "project translation, not an official text"
    official = page.xpath('//main//details[@class="official-text"]')[0]
    assert official.xpath('p[@lang="en"][@dir="ltr"]') and official.xpath('p[@lang="fr"][@dir="ltr"]')
    heading = html.fromstring(client.get("/markets/hs/5701/", {"lang": "ar"}).content)
    items = heading.xpath("//main//section[1]//li")
    assert items and all(li.xpath('span[@lang="ar"]') and li.xpath('small[@class="badge"]') for li in items)
    # French and English pages, and other HS editions, keep the official texts as the page's text
    for params in ({"lang": "fr"}, {"lang": "en"}, {"lang": "ar", "edition": "2017"}):
        other = html.fromstring(client.get("/markets/hs/570110/", params).content)
        assert not other.xpath('//main//p[@class="hs-label"]') and not other.xpath('//main//details[@class="official-text"]')


def test_duty_answers_name_the_eu_market_and_write_the_code_as_people_do(client):
    body = client.get("/markets/hs/570110/", {"lang": "ar"}).content.decode()
    assert "الاتحاد الأوروبي — " in body and ">EUR — " not in body
    assert '<span class="code" dir="ltr">5701.10</span>' in body


def test_duty_answers_write_source_dates_in_words_not_iso(client):
    """The tariff's vintage, a source's date and the day asked about read as dates of the page's language."""
    body = client.get("/markets/duty/", {"hs": "570110", "market": "GBR", "lang": "ar"}).content.decode()
    main = body[body.index("<main"):]
    assert "2021-01-01" not in re.sub(r'(datetime|data-year|value)="[^"]*"', "", main)
    assert "1 يناير 2021" in main


def test_an_arabic_search_that_finds_no_code_leads_to_the_classifier(client):
    """The nomenclature's words are English and French: «زربية» finds no code, and the page offers the classifier
    with the words already typed."""
    body = client.get("/markets/", {"q": "زربية", "lang": "ar"}).content.decode()
    assert "/assistant/classify/?text=%D8%B2%D8%B1%D8%A8%D9%8A%D8%A9" in body
    assert "ابحث عن الرمز انطلاقًا من هذا الوصف" in body
