"""The calculator result in Arabic and French: fact IDs only as links to the fact page, dates in the locale."""

import re
from html import unescape

import pytest
from django.utils import translation

from tijara.core import l10n

BRACKETED_ID = re.compile(r"\(\s*[A-Z]{2,4}-[A-Z]{2,5}-\d{2}")
ANY_ID = re.compile(r"\b(?:PRC|MA|EU|US|UK)-[A-Z]{2,5}-\d{2}\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("market, ship_date", [("FRA", "2026-12-01"), ("USA", "2026-03-15"), ("CHE", "2026-12-01")])
def test_result_shows_no_raw_fact_id_nor_iso_date(client, lang, market, ship_date):
    query = {"hs": "570110", "market": market, "exw": "2500", "currency": "MAD", "weight_kg": "9",
             "dims_cm": "200x150x5", "channel": "etsy", "freight": "1200", "ship_date": ship_date,
             "origin_proof": "no", "incoterm": "DAP", "mode": "forward", "lang": lang}
    with translation.override(lang):
        html = client.get("/pricing/calculator/", query, HTTP_HX_REQUEST="true").content.decode()
    text = visible(html)
    assert "data-testid=\"retail-price\"" in html
    assert not BRACKETED_ID.search(text), BRACKETED_ID.findall(text)
    assert not ANY_ID.search(text), ANY_ID.findall(text)
    assert not ISO_DATE.search(text), ISO_DATE.findall(text)
    assert "customs value + duties" not in text and "the sale price" not in text
    assert 'href="/knowledge/facts/' in html  # the facts are still reachable, as links
    # a source's confidence shows in words, never as the data's letter or enum
    assert not re.search(r"\((?:[VHSMKLU]|verified|secondary|unverified)\)", text), text


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_result_lines_become_cards_and_a_missing_size_is_said(client, lang):
    query = {"hs": "570110", "market": "FRA", "exw": "2500", "currency": "MAD", "weight_kg": "9.8", "channel": "etsy",
             "freight": "1200", "ship_date": "2026-03-15", "origin_proof": "yes", "incoterm": "DAP", "mode": "forward",
             "lang": lang}
    html = client.get("/pricing/calculator/", query, HTTP_HX_REQUEST="true").content.decode()
    assert 'class="pricing-lines rtable"' in html and 'data-label="' in html  # cards under 37.5rem
    text = visible(html)
    assert "volumetric ," not in text and "volumétrique ," not in text and "الحجمي ،" not in text
    with translation.override(lang):
        from django.utils.translation import gettext
        assert gettext("Weight: actual %(a)s, charged %(c)s (no volumetric weight: the packed size was not given).")[
            :10] in unescape(html)


def test_fact_links_filter_links_known_facts_and_localises_dates(db):
    from tijara.pricing.templatetags.pricing_text import fact_links

    with translation.override("fr"):
        out = str(fact_links("Not found (PRC-FEE-04) since 2026-12-06 <b>"))
    assert "PRC-FEE-04)" not in visible(out) and "2026-12-06" not in visible(out)
    assert "déc. 2026" in out and "&lt;b&gt;" in out


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_pricing_notes_name_the_source_and_its_tier_in_words_not_the_fact_id(lang):
    """UX-GUIDE 1.3 and 4.9: a note names its source, the date it states and the tier in words, never ID nor letter."""
    from tijara.pricing import services

    # a direct sale: the notes are the destination's (a channel's fee notes are another matter)
    rug = {"hs": "570110", "exw": "2500", "currency": "MAD", "weight_kg": "9", "dims_cm": "200x150x5",
           "incoterm": "DAP", "channel": "direct", "freight": "1200"}
    with translation.override(lang):
        from django.utils.translation import gettext

        for market, ship_date in (("USA", "2025-07-15"), ("USA", "2026-03-15"), ("FRA", "2026-12-01"), ("CHE", "2026-12-01")):
            result = services.price_calculate(market=market, ship_date=ship_date, **rug)
            notes = [str(note) for note in (*result.regime, *result.warnings)]
            assert notes
            for note in notes:
                assert not re.search(r"\b[A-Z]{2,4}(-[A-Z0-9]+)+-\d{2}\b", note), note
                assert not re.search(r"\((?:[VHSMKLU])\)", note), note
        us = services.price_calculate(market="USA", ship_date="2026-03-15", **rug)
        mpf = next(str(note) for note in (*us.regime, *us.warnings) if "cbp.gov" in str(note))
        assert l10n.undated() in mpf and gettext("Official") in mpf  # US-TAR-08, marked H
        assert gettext("Official") != "Official"  # the words are translated


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_channel_fee_and_incoterm_notes_name_the_source_and_its_tier_in_words_not_the_fact_id(lang):
    """The same for a channel's fee notes (Etsy, Shopify, Amazon Handmade, eBay) and the Incoterms notes."""
    from tijara.core.errors import TijaraError
    from tijara.pricing import services

    rug = {"hs": "570110", "exw": "2500", "currency": "MAD", "weight_kg": "9", "dims_cm": "200x150x5",
           "freight": "1200", "market": "USA", "ship_date": "2026-03-15"}
    with translation.override(lang):
        from django.utils.translation import gettext

        results = {channel: services.price_calculate(channel=channel, incoterm="DAP", **rug)
                   for channel in ("etsy", "shopify", "amazon-handmade", "ebay")}
        results["CIP"] = services.price_calculate(channel="direct", incoterm="CIP", **rug)  # no premium entered
        results["FOB"] = services.price_calculate(channel="direct", incoterm="FOB", **rug)  # a sea rule
        with pytest.raises(TijaraError) as meta:
            services.price_calculate(channel="meta", incoterm="DAP", **rug)
        notes = {key: [str(n) for n in (*r.unknown, *r.regime, *r.warnings)] for key, r in results.items()}
        notes["meta"] = [str(meta.value)]
        for key, texts in notes.items():
            assert texts, key
            for note in texts:
                assert not re.search(r"\b[A-Z]{2,4}(-[A-Z0-9]+)+-\d{2}\b", note), note
                assert not re.search(r"\((?:[VHSMKLU])\)", note), note
        etsy = next(n for n in notes["etsy"] if "115015710408" in n)  # PRC-FEE-04, marked S
        assert gettext("Check the source") in etsy
        assert f"(Russian-language copy)\u2069 ({gettext('in English')})" in etsy  # its source's words, said English
        shopify = next(n for n in notes["shopify"] if "api-evangelist" in n)  # PRC-FEE-13, 2026-08-27
        assert l10n.date_l10n("2026-08-27") in shopify and gettext("Check the source") in shopify
        assert any("is.muni.cz" in n and gettext("Official") in n for n in notes["FOB"])  # PRC-INC-01, marked V
        assert any("igl.es" in n for n in notes["CIP"])  # PRC-INC-03
        assert "jonloomer.com" in notes["meta"][0]


def test_a_note_s_source_says_its_language_only_on_a_page_in_another_one():
    from tijara.pricing.destination import F

    chip = F["EU_HANDLING"].chip()  # translated when shown, in the language of the page then
    with translation.override("fr"):
        assert str(chip).startswith("\u2068fiscalsolutions.co.uk\u2069 (en anglais), ")
    with translation.override("en"):
        assert str(chip).startswith("\u2068fiscalsolutions.co.uk\u2069, ")


def test_a_note_s_source_date_reads_in_words_and_its_own_english_wording_says_so():
    from tijara.pricing.destination import F

    with translation.override("fr"):
        assert ", 26 févr. 2026 — " in str(F["EU_HANDLING"].chip())
        assert "\u2068rules since July 1, 2018\u2069 (en anglais)" in str(F["AU_1000"].chip())
        assert ", sans date — " in str(F["US_MPF"].chip())
        assert "\u206830 juillet 2025 / 24 juin 2026\u2069" in str(F["US_DM_SUSPENDED"].chip())
    with translation.override("ar"):
        assert "26 فبراير 2026" in str(F["EU_HANDLING"].chip())
        assert "(بالإنجليزية)" in str(F["NZ_1000"].chip())
    with translation.override("en"):
        assert "\u2068rules since December 1, 2019\u2069 — " in str(F["NZ_1000"].chip())


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "vat"), [("ar", "20%"), ("fr", "20\u202f%"), ("en", "20%")])
def test_result_names_a_source_site_by_its_host_and_writes_rates_as_the_locale_does(client, lang, vat):
    """No bare address, path or file name in the result (a link named by its site), and each rate in a line's
    words written as the page's language writes it (French: a narrow space before the percent sign)."""
    query = {"hs": "570110", "market": "FRA", "exw": "2500", "currency": "MAD", "weight_kg": "9",
             "dims_cm": "200x150x5", "channel": "etsy", "freight": "1200", "ship_date": "2026-12-01",
             "origin_proof": "yes", "incoterm": "DAP", "mode": "forward", "lang": lang}
    with translation.override(lang):
        html = client.get("/pricing/calculator/", query, HTTP_HX_REQUEST="true").content.decode()
    text = visible(html)
    assert "https://" not in text and ".json" not in text and ".csv" not in text
    assert re.search(r'<a href="https://[^"]+" rel="noopener"><bdi dir="ltr">[a-z0-9.-]+</bdi></a>', html)
    assert f"importation {vat}" in html if lang == "fr" else vat in html
    # a date a source states in its own (English) words is marked English, not left as a bare isolated fragment
    cells = re.findall(r'<td class="source">(.*?)</td>', html, re.S)
    assert cells and not any("\u2068" in cell for cell in cells)
    if lang != "en":
        assert any('<small class="lang-mark">' in cell for cell in cells)
    # the conditional duty the tariff data quotes in English says so on another page
    conditional = re.search(r"<bdi>EU flat customs duty[^<]*</bdi> \(<bdi>[^<]*</bdi>([^<]*)\)", html)
    assert conditional
    with translation.override(lang):
        mark, comma = l10n.written_in("en"), l10n.comma()
    assert conditional.group(1) == (f"{comma}{mark}" if mark else "")  # inside the bracket: « ، بالإنجليزية »


