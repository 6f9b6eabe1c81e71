"""Backup and restore of a whole deployment: the database and every file, with a manifest of checksums.

`backup(dest)` writes, in this order (so every file a saved row names is in the snapshot):
  1. the database: PostgreSQL with `pg_dump --format=custom` (one consistent snapshot, taken while the site runs),
     SQLite with its online backup API;
  2. every file of the public and private storages (local folders or the bucket: read through the storage API);
  3. `manifest.json`: format version, time, database engine, each table's row count *as dumped* (counted inside the
     dump's snapshot on PostgreSQL), and the size and SHA-256 of the dump and of every file.
`restore(src)` first checks every checksum, refuses a target database with tables or a storage with files (a
restore never mixes two states), loads the dump, puts the files back and compares the row counts and checksums with
the manifest before it reports success. Files written while the backup ran may be in it without their rows: they
are harmless orphans; never the other way round.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

FORMAT_VERSION = 1
STORAGE_ALIASES = ("default", "private")
CHUNK = 1024 * 1024


class RestoreRefused(Exception):
    """The target is not empty or the backup is damaged: nothing was changed."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int


def sha256_of(stream) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in `storage` (recursively), for local folders and buckets alike."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from walk(storage, f"{folder}/{sub}" if folder else sub)


def _engine(alias: str = DEFAULT_DB_ALIAS) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise ImproperlyConfigured(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _pg_env(alias: str) -> dict[str, str]:
    settings_dict = connections[alias].settings_dict
    env = {**os.environ, "PGDATABASE": settings_dict["NAME"]}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    return env


def table_row_counts(alias: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows of every table, counted in one snapshot (a repeatable-read transaction on PostgreSQL)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (catalog names)
            counts[table] = cursor.fetchone()[0]
    return counts


def _dump_postgresql(alias: str, target: Path) -> dict[str, int]:
    """pg_dump in a snapshot exported by a repeatable-read transaction that also counts the rows: the counts in the
    manifest are exactly what the dump holds, even while citizens keep filing."""
    connection = connections[alias]
    connection.ensure_connection()
    raw = connection.connection
    previous = raw.autocommit
    raw.autocommit = True
    try:
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            command = ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
            subprocess.run(command, env=_pg_env(alias), check=True, capture_output=True)  # noqa: S603 (no shell)
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            tables = [row[0] for row in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (catalog names)
                counts[table] = cursor.fetchone()[0]
            cursor.execute("COMMIT")
    finally:
        raw.autocommit = previous
    return counts


def _dump_sqlite(alias: str, target: Path) -> dict[str, int]:
    source = sqlite3.connect(connections[alias].settings_dict["NAME"])
    try:
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)
        counts = {}
        tables = [row[0] for row in destination.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            counts[table] = destination.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        destination.close()
    finally:
        source.close()
    return counts


def backup(dest: Path, *, alias: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write a snapshot of the database and every stored file to the new or empty folder `dest`."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise RestoreRefused(f"{dest} is not empty: back up into a new folder.")
    dest.mkdir(parents=True, exist_ok=True)
    engine = _engine(alias)
    dump = dest / ("database.dump" if engine == "postgresql" else "database.sqlite3")
    counts = _dump_postgresql(alias, dump) if engine == "postgresql" else _dump_sqlite(alias, dump)
    files: dict[str, dict[str, object]] = {}
    total = 0
    for storage_alias in STORAGE_ALIASES:
        storage = storages[storage_alias]
        for name in walk(storage):
            target = dest / "files" / storage_alias / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            with open(target, "rb") as written:
                checksum = sha256_of(written)
            size = target.stat().st_size
            files[f"{storage_alias}/{name}"] = {"size": size, "sha256": checksum}
            total += size
    with open(dump, "rb") as stream:
        dump_checksum = sha256_of(stream)
    manifest = {
        "format": FORMAT_VERSION, "created_at": timezone.now().isoformat(), "engine": engine,
        "database": {"file": dump.name, "size": dump.stat().st_size, "sha256": dump_checksum},
        "tables": counts, "files": files,
    }
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True))
    return BackupResult(path=dest, tables=len(counts), rows=sum(counts.values()), files=len(files), bytes=total)


def verify(src: Path) -> dict:
    """The manifest, after checking the dump's and every file's checksum (RestoreRefused on any difference)."""
    src = Path(src)
    try:
        manifest = json.loads((src / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise RestoreRefused(f"{src} has no readable manifest.json: {error}") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise RestoreRefused(f"Unknown backup format {manifest.get('format')!r}.")
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {f"files/{name}": entry["sha256"] for name, entry in manifest["files"].items()}
    for relative, checksum in expected.items():
        path = src / relative
        if not path.is_file():
            raise RestoreRefused(f"{relative} is missing from the backup.")
        with open(path, "rb") as stream:
            if sha256_of(stream) != checksum:
                raise RestoreRefused(f"{relative} does not match its checksum: the backup is damaged.")
    return manifest


def _refuse_non_empty_target(alias: str) -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise RestoreRefused(f"The target database already has {len(tables)} table(s): restore into an empty one.")
    for storage_alias in STORAGE_ALIASES:
        if next(walk(storages[storage_alias]), None) is not None:
            raise RestoreRefused(f"The {storage_alias!r} file storage is not empty: restore into an empty one.")


def restore(src: Path, *, alias: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Load a backup into an empty database and empty storages, then prove it equals the manifest."""
    src = Path(src)
    manifest = verify(src)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise RestoreRefused(f"This backup is of a {manifest['engine']} database, the target is {engine}.")
    _refuse_non_empty_target(alias)
    dump = src / manifest["database"]["file"]
    connection = connections[alias]
    if engine == "postgresql":
        connection.close()
        command = ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}",
                   str(dump)]
        subprocess.run(command, env=_pg_env(alias), check=True, capture_output=True)  # noqa: S603 (no shell)
    else:
        connection.close()
        target = Path(connection.settings_dict["NAME"])
        with open(dump, "rb") as source, tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as partial:
            shutil.copyfileobj(source, partial, CHUNK)
        os.replace(partial.name, target)
    total = 0
    for name, entry in manifest["files"].items():
        storage_alias, _, file_name = name.partition("/")
        with open(src / "files" / name, "rb") as stream:
            saved = storages[storage_alias].save(file_name, File(stream, name=file_name))
        if saved != file_name:
            raise RestoreRefused(f"{name} was stored as {saved}: the storage was not empty.")
        total += int(entry["size"])
    _check_restored(manifest, alias)
    return BackupResult(path=src, tables=len(manifest["tables"]), rows=sum(manifest["tables"].values()),
                        files=len(manifest["files"]), bytes=total)


def _check_restored(manifest: dict, alias: str) -> None:
    counts = table_row_counts(alias)
    wrong = {table: (rows, counts.get(table)) for table, rows in manifest["tables"].items()
             if counts.get(table) != rows}
    if wrong:
        raise RestoreRefused(f"Row counts differ after the restore: {wrong}")
    for name, entry in manifest["files"].items():
        storage_alias, _, file_name = name.partition("/")
        with storages[storage_alias].open(file_name, "rb") as stream:
            if sha256_of(stream) != entry["sha256"]:
                raise RestoreRefused(f"{name} differs after the restore.")
