"""Backups: the database (SQLite online backup API, or pg_dump/pg_restore) plus local media, in one tar file,
with a manifest of row counts and per-table checksums that a restore verifies."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, connections

from tijara.core.errors import TijaraError

FORMAT = 1


@dataclass
class BackupResult:
    path: Path
    engine: str
    tables: int
    rows: int
    media_files: int


def table_fingerprints() -> dict[str, dict]:
    """Row count and SHA-256 of every concrete model table, rows in primary-key order."""
    result = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        fields = [f.attname for f in meta.concrete_fields]
        digest = hashlib.sha256()
        count = 0
        for row in model._base_manager.order_by("pk").values_list(*fields).iterator(chunk_size=2000):
            digest.update(json.dumps(row, cls=DjangoJSONEncoder, sort_keys=True).encode())
            count += 1
        result[meta.db_table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", db["HOST"]]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return args


def _media_root() -> Path | None:
    if not settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        return None
    return Path(settings.MEDIA_ROOT)


def backup_create(*, out: Path, include_media: bool = True) -> BackupResult:
    """Write a backup archive to `out` (a .tar.gz)."""
    db = connection.settings_dict
    vendor = connection.vendor
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if vendor == "sqlite":
            if connection.in_atomic_block:
                raise TijaraError("in_transaction", "A SQLite backup cannot run inside an open transaction.")
            target = sqlite3.connect(tmpdir / "db.sqlite3")
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
            db_file = "db.sqlite3"
        elif vendor == "postgresql":
            db_file = "db.pgdump"
            completed = subprocess.run(
                ["pg_dump", "-Fc", "--no-owner", "-f", str(tmpdir / db_file), *_pg_args(db), db["NAME"]],
                capture_output=True, text=True, env=_pg_env(db), timeout=3600,
            )
            if completed.returncode != 0:
                raise TijaraError("backup_failed", f"pg_dump failed: {completed.stderr.strip()}")
        else:
            raise TijaraError("unsupported", f"Backups support SQLite and PostgreSQL, not {vendor}.")
        fingerprints = table_fingerprints()
        media_root = _media_root()
        media_files = 0
        manifest = {
            "format": FORMAT, "created_at": datetime.now(UTC).isoformat(), "engine": vendor, "database_file": db_file,
            "tables": fingerprints,
            "media": "included" if include_media and media_root else
                     f"not included: stored in {settings.STORAGES['default']['BACKEND']} (back it up there)",
        }
        (tmpdir / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(tmpdir / "manifest.json", arcname="manifest.json")
            archive.add(tmpdir / db_file, arcname=db_file)
            if include_media and media_root and media_root.exists():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
                        media_files += 1
        partial.replace(out)
    return BackupResult(out, vendor, len(fingerprints), sum(t["rows"] for t in fingerprints.values()), media_files)


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def backup_restore(*, archive_path: Path, force: bool = False) -> dict:
    """Restore an archive into the configured database (which must be empty unless force) and verify it."""
    if not archive_path.exists():
        raise TijaraError("not_found", f"No such backup file: {archive_path}")
    db = connection.settings_dict
    vendor = connection.vendor
    if not force and not _database_is_empty():
        raise TijaraError("not_empty", "The target database is not empty; restore refuses to overwrite it (use --force).")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                archive.extractall(tmpdir, filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise TijaraError("bad_archive", f"Not a Tijara backup archive: {exc}") from exc
        manifest_path = tmpdir / "manifest.json"
        if not manifest_path.exists():
            raise TijaraError("bad_archive", "The archive has no manifest.json.")
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("engine") != vendor:
            raise TijaraError("engine_mismatch",
                              f"The backup is of a {manifest.get('engine')} database; the target is {vendor}.")
        db_file = tmpdir / manifest["database_file"]
        if vendor == "sqlite":
            connections.close_all()
            source = sqlite3.connect(db_file)
            connection.ensure_connection()
            source.backup(connection.connection)
            source.close()
        else:
            connections.close_all()
            completed = subprocess.run(
                ["pg_restore", "--no-owner", "--clean", "--if-exists", "-d", db["NAME"], *_pg_args(db), str(db_file)],
                capture_output=True, text=True, env=_pg_env(db), timeout=3600,
            )
            if completed.returncode != 0:
                raise TijaraError("restore_failed", f"pg_restore failed: {completed.stderr.strip()[:2000]}")
        media_dir = tmpdir / "media"
        media_root = _media_root()
        restored_media = 0
        if media_dir.exists() and media_root:
            for path in media_dir.rglob("*"):
                if path.is_file():
                    target = media_root / path.relative_to(media_dir)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target)
                    restored_media += 1
    actual = table_fingerprints()
    mismatched = sorted(t for t, expected in manifest["tables"].items() if actual.get(t) != expected)
    if mismatched:
        raise TijaraError("verify_failed", f"Restored data differs from the backup in: {', '.join(mismatched)}")
    return {"tables": len(actual), "rows": sum(t["rows"] for t in actual.values()), "media_files": restored_media}