def test_a_decimal_rate_in_a_line_is_written_with_the_locale_sign():
    from decimal import Decimal

    from tijara.pricing.text import Msg

    message = Msg("Customs duty %(rate)s%% (%(regime)s)") % {"rate": Decimal("6.5"), "regime": "MFN"}
    with translation.override("fr"):
        assert str(message).startswith("Droit de douane 6,5\u202f%")
    with translation.override("en"):
        assert str(message).startswith("Customs duty 6.5%")


@pytest.mark.django_db
@pytest.mark.parametrize("market", ["USA", "GBR"])
def test_the_duty_line_names_its_source_without_a_data_file_or_commit(client, market):
    """The tariff packs' provenance notes (a repository path, a file name, a commit) are not web addresses: the
    duty line shows the tariff's name only."""
    query = {"hs": "570110", "market": market, "exw": "2500", "currency": "MAD", "weight_kg": "9",
             "dims_cm": "200x150x5", "channel": "etsy", "freight": "1200", "ship_date": "2026-12-01",
             "origin_proof": "yes", "incoterm": "DAP", "mode": "forward", "lang": "ar"}
    with translation.override("ar"):
        text = visible(client.get("/pricing/calculator/", query, HTTP_HX_REQUEST="true").content.decode())
    assert "Tariff" in text  # the tariff's name is still there
    assert not re.search(r"\.csv\b|@[0-9a-f]{12,}|github\.com/", text), re.findall(r"\S+\.csv|@[0-9a-f]{12,}", text)


