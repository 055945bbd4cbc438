"""Product embeddings for search, cached by text; the encoder is the language core's one per process."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from tijara.language import encoder

_cache: OrderedDict[str, np.ndarray] = OrderedDict()
_cache_lock = threading.Lock()
CACHE_SIZE = 20_000  # float16 rows: about 20 MB
BATCH = 64


def _get_model():
    """The language core's one encoder, or None when the [ai] extra is not installed (search stays lexical)."""
    return encoder.model() if encoder.available() else None


def available() -> bool:
    return encoder.available()


def encode(texts: list[str]) -> np.ndarray | None:
    """L2-normalised 512-d rows for `texts`, or None when embeddings are unavailable."""
    if not texts or _get_model() is None:
        return None
    return encoder.encode(list(texts))


def encode_many(texts: list[str]) -> list[np.ndarray] | None:
    """Embeddings of `texts` (cached by text; the misses are encoded in batches), or None when unavailable."""
    if _get_model() is None:
        return None
    found: list[np.ndarray | None] = []
    with _cache_lock:  # threads share the cache: reads, inserts and evictions happen under the lock
        for text in texts:
            row = _cache.get(text)
            if row is not None:
                _cache.move_to_end(text)
            found.append(row)
    missing = list(dict.fromkeys(t for t, row in zip(texts, found, strict=True) if row is None))
    fresh: dict[str, np.ndarray] = {}
    for start in range(0, len(missing), BATCH):
        chunk = missing[start:start + BATCH]
        for text, row in zip(chunk, encode(chunk), strict=True):
            fresh[text] = row.astype(np.float16)
    if fresh:
        with _cache_lock:
            _cache.update(fresh)
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return [(row if row is not None else fresh[text]).astype(np.float32) for text, row in zip(texts, found, strict=True)]


def encode_one(text: str) -> np.ndarray | None:
    """One text's embedding (cached)."""
    rows = encode_many([text])
    return None if rows is None else rows[0]
