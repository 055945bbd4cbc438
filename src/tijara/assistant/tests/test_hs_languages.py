"""Arabic, Darija and French descriptions reach the nomenclature as English ones do: through the
vocabulary's English words of the products they name, plurals and Darija words included. Fresh sentences,
not rows of the evaluation files."""

import pytest

from tijara.assistant.hs import classify
from tijara.assistant.hs.attributes import extract
from tijara.assistant.hs.rules import get_rules


@pytest.mark.parametrize(
    ("text", "hs4"),
    [
        ("جوج ستيلوات زرقين للمدرسة", "9608"),  # Darija plural of a pen
        ("مفاتيح نحاسية قديمة", "8301"),  # MSA broken plural of a key
        ("كبابط ديال الصوف للعيالات", "6202"),  # Darija plural of a coat
        ("سبرديلة ديال الجلد للرجال", "6403"),
    ],
)
def test_arabic_and_darija_product_words_reach_their_heading(text, hs4):
    assert classify(text).candidates[0].hs4 == hs4


def test_a_broken_plural_reaches_the_heading_of_its_singular():
    assert "940440" in [c.hs6 for c in classify("ألحفة قطنية لسرير مزدوج").candidates[:3]]


@pytest.mark.parametrize(
    ("text", "lang", "absent", "present"),
    [
        ("tapis de course pliable", "fr", "rug", None),  # a treadmill, not a rug
        ("سروال داخلي ديال القطن", "ar", "trousers", "underwear"),
    ],
)
def test_a_type_word_inside_a_longer_product_name_is_not_that_type(text, lang, absent, present):
    reading = get_rules().read(text, extract(text), lang)
    assert absent not in reading.types
    if present:
        assert reading.types[0] == present


@pytest.mark.parametrize(
    ("text", "material"),
    [
        ("زربية دالصوف", "wool"),  # Darija's short "ديال" glued to the article
        ("صاك دالجلد", "leather"),
    ],
)
def test_darija_short_of_reads_the_material(text, material):
    assert material in extract(text).values.get("material", set())