@pytest.mark.django_db
@pytest.mark.parametrize("lang, name", [("ar", "اتفاق التبادل الحر"), ("fr", "ALE Maroc")])
def test_the_duty_line_names_the_agreement_in_the_page_language(client, lang, name):
    query = {"hs": "570110", "market": "USA", "exw": "2500", "currency": "MAD", "weight_kg": "9",
             "dims_cm": "200x150x5", "channel": "etsy", "freight": "1200", "ship_date": "2026-12-01",
             "origin_proof": "yes", "incoterm": "DAP", "mode": "forward", "lang": lang}
    with translation.override(lang):
        text = visible(client.get("/pricing/calculator/", query, HTTP_HX_REQUEST="true").content.decode())
    assert name in text
    assert "United States – Morocco Free Trade Agreement" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "market"), [("ar", "USA"), ("ar", "GBR"), ("fr", "GBR"), ("en", "GBR")])
def test_english_source_names_in_the_result_say_their_language_on_another_page(client, lang, market):
    """The tariff's and the agreement's names, the volumetric divisor's source and the tariff notes, all named in
    English by the data, carry lang="en" and « (بالإنجليزية) » / « (en anglais) »; nothing on an English page."""
    query = {"hs": "570110", "market": market, "exw": "2500", "currency": "MAD", "weight_kg": "9",
             "dims_cm": "200x150x5", "channel": "etsy", "freight": "1200", "ship_date": "2026-12-01",
             "origin_proof": "yes", "incoterm": "DAP", "mode": "forward", "lang": lang}
    with translation.override(lang):
        html = client.get("/pricing/calculator/", query, HTTP_HX_REQUEST="true").content.decode()
        mark = l10n.written_in("en")
    tariff = {"USA": "USITC Harmonized Tariff Schedule", "GBR": "UK Global Tariff"}[market]
    cells = re.findall(r'<td class="source">(.*?)</td>', html, re.S)
    named = [cell for cell in cells if "Tariff" in cell or "agreement" in cell]
    assert named  # the duty line's source: the tariff or the agreement, by its English name
    notes = re.findall(r"<li>(.*?)</li>", html, re.S)
    vintage = [note for note in notes if tariff in note]
    assert vintage  # the tariff's date note names it
    divisor = re.search(r"<bdi[^>]*>DHL Express volumetric weight[^<]*</bdi>([^<]*<small[^>]*>[^<]*</small>)?", html)
    assert divisor
    if lang == "en":
        assert '<small class="lang-mark">' not in "".join(named) + divisor.group(0)
        assert all(f"{tariff}" in note and "(in English)" not in note for note in vintage)
        return
    for cell in named:
        assert '<bdi lang="en">' in cell and f'<small class="lang-mark">({mark})</small>' in cell
    with translation.override(lang):
        comma = l10n.comma()
    for note in vintage:  # the tariff sits in the note's bracket: its mark joins it, « (UK Global Tariff, en anglais »
        assert re.search(rf"\(<bdi>{tariff}[^<]*</bdi>{comma}{mark}[),{comma[0]}]", note), note
        assert f"({mark})" not in note, note
    assert divisor.group(0).startswith('<bdi lang="en">') and f"({mark})" in divisor.group(0)
    # the carrier quote the user entered is in the page's language: no mark
    entered = [cell for cell in cells if "lang-mark" not in cell and "<a " not in cell]
    assert entered


