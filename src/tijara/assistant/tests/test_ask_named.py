"""A question naming a transport mode, or asking for a channel's or carrier's figure, is answered only by a fact
that names it; otherwise the assistant declines and names whom to ask for that topic (data/qa_named.toml)."""

import re

import pytest

from tijara.assistant.qa import named
from tijara.assistant.qa.text import expand_darija


@pytest.mark.parametrize(("text", "keys"), [
    ("What are the seller fees on Amazon.fr?", {"amazon"}),
    ("Combien de temps met un bateau de Tanger à Marseille ?", {"sea"}),
    ("شحال كياخد البابور من طنجة لمارسيليا؟", {"sea"}),
    ("واش نصيفط بالطيارة ولا فالبحر؟", {"air", "sea"}),
    ("Can I ship my rugs to Lyon without an EUR.1?", set()),  # "ship" the verb names no transport mode
])
def test_named_groups_are_found_in_any_language(text, keys):
    assert set(named.named_in(text)) == keys


def test_must_cite_depends_on_whether_a_figure_is_asked():
    keys = frozenset({"etsy", "sea", "customs-broker"})
    assert named.must_cite(keys, figure=False) == {"sea"}
    assert named.must_cite(keys, figure=True) == {"sea", "etsy"}


@pytest.mark.parametrize("question", [
    "Combien de temps met un bateau de Tanger à Marseille ?",
    "شحال كياخد البابور من طنجة لمارسيليا؟",
    "How many days does a container ship take from Tanger Med to Rotterdam?",
])
def test_a_sea_voyage_is_not_answered_by_a_port_fact(ask_engine, question):
    answer = ask_engine.answer(question)
    assert answer.citations == [] and not answer.confident
    assert not re.search(r"\d", answer.answer)
    assert answer.authority == "carrier"


def test_a_channel_fee_is_answered_only_by_a_fact_naming_the_channel(ask_engine):
    answer = ask_engine.answer("How much does Amazon Handmade charge sellers on each sale on amazon.com?")
    assert answer.citations
    assert all("amazon" in ask_engine.names[c.fact_id] for c in answer.citations)


@pytest.mark.parametrize("question", [
    "How much does Amazon.de charge sellers on each sale?",  # the fee we hold is amazon.com's
    "Quelle commission prend eBay sur une vente ?",  # Etsy's fees are no answer about eBay
])
def test_another_country_s_site_or_another_channel_is_not_an_answer(ask_engine, question):
    # project-written questions, not in the evaluation set
    answer = ask_engine.answer(question)
    assert answer.citations == [] and not answer.confident
    assert answer.authority == "platform"


def test_a_channel_the_question_names_too_is_no_other_channel():
    # a fact on PayPal answers a question naming Etsy and PayPal; one on Amazon does not
    assert not named.other_of_same_topic(frozenset({"etsy", "paypal"}), frozenset({"paypal"}))
    assert named.other_of_same_topic(frozenset({"etsy", "paypal"}), frozenset({"amazon"}))


def test_registering_is_answered_only_by_a_fact_naming_a_registration(ask_engine):
    # project-written, not in the evaluation set: the lead limits of tableware say nothing about registering
    assert "registration" in named.named_in("Dois-je enregistrer mon atelier auprès de la FDA ?")
    assert "registration" not in named.named_in("I am registered as an auto-entrepreneur.")
    answer = ask_engine.answer("Does the FDA want my pottery workshop to register before I ship serving bowls to Ohio?")
    assert answer.citations == [] and answer.authority == "fda"


def test_a_rule_for_listings_on_a_channel_may_come_from_a_fact_not_naming_it(ask_engine):
    answer = ask_engine.answer("Which details must an Etsy shop show to buyers in the EU?")
    assert "EU-GPSR-03" in [c.fact_id for c in answer.citations]


def test_darija_trade_words_expand_to_standard_arabic():
    text, seen = expand_darija("واش الكليان كيخلص الديوانة ملي كيوصلو الكوليات؟")
    assert seen
    assert {"المشتري", "يؤدي", "الجمارك", "الطرود"} <= set(text.split())
    latin, seen_latin = expand_darija("wach lkliyan kaykhlles ddiwana mlli twsel lkoli?")
    assert seen_latin and {"client", "paie", "douane", "colis"} <= set(latin.split())


def test_arabic_phrase_listed_with_article_finds_bare_and_proclitic_forms():
    # "الطرود" and "الرصاص" are listed with the article; the bare word and the form with لل name the group too,
    # as an article on the question's word is already off one of its forms.
    assert "parcel" in named.named_in("أرسل طرود الزرابي كل شهر إلى زبنائي")
    assert "parcel" in named.named_in("ما هي القواعد للطرود الصغيرة؟")
    assert "food-contact" in named.named_in("هل يوجد حد للرصاص في طلاء الأواني؟")
