"""Darija verbs the word lists do not hold, and Moroccan place names, in a Darija question (language.darija.expand).

Examples written by the project for these tests (general Darija, not evaluation questions)."""

import pytest

from tijara.language import darija


def _words(question: str) -> list[str]:
    expanded, seen = darija.expand(question)
    assert seen
    return expanded.split()


@pytest.mark.parametrize(("question", "verb"), [
    ("واش كيجاوبو على الميساجات؟", "يجاوبون"),  # present prefix ك off, third-person plural و → ون
    ("واش كتغسلو الصوف قبل؟", "تغسلون"),  # second person
    ("واش كنرسمو على الخشب؟", "نرسم"),  # first person: the plural و off
    ("واش كايسمعو الكليان؟", "يسمعون"),  # the long prefix كا
    ("واش غانلونو الزربية؟", "نلون"),  # the future غا
    ("واش يحترمو القانون ديالهم؟", "يحترمون"),  # no prefix, the plural و of an imperfect
])
def test_an_unlisted_darija_verb_is_written_as_the_standard_imperfect(question, verb):
    assert verb in _words(question)


def test_an_unlisted_darija_negation_keeps_its_not():
    words = _words("واش ماكيلبسوش الجلابة؟")
    assert "يلبسون" in words and words[words.index("يلبسون") - 1] == "لا"
    # the ما written apart stays, the ش goes
    assert "تنشف" in _words("واش الصوف ما تنشفش؟")


@pytest.mark.parametrize("noun", ["الكيمياوية", "كيفية"])
def test_a_word_ending_with_taa_marbuta_is_no_verb(noun):
    assert darija._imperfect(noun.replace("ة", "ه"), noun, False) is None


def test_a_standard_arabic_question_is_not_rewritten():
    text = "هل يحترمون القانون؟"
    assert darija.expand(text) == (text, False)


def test_a_moroccan_city_is_not_read_as_a_craft_word():
    assert "فاس" in darija._places() and "مراكش" in darija._places()
    assert "مجرفة" not in darija.expand("واش نصيفط الزربية من فاس؟")[0]
    # a place name Standard Arabic writes the same is still the craft word (ذهب, gold; وادي الذهب)
    assert darija._maps()[0].get("ذهب")


@pytest.mark.parametrize(("one", "other"), [("الشهادة", "شهادات"), ("الكونطرة", "كونطرات"), ("البوسطة", "البوسطا")])
def test_the_feminine_ending_is_off_the_core_once_normalised(one, other):
    # ة is ه once normalised: both forms of a noun share one core, so a listed form serves the other
    from tijara.language.normalise import normalise_arabic

    assert darija._core(normalise_arabic(one), "arabic") == darija._core(normalise_arabic(other), "arabic")


@pytest.mark.parametrize(("token", "word"), [("lmagasin", "magasin"), ("lmahkama", "mahkama"), ("ssandou9", "sandou9"),
                                             ("label", "label"), ("local", "local"), ("lyon", "lyon")])
def test_the_glued_darija_article_is_off_an_unlisted_latin_word(token, word):
    assert darija._article_off(token) == word
