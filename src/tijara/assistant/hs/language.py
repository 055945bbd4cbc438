"""Language detection for product descriptions: the language core's one detector (``tijara.language.detect``).

Kept for the classifier's imports (``detect``, ``Detected``, ``lingua_available``).
"""

from __future__ import annotations

from tijara.language.detect import SUPPORTED, Detected, detector, lingua_available
from tijara.language.detect import detect_text as detect

__all__ = ["SUPPORTED", "Detected", "detect", "detector", "lingua_available"]
