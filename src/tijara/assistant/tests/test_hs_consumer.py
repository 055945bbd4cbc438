"""Consumer goods as parcel declarations name them: garments without a wearer, products the vocabulary names in
words the nomenclature does not use, and the subheading the official texts pick within a heading. Real shipped
index and models."""

import pytest

from tijara.assistant.hs import classify
from tijara.language.vocabulary import vocabulary


def test_garments_that_name_no_wearer_go_to_the_womens_headings():
    # Chapter 61 and 62 Note 9: garments not identifiable as men's or women's are classified as women's
    assert classify("linen shorts").candidates[0].hs4 in ("6204", "6104")
    assert classify("floral short playsuit").candidates[0].hs4 in ("6204", "6104", "6114", "6211")
    assert classify("men's linen shorts").candidates[0].hs4 in ("6203", "6103")


@pytest.mark.parametrize("text", ["fancy dress", "costume"])
def test_a_product_the_vocabulary_names_reaches_its_heading(text):
    # the nomenclature says "festive, carnival or other entertainment articles" (9505), not "fancy dress"
    assert classify(text).candidates[0].hs4 == "9505"


@pytest.mark.parametrize(("text", "concept", "hs4"), [
    ("lipstick", "lip_makeup", "3304"),
    ("rouge à lèvres", "lip_makeup", "3304"),
    ("toothpaste", "oral_care", "3306"),
    ("deodorant roll-on", "deodorant", "3307"),
    ("shower gel", "shower_gel", "3401"),
])
def test_toiletries_are_read_as_their_concepts_and_headings(text, concept, hs4):
    assert concept in {c.id for c in vocabulary().concepts_in(text)}
    assert classify(text).candidates[0].hs4 == hs4


def test_the_official_text_the_words_fit_best_picks_the_subheading_in_the_heading(monkeypatch):
    from tijara.assistant.hs import engine

    # "twigs" is in 9603.10's text (brooms of twigs or other vegetable materials bound together), not in 9603.90's
    res = classify("brooms of twigs", exclude_sources={"hmrc_search_references"})
    assert res.candidates[0].hs6 == "960310"
    monkeypatch.setattr(engine, "N_PLAIN_LEAD", 1)  # without the step, the sibling led
    assert classify("brooms of twigs", exclude_sources={"hmrc_search_references"}).candidates[0].hs6 != "960310"


def test_a_shorter_sibling_text_holding_no_more_of_the_words_does_not_lead():
    # "of other textile materials" is shorter than "of wool or fine animal hair" but holds no more of these words
    for text in ("hand-knotted berber rug", "tapis berbère noué main"):
        assert classify(text).candidates[0].hs6 == "570110", text
