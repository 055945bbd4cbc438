"""Fact embeddings with a disk cache; the encoder is the language core's one per process (``tijara.language.encoder``)."""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

import numpy as np

from tijara.language.encoder import available, encode, encode_one, model

__all__ = ["available", "cached_matrices", "encode", "encode_query", "model"]


def encode_query(texts: list[str]) -> np.ndarray:
    """Encode one question (cached: repeated questions cost nothing)."""
    return np.stack([encode_one(t) for t in texts])


def cached_matrices(lists: dict[str, list[str]], cache_dir: Path, batch: int = 128) -> dict[str, np.ndarray]:
    """Embeddings of each named list of texts, reusing rows cached on disk by text hash (only new texts are encoded);
    the cache file, which holds every fact's titles, texts and question handles (about a second to
    read), is read once for all the lists."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / "knowledge-fact-embeddings.npz"
    cached: dict[str, np.ndarray] = {}
    if path.exists():
        try:
            with np.load(path) as data:
                cached = {k: data[k] for k in data.files}
        except (OSError, ValueError):
            cached = {}
    texts = [t for ts in lists.values() for t in ts]
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
    out, start = {}, 0
    for name, ts in lists.items():
        rows = keys[start:start + len(ts)]
        out[name] = np.stack([cached[k] for k in rows]) if rows else np.zeros((0, 512), dtype=np.float32)
        start += len(ts)
    return out
