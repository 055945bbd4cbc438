"""Precomputed files in the data directory (``<DATA_DIR>/cache/<name>/<key>/``), so a process start loads what an
earlier start computed instead of computing it again: memory-mapped arrays, saved indexes. Pure Python.

An entry is a folder named after a key, a hash of everything its contents depend on (the input files' bytes or
sizes, the analyser's probe stems, the library versions); a changed input gives another key, so a stale entry is
never read. An entry is written complete in a temporary folder of the writer's own and renamed into place
(atomic: a reader sees all of it or nothing; two processes writing at once keep the first). Its ``manifest.json``
lists every file with its size, checked on every load: a truncated or missing file makes the entry rebuilt.
Without a data directory (pure use, no ``TIJARA_DATA_DIR``) entries are built in a temporary folder each time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")
MANIFEST = "manifest.json"


def data_dir() -> Path | None:
    """``DATA_DIR`` of the configured Django process, or ``TIJARA_DATA_DIR``; None without either."""
    try:
        from django.conf import settings

        return Path(settings.DATA_DIR)
    except Exception:  # noqa: BLE001 - pure use without Django settings
        env = os.environ.get("TIJARA_DATA_DIR")
        return Path(env) if env else None


def cache_root() -> Path | None:
    """``<DATA_DIR>/cache`` (see :func:`data_dir`); None without a data directory."""
    root = data_dir()
    return root / "cache" if root else None


def digest(*parts) -> str:
    """A key from strings, bytes and JSON-able values (order matters)."""
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, bytes | bytearray | memoryview):
            h.update(b"b")
            h.update(bytes(p))
        else:
            h.update(b"j")
            h.update(json.dumps(p, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def file_digest(path: Path) -> str:
    """The bytes of a (small) file, hashed."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_stat(path: Path) -> list:
    """Name, size and modification time of a (large) file: a cheaper key part than its bytes."""
    st = Path(path).stat()
    return [Path(path).name, st.st_size, st.st_mtime_ns]


def _valid(folder: Path, key: str) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if manifest.get("key") != key:
        return False
    for name, size in manifest.get("files", {}).items():
        try:
            if (folder / name).stat().st_size != size:
                return False
        except OSError:
            return False
    return True


def _write_manifest(folder: Path, key: str, group: str) -> None:
    files = {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file()}
    (folder / MANIFEST).write_text(json.dumps({"key": key, "group": group, "files": files}, indent=1),
                                   encoding="utf-8")


def _remove(folder: Path) -> None:
    """Move aside, then delete (a process that still maps a file keeps its pages)."""
    trash = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}.old")
    try:
        os.rename(folder, trash)
    except OSError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def _prune(parent: Path, keep: str, group: str) -> None:
    """Remove older entries of the same group (another key for the same thing: its inputs changed)."""
    for other in parent.iterdir():
        if other.name == keep or other.name.startswith(".") or not other.is_dir():
            continue
        try:
            manifest = json.loads((other / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if manifest.get("group") == group:
            _remove(other)


def load_or_build(name: str, key: str, build: Callable[[Path], None], load: Callable[[Path], T], *,
                  group: str = "", root: Path | None | bool = True) -> T:
    """``load(folder)`` of the entry ``name``/``key``; ``build(folder)`` writes it first when it is missing, stale
    or damaged. ``group`` names what the entry is for: writing one removes the older entries of the same group.
    ``root=True`` means :func:`cache_root`; ``None`` builds in a temporary folder (nothing kept)."""
    base = cache_root() if root is True else root
    if base is None:
        with tempfile.TemporaryDirectory(prefix=f"tijara-{name}-") as tmp:
            build(Path(tmp))
            return load(Path(tmp))  # memory-mapped files stay readable after the folder goes (POSIX)
    parent = Path(base) / name
    folder = parent / key
    if folder.is_dir():
        if _valid(folder, key):
            try:
                return load(folder)
            except Exception:  # noqa: BLE001 - a damaged entry is rebuilt, never used
                logger.warning("precomputed %s/%s could not be read; rebuilding it", name, key, exc_info=True)
        else:
            logger.warning("precomputed %s/%s is incomplete or damaged; rebuilding it", name, key)
        _remove(folder)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = parent / f".{key}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
        tmp.mkdir()
    except OSError:
        logger.warning("cannot write precomputed files under %s; building %s in memory", parent, name)
        return load_or_build(name, key, build, load, group=group, root=None)
    try:
        build(tmp)
        _write_manifest(tmp, key, group or name)
        try:
            os.rename(tmp, folder)
        except OSError:  # another process wrote it first: keep theirs
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    logger.info("precomputed %s written to %s", name, folder)
    _prune(parent, key, group or name)
    return load(folder)
