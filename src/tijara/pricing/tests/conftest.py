"""Pricing tests assert English messages: run them in English whatever the compiled catalogues hold."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _pricing_english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
