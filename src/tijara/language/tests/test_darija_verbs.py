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


@pytest.mark.parametrize("word", ["لبنكة", "للبنكة"])
def test_the_article_written_l_reads_the_trade_word_not_a_bare_craft_word(word):
    # Darija writes the article as ل (لبنكة, للبنكة: the bank); بنكة alone is also a bench in the craft vocabulary
    words = _words(f"واش خاصني نمشي {word} باش نصرف الأورو؟")
    assert "بنك" in words and "مقعد" not in words


def test_the_preposition_l_still_reads_the_bare_word():
    # لميريكان is "to America": the bare entry's meaning, not that of an entry written with the article
    assert darija._listed("لميريكان", darija._maps()[0]) == "ميريكان"


def test_a_word_with_the_article_takes_the_meaning_of_a_noun_core_only():
    # الطلب (the request) is no form of the verb طلبو (they asked); a verb form the lists lack still is
    words = _words("واش رفضو الطلب ديالي؟")
    assert "الطلب" in words and "طلبوا" not in words


def test_conjugations_of_one_standard_verb_are_one_meaning_of_a_core():
    # the listed forms of بدّل are read as غيروا، تغير، اغير (one Standard Arabic verb): their core has one meaning
    assert darija._cores("arabic").get("بدل")


@pytest.mark.parametrize(("token", "listed"), [("mnsoujin", "mnsouja"), ("maghribiya", "lmaghrib")])
def test_an_arabizi_adjective_ending_finds_the_listed_word(token, listed):
    latin = darija._maps()[1]
    assert darija._core_meaning(token, "latin") == latin[listed]


def test_a_size_adjective_is_not_the_children_use():
    # صغار after a noun is "small" (as sghar in Latin letters), not the children of the craft vocabulary
    words = _words("واش الكوليات الصغار كيخلصو الديوانة؟")
    assert "أطفال" not in words
