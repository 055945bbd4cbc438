"""Loanwords in Arabic letters read as the Latin words they sound like; native Arabic words of the same
consonants, and words behind an article, are not."""

import pytest

from tijara.language.transliteration import LoanwordReader

# Latin words as the classifier's texts hold them, most frequent first, with native-sounding distractors
WORDS = ["jacket", "jackets", "polyester", "bolster", "plaster", "boiling", "bowling", "t-shirt", "tshirt", "crochet",
         "harness", "pyjamas", "leggings", "plastic", "meter", "matter", "valid", "alder", "melon", "gazole", "blouse"]


@pytest.fixture(scope="module")
def reader():
    return LoanwordReader(WORDS)


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("جاكيت", "jacket"),
        ("بوليستر", "polyester"),  # one inner vowel unwritten
        ("البولينغ", "bowling"),  # the article off; و is an o, not the oi of boiling
        ("تيشيرت", "t-shirt"),  # one vowel written that the Latin word has not; its hyphen no sound
        ("كروشي", "crochet"),  # the French silent t
        ("هارنيس", "harness"),
        ("بيجامة", "pyjamas"),  # the plural s unwritten, the taa marbuta a final a
        ("ليغينغ", "leggings"),
        ("بلاستيك", "plastic"),
        ("بلوزة", "blouse"),
    ],
)
def test_a_loanword_reads_as_its_latin_word(reader, word, latin):
    assert reader.latin_for(word) == latin


@pytest.mark.parametrize(
    "word",
    [
        "مطر",  # rain: no vowel written, not "meter" or "matter"
        "باليد",  # بال + يد (by hand), not "valid"
        "الدار",  # the house: two consonants after the article, not "alder"
        "ملون",  # coloured: one vowel written, not "melon"
        "غزال",  # one vowel written, not "gazole"
        "طعام",  # ع transcribes no Latin sound
    ],
)
def test_a_native_word_reads_as_nothing(reader, word):
    assert reader.latin_for(word) is None


def test_restore_writes_the_latin_word_after_an_unknown_loanword_only(reader):
    text = "جاكيت بوليستر للرجال"
    assert reader.restore(text) == "جاكيت jacket بوليستر polyester للرجال"
    assert reader.restore(text, known=lambda w: w == "جاكيت") == "جاكيت بوليستر polyester للرجال"
