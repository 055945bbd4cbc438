"""A product the vocabulary names with the description's head word, where no product type of the rules is read,
leads to its headings as a product type would (round 32 of issue 17; real shipped index and vocabulary)."""

import pytest

from tijara.assistant.hs import classify, engine


def _type_feature(text: str) -> dict[str, float]:
    seen = []
    engine._feature_sink = lambda _q, codes, feats: seen.append((codes, feats))
    try:
        classify(text, top=5)
    finally:
        engine._feature_sink = None
    codes, feats = seen[0]
    return {c: float(f[engine.F_TYPE]) for c, f in zip(codes, feats, strict=True)}


@pytest.mark.parametrize("text", ["hair slides", "barrettes pour cheveux"])
def test_a_concept_named_by_the_head_word_counts_as_a_product_type(text):
    feature = _type_feature(text)
    assert any(c.startswith("9615") and v == engine.W_HEAD_CONCEPT for c, v in feature.items())
    assert classify(text).candidates[0].hs4 == "9615"


def test_a_concept_that_only_qualifies_the_head_does_not():
    # "comb" names a product of 9615, but here it only qualifies the head: a honeycomb-weave towel is a towel
    feature = _type_feature("honeycomb waffle bath towel")
    assert not any(c.startswith("9615") and v > 0 for c, v in feature.items())


def test_a_product_type_of_the_rules_keeps_its_own_weight():
    feature = _type_feature("hand-knotted Berber wool rug")
    assert all(v in (0.0, 0.5, 1.0) for v in feature.values())
