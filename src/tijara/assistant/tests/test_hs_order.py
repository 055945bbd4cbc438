"""The HS classifier's final order (issue 17): the first candidate stays; slots 2.. follow P(heading) ·
P(subheading | heading) from the fused scores, so a heading the scores are unsure of does not fill the list with
its siblings, and a heading they are sure of does."""

from tijara.assistant.hs import engine


def test_an_unsure_heading_yields_its_third_sibling_to_a_close_second_heading():
    # 4202 leads by a hair: P(4202) ≈ 0.52, P(6307) ≈ 0.48 — the second heading's best beats both siblings
    scores = [1.00, 0.98, 0.96, 0.95, 0.50]
    heads = ["4202", "4202", "4202", "6307", "6307"]
    assert engine.final_order(scores, heads, t_heading=2.0, t_sub=20.0) == [0, 3, 1, 2, 4]


def test_a_sure_heading_keeps_its_siblings_first():
    # the same siblings, the other heading far behind: P(4202) ≈ 0.98, its second sibling ≈ 0.24 > 6307 ≈ 0.02
    scores = [2.00, 1.95, 1.90, 1.00]
    heads = ["4202", "4202", "4202", "6307"]
    assert engine.final_order(scores, heads, t_heading=4.0, t_sub=20.0) == [0, 1, 2, 3]


def test_a_sharper_heading_temperature_keeps_the_score_order():
    scores = [1.00, 0.98, 0.96, 0.95]
    heads = ["4202", "4202", "4202", "6307"]
    assert engine.final_order(scores, heads, t_heading=200.0, t_sub=20.0) == [0, 1, 2, 3]


def test_the_first_stays_first_and_every_candidate_stays_once():
    # the first may be lifted above a higher score (the plain-words lead); it is never moved
    scores = [0.90, 1.10, 0.40, 0.85, 0.30, 0.20]
    heads = ["9403", "9401", "9403", "9401", "9405", "9403"]
    order = engine.final_order(scores, heads, t_heading=1.0, t_sub=10.0)
    assert order[0] == 0 and sorted(order) == list(range(len(scores)))
    assert order.index(1) == 1  # 9401's best is the likeliest after the first


def test_short_lists_are_unchanged():
    assert engine.final_order([], []) == []
    assert engine.final_order([1.0, 2.0], ["0101", "0102"]) == [0, 1]


def test_classify_shows_the_final_order():
    seen = []
    engine._feature_sink = lambda _q, codes, feats: seen.append((codes, feats @ engine.fusion_weights()))
    try:
        res = engine.classify("hand-knotted Berber wool rug", top=5)
    finally:
        engine._feature_sink = None
    codes, scores = seen[0]
    ranked = sorted(range(len(codes)), key=lambda k: -scores[k])
    first = codes.index(res.candidates[0].hs6)
    ranked.remove(first)
    ranked.insert(0, first)
    order = engine.final_order([scores[k] for k in ranked], [codes[k][:4] for k in ranked])
    assert [c.hs6 for c in res.candidates] == [codes[ranked[k]] for k in order[:5]]
