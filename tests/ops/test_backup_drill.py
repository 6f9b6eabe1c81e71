"""The restore drill, as an operator runs it: load the demo (cases in every status, payments with receipts,
correspondence in the registers), `manage.py backup`, `manage.py restore` into a fresh database and fresh folders,
then compare every table's row count and every file's checksum. Runs the real commands in subprocesses against
PostgreSQL (pg_dump/pg_restore); a non-empty target and a damaged backup are refused and change nothing."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
DB = settings.DATABASES["default"]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(DB["ENGINE"] != "django.db.backends.postgresql",
                       reason="the restore drill uses pg_dump/pg_restore: it runs on PostgreSQL (.ci/run)"),
    pytest.mark.skipif(not shutil.which("pg_dump") or not shutil.which("pg_restore"),
                       reason="pg_dump/pg_restore are not installed (apt install postgresql-client)"),
]


def _admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(host=DB["HOST"] or None, port=DB["PORT"] or None, user=DB["USER"] or None,
                         password=DB["PASSWORD"] or None, dbname="postgres", autocommit=True) as connection:
        connection.execute(sql)


def _url(name: str) -> str:
    auth = DB["USER"] + (f":{DB['PASSWORD']}" if DB["PASSWORD"] else "")
    return f"postgres://{auth}@{DB['HOST'] or '127.0.0.1'}:{DB['PORT'] or 5432}/{name}"


def _manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True,
                          text=True, check=check, timeout=3600)


def _counts(name: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(_url(name)) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def _checksums(*roots: Path) -> dict[str, str]:
    return {f"{root.name}/{path.relative_to(root)}": hashlib.sha256(path.read_bytes()).hexdigest()
            for root in roots for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def databases():
    names = [f"thongthin_drill_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("src", "dst")]
    for name in names:
        _admin_sql(f'CREATE DATABASE "{name}"')
    yield names
    for name in names:
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(tmp: Path, database: str, side: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST", "REDIS_URL", "STORAGE_URL", "AWS_"))}
    return env | {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "0", "DATABASE_URL": _url(database),
                  "MEDIA_ROOT": str(tmp / side / "media"), "PRIVATE_MEDIA_ROOT": str(tmp / side / "private"),
                  "LOG_LEVEL": "WARNING", "DEMO_PASSWORD": "drill-Thongthin-1", "TASKS_BACKEND": "immediate",
                  "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}


def test_backup_and_restore_drill_gives_equal_rows_and_files(tmp_path, databases):
    source_db, target_db = databases
    source, target = _env(tmp_path, source_db, "source"), _env(tmp_path, target_db, "target")
    _manage(source, "migrate", "--noinput")
    _manage(source, "load_demo")
    # Besides the demo's files, a citizen's upload with a Thai name in private storage.
    _manage(source, "shell", "-c", (
        "from core.files import private_storage\n"
        "from django.core.files.base import ContentFile\n"
        "private_storage().save('eservices/drill/ทะเบียนบ้าน.pdf', ContentFile(b'%PDF-1.4 drill'))\n"))

    started = time.monotonic()
    backup_dir = tmp_path / "backup"
    done = _manage(source, "backup", str(backup_dir))
    backup_seconds = time.monotonic() - started
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["engine"] == "postgresql" and manifest["files"], done.stdout

    started = time.monotonic()
    restored = _manage(target, "restore", str(backup_dir))
    restore_seconds = time.monotonic() - started
    assert "row counts and checksums match" in restored.stdout

    source_counts, target_counts = _counts(source_db), _counts(target_db)
    assert source_counts == target_counts
    assert source_counts["eservices_submission"] > 0 and source_counts["payments_receipt"] > 0
    assert source_counts["saraban_document"] > 0
    source_files = _checksums(tmp_path / "source" / "media", tmp_path / "source" / "private")
    target_files = _checksums(tmp_path / "target" / "media", tmp_path / "target" / "private")
    assert source_files == target_files and any("drill" in name for name in source_files)
    print(f"\ndrill: backup {backup_seconds:.1f} s, restore {restore_seconds:.1f} s, "
          f"{sum(source_counts.values())} rows, {len(source_files)} files")

    again = _manage(target, "restore", str(backup_dir), check=False)  # the target is no longer empty
    assert again.returncode != 0 and "restore into an empty one" in again.stderr
    assert _counts(target_db) == target_counts

    damaged = tmp_path / "damaged"
    shutil.copytree(backup_dir, damaged)
    victim = next(path for path in (damaged / "files").rglob("*") if path.is_file())
    victim.write_bytes(victim.read_bytes() + b"x")
    refused = _manage(target, "restore", str(damaged), check=False)
    assert refused.returncode != 0 and "does not match its checksum" in refused.stderr
