"""Figures in prose (facts, answers) written as the page's locale writes them; codes, years, dates, references,
ranges, addresses and isolated quotations left as written."""

import decimal

import pytest

from tijara.core.l10n import figures, number_readings

NNBSP = "\u202f"


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # grouped quantities: the data groups them (en ",", fr space, ar U+066C); the page writes them its way
    ("ar", "يكلف الاشتراك 3٬600 درهم (2025).", "يكلف الاشتراك 3.600 درهم (2025)."),
    ("fr", "L'abonnement coûte 3 600 MAD TTC (2025).", f"L'abonnement coûte 3{NNBSP}600 MAD TTC (2025)."),
    ("en", "The subscription costs 3,600 MAD (2025).", "The subscription costs 3,600 MAD (2025)."),
    ("ar", "حوالي 420٬000 صانع و300٬000 بطاقة", "حوالي 420.000 صانع و300.000 بطاقة"),  # و is a proclitic
    ("fr", "au moins 39 046, dont 37 363", f"au moins 39{NNBSP}046, dont 37{NNBSP}363"),
    ("en", "at least 39,046, including 1,292 forwarders", "at least 39,046, including 1,292 forwarders"),
    ("ar", "٣٬٦٠٠ درهم", "3.600 درهم"),  # Arabic-Indic digits and separator: Western digits, as ar_MA prints
    ("en", "3 600 MAD", "3,600 MAD"),  # a plain space before three digits groups in any language
    # decimals: the sign of the locale, the decimals as written (never rounded nor dropped)
    ("ar", "الرصاص 0.8 ملغ/دسم²، الكادميوم 0.07", "الرصاص 0,8 ملغ/دسم²، الكادميوم 0,07"),
    ("ar", "0.100 و2.80 و1.00", "0,100 و2,80 و1,00"),
    ("fr", "1.5 kg et 0,5 µg/mL", "1,5 kg et 0,5 µg/mL"),
    ("en", "0.5 µg/mL and 1.50 L", "0.5 µg/mL and 1.50 L"),
    ("ar", "1.234.567,5", "1.234.567,5"),  # already as ar_MA writes it: unchanged
    ("fr", f"1 234,5 et 3{NNBSP}600", f"1{NNBSP}234,5 et 3{NNBSP}600"),
    # percentages: the number formatted, the sign as written
    ("ar", "±2.5% و13.5%) و0.0003%", "±2,5% و13,5%) و0,0003%"),
    ("fr", "12,5 %", "12,5 %"),
    ("en", "12.5%", "12.5%"),
])
def test_figures_are_written_as_the_locale_writes_them(lang, text, expected):
    assert figures(text, lang=lang) == expected


KEPT = [
    "HS 6702.10, 570110, 4202, 9405.50.00 and 6304.92/.99",  # HS codes: ungrouped, or four digits before the dot
    "in 2024, from 2021-2025, signed 26 Feb 1996",  # years and year ranges
    "14/08/2026, 14.08.2026, 10:30",  # dates other than ISO, and times
    "FDA-2025-08-29, /2025-08-29/, 2025-08-29T10:00, 2025-08-29..2025-12-31, 2011-12, 2025-13-01",  # not prose dates
    "+212 522 123 456, 06 61 234 567, 0522123456",  # phone numbers
    "FDA-2010-D-0571, AGR-EU-03, EUR.1, CN22, Access2Markets, le360.ma, m2",  # IDs and names
    "version 1.5.2, decree 2.21.437, Regulation 1935/2004, circular 6530/223",  # version-like, legal numbers
    "50-1000 V, 75-1500 V, 0.5-1.5 mg, 17-18 km",  # ranges stay as written
    "19 CFR 10.764, CPG 545.450, EN ISO 17075, 19 USC 1321, CSMS #67834313, n° 11.19, No. 2.5",  # references
    "https://help.etsy.com/hc/en-us/articles/360000343968?x=1.5 and www.example.ma/3,600",  # addresses
    "https://example.org/news/2025-08-29 and \u20682025-08-29\u2069",  # a date in an address or isolated
    "\u20688.00% MAX 2.80 EUR / m2\u2069: \u20685701.10.90\u2069",  # isolated: quoted as the schedule prints it
    "-3.5, −2.5",  # signed values
]


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
@pytest.mark.parametrize("text", KEPT)
def test_codes_years_dates_phones_ids_references_ranges_and_addresses_stay_as_written(lang, text):
    assert figures(text, lang=lang) == text


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_an_arabic_reference_after_the_word_number_stays_as_written(lang):
    assert figures("يحمل رقم 11.19", lang=lang) == "يحمل رقم 11.19"


