"""Locale formatting: the values of UX-GUIDE.md §6 in ar (ar_MA), fr and en, as helpers and as template filters."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from tijara.core import l10n

NNBSP, NBSP, RLM = "\u202f", "\u00a0", "\u200f"


@pytest.mark.parametrize(("lang", "expected"), [
    ("ar", "1.234.567,891"), ("fr", f"1{NNBSP}234{NNBSP}567,891"), ("en", "1,234,567.891")])
def test_num_groups_as_the_locale_does(lang, expected):
    assert l10n.num(1234567.891, lang=lang) == expected


def test_weight_in_french_is_not_read_as_thousands():
    assert l10n.unit(9.8, "kg", lang="fr") == f"9,8{NNBSP}kg"
    assert l10n.unit(Decimal("12"), "m2", lang="fr") == f"12{NNBSP}m²"
    assert l10n.unit(9.8, "kg", lang="ar") == "9,8 كغم"


@pytest.mark.parametrize(("lang", "expected"), [
    ("ar", f"{RLM}378,45{NBSP}€"), ("fr", f"378,45{NBSP}€"), ("en", "€378.45")])
def test_money_writes_the_currency_as_the_locale_does(lang, expected):
    assert l10n.money(378.45, "EUR", lang=lang) == expected


def test_arabic_names_a_currency_whose_symbol_is_latin():
    # CLDR's ar_MA symbols US$, UK£, CHF are Latin letters on an Arabic page: the currency's Arabic name replaces them
    assert l10n.money(1234.5, "USD", lang="ar") == f"{RLM}1.234,50{NBSP}دولار أمريكي"
    assert l10n.compact(12345678, "USD", lang="ar") == f"{RLM}12,3{NBSP}مليون{NBSP}دولار أمريكي"
    assert "جنيه إسترليني" in l10n.money(5, "GBP", lang="ar") and "UK" not in l10n.money(5, "GBP", lang="ar")
    # symbols without Latin letters stay; French and English keep theirs
    assert l10n.money(5, "EUR", lang="ar").endswith("€") and l10n.money(5, "MAD", lang="ar").endswith("د.م.\u200f")
    assert l10n.money(5, "USD", lang="fr") == f"5,00{NBSP}$US" and l10n.money(5, "USD", lang="en") == "$5.00"


def test_money_never_glues_a_letter_code_to_digits_and_accepts_lower_case():
    assert l10n.money(11330.0, "MAD", lang="en") == f"MAD{NBSP}11,330.00"
    assert l10n.money(11330.0, "mad", digits=0, lang="fr") == f"11{NNBSP}330{NBSP}MAD"
    assert l10n.compact(2155000000, "usd", lang="fr") == f"2,2{NBSP}Md{NBSP}$US"


def test_percent_in_percent_points():
    assert l10n.pct(12.5, lang="fr") == f"12,5{NBSP}%"
    assert l10n.pct(12, lang="en") == "12%"
    assert l10n.pct(12.5, lang="ar") == "12,5%"


@pytest.mark.parametrize(("lang", "expected"), [
    ("ar", "14 غشت 2026"), ("fr", "14 août 2026"), ("en", "Aug 14, 2026")])
def test_dates_spell_the_month_in_the_page_language(lang, expected):
    assert l10n.date_l10n(datetime.date(2026, 8, 14), lang=lang) == expected


def test_arabic_dates_use_western_digits_and_moroccan_months_never_english_order():
    text = l10n.date_l10n(datetime.date(2026, 12, 6), "long", lang="ar")
    assert text == "6 دجنبر 2026"
    when = l10n.date_l10n(datetime.datetime(2026, 12, 6, 14, 5, tzinfo=datetime.UTC), "datetime", lang="ar")
    assert "دجنبر" in when and not any("\u0660" <= ch <= "\u0669" for ch in when)


def test_missing_date_reads_undated_in_each_language():
    with translation.override("fr"):
        assert l10n.date_l10n(None) == "sans date"
    with translation.override("ar"):
        assert l10n.date_l10n(None) == "بدون تاريخ"


def test_country_names_are_everyday_cldr_names_not_official_long_forms():
    assert l10n.country_name("NLD", lang="ar") == "هولندا"
    assert l10n.country_name("NL", lang="fr") == "Pays-Bas"
    assert l10n.country_name("usa", lang="en") == "United States"
    assert l10n.country_name("XXX", lang="fr") == "XXX"


def test_region_role_incoterm_and_free_labels():
    assert l10n.region_label("fes-meknes", lang="fr") == "Fès-Meknès"
    assert l10n.region_label("fes-meknes", lang="ar") == "فاس مكناس"
    with translation.override("fr"):
        assert l10n.role_label("owner") == "propriétaire"
        assert l10n.incoterm_label("fob") == "FOB — Franco à bord"
        assert l10n.price_or_free(0, "EUR") == "Gratuit"
    with translation.override("ar"):
        assert l10n.role_label("owner") == "مالك"
        assert l10n.price_or_free(Decimal("0.00")) == "مجاني"


def test_bad_input_is_shown_as_given_not_crashed():
    assert l10n.num("n/a", lang="fr") == "n/a"
    assert l10n.money(None, "EUR") == ""
    assert l10n.date_l10n("soon", lang="fr") == "\u2068soon\u2069"  # shown as the source wrote it, isolated


def test_dates_as_sources_write_them_keep_the_year_and_translate_undated():
    with translation.override("ar"):
        # "c." (circa) is a Latin abbreviation: it reads "around" in the page's language, the years isolated
        assert l10n.date_l10n("undated (c. 2019-2021)") == "بدون تاريخ (حوالي \u20682019-2021\u2069)"
        assert l10n.date_l10n("2013 (IGOC cited)") == "2013 \u2068(IGOC cited)\u2069"
        assert l10n.date_l10n("2025-05") == "ماي 2025"
        assert l10n.date_l10n("2025-05-28T10:00") == "28 ماي 2025"
    with translation.override("fr"):
        assert l10n.date_l10n("undated (c. 2019-2021)") == "sans date (vers \u20682019-2021\u2069)"


def test_a_sources_own_english_wording_of_its_date_is_marked_english_on_a_page_in_another_language():
    from tijara.core.templatetags.tijara_l10n import source_date

    assert l10n.date_parts("2013 (IGOC cited)", lang="fr") == ("2013", "(IGOC cited)")
    assert l10n.date_parts("US 2024; EU 2020") == ("", "US 2024; EU 2020")
    with translation.override("fr"):
        assert source_date("2013 (IGOC cited)") == (
            '2013 <bdi lang="en">(IGOC cited)</bdi> <small class="lang-mark">(en anglais)</small>')
        assert source_date("US 2024; EU 2020") == (
            '<bdi lang="en">US 2024; EU 2020</bdi> <small class="lang-mark">(en anglais)</small>')
        assert source_date("2020; 2024; 2021-01-01") == "<bdi>2020; 2024; 1 janvier 2021</bdi>"  # each in words
        assert source_date("2018-10-24") == "24 oct. 2018"
        assert source_date("2025-07-30 / 2026-06-24") == "<bdi>30 juillet 2025 / 24 juin 2026</bdi>"  # both dates kept
        assert source_date("US 2024; EU 2021-01-01") == (
            '<bdi lang="en">US 2024; EU January 1, 2021</bdi> <small class="lang-mark">(en anglais)</small>')
    with translation.override("ar"):
        assert source_date("2005 (Protocol 4)").endswith("(بالإنجليزية)</small>")
        assert source_date("2020; 2021-01-01") == "<bdi>2020; 1 يناير 2021</bdi>"
    with translation.override("en"):
        assert source_date("2013 (IGOC cited)") == '2013 <bdi lang="en">(IGOC cited)</bdi>'
        assert source_date("2020; 2024; 2021-01-01") == "<bdi>2020; 2024; January 1, 2021</bdi>"


def test_a_full_source_date_followed_by_the_sources_words_has_the_day_in_the_pages_words():
    from tijara.core.templatetags.tijara_l10n import source_date

    # the rates page printed "2022-09-12 (change date stated)" as one English string
    with translation.override("fr"):
        assert source_date("2022-09-12 (change date stated)") == (
            '12 sept. 2022 <bdi lang="en">(change date stated)</bdi> <small class="lang-mark">(en anglais)</small>')
    with translation.override("ar"):
        assert source_date("2022-09-12 (change date stated)").startswith('12 شتنبر 2022 <bdi lang="en">')


def test_a_text_left_in_its_language_is_said_so_on_a_page_in_another_one_only():
    from tijara.core.templatetags.tijara_l10n import lang_mark

    with translation.override("fr"):
        assert lang_mark("fr") == "" and lang_mark("en") == ' <small class="lang-mark">(en anglais)</small>'
        assert lang_mark("") == lang_mark("en")  # blank: the knowledge files' English
    with translation.override("en"):
        assert lang_mark("en") == "" and lang_mark("fr") == ' <small class="lang-mark">(in French)</small>'
    with translation.override("ar"):
        assert lang_mark("ar") == "" and lang_mark("fr") == ' <small class="lang-mark">(بالفرنسية)</small>'
        assert lang_mark("es") == ""  # a language the product does not name: no words to say it in


def test_a_text_left_in_its_language_is_said_so_in_plain_text_too_but_not_when_its_language_is_unknown():
    from tijara.core.templatetags.tijara_l10n import lang_mark_text

    with translation.override("ar"):
        assert lang_mark_text("fr") == " (بالفرنسية)" and lang_mark_text("ar") == ""
        assert lang_mark_text("") == ""  # a text whose language cannot be told: nothing claimed
    with translation.override("en"):
        assert lang_mark_text("fr") == " (in French)" and lang_mark_text("en") == ""


def test_filters_are_built_in_and_follow_the_active_language():
    template = Template('{{ w|unit:"kg" }}|{{ p|money:"EUR" }}|{{ s|pct }}|{{ r|pct:"ratio" }}|{{ d|date_l10n }}|'
                        '{{ "NLD"|country_name }}|{{ "fes-meknes"|region_label }}|{{ code|ltr }}|{{ name|bdi }}')
    context = Context({"w": 9.8, "p": "378.45", "s": 12.5, "r": 0.125, "d": datetime.date(2026, 12, 6),
                       "code": "6802.91", "name": "<b>Zarbia</b>"})
    with translation.override("fr"):
        out = template.render(context)
    assert out == (f"9,8{NNBSP}kg|378,45{NBSP}€|12,5{NBSP}%|12,5{NBSP}%|6 déc. 2026|Pays-Bas|Fès-Meknès|"
                   '<span dir="ltr">6802.91</span>|<bdi>&lt;b&gt;Zarbia&lt;/b&gt;</bdi>')


def test_isolate_wraps_plain_text_in_first_strong_isolates():
    assert l10n.isolate("HS 6802.91") == "\u2068HS 6802.91\u2069"
    assert l10n.isolate("") == ""


@pytest.mark.django_db
def test_a_redirect_keeps_the_language_chosen_with_lang(client):
    response = client.get("/catalog/?lang=ar")  # signed out: sent to the login page
    assert response.status_code == 302
    assert "lang=ar" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'lang="ar"' in page.content.decode()
    assert "lang=" not in client.get("/catalog/")["Location"]  # no choice made, none added


def test_exchange_rate_source_is_named_in_the_page_language_or_marked():
    from tijara.pricing.reference import SHIPPED_RATE_SOURCE

    assert SHIPPED_RATE_SOURCE in l10n.RATE_SOURCE_NAMES  # the source the project writes has its names
    template = Template("{{ source|rate_source }}")
    for lang, word in (("ar", "بنك المغرب"), ("fr", "cours acheteur")):
        with translation.override(lang):
            shown = template.render(Context({"source": SHIPPED_RATE_SOURCE}))
        assert word in shown and "republished" not in shown and "lang-mark" not in shown
    with translation.override("en"):
        assert "Bank Al-Maghrib buy/sell table" in template.render(Context({"source": SHIPPED_RATE_SOURCE}))
    typed = "European Central Bank reference rates published daily for the euro"  # typed by an operator
    with translation.override("ar"):
        shown = template.render(Context({"source": f"{SHIPPED_RATE_SOURCE} + {typed}"}))
        assert "بنك المغرب" in shown and 'lang="en"' in shown and "lang-mark" in shown
        assert "بنك المغرب" in Template("{{ s|rate_source_text }}").render(Context({"s": SHIPPED_RATE_SOURCE}))
    with translation.override("en"):
        assert "lang-mark" not in template.render(Context({"source": typed}))


def test_the_world_total_and_the_eu_market_are_named_not_shown_as_codes():
    assert l10n.country_name("WLD", lang="ar") == "العالم"
    assert l10n.country_name("WLD", lang="en") == "World"
    assert l10n.country_name("EUR", lang="fr") == "Union européenne"


def test_a_one_month_period_names_the_month_once():
    assert l10n.period("2023-01-01..2023-01-31", lang="fr") == "janv. 2023"
    assert l10n.period("2023-01-01..2023-01-31", lang="ar") == "يناير 2023"
    assert l10n.period("2025-01-01..2025-12-31", lang="en") == "Jan–Dec 2025"


def test_country_lists_offer_no_separate_western_sahara_and_destinations_leave_out_morocco():
    from tijara.core.l10n import country_choices

    every = [code for code, _name in country_choices(lang="fr")]
    assert "ESH" not in every and "MAR" in every and "FRA" in every
    destinations = [code for code, _name in country_choices(lang="ar", destinations=True)]
    assert "MAR" not in destinations and "ESH" not in destinations and "USA" in destinations
