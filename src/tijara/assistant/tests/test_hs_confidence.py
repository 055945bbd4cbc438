"""When the classifier says it is confident: imitation materials, false friends between French and English, the
head of the description, corroboration beyond the product type's word, and what an official text leaves out —
with the real shipped data and the real classifier (phrases written for these tests, not evaluation rows)."""

import pytest

from tijara.assistant.hs import classify
from tijara.assistant.hs.attributes import extract
from tijara.assistant.hs.engine import (
    _alternatives,
    _broader_word,
    _coordinated,
    _default_against,
    _text_excludes,
    get_index,
)
from tijara.assistant.hs.rules import get_rules
from tijara.language.vocabulary import vocabulary


@pytest.mark.parametrize("text", [
    "vegan leather backpack",
    "PU leather notebook cover",
    "faux marble serving tray",
    "imitation of leather wallet",
    "sac à dos en simili cuir",
    "veste en cuir synthétique",
    "حقيبة ظهر من الجلد الاصطناعي",
    "معطف فرو صناعي",
])
def test_an_imitation_marker_drops_the_material_it_qualifies(text):
    materials = extract(text).values.get("material", set())
    assert not materials & {"leather", "stone", "fur"}


def test_man_made_materials_and_real_ones_stay():
    assert "rubber" in extract("synthetic rubber bath mat").values["material"]
    assert "synthetic" in extract("ceinture en cuir synthétique").values["material"]
    assert "leather" in extract("ceinture en cuir véritable").values["material"]
    # imitation pearls are still read as such by the decision rules (Chapter 71 Note 1)
    assert classify("bracelet of faux pearls").candidates[0].hs4 == "7117"


@pytest.mark.parametrize(("imitation", "real"), [
    ("ceinture en simili cuir", "ceinture en cuir"),
    ("حزام من الجلد الاصطناعي", "حزام من الجلد"),
])
def test_an_imitation_is_not_decided_as_leather(imitation, real):
    assert classify(real).confident and classify(real).candidates[0].hs6 == "420330"
    assert not classify(imitation).confident


def test_french_words_read_in_their_french_sense_when_the_text_is_french():
    rules = get_rules()
    text = "baskets blanches à lacets pour femme"
    reading = rules.read(text, extract(text), "fr")
    assert reading.main == "footwear" and "basket" not in reading.types
    assert "basket" not in {c.id for c in vocabulary().concepts_in(text, "fr")}
    # English keeps the English sense; names alone leave the language open
    assert get_rules().read("wicker baskets for bread", extract("wicker baskets for bread"), "en").main == "basket"
    assert "basket" in {c.id for c in vocabulary().concepts_in(text)}


def test_a_product_type_read_from_a_modifier_is_not_confident():
    res = classify("lantern stand")
    assert not res.confident


def test_the_official_text_leaving_out_the_stated_use_is_not_confident():
    official = "Furniture; wooden, other than for office, kitchen or bedroom use"
    assert _text_excludes(official, "wooden kitchen table")
    assert not _text_excludes(official, "wooden dining table")
    assert not classify("wooden kitchen table").confident


@pytest.mark.parametrize(("text", "default"), [
    ("wooden chest of drawers", "940360"),  # wooden furniture other than for the bedroom: the room is not said
    ("wooden dining table", "940360"),  # no use read: office, kitchen and bedroom furniture stay open
    ("Electric table lamp in leather and iron", "940529"),  # for other than LED light sources: not said
])
def test_a_rule_leading_to_a_default_against_an_open_sibling_is_not_confident(text, default):
    res = classify(text)
    assert res.candidates[0].hs6 == default  # the ranking stays: only the confidence goes
    assert not res.confident


def test_a_wardrobe_is_wooden_bedroom_furniture():
    # 9403.50: wooden furniture of a kind used in the bedroom (a wardrobe is one); the default 9403.60 is not
    res = classify("wardrobes, wooden")
    assert res.candidates[0].hs6 == "940350"


