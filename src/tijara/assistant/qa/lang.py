"""Language of a question: the language core's one detector (``tijara.language.detect``).

Kept for the assistant's imports (``detect``, ``QuestionLanguage``, ``warm``).
"""

from __future__ import annotations

from tijara.language.detect import SUPPORTED, QuestionLanguage
from tijara.language.detect import detect_question as detect
from tijara.language.detect import warm as warm_detector

__all__ = ["SUPPORTED", "QuestionLanguage", "detect", "warm"]


def warm() -> None:
    """Load the detector's models now (so the first question does not pay for them)."""
    warm_detector()