@pytest.mark.django_db
def test_a_stale_rate_note_names_bank_al_maghribs_table_in_the_page_language():
    from tijara.pricing.destination import RateSourceWords

    shipped = "Bank Al-Maghrib buy/sell table, republished by Moroccan news sites"
    with translation.override("ar"):
        shown = str(RateSourceWords(shipped))
        assert "Bank Al-Maghrib" not in shown and "بنك المغرب" in shown
    with translation.override("fr"):
        assert str(RateSourceWords("Some bank's published reference rates")) == (
            "\u2068Some bank's published reference rates\u2069 (en anglais)")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize(("market", "origin"), [("FRA", "yes"), ("FRA", "no"), ("USA", "no"), ("GBR", "no")])
def test_the_duty_line_s_english_source_is_marked_as_the_other_sources_are(client, lang, market, origin):
    """The duty line's source (a tariff's English name) carries the same « (in English) » mark as the other lines'."""
    query = {"hs": "570110", "market": market, "exw": "2500", "currency": "MAD", "weight_kg": "9",
             "dims_cm": "200x150x5", "channel": "etsy", "freight": "1200", "ship_date": "2026-12-01",
             "origin_proof": origin, "incoterm": "DAP", "mode": "forward", "lang": lang}
    with translation.override(lang):
        html = client.get("/pricing/calculator/", query, HTTP_HX_REQUEST="true").content.decode()
        from django.utils.translation import gettext
        duty_words = str(gettext("Customs duty %(rate)s%% (%(regime)s)")).split("%(rate)s")[0].strip()
        mark = f'<small class="lang-mark">({l10n.written_in("en")})</small>'
    rows = [row for row in re.findall(r'<tr class="paid-[^"]*">(.*?)</tr>', html, re.S)
            if duty_words in unescape(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))]
    assert rows, duty_words
    for row in rows:
        source = re.search(r'<td class="source">(.*?)</td>', row, re.S).group(1)
        assert '<bdi lang="en">' in source and mark in source, source
