"""With DEBUG off (the default), errors give friendly pages in the visitor's language, never a traceback."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

TITLES_404 = {"ar": "الصفحة غير موجودة", "fr": "Page introuvable", "en": "Page not found"}
TITLES_500 = {"ar": "حدث خطأ من جهتنا", "fr": "Une erreur est survenue de notre côté",
              "en": "Something went wrong on our side"}


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_not_found_page_in_each_language(client, db, language):
    response = client.get("/no-such-page/", headers={"accept-language": language})
    assert response.status_code == 404
    body = response.content.decode()
    assert TITLES_404[language] in body and 'data-status="404"' in body
    assert "Traceback" not in body and "URLconf" not in body
    assert f'lang="{language}"' in body


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_server_error_page_renders_alone_in_each_language(language):
    with translation.override(language):
        response = server_error(RequestFactory().get("/"))  # empty context: no request, user or database
    body = response.content.decode()
    assert response.status_code == 500 and TITLES_500[language] in body
    assert ('dir="rtl"' in body) == (language == "ar")
