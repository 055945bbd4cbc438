"""Short product descriptions in English and French: the product's English/French model, sure or by its lean, and a
text of names only read as English (no lingua: these pass without it).

The texts are written for this test (not rows of the HS evaluation). Some are ones lingua alone reads in the
other language ("brass lamp", "ladies handbag" as French; "nappe lin" as English)."""

import pytest

from tijara.language import corpus_words
from tijara.language.detect import detect_question, detect_text


@pytest.mark.parametrize(
    "text",
    [
        "brass lamp",
        "ladies handbag",
        "argan oil",
        "men shirts",
        "dog collar",
        "table lamp",
        "phone case",
        "wool scarf",
        "copper pot",
        "iron gate",
        "glass vase",
        "leather belt",
        "knitted hat",
        "cushion cover",
    ],
)
def test_short_english_descriptions_read_as_english(text):
    assert detect_text(text).lang == "en"


@pytest.mark.parametrize(
    "text",
    [
        "nappe lin",
        "tapis laine",
        "sac en cuir",
        "lampe de table",
        "lampe laiton",
        "portail fer",
        "draps pur coton",
        "housse de coussin",
        "vase en verre",
        "chemises homme",
        "pouf cuir",
        "collier pour chien",
        "bougeoir",
        "tajine",
    ],
)
def test_short_french_descriptions_read_as_french(text):
    assert detect_text(text).lang == "fr"


def test_names_only_read_as_english():
    """By the English/French model's letter trigrams ("semaglutide" reads English), or, when it is unsure, as a
    text of names only (the texts know none of its words)."""
    found = detect_text("wegovy (semaglutide)")
    assert found.lang == "en" and found.method in ("words-model", "names")


def test_the_words_come_from_the_shipped_texts():
    lists = corpus_words.words()
    assert {"the", "for", "men", "liquid"} <= lists["en"]
    assert {"thé", "pour", "sac", "laine"} <= lists["fr"]
    assert not lists["en"] & lists["fr"]
    assert corpus_words.vote("mounjaro") is None and corpus_words.vote("bracelet") == 0


def test_a_given_language_still_wins():
    assert detect_text("brass lamp", hint="fr").lang == "fr"


def test_questions_are_read_as_before():
    assert detect_question("How do I export a brass lamp?").language == "en"
    assert detect_question("Comment exporter une lampe en laiton ?").language == "fr"