def test_a_number_read_two_ways_stays_as_written():
    # "3.600" in an Arabic text: Moroccan print groups with a point (3600), the data's decimals use one (3.6)
    assert len(number_readings("3.600", lang="ar")) == 2
    assert figures("3.600 درهم", lang="ar") == "3.600 درهم"
    assert figures("3,600 درهم", lang="ar") == "3,600 درهم"
    assert figures("3.600", lang="fr") == "3.600"
    assert figures("0.600", lang="ar") == "0,600"  # a zero before the sign is never a group


def test_a_currency_code_before_an_amount_is_no_reference():
    assert figures("EUR 2.80 et USD 1,5", lang="fr") == "EUR 2,80 et USD 1,5"


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_formatting_twice_changes_nothing(lang):
    text = {"ar": "3٬600 درهم و0.5% و1.234.567,5", "fr": "3 600 MAD, 0,5 %, 1.5 kg", "en": "3,600 MAD, 0.5%"}[lang]
    once = figures(text, lang=lang)
    assert figures(once, lang=lang) == once


def test_the_active_language_is_used_without_lang():
    from django.utils import translation

    with translation.override("ar"):
        assert figures("0.5 و3٬600") == "0,5 و3.600"
    with translation.override("fr"):
        assert figures("3 600") == f"3{NNBSP}600"


def test_empty_and_digitless_text():
    assert figures(None) == "" and figures("") == "" and figures("Made in Morocco") == "Made in Morocco"


@pytest.mark.parametrize(("token", "lang", "values"), [
    ("3,600", "en", {"3600"}), ("3 600", "fr", {"3600"}), ("3\u202f600", "en", {"3600"}), ("٣٬٦٠٠", "ar", {"3600"}),
    ("1.5", "en", {"1.5"}), ("1,5", "fr", {"1.5"}), ("1.5", "ar", {"1.5"}), ("1,5", "ar", {"1.5"}),
    ("3.600", "ar", {"3600", "3.6"}), ("3,600", "ar", {"3600", "3.6"}), ("3.600", "en", {"3.6"}),
    ("1,5", "en", set()), ("1.5.2", "en", set()), ("0,100", "en", set()), ("2024", "en", {"2024"}),
])
def test_number_readings(token, lang, values):
    assert {r.value for r in number_readings(token, lang=lang)} == {decimal.Decimal(v) for v in values}


def test_the_figures_filter_is_built_in_follows_the_page_language_and_stays_escaped():
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{{ t|figures }}")
    with translation.override("ar"):
        assert template.render(Context({"t": "<b>3٬600</b> HS 6702.10"})) == "&lt;b&gt;3.600&lt;/b&gt; HS 6702.10"
    with translation.override("fr"):
        assert template.render(Context({"t": "3 600 MAD"})) == f"3{NNBSP}600 MAD"


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "Suspendu depuis le 2025-08-29 ; barème de 2024-05.", "Suspendu depuis le 29 août 2025 ; barème de mai 2024."),
    ("en", "Suspended since 2025-08-29: a rate of 2024-05.", "Suspended since August 29, 2025: a rate of May 2024."),
    ("ar", "معلق منذ 2025-08-29 (جدول 2024-05).", "معلق منذ 29 غشت 2025 (جدول ماي 2024)."),
    ("ar", "⁨UK Global Tariff⁩ (2021-01-01): 3٬600", "⁨UK Global Tariff⁩ (1 يناير 2021): 3.600"),
])
def test_iso_dates_in_prose_are_written_in_words_in_the_page_language(lang, text, expected):
    """Moroccan month names in Arabic (غشت, ماي), as `date_l10n`; a year and month only when it cannot be a range."""
    assert figures(text, lang=lang) == expected
