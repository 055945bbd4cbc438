"""Whom the assistant names when the facts do not answer, for questions worded in forms the topic lists do not hold
(project-written questions, not in the evaluation set): the topic is read by the stems of a listed phrase."""

import pytest

from tijara.assistant.qa import named


@pytest.mark.parametrize(("question", "authority"), [
    # "garantis", "Warranties": the list holds "garantie" and "warranty"
    ("Mes plateaux en laiton vendus à des particuliers en France sont-ils garantis, et pendant combien de temps ?",
     "dgccrf"),
    ("Warranties on copper lamps sold to consumers in France: how long do they run?", "dgccrf"),
    # "fumigations": the list holds "fumigation"; the destination's plant-health service, not its customs
    ("Mes fumigations de caisses en bois sont-elles reconnues aux États-Unis ?", "aphis"),
])
def test_a_topic_named_in_another_form_of_a_listed_word_names_its_authority(ask_engine, question, authority):
    result = ask_engine.answer(question)
    assert not result.citations and not result.confident
    assert result.authority == authority


def test_stems_are_read_in_order_and_in_english_or_french_only(ask_engine):
    assert "phytosanitary" in ask_engine.named_near("Were the pallets heat-treated?", "en")
    # both stems of "heat treatment", but not one after the other
    assert "phytosanitary" not in ask_engine.named_near("Is the treatment of the heat lamps taxed?", "en")
    # Arabic light stems join words apart in meaning (today / a day): not read loosely
    assert ask_engine.named_near("كم يوماً يستغرق الشحن؟", "ar") == frozenset()


def test_phrase_stems_leave_out_phrases_that_lose_a_word():
    stems = dict.fromkeys(phrase for _key, phrase in named.phrase_stems("en"))
    assert all(len(s) > 2 for phrase in stems for s in phrase)


def test_a_use_is_read_through_the_language_core_in_every_language():
    # the language core's use concepts (vocabulary.json), not words of the topic lists
    assert named.use_topics("a painted chest of drawers for a child's bedroom", "en") == ("children",)
    assert named.use_topics("une commode pour chambre d'enfant", "fr") == ("children",)
    assert named.use_topics("صندوق خشبي للأطفال") == ("children",)
    assert named.use_topics("طاجين للطبخ") == ("food_contact",)
    assert named.use_topics("une lanterne électrique", "fr") == ("electrical",)
    assert named.use_topics("a brass tray", "en") == ()


@pytest.mark.parametrize(("question", "authority"), [
    # a child's product in the US: the market's authority for children, not its customs
    ("Does a wooden rocking horse for babies need a stability certificate before a shop in Ohio can sell it?",
     "cpsc"),
    ("Un cheval à bascule en bois pour enfants doit-il avoir un certificat de stabilité pour être vendu aux "
     "États-Unis ?", "cpsc"),
])
def test_a_use_the_product_is_for_names_the_market_authority_for_it(ask_engine, question, authority):
    result = ask_engine.answer(question)
    assert not result.citations and not result.confident
    assert result.authority == authority
