"""The learned last check of an answer (qa/decline.py)."""

import numpy as np

from tijara.assistant.qa import decline


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

