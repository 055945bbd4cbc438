"""The US additional-duty notes read in the page's language (issue 16): listed as msgids, translated in ar and fr."""

import json
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tijara.markets.duty_notes import US_ADDITIONAL_DUTY_NOTES, note_text

DATA = Path(__file__).resolve().parents[1] / "data" / "market_access.json"


def _us_notes() -> list[str]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return [x["note"] for x in data["additional_duties"] if x["market"] == "USA" and x["note"]]


def test_every_us_additional_duty_note_is_a_msgid():
    assert _us_notes()
    assert set(_us_notes()) <= set(US_ADDITIONAL_DUTY_NOTES)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_us_additional_duty_note_is_translated(language):
    with translation.override(language):
        for note in _us_notes():
            assert gettext(note) != note
            assert note_text(note) == gettext(note)


def test_an_untranslated_note_is_isolated_on_arabic_pages():
    with translation.override("ar"):
        assert note_text("A note nobody translated") == "\u2068A note nobody translated\u2069"
    with translation.override("fr"):
        assert note_text("A note nobody translated") == "A note nobody translated"
    assert note_text("") == ""


@pytest.mark.django_db
def test_the_unknown_period_note_of_the_us_reads_in_arabic():
    import datetime as dt

    from tijara.markets import services

    with translation.override("ar"):
        answer = services.duty_for(hs="570110", market="USA", on=dt.date(2026, 12, 6))
    notes = [x.note for x in answer.unknown_periods]
    assert notes and all("Section" not in n and "المادة 122" in n for n in notes)
    assert any("المادة 122" in w for w in answer.warnings)
