"""The HS classifier's fusion: a candidate's score is the weights times its components, the weights fitted on dev
(data/hs/fusion.json) or, without that file, the hand-set constants."""

import json

import numpy as np

from tijara.assistant.hs import engine


def _with_sink(text):
    seen = []
    engine._feature_sink = lambda _q, codes, feats: seen.append((codes, feats.copy()))
    try:
        res = engine.classify(text, top=20)
    finally:
        engine._feature_sink = None
    assert len(seen) == 1
    return res, seen[0]


def test_score_is_weights_times_components():
    res, (codes, feats) = _with_sink("hand-knotted Berber wool rug")
    w = engine.fusion_weights()
    by_code = dict(zip(codes, feats @ w, strict=True))
    assert len(codes) == len(set(codes)) and len(codes) >= len(res.candidates)
    for c in res.candidates[1:]:  # the first may be the plain-words lead, lifted just above the first score
        assert abs(c.score - by_code[c.hs6]) < 1e-3


def test_without_a_fitted_file_the_hand_set_weights_are_used(tmp_path):
    w, info = engine.read_fusion(tmp_path / "absent.json")
    assert info == {}
    assert np.array_equal(w, engine.HAND_WEIGHTS)
    assert w[engine.FEATURE_NAMES.index("lex")] == engine.W_BM25


def test_a_fitted_file_replaces_the_weights_it_names(tmp_path):
    path = tmp_path / "fusion.json"
    path.write_text(json.dumps({"date": "2026-12-07", "weights": {"emb": 0.5, "bm_raw": 0.1}}), encoding="utf-8")
    w, info = engine.read_fusion(path)
    assert info["date"] == "2026-12-07"
    assert w[engine.F_EMB] == 0.5 and w[engine.F_BM_RAW] == 0.1
    assert w[engine.F_LEX] == engine.W_BM25  # a component the file does not name keeps its constant


def test_the_components_are_named_once():
    assert len(engine.FEATURE_NAMES) == len(set(engine.FEATURE_NAMES)) == len(engine.HAND_WEIGHTS)


def test_pool_sources_cover_the_pool_and_change_nothing():
    """scripts/hs_candidate_recall.py reads which source brought each candidate: every scored code comes from one
    of them, the retrieval brings N_RETRIEVE codes, and listening changes no score."""
    text = "hand-knotted Berber wool rug"
    plain = engine.classify(text, top=20)
    seen = []
    engine._pool_sink = lambda _q, fused, sources, votes: seen.append((fused.copy(), sources, votes))
    try:
        res, (codes, _feats) = _with_sink(text)
    finally:
        engine._pool_sink = None
    assert len(seen) == 1
    _fused, sources, votes = seen[0]
    assert set().union(*sources.values()) == set(codes)
    assert len(sources["retrieve"]) == engine.N_RETRIEVE
    assert {"ex", "nn6", "nn4", "wp6", "wp4"} <= set(votes)
    assert [(c.hs6, c.score) for c in res.candidates] == [(c.hs6, c.score) for c in plain.candidates]
