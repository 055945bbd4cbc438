"""ZIP archives opened with limits checked before anything is decompressed (zip bombs), and members read in chunks.

Python's zipfile never returns more bytes than a member declares (`file_size`), so checking the declared sizes of
the central directory bounds what reading can cost; `read_member` also stops at its own cap while streaming.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError

MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """Caps on an archive: members, uncompressed bytes per member and in total, compression ratio."""

    max_members: int = 5_000
    max_member_bytes: int = 50 * MB
    max_total_bytes: int = 1024 * MB
    max_ratio: int = 100  # uncompressed / compressed, checked on members larger than `ratio_floor_bytes`
    ratio_floor_bytes: int = 1 * MB


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def zip_open_checked(data: bytes, *, limits: ZipLimits, what: str) -> zipfile.ZipFile:
    """The archive `data`, after checking every member against `limits`; raises TijaraError naming the problem.

    `what` names the archive in messages (already translated, e.g. "the photo archive").
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise TijaraError("invalid_file", _("{what} is not a valid ZIP file.").format(what=_upper_first(what))) from None
    zip_check(infos, limits=limits, what=what)
    return archive


def zip_check(infos: list[zipfile.ZipInfo], *, limits: ZipLimits, what: str) -> None:
    """Raise TijaraError('too_large') when the declared members exceed `limits` (nothing is decompressed)."""
    files = [i for i in infos if not i.is_dir()]
    if len(files) > limits.max_members:
        raise TijaraError("too_large", _("{what} holds {n} files; at most {limit} are accepted.").format(
            what=_upper_first(what), n=len(files), limit=limits.max_members), status=413)
    total = 0
    for info in files:
        name = info.filename[:120]
        if info.file_size > limits.max_member_bytes:
            raise TijaraError("too_large", _(
                "{name} in {what} is {size} MB once unpacked; at most {limit} MB per file are accepted.").format(
                name=name, what=what, size=_mb(info.file_size), limit=_mb(limits.max_member_bytes)), status=413)
        if (info.file_size > limits.ratio_floor_bytes
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
            raise TijaraError("too_large", _(
                "{name} in {what} unpacks to more than {ratio} times its packed size: it looks like a ZIP bomb "
                "and is not opened.").format(name=name, what=what, ratio=limits.max_ratio), status=413)
        total += info.file_size
        if total > limits.max_total_bytes:
            raise TijaraError("too_large", _(
                "{what} unpacks to more than {limit} MB in total; send smaller archives.").format(
                what=_upper_first(what), limit=_mb(limits.max_total_bytes)), status=413)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, max_bytes: int) -> bytes:
    """The member's bytes, read in 1 MB chunks and refused (TijaraError) past `max_bytes`."""
    chunks, size = [], 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(MB):
                size += len(chunk)
                if size > max_bytes:
                    raise TijaraError("too_large", _("{name} is larger than {limit} MB once unpacked.").format(
                        name=info.filename[:120], limit=_mb(max_bytes)), status=413)
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise TijaraError("invalid_file", _("{name} in the ZIP file cannot be read ({error}).").format(
            name=info.filename[:120], error=str(exc)[:100])) from None
    return b"".join(chunks)
