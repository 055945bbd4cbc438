"""The learned last check of an answer (qa/decline.py) and whom the knowledge records for a fact (its issuer)."""

from types import SimpleNamespace

import numpy as np
import pytest

from tijara.assistant.qa import decline
from tijara.assistant.qa.engine import Engine, Hit


def test_the_shipped_model_is_complete_and_its_threshold_is_a_probability():
    model = decline._model()
    assert model is not None
    assert model["features"] == list(decline.FEATURES)
    assert len(model["weights"]) == len(model["mean"]) == len(model["scale"]) == len(decline.FEATURES)
    assert 0.0 < model["threshold"] < 1.0
    # fitted on dev with its cross-validation kept beside it
    assert model["fitted_on"]["answered"] > 0 and "gain_points" in model["cross_validation"]


def test_a_question_near_its_fact_is_kept_and_a_far_one_declined():
    near = {"handle": 0.9, "coverage": 0.9, "first": 1.0, "facts": 1.0, "arabic": 0.0, "darija": 0.0}
    far = {"handle": 0.40, "coverage": 0.2, "first": 0.0, "facts": 1.0, "arabic": 0.0, "darija": 0.0}
    assert not decline.should_decline(near)
    assert decline.should_decline(far)
    assert decline.probability(far) > decline.probability(near)
    with decline.disabled():  # answering with the check off, to collect what it is fitted on
        assert decline.probability(far) is None
        assert not decline.should_decline(far)


def test_fitting_separates_right_answers_and_cross_validates_by_group():
    rng = np.random.default_rng(0)
    samples = []
    for i in range(120):
        wrong = i % 4 == 0
        evidence = {"handle": float(rng.normal(0.5 if wrong else 0.8, 0.05)), "coverage": float(rng.uniform(0, 1)),
                    "first": 1.0, "facts": 1.0, "arabic": float(i % 3 == 0), "darija": 0.0}
        samples.append((f"g{i // 3}", "U" if wrong else "R", evidence))
    model = decline.fit(samples, n_unanswerable=40, n_answerable=90, rounds=2)
    assert model["weights"][0] < 0  # the nearer the handle, the less likely a wrong answer
    assert model["cross_validation"]["held_out_declined_mean"]["unanswerable"] > 20
    assert model["cross_validation"]["held_out_declined_mean"]["right_lost"] < 5
    assert decline.probability(samples[0][2], model) > decline.probability(samples[1][2], model)


def _doc(fact_id, url, source="", markets=("USA",), families=()):
    text = dict.fromkeys(("en", "fr", "ar"), fact_id)
    return SimpleNamespace(fact_id=fact_id, topic="classification", markets=markets, families=families, titles=text,
                           texts=text, source=source, url=url, as_of="2025", confidence="verified", mark="H",
                           stale=False)


def _authority(key, topics, markets, url, aliases=()):
    return SimpleNamespace(key=key, topics=topics, markets=markets, url=url, aliases=aliases, families=())


@pytest.fixture
def issuing():
    general = _authority("customs-us", ["*"], ["USA"], "https://www.customs.example")
    health = _authority("health-us", ["food_contact"], ["USA"], "https://www.health.example", aliases=("hdept",))
    abroad = _authority("health-jp", ["food_contact"], ["JPN"], "https://www.health.example.jp")
    docs = [_doc("A", "https://www.wco.example"), _doc("B", "https://health.example/guide"),
            _doc("C", "https://law.example", source="HDEPT guidance as reported"),
            _doc("D", "https://www.customs.example/rates")]
    return Engine(docs, authorities=[general, health, abroad]), general, health


def _hit(fact_id, cosine=0.6, scope=True):
    return Hit(fact_id=fact_id, score=cosine, cosine=cosine, coverage=0.5, bm25=1.0, scope=scope)


def test_a_facts_issuer_is_the_authority_whose_site_it_is_on_or_whom_its_source_names(issuing):
    built, general, health = issuing
    assert built.issuers["A"] == ()
    assert built.issuers["B"] == (health,)  # same host, with or without www
    assert built.issuers["C"] == (health,)  # named by the source line
    assert built.issuers["D"] == (general,)


def test_a_markets_general_authority_gives_way_to_the_issuer_of_the_nearest_facts(issuing):
    built, general, health = issuing
    # the nearest fact has no known issuer, the next one was issued by the health department
    assert built.issuer_authority(general, [_hit("A"), _hit("B"), _hit("D")], ["USA"]) is health
    # the general authority issued the nearest fact with a known issuer: it stays
    assert built.issuer_authority(general, [_hit("D"), _hit("B")], ["USA"]) is general
    # facts far in meaning, or about another destination or product, tell nothing
    assert built.issuer_authority(general, [_hit("B", cosine=0.2)], ["USA"]) is general
    assert built.issuer_authority(general, [_hit("B", scope=False)], ["USA"]) is general
    # an issuer that does not cover the question's market is not asked
    assert built.issuer_authority(general, [_hit("B")], ["JPN"]) is general
    # a specific authority already chosen (a topic the question names) is kept
    assert built.issuer_authority(health, [_hit("D")], ["USA"]) is health
