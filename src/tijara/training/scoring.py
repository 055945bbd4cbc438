"""Scoring of the self-assessment (pure): answers → 0-100 per dimension, overall, weak dimensions."""

from __future__ import annotations

from tijara.training.content import SCALE, Assessment


def validate_answers(spec: Assessment, answers: dict[str, int]) -> dict[str, int]:
    """Every question answered with 0, 1 or 2; raises ValueError naming the first problem."""
    clean: dict[str, int] = {}
    known = {q.id for q in spec.questions}
    for key in answers:
        if key not in known:
            raise ValueError(f"unknown question {key!r}")
    for q in spec.questions:
        if q.id not in answers or answers[q.id] in (None, ""):
            raise ValueError(f"question {q.id!r} is not answered")
        try:
            value = int(answers[q.id])
        except (TypeError, ValueError):
            raise ValueError(f"question {q.id!r}: answer must be 0, 1 or 2") from None
        if value not in SCALE:
            raise ValueError(f"question {q.id!r}: answer must be 0, 1 or 2")
        clean[q.id] = value
    return clean


def score(spec: Assessment, answers: dict[str, int]) -> tuple[dict[str, int], int]:
    """({dimension: 0-100}, overall 0-100) for complete, valid answers."""
    points: dict[str, list[int]] = {d.code: [] for d in spec.dimensions}
    for q in spec.questions:
        points[q.dimension].append(answers[q.id])
    top = max(SCALE)
    scores = {code: round(100 * sum(v) / (top * len(v))) if v else 0 for code, v in points.items()}
    overall = round(sum(scores.values()) / len(scores)) if scores else 0
    return scores, overall


def weak(spec: Assessment, scores: dict[str, int]) -> list[str]:
    """Dimensions below the threshold, weakest first."""
    return sorted((c for c, s in scores.items() if s < spec.weak_below), key=lambda c: (scores[c], c))
