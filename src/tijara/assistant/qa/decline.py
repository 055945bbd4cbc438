"""A learned last check before an extractive answer is given: does the answering fact really answer the question?

Retrieval can find the fact nearest a question that the facts cannot answer (a rule "to come", a shop's settings on a
channel, a provider to name) as easily as the fact that answers an answerable one; word lists that catch such
questions fitted the questions they were written for (issue 18). This check weighs, instead, a few features of the
retrieval itself, the same for every question: the cosine of the question with the answering fact's nearest question
handle, the share of the question's terms the fact holds, whether the answering fact is the first one retrieved (a
fact chosen below the first one is a weaker answer), how many facts answer, and whether the question is in Arabic or
Darija (the encoder's cosines run lower there). A logistic regression (numpy) weighs them; it was fitted on the dev
half of the evaluation set (`tijara eval_assistant --fit-decline`, qa/evaluate.py `fit_decline`), with the positive
class "the answer given is not a right one" (an unanswerable question answered, or an answerable one answered with a
wrong fact). The threshold maximises, on dev, the unanswerable questions declined (as a share of the unanswerable
ones) less the right answers lost (as a share of the answerable ones); the gain was measured beforehand by
cross-validation inside dev, by question group, with the threshold chosen inside each training fold.

The fitted weights live in `data/qa_decline.json`; without the file (or with `enabled()` off) nothing is declined here.
"""

from __future__ import annotations

import functools
import json
import math
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

PATH = Path(__file__).resolve().parents[1] / "data" / "qa_decline.json"
FEATURES = ("handle", "coverage", "first", "facts", "arabic", "darija")
_off: list[bool] = []


def features(evidence: dict) -> list[float]:
    """The feature vector of an answer's evidence (Engine.answer puts these keys in it)."""
    return [float(evidence.get(name, 0.0)) for name in FEATURES]


@functools.cache
def _model(path: Path = PATH) -> dict | None:
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def reload() -> None:
    _model.cache_clear()


@contextmanager
def disabled() -> Iterator[None]:
    """Answer without this check (to collect the evidence it is fitted on)."""
    _off.append(True)
    try:
        yield
    finally:
        _off.pop()


def probability(evidence: dict, model: dict | None = None) -> float | None:
    """The fitted probability that the answer is not a right one; None without a model."""
    model = model or _model()
    if model is None or _off:
        return None
    z = model["bias"] + sum(w * (x - m) / s for w, x, m, s in zip(model["weights"], features(evidence), model["mean"],
                                                                   model["scale"], strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def should_decline(evidence: dict) -> bool:
    model = _model()
    p = probability(evidence, model)
    return p is not None and p >= model["threshold"]


# ---- fitting (dev only) ----
def _fit(x: np.ndarray, y: np.ndarray, lam: float = 1.0, steps: int = 2000, rate: float = 0.2):
    """L2-regularised logistic regression by gradient descent on standardised features."""
    mean, scale = x.mean(axis=0), np.maximum(x.std(axis=0), 1e-3)  # a constant feature weighs nothing
    z = (x - mean) / scale
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        g = p - y
        w -= rate * (z.T @ g / len(y) + lam * w / len(y))
        b -= rate * float(g.mean())
    return mean, scale, w, b


def _predict(fitted, x: np.ndarray) -> np.ndarray:
    mean, scale, w, b = fitted
    return 1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ w + b)))


THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(13))


def _gain(p: np.ndarray, kind: np.ndarray, t: float, n_unanswerable: int, n_answerable: int) -> float:
    declined = p >= t
    return (declined & (kind == "U")).sum() / n_unanswerable - (declined & (kind == "R")).sum() / n_answerable


def fit(samples: Sequence[tuple[str, str, dict]], *, n_unanswerable: int, n_answerable: int, folds: int = 5,
        rounds: int = 10, seed: int = 0) -> dict:
    """Fit on answered dev questions: `samples` = (group, kind, evidence) with kind R (a right answer), W (an
    answerable question answered with a wrong fact) or U (an unanswerable question answered). Returns the model and a
    cross-validation inside dev by question group (threshold chosen on each training part): how many unanswerable
    questions it declines and how many right answers it loses on the held-out parts, per round."""
    x = np.asarray([features(e) for _g, _k, e in samples], dtype=float)
    kind = np.asarray([k for _g, k, _e in samples])
    y = (kind != "R").astype(float)
    groups = np.asarray([g for g, _k, _e in samples])

    def choose(p, k):
        return max(THRESHOLDS, key=lambda t: (_gain(p, k, t, n_unanswerable, n_answerable), t))

    names = sorted(set(groups))
    rng = random.Random(seed)
    held = []
    for _ in range(rounds):
        rng.shuffle(names)
        part = {g: i % folds for i, g in enumerate(names)}
        index = np.asarray([part[g] for g in groups])
        u = r = w = 0
        for k in range(folds):
            train, test = index != k, index == k
            fitted = _fit(x[train], y[train])
            t = choose(_predict(fitted, x[train]), kind[train])
            declined = _predict(fitted, x[test]) >= t
            u += int((declined & (kind[test] == "U")).sum())
            r += int((declined & (kind[test] == "R")).sum())
            w += int((declined & (kind[test] == "W")).sum())
        held.append((u, r, w))
    fitted = _fit(x, y)
    threshold = choose(_predict(fitted, x), kind)
    mean_u, mean_r, mean_w = (round(float(v), 1) for v in (np.mean(held, axis=0) if held else (0.0, 0.0, 0.0)))
    return {
        "features": list(FEATURES), "mean": [round(float(v), 6) for v in fitted[0]],
        "scale": [round(float(v), 6) for v in fitted[1]], "weights": [round(float(v), 6) for v in fitted[2]],
        "bias": round(float(fitted[3]), 6), "threshold": threshold,
        "fitted_on": {"answered": len(samples), "right": int((kind == "R").sum()), "wrong": int((kind == "W").sum()),
                      "unanswerable_answered": int((kind == "U").sum()), "unanswerable": n_unanswerable,
                      "answerable": n_answerable},
        "cross_validation": {"folds": folds, "rounds": rounds,
                             "held_out_declined_mean": {"unanswerable": mean_u, "right_lost": mean_r,
                                                        "wrong": mean_w},
                             "gain_points": round(100 * (mean_u / n_unanswerable - mean_r / n_answerable), 2)},
    }
