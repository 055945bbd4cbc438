"""The Arabic light stemmer: every form of one word (article, proclitics, pronouns, sound and broken plurals)
gives one stem, and words that only look alike keep apart."""

import pytest

from tijara.language import analysis, normalise, stemming
from tijara.language.stemming import pattern_singulars


def _stem(word: str) -> str:
    return analysis.stem(normalise.fold(word), "ar")


@pytest.mark.parametrize("forms", [
    ("سلامة", "السلامة", "لسلامة", "للسلامة"),  # preposition ل, with and without the article
    ("تصدير", "التصدير", "للتصدير", "وللتصدير", "والتصدير", "فالتصدير"),  # conjunction + preposition + article
    ("صوف", "الصوف", "بالصوف", "وبالصوف"),
    ("عملة", "العملة", "عملات", "العملات"),  # sound feminine plural
    ("شهادة", "الشهادات", "شهادتي"),  # pronoun after the taa marbuta
    ("منتوج", "المنتوجات", "منتوجاتنا"),
    ("تعاونية", "التعاونيات", "تعاونيتنا"),
    ("حرفي", "الحرفيين"),  # nisba and its plural
    ("جمرك", "جمركي", "الجمركية", "الجمارك"),
    ("يوم", "يوماً", "أيام"),  # the alef of the accusative tanween, and a broken plural
    ("زبون", "لزبون", "الزبون"),
    ("أمريكا", "الأمريكية", "لأمريكا"),  # a country and its adjective
])
def test_forms_of_one_word_share_a_stem(forms):
    assert len({_stem(w) for w in forms}) == 1, {w: _stem(w) for w in forms}


@pytest.mark.parametrize(("plural", "singular"), [
    ("الوثائق", "وثيقة"), ("حقائبي", "حقيبة"), ("الزرابي", "زربية"), ("فوانيس", "فانوس"), ("مصابيح", "مصباح"),
    ("الصحون", "صحن"), ("أسواق", "سوق"), ("الرسوم", "رسم"), ("بضائع", "بضاعة"), ("ملاعق", "ملعقة"),
    ("القوانين", "قانون"),
])
def test_broken_plurals_share_the_singular_stem(plural, singular):
    assert _stem(plural) == _stem(singular)


@pytest.mark.parametrize(("word", "stem"), [("كتاب", "كتاب"), ("قانون", "قانون"), ("تعاون", "تعاون"), ("فخار", "فخار")])
def test_letters_that_belong_to_short_words_stay(word, stem):
    # ب ك ف at the start and ون ان at the end are part of these words, not a proclitic or a plural
    assert _stem(word) == stem


def test_the_analyser_version_was_raised_for_the_light_stemmer():
    assert stemming.ANALYSER_VERSION != "1"


@pytest.mark.parametrize(("question", "word"), [
    ("واش كنصيفطو السلعة بالبوسطة؟", "نرسل"),  # present prefix ك off: نصيفطو
    ("علاش مانخلصش الديوانة؟", "ادا"),  # negation ما…ش around نخلص
    ("wach kanbi3 f lmaghrib?", "vends"),  # Arabizi present prefix ka- and the glued article l-
    ("واش كتدير هادشي؟", "اقوم"),  # another person than the list's ندير
    ("ghadi yrj3o lflous?", "retour"),  # an Arabizi verb without ka-, its person prefix and plural off
    ("chmen formulaire n3ammer?", "remplir"),  # the list's n3mer: short vowels and doubled letters vary
])
def test_darija_verb_forms_expand_like_their_base_word(question, word):
    from tijara.language import darija

    expanded, seen = darija.expand(question)
    assert seen and word in normalise.fold(expanded)


def test_darija_function_words_are_question_stop_words():
    assert analysis.question_terms("شي حاجة ديالها ولا حتى اللي", "ar") == [analysis.stem("حاجه", "ar")]


def test_a_darija_passive_is_searched_as_its_verb_without_telling_darija():
    from tijara.language import darija

    assert darija.expand("واش تصاوبو هنا") == ("هل صنع هنا", True)
    assert darija.expand("هل تصاوبو هنا")[1] is False


def test_prepositions_with_a_pronoun_are_question_stop_words():
    assert analysis.question_terms("طلب مني وأنا فيهم عليها ليهم شهادة", "ar") == analysis.question_terms(
        "طلب شهادة", "ar")
    assert analysis.question_terms("الحليب بيو والجلد بني", "ar") == analysis.question_terms(
        "الحليب بيو الجلد بني", "ar")


def test_darija_craft_words_do_not_add_a_material():
    from tijara.language import darija

    assert "نحاس" not in darija.expand("واش الصواني ديالي")[0]


