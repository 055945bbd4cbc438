"""The shipped knowledge pack: complete, sourced, in force, and loaded idempotently."""

import datetime as dt

import pytest
from django.utils import timezone

from tijara.core.errors import TijaraError
from tijara.knowledge import reference
from tijara.knowledge.models import Fact, RequirementLine

# Fact IDs of export-facts.md that must stay stable (code and tests refer to them).
KEY_IDS = ["EU-LEA-01", "MA-FX-02", "MA-ORI-01", "MA-ORI-02", "EU-CER-02", "AGR-US-04", "US-MRK-01"]


def test_every_shipped_fact_is_sourced_dated_and_marked():
    facts = reference.read_pack()["facts"]
    assert len(facts) >= 130
    for fact in facts:
        assert fact["source"] and fact["source_url"].startswith("https://"), fact["fact_id"]
        assert fact["as_of"], fact["fact_id"]
        assert fact["mark"] in "HMLKUVS" and fact["confidence"] == reference.MARK_TO_CONFIDENCE[fact["mark"]]
        for lang in ("ar", "fr", "en"):
            assert fact[f"title_{lang}"] and fact[f"text_{lang}"], (fact["fact_id"], lang)
        assert fact["translation_note"]


def test_no_shipped_fact_is_past_its_valid_to_date():
    """Fails on the day a shipped fact expires: update or retire it in knowledge/data/facts/."""
    today = timezone.localdate()
    expired = [f["fact_id"] for f in reference.read_pack()["facts"] if f["valid_to"] and f["valid_to"] < today]
    assert expired == []


def test_marks_map_to_confidence_levels():
    assert reference.MARK_TO_CONFIDENCE == {"H": "verified", "M": "secondary", "K": "secondary",
                                            "L": "unverified", "U": "unverified", "V": "verified", "S": "secondary"}
    by_id = {f["fact_id"]: f for f in reference.read_pack()["facts"]}
    assert by_id["EU-LEA-01"]["confidence"] == "verified"
    assert by_id["MA-CIT-03"]["confidence"] == "unverified"
    assert set(KEY_IDS) <= set(by_id)


def test_arabic_and_french_texts_keep_the_figures_of_the_english_fact():
    import re

    def numbers(text):
        found = re.findall(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,\u066c]\d+)*", text)
        return {re.sub(r"[ ,.\u00a0\u202f\u066c]", "", n) for n in found}

    for fact in reference.read_pack()["facts"]:
        english = numbers(fact["text_en"])
        for lang in ("fr", "ar"):
            other = numbers(fact[f"text_{lang}"])
            missing = {n for n in english if len(n) >= 3} - other
            assert not missing, (fact["fact_id"], lang, missing)


def _grouped_figures(text: str, lang: str) -> set:
    """The values of the figures a text writes with its thousands grouped (each read in the text's language)."""
    from tijara.core.l10n import NUMBER, number_readings

    return {r.value for token in NUMBER.findall(text) for r in number_readings(token, lang=lang) if r.grouped}


def _records_in_three_languages():
    pack = reference.read_pack()
    for fact in pack["facts"]:
        yield fact["fact_id"], {lang: f"{fact[f'title_{lang}']} {fact[f'text_{lang}']}" for lang in ("en", "fr", "ar")}
    for procedure in pack["procedures"]:
        for step in procedure["steps"]:
            yield f"{procedure['code']}/{step['key']}", {
                lang: " ".join(texts.get(lang, "") for texts in step["texts"].values()) for lang in ("en", "fr", "ar")}


def test_a_quantity_is_written_grouped_in_all_three_languages():
    """Pages format only the figures a text groups ("3٬600" → 3.600 in Arabic; an ungrouped 4202 is an HS
    heading, 2024 a year): what the English text groups, the French and Arabic texts group too."""
    for key, texts in _records_in_three_languages():
        english = _grouped_figures(texts["en"], "en")
        for lang in ("fr", "ar"):
            missing = english - _grouped_figures(texts[lang], lang)
            assert not missing, (key, lang, missing)


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first = reference.load()
    stamps = dict(Fact.objects.values_list("fact_id", "updated_at"))
    lines = set(RequirementLine.objects.values_list("pk", flat=True))
    second = reference.load()
    assert first == second
    assert dict(Fact.objects.values_list("fact_id", "updated_at")) == stamps
    assert set(RequirementLine.objects.values_list("pk", flat=True)) == lines


def _refused_pack(tmp_path, monkeypatch, facts: str) -> str:
    """The message `read_pack` refuses a pack with, whose only file `facts/bad.toml` holds `facts`."""
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "bad.toml").write_text(f"[meta]\nlast_checked = 2026-11-29\n{facts}", encoding="utf-8")
    monkeypatch.setattr(reference, "DATA_DIR", tmp_path)
    reference.read_pack.cache_clear()
    try:
        with pytest.raises(TijaraError) as caught:
            reference.read_pack()
        return caught.value.message
    finally:
        monkeypatch.undo()
        reference.read_pack.cache_clear()


def test_a_malformed_pack_names_the_file_and_the_fact(tmp_path, monkeypatch):
    message = _refused_pack(tmp_path, monkeypatch, '[[fact]]\nid = "X-01"\ntopic = "customs"\nmark = "Z"\n')
    assert "bad.toml" in message and "X-01" in message


def test_a_source_s_language_is_read_from_the_pack_english_when_not_given():
    by_id = {f["fact_id"]: f for f in reference.read_pack()["facts"]}
    assert by_id["MA-FX-01"]["source"] == "Office des Changes, Exportations de biens"
    assert by_id["MA-FX-01"]["source_language"] == "fr" and by_id["EU-LEA-01"]["source_language"] == "en"
    assert {f["source_language"] for f in by_id.values()} <= {"ar", "fr", "en"}


@pytest.mark.django_db
def test_the_loaded_fact_keeps_its_source_s_language():
    reference.load()
    assert Fact.objects.get(fact_id="MA-FX-01").source_language == "fr"
    assert Fact.objects.get(fact_id="MA-STA-01").source_language == "en"


def test_a_source_language_the_product_does_not_name_is_refused(tmp_path, monkeypatch):
    message = _refused_pack(tmp_path, monkeypatch, '[[fact]]\nid = "MA-CUS-09"\ntopic = "customs"\nmark = "H"\n'
                            'source = "Aduanas"\nsource_lang = "es"\nurl = "https://example.org"\n')
    assert "MA-CUS-09" in message and "source_lang" in message


def test_valid_to_dates_parse_as_dates():
    for fact in reference.read_pack()["facts"]:
        assert fact["valid_to"] is None or isinstance(fact["valid_to"], dt.date)