@pytest.mark.parametrize("text", ["bowls, earthenware", "handbags, of leather", "olive wood cutting board"])
def test_a_rule_whose_siblings_the_stated_facts_rule_out_stays_confident(text):
    # 6912 has no sibling of porcelain; handbags of leather leave nothing out; "other than bamboo or tropical
    # wood" is an alternative of the wood the rule read, not a fact it never reads
    assert classify(text).confident


def test_a_default_rule_whose_sibling_needs_an_unstated_fact_is_not_confident():
    # mirrors: framed or not decides the subheading; the text that says it is decided
    assert not classify("mirror").confident
    assert classify("framed mirror").confident
    # cotton dresses: knitted (6104) or not (6204) is not said in a short text
    assert not classify("cotton dress").confident


@pytest.mark.parametrize("text", ["wallet or purse, leather", "handbag, leather or textile", "leather wallet or purse"])
def test_alternatives_of_the_product_or_a_read_fact_are_not_confident(text):
    assert not classify(text).confident


def test_the_french_word_for_gold_is_no_alternative():
    reading = get_rules().read("bague en or", extract("bague en or"), "fr")
    assert not _alternatives(reading, "fr")
    reading = get_rules().read("sac cuir ou toile", extract("sac cuir ou toile"), "fr")
    assert _alternatives(reading, "fr")


def _outcome(text: str, lang: str = "en"):
    """The reading of a text and the outcome of its main type's first fully stated rule."""
    rules = get_rules()
    attrs = extract(text)
    reading = rules.read(text, attrs, lang)
    outcome = next(o for o in rules.apply(reading) if o.full and o.weight == 1.0)
    return rules, attrs, reading, outcome


def test_a_rule_leading_to_several_subheadings_decides_no_subheading():
    # narrow woven fabrics: 5806.31, .32 or .39 by the fibre, which "satin" does not say
    res = classify("satin ribbons")
    assert res.candidates[0].hs4 == "5806" and not res.confident
    assert classify("cotton ribbons").confident  # the fibre stated: one subheading


def test_the_product_joined_to_another_product_is_several_goods():
    _rules, _attrs, reading, outcome = _outcome("women's cotton blouse and trousers")
    assert _coordinated(reading, outcome, "en", get_index().vocab)
    _rules, _attrs, reading, outcome = _outcome("trousers and women's cotton blouse")
    assert _coordinated(reading, outcome, "en", get_index().vocab)
    # two fibres of one blouse, two colours: one product
    for text in ("women's cotton and linen blouse", "black and white women's cotton blouse"):
        _rules, _attrs, reading, outcome = _outcome(text)
        assert not _coordinated(reading, outcome, "en", get_index().vocab), text


def test_a_kind_of_the_product_its_official_texts_do_not_name_is_not_confident():
    # the rule's subheading (3305.10, hair preparations; shampoos) does not name the animal
    assert classify("cat shampoo").candidates[0].hs6 == "330510"
    assert not classify("cat shampoo").confident
    assert classify("shampoo for hair").confident


def test_a_rule_of_the_type_alone_is_a_default_against_a_sibling_of_the_same_goods():
    # 7013.37 drinking glasses other than of lead crystal: 7013.33 names lead crystal, the text says no glass
    rules, attrs, reading, outcome = _outcome("drinking glasses")
    assert not outcome.rule.when and outcome.hs6 == "701337"
    assert _default_against(get_index(), outcome, attrs, reading, rules.excluded(reading))


def test_a_rule_of_the_type_alone_read_through_a_broader_vocabulary_word_is_a_default():
    # the rose water type's rule leads to the aqueous distillates of 3301.90; the vocabulary's concept also
    # names essential oils (3301.2x)
    rules, _attrs, reading, outcome = _outcome("neroli essential oil")
    assert outcome.hs6 == "330190" and _broader_word(rules, reading, outcome)
    rules, _attrs, reading, outcome = _outcome("orange blossom water")
    assert not _broader_word(rules, reading, outcome)
