"""Normalisation, stems, Darija and Arabizi on real examples."""

import pytest

from tijara.language import analysis, darija, normalise, stemming
from tijara.language.detect import detect_question, detect_text


@pytest.mark.parametrize(("raw", "folded"), [
    ("زَرْبِيَّة", "زربيه"),  # diacritics off, taa marbuta → haa
    ("أمازيغية", "امازيغيه"),  # alef with hamza above
    ("إناء", "انا"),  # alef with hamza below, lone hamza dropped
    ("آنية", "انيه"),  # alef madda
    ("مـــغـــرب", "مغرب"),  # tatweel
    ("مستشفى", "مستشفي"),  # alef maksura
    ("مسؤول", "مسوول"),  # waw with hamza
    ("ڭلسة", "كلسه"),  # Maghrebi gaf (Darija)
    ("١٢٣ و۴۵", "123 و45"),  # Arabic-Indic and Eastern Arabic-Indic digits
    ("Berbère TAPIS Noué", "berbere tapis noue"),
    ("Œuvre", "oeuvre"),
    ("ﻻ", "لا"),  # presentation form (NFKC)
    ("Straße", "strasse"),
])
def test_fold(raw, folded):
    assert normalise.fold(raw) == folded


def test_words_split_hyphens_and_elisions():
    assert normalise.words("Tapis noué-main, l'huile d'argan 100%") == ["tapis", "noue", "main", "l", "huile", "d",
                                                                         "argan", "100"]


def test_clean_input_bounds_and_strips_control_characters():
    assert normalise.clean_input("a\x00b\u200bc  d") == "a b c d"
    assert len(normalise.clean_input("x" * 100_000)) == normalise.MAX_CHARS
    assert normalise.clean_input(None) == ""


@pytest.mark.parametrize(("a", "b"), [("الزربية", "زربية"), ("بالصوف", "صوف"), ("والنحاس", "نحاس"), ("للبيع", "بيع")])
def test_arabic_article_and_proclitics_share_a_stem(a, b):
    assert analysis.stem(normalise.fold(a), "ar") == analysis.stem(normalise.fold(b), "ar")


@pytest.mark.parametrize(("words", "language"), [
    (("tapis", "tapiss"), None), (("lanterne", "lanternes"), "fr"), (("rug", "rugs"), "en"),
    (("alfombra", "alfombras"), "es"), (("babouche", "babouches"), "fr"),
])
def test_plurals_share_a_stem(words, language):
    if language:
        assert len({analysis.stem(w, language) for w in words}) == 1


def test_digits_and_arabic_script_ignore_the_language_argument():
    assert analysis.stem("2026", "fr") == "2026"
    assert analysis.stem("زربيه", "en") == analysis.stem("زربيه", "ar")


def test_stopword_profiles_are_folded():
    assert "a" in analysis.stopwords("question", "fr")  # "à" folded
    assert "الي" in analysis.stopwords("product", "ar")  # "إلى" normalised
    assert "handmade" in analysis.stopwords("filler")


def test_question_terms_keep_numbers_and_drop_elisions():
    assert analysis.question_terms("Jusqu'à 6 000 EUR, l'origine de 3.5 kg ?", "fr")[:1] == ["6"]
    assert "origin" in analysis.question_terms("l'origine", "fr")
    assert "3.5" in analysis.question_terms("3.5 kg", "en")
    assert analysis.question_terms("children's babouches", "en")[0] == analysis.stem("children", "en")


@pytest.mark.parametrize(("token", "arabizi"), [
    ("3ndi", True), ("ch7al", True), ("l9dim", True), ("m3a", True), ("sl3a", True),
    ("abc123", False), ("200x300", False), ("tapis", False), ("4x4", False),
])
def test_arabizi_tokens(token, arabizi):
    assert darija.is_arabizi_token(token) is arabizi


def test_darija_in_latin_letters_expands_to_french_search_words():
    text, seen = darija.expand("wach khassni chahadat l'origine bach nsift zarbia l fransa?")
    assert seen
    assert "tapis" in text.split() and "france" in text.split() and "certificat" in text.split()


def test_darija_in_arabic_letters_expands_to_msa():
    text, seen = darija.expand("شحال خاصني باش نرجع الفلوس ديال التصدير للمغرب؟")
    assert seen
    assert "كم" in text.split() and "يجب" in text.split()
    craft, _seen = darija.expand("واش البلغة ديال الجلد كتدوز فالديوانة؟")
    assert "بلغة" in craft.split() and "الجمارك" in craft.split()


def test_text_without_darija_is_left_as_written():
    for text in ("Quel est le délai de rapatriement ?", "ما هو أجل إرجاع عائدات التصدير؟", "What is the VAT rate?"):
        assert darija.expand(text) == (text, False)


