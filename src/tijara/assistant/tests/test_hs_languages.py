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


@pytest.mark.parametrize("text", ["بودي تريكو", "مريلة تريكو", "جلابة تريكو"])
def test_a_type_word_after_the_product_qualifies_it(text):
    # "تريكو" names a sweater and knitwear: after another product's name (bodysuit, apron: no product type of
    # the rules) it says how that product is made
    reading = get_rules().read(text, extract(text), "ar")
    assert "jumper" not in reading.types and "تريكو" in reading.modifiers


def test_the_english_words_of_an_arabic_description_carry_the_role_of_the_words_they_translate():
    from tijara.assistant.hs.engine import _english_weights, _token_weights, get_index

    text = "جلابة تريكو"
    weights = _token_weights(text, "ar", get_rules().read(text, extract(text), "ar"), get_index().vocab)
    given = _english_weights(text, "ar", None, weights)
    assert given["djellaba"] > 1.0 > given["sweater"]  # the product head, then a modifier


def test_an_arabic_description_searches_the_projects_arabic_labels():
    import numpy as np

    from tijara.assistant.hs.engine import _label_scores, get_index

    idx = get_index()
    scores = _label_scores(idx, "شموع معطرة", {})
    assert idx.codes[int(np.argmax(scores))] == "340600"
    # a head the labels do not know: a later word alone does not speak for the description
    assert not _label_scores(idx, "صاك ديال الحنبل", {"صاك": 2.25, "حنبل": 0.6}).any()


def test_a_word_an_arabic_label_denies_is_not_one_of_its_words():
    from tijara.assistant.hs.engine import _label_scores, get_index

    idx = get_index()
    vocab = idx.labels_index[0].vocab_dict
    scores = dict(zip(idx.codes, _label_scores(idx, "قميص رجالي محبوك من القطن", {}), strict=True))
    # "قمصان رجالية غير محبوكة من القطن" (6205.20) is no knitted shirt; "محبوكة من القطن" (6105.10) is
    assert scores["610510"] > scores["620520"]
    scores = dict(zip(idx.codes, _label_scores(idx, "قميص رجالي من القطن غير محبوك", {}), strict=True))
    assert scores["620520"] >= scores["610510"]
    assert "محبوك" in vocab


@pytest.mark.parametrize(
    ("text", "hs4", "within"),
    [
        ("هارنيس جلد للكلاب", "4201", 1),  # harness, a loanword the vocabulary does not know
        # bowling, behind the article; "balls" alone (كرات) leads to 9506, whose balls the vocabulary names
        ("كرات البولينغ", "9504", 3),
    ],
)
def test_a_loanword_in_arabic_letters_reaches_the_heading_of_its_latin_word(text, hs4, within):
    assert hs4 in [c.hs4 for c in classify(text).candidates[:within]]
    assert hs4 not in [c.hs4 for c in classify(text.split()[0] if within > 1 else "جلد للكلاب").candidates[:within]]
