"""The English/French model (``enfr``): shipped up to date with its sources, read without lingua, sure only on
evidence."""

import gzip
import json

import pytest

from tijara.language import detect, enfr


def test_the_shipped_model_is_fitted_on_the_current_sources():
    """A changed nomenclature, vocabulary, fact or translation needs `python -m tijara.language.enfr`."""
    with gzip.open(enfr.MODEL, "rt", encoding="utf-8") as fh:
        shipped = json.load(fh)["digest"]
    assert shipped == enfr.source_digest()


def test_the_sources_hold_both_languages_of_every_kind():
    kinds = {}
    for lang, text in enfr.texts():
        kinds.setdefault(lang, 0)
        kinds[lang] += bool(text.strip())
    assert kinds["en"] > kinds["fr"] > 10_000
    pairs = list(enfr._po_pairs(sorted(enfr.SRC.glob("*/locale/fr/LC_MESSAGES/django.po"))[0]))
    assert pairs and all(en and fr for en, fr in pairs)


@pytest.mark.parametrize(("text", "lang"), [
    ("men pants", "en"), ("oil lamp", "en"), ("leather handbag for women", "en"),
    ("sac à main en cuir", "fr"), ("tapis berbère noué main en laine", "fr"),
    ("What is an EUR.1 certificate?", "en"), ("Quels documents pour exporter un tapis ?", "fr"),
])
def test_words_of_one_language_are_read_surely(text, lang):
    assert enfr.read(text).lang == lang


def test_no_words_or_words_both_languages_share_leave_it_unsure():
    assert enfr.read("").lang is None
    assert enfr.read("12 x 30 cm").lang is None
    assert enfr.read("bracelet").lang is None


def test_unknown_words_are_counted_and_read_by_their_letters():
    reading = enfr.read("Nike Zoomx Vaporfly running shoes")
    assert reading.words == 5 and reading.unknown >= 2
    assert reading.lang == "en"
    # an abbreviation without a vowel letter is no word of any recognised language: read, not counted
    assert enfr.read("lpstck brnzr velvet").unknown == 0


def test_a_question_read_surely_needs_no_detector(monkeypatch):
    fresh: dict = {}
    monkeypatch.setattr(detect, "_detectors", fresh)
    assert detect.detect_question("Quels documents faut-il pour exporter un tapis vers l'UE ?").language == "fr"
    assert detect.detect_question("What documents do I need to export a rug to the EU?").language == "en"
    assert fresh == {}
