"""Normalisation, Darija handling and language detection of questions."""

import pytest

from tijara.assistant.qa import context, lang
from tijara.assistant.qa.text import analyse, expand_darija, normalise_arabic


def test_arabic_normalisation_unifies_letters_and_drops_diacritics():
    assert normalise_arabic("إِرْجَاع") == "ارجاع"
    assert normalise_arabic("مدّة") == "مده"
    assert normalise_arabic("١٥٠ يوماً") == "150 يوما"


def test_analyse_drops_stop_words_and_articles():
    assert analyse("ما هو أجل إرجاع عائدات التصدير إلى المغرب؟", "ar") == ["اجل", "ارجاع", "عايد", "تصدير"]
    assert "origin" in analyse("Quel document d'origine ?", "fr")
    assert analyse("children's shoes", "en")[0] == "children"


def test_darija_words_are_replaced_by_standard_arabic():
    text, darija = expand_darija("شحال خاصني باش نرجع الفلوس فالديوانة؟")
    assert darija
    assert "كم" in text and "ارجاع" in text and "الجمارك" in text


def test_french_word_fin_alone_does_not_make_a_question_darija():
    assert lang.detect("Quelle est la fin de la franchise de droits ?").language == "fr"


@pytest.mark.parametrize(("question", "language", "search"), [
    ("What is the limit of chromium VI in leather?", "en", "en"),
    ("Quel est le délai de rapatriement des recettes ?", "fr", "fr"),
    ("ما هو أجل إرجاع عائدات التصدير؟", "ar", "ar"),
    ("واش خاصني شهادة المنشأ؟", "ar", "ar"),
    ("wach khassni chahada bach nsift zarbia l fransa?", "ar", "fr"),
])
def test_language_detection(question, language, search):
    detected = lang.detect(question)
    assert (detected.language, detected.search_language) == (language, search)


def test_forced_language_wins_for_latin_questions():
    assert lang.detect("What is the VAT?", forced="fr").language == "fr"


def test_scope_of_names_markets_and_families():
    markets, families = context.scope_of("Quel document pour exporter des tapis en France ?")
    assert markets == {"FRA", "EU"} and families == {"rugs"}
    markets, families = context.scope_of("هل تحتاج الطواجين إلى تصريح للبيع في أمريكا؟")
    assert "USA" in markets and "pottery" in families


@pytest.mark.parametrize(("question", "procedure"), [
    ("Which documents do I need to export rugs to France?", True),
    ("Quelles sont les étapes pour exporter vers la France ?", True),
    ("ما هي الوثائق اللازمة لتصدير الزرابي إلى فرنسا؟", True),
    ("ما هي مراحل التصدير إلى فرنسا؟", True),  # مراحل = steps
    ("ماذا أحتاج لتصدير الزرابي إلى فرنسا؟", True),  # = what do I need
    ("شنو هوما لوراق اللي خاصني باش نصدر لفرانسا؟", True),
    ("chno lwra9 li khasni bach nsddar l fransa?", True),
    ("What do I need to send a rug to France?", True),
    ("Qu'est-ce qu'il me faut pour envoyer un tapis en France ?", True),
    ("What document must the export rest on?", False),  # one document: a fact answers it
    ("ما هي الوثيقة التي يجب أن ترافق الأواني الخزفية؟", False),
    # the same number in every language: one step or formality asked for is no cue, the procedure in either number is
    ("Quelle est la première étape ?", False),
    ("Which formality comes first?", False),
    ("ما هي الخطوة الأولى؟", False),
    ("Quelle est la procédure pour exporter ?", True),
])
def test_which_documents_questions_are_recognised_in_every_language(question, procedure):
    from tijara.assistant.services import asks_for_procedure

    assert asks_for_procedure(question) is procedure


def test_darija_object_pronouns_and_the_assimilated_latin_article_come_off():
    """كنخلصوهم is نخلص with a present prefix, a plural and an object; ddiwana and ssel3a carry the article."""
    expanded, darija = expand_darija("واش كنخلصوهم قبل ما نصيفط؟")
    assert darija and "ندفع" in expanded and "كنخلصوهم" not in expanded
    expanded, darija = expand_darija("ch7al ddiwana 3la ssel3a?")
    assert darija and "douane" in expanded and "marchandise" in expanded


def test_a_darija_word_is_read_by_its_core_when_only_another_form_is_listed():
    """The lists hold كنبيع and نبيع, not تنبيعوها; nkhelles, not kankhallsou; ch7al is found through chhal."""
    from tijara.language import darija

    assert "بيع" in expand_darija("واش تنبيعوها لبرا؟")[0]
    assert "payer" in expand_darija("wach kankhallsou ddiwana?")[0]
    with darija.held_out(1.0, 0):  # no function or trade word left: nothing to read
        assert darija.expand("wach kankhallsou ddiwana?")[0] == "wach kankhallsou ddiwana?"
    assert darija._core("ch7al", "latin") == darija._core("chhal", "latin")
    assert darija._core("الكونطرا", "arabic") == darija._core("كونترا", "arabic")


def test_a_stop_word_is_no_form_of_a_listed_word():
    expanded, darija = expand_darija("واش يكون الكونط ديالي فالبانكا؟")
    assert darija and "يكون" in expanded.split()


