"""What the fairs list says in words: the usual months of a fair without confirmed dates are named as the page's
dates name them, joined with the language's comma."""

import pytest
from django.urls import reverse

from tijara.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang, expected", [("ar", "عادةً يناير، دجنبر"), ("fr", "habituellement janvier, décembre"),
                                            ("en", "usually January, December")])
def test_usual_months_use_the_pages_month_names(client, lang, expected):
    Event.objects.create(slug="test-fair", name="Test Fair", country="MAR", city="Rabat", usual_months=[1, 12],
                         confidence="unverified", source="example.org")
    page = client.get(reverse("events:index"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert expected in page


def test_matched_markets_are_named_by_the_pages_country_names_and_english_sources_marked(client, owner_user,
                                                                                        organisation, monkeypatch):
    """The market finder's official names (« هولندا (مملكة _) ») and the official figures' English labels give way
    to the everyday name in the page's language; a source in English says so."""
    from tijara.events import selectors

    markets = [selectors.MatchedMarket("NLD", "هولندا (مملكة _)", "finder", "570110", 48.0,
                                       "Global carpet industry requirements analysis, citing UN Comtrade", "2026-12-07"),
               selectors.MatchedMarket("USA", "United States", "official", "", None, "example.org", "2025")]
    monkeypatch.setattr(selectors, "match_for_organisation",
                        lambda **kw: selectors.Match(crafts=["rugs"], markets=markets, events=[]))
    client.force_login(owner_user)
    page = client.get(reverse("events:matched", args=[organisation.slug]), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "هولندا" in page and "مملكة _" not in page
    assert "الولايات المتحدة" in page and "United States" not in page
    assert ('<bdi lang="en">Global carpet industry requirements analysis, citing UN Comtrade</bdi> '
            '<small class="lang-mark">(بالإنجليزية)</small>') in page
    assert "<bdi>example.org</bdi>" in page


def test_a_fairs_english_venue_organiser_and_frequency_say_they_are_in_english(client):
    """What the fairs research wrote in English (a venue described, an organiser, a frequency) is marked lang="en"
    and says « (بالإنجليزية) » on an Arabic page, as the notes do; a French name says « (بالفرنسية) »."""
    Event.objects.create(slug="test-fair", name="Test Fair", country="MAR", city="Rabat", confidence="unverified",
                         source="example.org", venue="rotates between the convention centres of the country",
                         organiser="Ministère du Tourisme et de l'Artisanat", frequency="irregular")
    page = client.get(reverse("events:detail", args=["test-fair"]), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    english = ' <small class="lang-mark">(بالإنجليزية)</small>'
    assert f'lang="en">rotates between the convention centres of the country</bdi>{english}' in page
    assert f'<bdi lang="en">irregular</bdi>{english}' in page
    assert ('lang="fr">Ministère du Tourisme et de l&#x27;Artisanat</bdi> <small class="lang-mark">(بالفرنسية)</small>'
            in page)


@pytest.mark.parametrize("lang, mark", [("ar", " <small class=\"lang-mark\">(بالإنجليزية)</small>"),
                                        ("fr", " <small class=\"lang-mark\">(en anglais)</small>"), ("en", "")])
def test_a_fairs_city_note_says_it_is_english_and_a_place_name_says_nothing(client, lang, mark):
    """A city cell the fairs pack writes as an English note (« varies (Marrakech 2019…) », « Paris (2026; host city
    rotates) ») is marked lang="en" with the language in words on an Arabic or French page, in the list and on the
    fair's page; a place name (« Villepinte (Paris) », « Frankfurt am Main ») is in no language and is not marked."""
    cities = {"sna": "varies (Marrakech 2019, 2020, 2022; Casablanca 2024)", "rotating": "Paris (2026; host city rotates)",
              "villepinte": "Villepinte (Paris)", "frankfurt": "Frankfurt am Main"}
    for slug, city in cities.items():
        Event.objects.create(slug=slug, name=f"Fair {slug}", country="MAR", city=city, confidence="unverified",
                             source="example.org", origin="reference")
    listing = client.get(reverse("events:index"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    for slug in cities:
        detail = client.get(reverse("events:detail", args=[slug]), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        for page in (listing, detail):
            city = cities[slug]
            if slug in ("sna", "rotating"):
                assert f'<bdi translate="no" lang="en">{city}</bdi>{mark}' in page, (slug, lang)
            else:
                assert f'<bdi translate="no">{city}</bdi> ' in page, (slug, lang)


def test_words_language_reads_the_common_words_of_a_value_not_its_names():
    from tijara.core.l10n import words_language

    assert words_language("varies (e.g. Esplanade Bab Jdid, Marrakech)") == "en"  # not Arabic for « Bab Jdid »
    assert words_language("Parc des expositions (Foire internationale) Aïn Sebaâ") == "fr"
    assert words_language("Casablanca (2023); El Jadida (2022)") == ""
    assert words_language("Dubai Design District (d3)") == ""
    assert words_language("") == ""
