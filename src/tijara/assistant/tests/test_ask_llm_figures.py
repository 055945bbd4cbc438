"""The generated answer's figure check: figures compared as values, each text read in its own language."""

from types import SimpleNamespace

import pytest

from tijara.assistant.qa import llm


def _doc(fact_id="MA-PN-02", *, en="", fr="", ar="", as_of="2025-10-16"):
    return SimpleNamespace(fact_id=fact_id, texts={"en": en, "fr": fr, "ar": ar}, titles={"en": "", "fr": "", "ar": ""},
                           as_of=as_of)


# The shipped PortNet fact: English and French group the figure, Arabic with U+066C.
PORTNET = _doc(en="The annual PortNet subscription costs 3,600 MAD including VAT (2025).",
               fr="L'abonnement annuel à PortNet coûte 3 600 MAD TTC (2025).",
               ar="يكلف الاشتراك السنوي في بورتنت 3٬600 درهم مع احتساب الضريبة على القيمة المضافة (2025).")
LIMIT = _doc("US-CER-02", en="Cups and mugs 0.5 µg/mL; large hollowware 1.1 L or more.",
             fr="Tasses et mugs 0,5 µg/mL ; grands récipients 1,1 L ou plus.",
             ar="الأكواب 0.5 ميكروغرام/مل؛ الأواني الكبيرة 1.1 لتر أو أكثر.", as_of="2024-01-01")


def _check(answer, language, doc=PORTNET):
    return llm.check({"answer": answer, "citations": [doc.fact_id]}, [doc], language)


@pytest.mark.parametrize(("answer", "language"), [
    ("PortNet costs 3600 MAD a year.", "en"),
    ("PortNet costs 3,600 MAD a year.", "en"),
    ("PortNet costs 3 600 MAD a year.", "en"),
    ("PortNet coûte 3 600 MAD par an.", "fr"),
    ("PortNet coûte 3\u202f600 MAD par an.", "fr"),
    ("PortNet coûte 3\u00a0600 MAD par an.", "fr"),
    ("يكلف بورتنت 3600 درهم سنوياً.", "ar"),
    ("يكلف بورتنت 3٬600 درهم سنوياً.", "ar"),
    ("يكلف بورتنت ٣٬٦٠٠ درهم سنوياً.", "ar"),
    ("يكلف بورتنت ٣٦٠٠ درهم سنوياً.", "ar"),
    ("يكلف بورتنت 3.600 درهم سنوياً.", "ar"),  # as Moroccan print groups (and as the Arabic page shows it)
    ("يكلف بورتنت 3,600 درهم سنوياً.", "ar"),
    ("PortNet costs 3,600.00 MAD (2025).", "en"),
])
def test_a_figure_written_grouped_or_not_equals_the_facts_figure(answer, language):
    assert _check(answer, language).answer == answer


@pytest.mark.parametrize(("answer", "language"), [
    ("The limit for cups is 0.5 µg/mL, 1.1 L or more is large.", "en"),
    ("La limite des tasses est de 0,5 µg/mL (1,1 L ou plus).", "fr"),
    ("La limite des tasses est de 0.5 µg/mL.", "fr"),
    ("الحد 0,5 ميكروغرام/مل للأكواب و1,1 لتر أو أكثر.", "ar"),
    ("الحد 0.50 ميكروغرام/مل.", "ar"),
])
def test_decimals_equal_in_any_sign(answer, language):
    assert _check(answer, language, LIMIT).answer == answer


@pytest.mark.parametrize(("answer", "language", "doc"), [
    ("The limit for cups is 5 µg/mL.", "en", LIMIT),  # 0.5 is not 5
    ("The limit for cups is 0.5 µg/mL; large hollowware 11 L.", "en", LIMIT),  # "1.1" is not "11"
    ("La limite est de 15 µg/mL.", "fr", _doc("X-01", fr="La limite est de 1,5 µg/mL.")),  # "1,5" is not "15"
    ("The limit is 1.5 µg/mL.", "en", _doc("X-01", en="The limit is 15 µg/mL.")),  # "1.5" is not "15"
    ("PortNet costs 3,700 MAD a year.", "en", PORTNET),
    ("PortNet costs 3.6 MAD a year.", "en", PORTNET),  # "3.6" in English is not 3600
    ("PortNet coûte 3,6 MAD par an.", "fr", PORTNET),  # nor "3,6" in French
    ("PortNet costs 1,5 MAD a year.", "en", PORTNET),  # no reading in English: its digits count one by one
    ("PortNet costs 3,600 MAD since 2019.", "en", PORTNET),  # an invented year
])
def test_a_figure_absent_from_the_cited_facts_is_rejected(answer, language, doc):
    with pytest.raises(llm.Rejected, match="figure"):
        _check(answer, language, doc)


@pytest.mark.parametrize(("answer", "language"), [
    ("PortNet costs three thousand six hundred dirhams.", "en"),
    ("PortNet coûte trois mille six cents dirhams.", "fr"),
    ("يكلف بورتنت ثلاثة آلاف وستمائة درهم.", "ar"),
])
def test_a_number_in_words_the_facts_do_not_use_is_still_rejected(answer, language):
    with pytest.raises(llm.Rejected, match="words"):
        _check(answer, language)


def test_the_facts_texts_are_each_read_in_their_own_language():
    # "3.600" in an English fact and "3,600" in a French one are 3.6: an English answer "3,600" is not what they say.
    doc = _doc("X-01", en="A fee of 3.600 EUR.", fr="Des frais de 3,600 EUR.", ar="رسوم 3٫6 يورو.")
    assert _check("A fee of 3.6 EUR.", "en", doc)
    with pytest.raises(llm.Rejected):
        _check("A fee of 3,600 EUR.", "en", doc)
