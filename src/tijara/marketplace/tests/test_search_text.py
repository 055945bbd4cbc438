"""Text analysis: Arabic normalisation, stemming, hostile input, typo distance."""

import pytest

from tijara.marketplace.search import text


@pytest.mark.parametrize(("raw", "normal"), [
    ("زَرْبِيَّة", "زربيه"),  # diacritics removed, taa marbuta folded
    ("أمازيغية", "امازيغيه"),
    ("إناء", "انا"),  # alef with hamza below, lone hamza dropped
    ("مـــغـــرب", "مغرب"),  # tatweel
    ("مستشفى", "مستشفي"),  # alef maksura
    ("١٢٣", "123"),
    ("Berbère TAPIS", "berbere tapis"),
])
def test_normalize_folds_variants(raw, normal):
    assert text.normalize(raw) == normal


def test_arabic_forms_share_a_stem():
    assert text.stem(text.normalize("الزربية"), "ar") == text.stem(text.normalize("زربية"), "ar")
    assert text.stem(text.normalize("بالصوف"), "ar") == text.stem("صوف", "ar")


def test_query_words_are_bounded_and_plain():
    words = text.query_words("x" * 10_000 + " tapis " + "'; DROP TABLE x; -- NEAR(a b) \"*")
    assert all(w.isalnum() for w in words)
    assert len(words) <= text.MAX_QUERY_TOKENS
    assert text.query_words("tapis " * 5000) == ["tapis"]


def test_stop_words_removed_in_three_languages():
    assert text.words("the rug of la maison في البيت") == ["rug", "maison", "البيت"]


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("tapis", "tapiss", 1), ("rug", "rugg", 1), ("rug", "gru", 2), ("laine", "liane", 1), ("kilim", "kelim", 1),
    ("abc", "xyz", 3),
])
def test_edit_distance(a, b, distance):
    assert text.edit_distance(a, b, 2) == min(distance, 3)


def test_vocabulary_near_prefers_closest_then_frequent():
    vocabulary = text.Vocabulary({"tapis": 10, "tapi": 50, "papis": 1, "laine": 5})
    near = vocabulary.near("tapiss")
    assert near[0] == ("tapis", 1)
    assert ("tapi", 2) in near
    assert vocabulary.near("rug") == []  # too short for any edit
