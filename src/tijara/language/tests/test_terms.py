"""Materials, techniques and colours typed once, shown in another language only by their usual name."""

import pytest

from tijara.language.terms import in_language


@pytest.mark.parametrize("value, language, kind, expected", [
    ("laine", "en", "material", ("wool", True)),
    ("wool", "ar", "material", ("صوف", True)),
    ("صوف", "fr", "material", ("laine", True)),
    ("goat leather", "fr", "material", ("cuir de chèvre", True)),
    ("gold", "fr", "material", ("or", True)),  # not "en or"
    ("Black", "fr", "colour", ("noir", True)),
    ("gray", "ar", "colour", ("رمادي", True)),
    ("blanche", "en", "colour", ("white", True)),
])
def test_a_usual_name_is_carried_over(value, language, kind, expected):
    assert in_language(value, language, kind) == expected


def test_a_word_of_the_target_language_stays_as_typed():
    assert in_language("bronze", "fr", "material") == ("bronze", True)
    assert in_language("en laine", "fr", "material") == ("en laine", True)


def test_a_near_synonym_is_never_translated_as_its_group():
    # the vocabulary groups bronze with brass for search; bronze is not brass («نحاس أصفر»)
    assert in_language("bronze", "ar", "material") == ("bronze", False)


def test_an_unknown_value_stays_as_typed_and_says_so():
    assert in_language("Fez blue", "fr", "colour") == ("Fez blue", False)
    assert in_language("wool", "fr", "size") == ("wool", False)
    assert in_language("", "fr", "colour") == ("", False)