@pytest.mark.parametrize("question", [
    "هل نطلب شهادة المنشأ من الجمرك قبل شحن السلعة إلى إنجلترا؟",
    "ما نسبة الفائدة على كراء حانوت في الدار البيضاء؟",
    "كم يبقى الإتيكيت الخاص بالأورو صالحاً بلا تجديد؟",
    "هل يلزم تقييد الصنعة التقليدية قبل بيع الدراهم المقبوضة؟",
])
def test_standard_arabic_words_the_darija_lists_share_do_not_tell_darija(question):
    # ordinary Modern Standard Arabic (السلعة، أمريكا، خاص، نطلب، الفائدة، كراء ...): searched as written, the
    # shared words with their listed equivalent beside them
    from tijara.language.analysis import question_tokens

    text, seen = darija.expand(question)
    assert not seen and len(text.split()) > len(question_tokens(question))
    assert set(question_tokens(question)) <= set(text.split())
    assert detect_question(question).darija is False


def test_standard_arabic_words_the_darija_lists_share_are_expanded_in_a_darija_question():
    text, seen = darija.expand("واش خاص شهادة باش نصدر السلعة لأمريكا؟")
    assert seen and "البضائع" in text.split() and "يجب" in text.split()
    data = darija._file()
    assert set(data["ambiguous_arabic"]) <= set(data["expand_arabic"])  # each is a Darija entry too
    assert not {"بلدي", "بلدية", "تقليدي"} & set(data["markers_arabic"])


def test_a_craft_word_that_is_a_darija_function_word_is_read_as_the_function_word():
    # باش is a tarpaulin in the craft vocabulary and "so that" in every Darija question
    text, seen = darija.expand("شنو خاصني باش نصيفط الزربية؟")
    assert seen and "خيمة" not in text


def test_darija_function_words_are_searched_and_encoded_as_standard_arabic():
    text, seen = darija.expand("واش هادشي ديال السلعة ديالي؟")
    assert seen and text.split()[:2] == ["هل", "هذا"] and "ديال" not in text and "ديالي" not in text


def test_another_form_of_a_stop_word_is_no_form_of_a_listed_word():
    # تكون is يكون in another person, not كونت (an account); kayn and ghadi are stop words, not forms of a listed word
    assert "حساب" not in darija.expand("شحال خاص تكون القيمة ديال المغرب؟")[0]
    assert darija._core_meaning("تكون", "arabic") is None
    assert darija._core_meaning("kayn", "latin") is None and darija._core_meaning("ghadi", "latin") is None
    assert darija._core_meaning("كيحطوها", "arabic") == "وضع"  # a listed verb in another form is still read


@pytest.mark.parametrize(("text", "lang", "darija_flag"), [
    ("Tapis berbère noué main en laine, 200 x 300 cm", "fr", False),
    ("Hand-knotted Berber wool rug with a thick pile", "en", False),
    ("زربية أمازيغية معقودة يدويا من الصوف", "ar", False),
    ("زربية ديال الصوف زوينة بزاف", "ar", True),
    ("zarbia dyal souf zwina bzaf", "ar", True),
])
def test_detect_text(text, lang, darija_flag):
    found = detect_text(text)
    assert (found.lang, found.supported, found.darija) == (lang, True, darija_flag)


def test_detect_text_names_an_unsupported_language():
    found = detect_text("Alfombra bereber de lana anudada a mano con un pelo grueso")
    assert (found.lang, found.supported) == ("es", False)


@pytest.mark.parametrize(("question", "language", "search_language"), [
    ("Quel est le délai de rapatriement des recettes d'exportation ?", "fr", "fr"),
    ("How many days do I have to bring export money back?", "en", "en"),
    ("ما هو أجل إرجاع عائدات التصدير إلى المغرب؟", "ar", "ar"),
    ("wach khassni chahada bach nsift zarbia l fransa?", "ar", "fr"),
])
def test_detect_question(question, language, search_language):
    found = detect_question(question)
    assert (found.language, found.search_language) == (language, search_language)


def test_analyser_version_is_declared():
    assert stemming.ANALYSER_VERSION


def test_a_darija_negation_keeps_its_not():
    assert darija.expand("الكليان ماباغيش يخلص الديوانة")[0].split()[:3] == ["المشتري", "لا", "يريد"]
    assert darija.expand("ماكاينش شي ورقة")[0].split()[:2] == ["لا", "يوجد"]  # the list's own negation, once
    assert darija.expand("wach makhassnich nkhalles ddiwana")[0].split()[1:3] == ["pas", "faut"]


def test_darija_function_words_in_latin_letters_are_left_out_of_the_search_text():
    text, seen = darija.expand("wach kayn chi limite 3la lbelgha dyali?")
    assert seen and not {"kayn", "chi", "3la", "dyali"} & set(text.split()) and "babouche" in text.split()
