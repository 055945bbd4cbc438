"""The answers the HS page offers as buttons read as distinct choices in every language."""

import re

import pytest

from tijara.assistant.hs.messages import VALUE_LABELS, label

OR = re.compile(r"\s+(?:or|ou|أو)\s+|,\s*|،\s*")


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_no_answer_offers_another_answer_of_the_same_question_as_one_of_its_alternatives(lang):
    """"skin or hair care" beside "hair care" made the reader choose between overlapping answers (argan oil)."""
    groups: dict[str, list[str]] = {}
    for key in VALUE_LABELS:
        group, _sep, value = key.partition(":")
        groups.setdefault(group, []).append(label(group, value, lang))
    for group, labels in groups.items():
        for a in labels:
            alternatives = [part.strip() for part in OR.split(a) if part.strip()]
            last_words = a.split()[-1:]  # "skin or hair care": the alternatives share the last word
            for b in labels:
                if a != b and len(alternatives) > 1:
                    assert b not in alternatives and not (b.split()[-1:] == last_words and b.split()[0] in alternatives
                                                          [1:]), (group, a, b)
