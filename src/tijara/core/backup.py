"""Backups: the database (SQLite online backup API, or pg_dump/pg_restore) plus local media, in one tar file,
with a manifest of row counts and per-table checksums that a restore verifies.

The dump and the checksums describe one moment: on PostgreSQL both run in one REPEATABLE READ transaction whose
snapshot pg_dump shares (`pg_dump --snapshot`); on SQLite the checksums are computed on the copy the backup API
made. Writes during a backup therefore never make its restore fail. A restore checks the archive (database file
SHA-256, and on SQLite the checksums of the extracted copy) before it replaces anything."""

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
from django.db import connection, connections, transaction
from django.db.utils import load_backend

from tijara.core.errors import TijaraError

FORMAT = 2
SNAPSHOT_ALIAS = "tijara_backup_snapshot"


@dataclass
class BackupResult:
    path: Path
    engine: str
    tables: int
    rows: int
    media_files: int


def table_fingerprints(wrapper=None) -> dict[str, dict]:
    """Row count and SHA-256 of every concrete model table, rows in primary-key order (read through `wrapper`, a
    free-standing database connection, when given: the same values as through the ORM)."""
    result = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        fields = [f.attname for f in meta.concrete_fields]
        digest = hashlib.sha256()
        count = 0
        rows = model._base_manager.order_by("pk").values_list(*fields)
        if wrapper is None:
            rows = rows.iterator(chunk_size=2000)
        else:
            rows = rows.query.get_compiler(connection=wrapper).results_iter(tuple_expected=True)
        for row in rows:
            digest.update(json.dumps(tuple(row), cls=DjangoJSONEncoder, sort_keys=True).encode())
            count += 1
        result[meta.db_table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sqlite_file_fingerprints(path: Path) -> dict[str, dict]:
    """Checksums of a SQLite file (a backup copy), read through a temporary connection alias; refuses a damaged
    file."""
    check = sqlite3.connect(path)
    try:
        verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise TijaraError("bad_archive", f"The backup's database file is damaged: {exc}") from exc
    finally:
        check.close()
    if verdict != "ok":
        raise TijaraError("bad_archive", f"The backup's database file is damaged: {verdict}")
    wrapper = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
        {**connection.settings_dict, "NAME": str(path), "OPTIONS": {"timeout": 20}, "CONN_MAX_AGE": 0},
        alias=SNAPSHOT_ALIAS)
    try:
        return table_fingerprints(wrapper)
    finally:
        wrapper.close()


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
            connection.connection.backup(target)  # one step: a consistent copy, whatever writes go on meanwhile
            target.close()
            db_file = "db.sqlite3"
            fingerprints = _sqlite_file_fingerprints(tmpdir / db_file)
        elif vendor == "postgresql":
            if connection.in_atomic_block:
                raise TijaraError("in_transaction", "A PostgreSQL backup cannot run inside an open transaction.")
            db_file = "db.pgdump"
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    cursor.execute("SELECT pg_export_snapshot()")
                    snapshot = cursor.fetchone()[0]
                # pg_dump reads the exported snapshot while this transaction keeps it alive, then the checksums
                # are computed in the same transaction: both see exactly the same rows.
                completed = subprocess.run(
                    ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(tmpdir / db_file),
                     *_pg_args(db), db["NAME"]],
                    capture_output=True, text=True, env=_pg_env(db), timeout=3600,
                )
                if completed.returncode != 0:
                    raise TijaraError("backup_failed", f"pg_dump failed: {completed.stderr.strip()}")
                fingerprints = table_fingerprints()
        else:
            raise TijaraError("unsupported", f"Backups support SQLite and PostgreSQL, not {vendor}.")
        media_root = _media_root()
        media_files = 0
        manifest = {
            "format": FORMAT, "created_at": datetime.now(UTC).isoformat(), "engine": vendor, "database_file": db_file,
            "database_sha256": _file_sha256(tmpdir / db_file), "tables": fingerprints,
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
        db_file = tmpdir / str(manifest.get("database_file", ""))
        if not manifest.get("database_file") or not db_file.is_file():
            raise TijaraError("bad_archive", "The archive has no database file.")
        # Everything below up to the replacement only reads the archive: a damaged backup is refused here,
        # while the target database is still untouched.
        expected_sha = manifest.get("database_sha256")
        if expected_sha and _file_sha256(db_file) != expected_sha:
            raise TijaraError("bad_archive", "The backup's database file does not match its checksum: it is damaged.")
        if vendor == "sqlite":
            inside = _sqlite_file_fingerprints(db_file)
            differing = sorted(t for t, expected in manifest["tables"].items() if inside.get(t) != expected)
            if differing:
                raise TijaraError("bad_archive", f"The backup's database differs from its manifest in: "
                                                 f"{', '.join(differing)}")
        else:
            listed = subprocess.run(["pg_restore", "--list", str(db_file)], capture_output=True, text=True, timeout=600)
            if listed.returncode != 0:
                raise TijaraError("bad_archive", f"The backup's dump is unreadable: {listed.stderr.strip()[:500]}")
        if vendor == "sqlite":
            connections.close_all()
            source = sqlite3.connect(db_file)
            connection.ensure_connection()
            source.backup(connection.connection)
            source.close()
        else:
            connections.close_all()
            completed = subprocess.run(
                ["pg_restore", "--no-owner", "--clean", "--if-exists", "--single-transaction", "--exit-on-error", "-d", db["NAME"], *_pg_args(db), str(db_file)],
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
