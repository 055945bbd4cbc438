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
