"""Fixtures for the training tests; registered in the root conftest.py."""

import pytest

from tijara.training import content


def training_answers(value: int) -> dict[str, int]:
    return {q.id: value for q in content.assessment().questions}


@pytest.fixture
def training_weak_answers():
    """Weak on everything but legal status and pricing."""
    answers = training_answers(0)
    for q in content.assessment().questions:
        if q.dimension in ("legal", "pricing"):
            answers[q.id] = 2
    return answers
