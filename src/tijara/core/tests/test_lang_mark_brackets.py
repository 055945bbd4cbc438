"""A language mark inside a bracket reads `(…, in English)`, never `(… (in English))` (`l10n.lang_note`,
`l10n.tidy_marks`, `lang_mark:"inside"`), in ar/fr/en."""

import pytest
from django.template import Context, Template
from django.utils import translation

from tijara.core import l10n

FSI, PDI = "\u2068", "\u2069"
CASES = [  # page language, an English name's mark inside a bracket, a French name's
    ("fr", "(\u2068UK Global Tariff\u2069, en anglais)", "(\u2068Douane\u2069 (en français))"),
    ("ar", "(\u2068UK Global Tariff\u2069، بالإنجليزية)", "(\u2068Douane\u2069، بالفرنسية)"),
    ("en", "(\u2068UK Global Tariff\u2069)", "(\u2068Douane\u2069, in French)"),
]


@pytest.mark.parametrize(("lang", "english", "french"), CASES)
def test_a_mark_inside_a_bracket_joins_it(lang, english, french):
    with translation.override(lang):
        assert l10n.tidy_marks(f"({l10n.written('UK Global Tariff', 'en')})") == english
        shown = l10n.tidy_marks(f"({l10n.written('Douane', 'fr')})")
        assert shown == (french if lang != "fr" else "(\u2068Douane\u2069)")
        assert "))" not in shown and ") (" not in shown


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_after_a_bracket_and_inside_a_longer_one(lang):
    with translation.override(lang):
        mark, comma = l10n.written_in("en"), l10n.comma()
        assert l10n.tidy_marks("shares French (CEPII GeoDist 2011)" + l10n.lang_note("en")) == (
            f"shares French (CEPII GeoDist 2011{comma}{mark})" if mark else "shares French (CEPII GeoDist 2011)")
        sentence = f"This tariff ({l10n.written('UK Global Tariff', 'en')}, 1 Jan 2025) applies."
        assert l10n.tidy_marks(sentence) == (
            f"This tariff ({FSI}UK Global Tariff{PDI}{comma}{mark}, 1 Jan 2025) applies." if mark else sentence)


def test_a_bracket_of_the_name_itself_and_a_free_mark_are_left_alone():
    with translation.override("fr"):
        own = l10n.written("UK Tariff (HMRC)", "en")  # the name's own bracket, isolated
        assert l10n.tidy_marks(own) == own == f"{FSI}UK Tariff (HMRC){PDI} (en anglais)"
        assert l10n.tidy_marks("Note : " + own) == "Note : " + own


@pytest.mark.parametrize(("lang", "inside", "after"), [
    ("fr", '(<bdi lang="en">EU–Morocco AA</bdi><small class="lang-mark">, en anglais</small>)',
     '<bdi lang="en">EU–Morocco AA</bdi> <small class="lang-mark">(en anglais)</small>'),
    ("ar", '(<bdi lang="en">EU–Morocco AA</bdi><small class="lang-mark">، بالإنجليزية</small>)',
     '<bdi lang="en">EU–Morocco AA</bdi> <small class="lang-mark">(بالإنجليزية)</small>'),
    ("en", '(<bdi lang="en">EU–Morocco AA</bdi>)', '<bdi lang="en">EU–Morocco AA</bdi>'),
])
def test_lang_mark_inside_a_bracket_of_the_template(lang, inside, after):
    template = Template('{% load tijara_l10n %}(<bdi lang="en">{{ n }}</bdi>{{ "en"|lang_mark:"inside" }})|'
                        '<bdi lang="en">{{ n }}</bdi>{{ "en"|lang_mark }}')
    with translation.override(lang):
        assert template.render(Context({"n": "EU–Morocco AA"})) == f"{inside}|{after}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_markets_ranking_sentences_have_no_double_bracket(lang):
    from tijara.markets import explain
    from tijara.markets.scoring import score_markets
    from tijara.markets.tests.test_scoring import ALPHA, BETA

    market = next(m for m in score_markets([ALPHA, BETA]).markets if m.iso3 == "AAA")
    sentences = explain.component_sentences(market, lang)
    with translation.override(lang):
        mark = l10n.written_in("en")
    assert any(mark in text for text in sentences.values())
    for text in sentences.values():
        assert f"({mark}))" not in text and f") ({mark})" not in text, text


def test_pricing_note_joins_the_mark_into_its_bracket():
    from tijara.pricing.destination import Written
    from tijara.pricing.text import Msg

    with translation.override("fr"):
        note = str(Msg("VAT collected at sale (%(cite)s).") % {"cite": Written("gov.uk guidance", "en")})
    assert note.endswith(f"({FSI}gov.uk guidance{PDI}, en anglais).")