def test_the_darija_possessive_d_before_an_article_comes_off():
    assert "الجمارك" in expand_darija("شنو الورقة دالديوانة؟")[0]


def test_an_msa_verb_with_a_pronoun_is_not_read_as_darija():
    assert expand_darija("هل نصدرها إلى كندا مباشرة؟") == ("هل نصدرها إلى كندا مباشرة؟", False)


def test_darija_word_families_keep_their_spelling_variants():
    for spelling in ("الفاكتورة", "فاكتورا", "الفاكتور"):
        assert "فاتورة" in expand_darija(f"واش {spelling} ديالي كافية؟")[0]
    for spelling in ("sbania", "sbanya"):
        assert context.scope_of(expand_darija(f"wach nsifet l {spelling}?")[0])[0] == {"ESP", "EU"}


def test_own_products_with_a_possessive_or_plural_name_their_family():
    assert context.scope_of("كيفاش نصيفط فوانيسي؟")[1] == {"lighting"}
    assert context.scope_of("هل تحتاج زرابيهم إلى شهادة؟")[1] == {"rugs"}
    assert context.scope_of("الصاكات ديالي")[1] == {"leather"}


def test_demonyms_and_proclitics_name_their_market():
    assert context.scope_of("زبائني هولنديون")[0] == {"NLD", "EU"}
    assert context.scope_of("أبيع للأمريكيين")[0] == {"USA"}
    assert context.scope_of("أرسل بالمملكة المتحدة")[0] == {"GBR"}
    assert context.scope_of("باني الفخار")[0] == set()  # a word cut like ألبانيا's stem names no market


def test_a_french_elision_before_a_country_still_names_it():
    assert context.scope_of("wach TVA kat3ni l'allemagne?")[0] == {"DEU", "EU"}


def test_darija_handles_are_also_embedded_as_a_darija_question_is_searched():
    """A Darija handle is kept as written under ar and, expanded like a Darija question, under ary (embedded only)."""
    from tijara.assistant.qa import handles

    entry = handles.load()["MA-FX-02"]
    expanded = {expand_darija(text)[0] for text in entry["ar"] if expand_darija(text)[1]}
    assert entry["ary"] and set(entry["ary"]) <= expanded
    assert not set(entry["ary"]) & set(entry["ar"])


def test_a_word_darija_shares_with_msa_expands_darija_but_does_not_reveal_it():
    assert expand_darija("هل نستطيع أن ندخل هذه الأسواق؟")[1] is False
    expanded, darija = expand_darija("واش ندخل السلعة بلا مشكل؟")
    assert darija and "ادخال" in expanded


@pytest.mark.parametrize(("text", "families"), [
    ("كم يقتطع البنك على تحويل من الخارج؟", set()),  # the bank, not a stool (Darija بنك)
    ("Le bureau de douane ouvre-t-il le samedi ?", set()),  # an office, not a desk
    ("Combien d'argent dois-je rapatrier ?", set()),  # money, not silver
    ("بغيت نصيفط بنك وطابوري لفرنسا", {"wood"}),  # another product word still names the family
    ("Je vends des tabourets et un bureau en cèdre", {"wood"}),
])
def test_trade_words_name_no_product_family(text, families):
    assert context.scope_of(text)[1] == families


# ---- issue 18: a city (CLDR exemplar cities, capitals) or a nationality adjective names its market ----
@pytest.mark.parametrize(("question", "markets"), [
    ("Je vends mes tapis à une boutique à Lisbonne", {"PRT", "EU"}),
    ("A buyer in Vienna wants my lanterns", {"AUT", "EU"}),
    ("زبون في لندن يريد زرابي", {"GBR"}),
    ("الكليان فمدريد بغا البلغة", {"ESP", "EU"}),  # a Darija "in" written on to the name
    ("A shop in Rio Branco orders poufs", {"BRA"}),  # a name of two words
])
def test_a_city_names_its_market_when_no_country_is(question, markets):
    assert context.scope_of(question)[0] == set()
    assert context.cities_in(question) == markets


def test_a_city_never_overrides_a_named_country():
    assert context.scope_of("My buyer in Madrid wants the rugs shipped to France")[0] == {"FRA", "EU"}


@pytest.mark.parametrize("question", [
    "Les paris sur la livraison sont risqués",  # French "paris" (bets), written without a capital
    "What is the center of a zellige tile made of?",  # CLDR's Center (North Dakota), an ordinary word
    "تعاونيتنا في الداخلة",  # a Moroccan city: the exporter's side, never a destination
    "Mon atelier est à Casablanca",
])
def test_an_ordinary_word_or_a_moroccan_city_names_no_market(question):
    assert context.cities_in(question) == set()


@pytest.mark.parametrize(("question", "markets"), [
    ("Quels papiers les douanes japonaises demandent-elles ?", {"JPN"}),
    ("Do German customs open every parcel?", {"DEU", "EU"}),
    ("ماذا تطلب الجمارك الألمانية؟", {"DEU", "EU"}),
    ("Mes clientes portugaises veulent des babouches", {"PRT", "EU"}),
    ("wach lclient talyani khass lih chi wra9a?", {"ITA", "EU"}),
])
def test_a_nationality_adjective_names_its_market(question, markets):
    assert context.scope_of(question)[0] == markets
