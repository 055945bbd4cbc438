"""Language of a question: the language core's one detector (``tijara.language.detect``).

Kept for the assistant's imports (``detect``, ``QuestionLanguage``, ``warm``).
"""

from __future__ import annotations

from tijara.language.detect import SUPPORTED, QuestionLanguage, detector
from tijara.language.detect import detect_question as detect

__all__ = ["SUPPORTED", "QuestionLanguage", "detect", "warm"]


def warm() -> None:
    """Build the detector now (so the first question does not pay for it)."""
    detector()
