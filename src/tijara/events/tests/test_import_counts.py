"""The iCalendar import page says each count with its own plural and the locale's grouping (`l10n.counts`, shared
with the catalogue import)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tijara.events.services import ImportResult
from tijara.events.templatetags.events_tags import import_counts

pytestmark = pytest.mark.django_db
VALID = (Path(__file__).parent / "data" / "fairs-valid.ics").read_bytes()


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "2 events created, 0 events updated."),
    ("fr", "2 événements créés, 0 événement mis à jour."),
    ("ar", "أُنشئ حدثان، لم يُحدَّث أي حدث."),
])
def test_import_page_counts_in_words(client, admin_user, lang, expected):
    client.force_login(admin_user)
    response = client.post(reverse("events:import"), {"file": SimpleUploadedFile("f.ics", VALID), "source": "x",
                                                      "confidence": "secondary"}, HTTP_ACCEPT_LANGUAGE=lang)
    page = response.content.decode()
    assert response.status_code == 200 and expected in page
    assert "created, " not in page or lang == "en"


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("en", 1, "1 event created, 1,204 events updated."),
    ("fr", 1, "1 événement créé, 1\u202f204 événements mis à jour."),
    ("ar", 1, "أُنشئ حدث واحد، حُدِّثت 1.204 أحداث."),
    ("ar", 11, "أُنشئ 11 حدثًا، حُدِّثت 1.204 أحداث."),
    ("ar", 3, "أُنشئت 3 أحداث، حُدِّثت 1.204 أحداث."),  # 1204: n % 100 = 4, the 3–10 form
])
def test_counts_over_999_carry_the_locale_grouping(lang, n, expected):
    result = ImportResult(created=["x"] * n, updated=["y"] * 1204)
    with translation.override(lang):
        assert import_counts(result) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "1,204 products will be created, 1 product will be updated, 0 products will stay unchanged."),
    ("fr", "1\u202f204 produits seront créés"),
])
def test_the_catalogue_import_counts_share_the_grouping(lang, expected):
    from tijara.catalog.templatetags.catalog_import import import_counts as catalog_counts

    with translation.override(lang):
        assert catalog_counts({"created": 1204, "updated": 1, "unchanged": 0}).startswith(expected)