def test_darija_function_words_whose_french_is_no_stop_word_are_left_out():
    from tijara.language import darija

    assert darija.expand("ila wslat sl3a, ghadi ykhalles lclient?")[0].split()[:1] != ["si"]
    known = set(analysis.question_terms("le client paie", "fr"))
    assert analysis.stem("client", "fr") in analysis.question_terms("lclient", "fr", known)


def test_a_proclitic_glued_to_a_latin_word_or_a_figure_comes_off():
    assert analysis.terms("وEXW وFCA و40% فEtsy", "ar") == analysis.terms("EXW FCA 40% Etsy", "ar")


def test_arabic_modal_verbs_are_question_stop_words_like_must_and_can():
    assert analysis.question_terms("هل يجب أن أستطيع تصدير الزرابي؟", "ar") == analysis.question_terms(
        "تصدير الزرابي", "ar")
    assert {"must", "can"} <= analysis.stopwords("question", "en")


@pytest.mark.parametrize(("plural", "singular"), [
    ("أقلام", "قلم"),  # MSA broken plural
    ("صبابط", "صباط"),  # Darija broken plural
    ("طاولات", "طاوله"),  # sound feminine plural: ات back to the taa marbuta
])
def test_a_plural_stands_for_its_singular(plural, singular):
    assert normalise.fold(singular) in stemming.singular_forms(normalise.fold(plural))
    assert not stemming.singular_forms(normalise.fold(singular))


def test_the_moroccan_g_folds_like_the_other_g_letters():
    assert normalise.fold("ليݣنز") == normalise.fold("ليڭنز") == normalise.fold("ليكنز")


def test_a_mark_inside_a_word_does_not_cut_it():
    """Shadda and tanween are not letters: a question with them keeps its words whole (حوّل is not حو + ل)."""
    assert analysis.question_tokens("من سيحوّل المبلغ شهرياً؟") == ["من", "سيحول", "المبلغ", "شهريا"]


def test_a_verb_the_index_lacks_finds_the_verbal_noun_the_index_holds():
    """Facts name the act (تصدير، إرسال، الدفع); askers conjugate the verb. With the index's stems given, the verb
    is read as its verbal noun; without them, terms are as before."""
    known = set(analysis.question_terms("تصدير السجاد وإرسال العينات والدفع", "ar"))
    terms = analysis.question_terms("سنصدّر السجاد ونرسلها ثم ندفع", "ar", known)
    assert {analysis.stem("تصدير", "ar"), analysis.stem("ارسال", "ar"), analysis.stem("دفع", "ar")} <= set(terms)
    assert analysis.question_terms("سنصدر السجاد", "ar") == [analysis.stem("سنصدر", "ar"), analysis.stem("السجاد", "ar")]


def test_the_singular_of_a_darija_plural_is_kept_in_the_stemmer_data():
    assert stemming.singular(normalise.normalise_arabic("بلاغي")) == normalise.normalise_arabic("بلغة")


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("قوارير", "قاروره"),  # فواعيل → فاعولة
        ("ملاعق", "ملعقه"),  # مفاعل → مفعلة
        ("اوشحه", "وشاح"),  # أفعلة → فعال
        ("اطقم", "طقم"),  # أفعل → فعل
        ("خواتم", "خاتم"),  # فواعل → فاعل
        ("حقايب", "حقيبه"),  # فعائل → فعيلة
        ("زرابي", "زربيه"),  # فعالي → فعلية
        ("صناديق", "صندوق"),  # فعاليل → فعلول
        ("صحون", "صحن"),  # فعول → فعل
    ],
)
def test_a_broken_plural_pattern_gives_its_singular(plural, singular):
    assert singular in pattern_singulars(plural)


def test_a_singular_of_a_plural_pattern_is_no_plural():
    assert pattern_singulars("فراش") == frozenset()  # فعال is left out: as often a singular (bed) as a plural
    assert "صنعه" not in pattern_singulars("صناعه")  # a word in ة is no فعالل plural


def test_standard_arabic_reads_the_words_it_shares_with_darija_without_becoming_darija():
    from tijara.language import darija
    from tijara.language.detect import detect_question

    question = "ما هي الرسوم على الزرابي في أمريكا؟"
    text, seen = darija.expand(question)
    assert not seen and "أمريكا الولايات المتحدة" in text  # the word kept, its equivalent read too
    assert not detect_question(question).darija
    assert "الولايات المتحدة" in darija.expand("هل أصدر لأمريكا")[0]  # after a proclitic
    assert darija.expand("ما هي الرسوم على الزرابي في فرنسا؟")[0] == "ما هي الرسوم على الزرابي في فرنسا؟"
    assert darija.expand("هل عندي حق")[0] == "هل عندي حق"  # a stop word is no search word to read
