"""Benchmark `manage.py backup` and `manage.py restore` on the bench data set: PostgreSQL with 1,000,000 cases.

Issue 17 asks for the backup and restore times at the bench's scale, not only the demo's (the restore drill test
gives those). This runs the two commands exactly as the README's cron line does, in subprocesses with the
production-like dev settings, against the e-service bench database (BENCH_DATABASE_URL, default
thongthin_bench_eservices; seeded here with bench_eservices' own seeding when it holds fewer cases than --cases),
with --files private files of --file-kb KB each beside it (citizens' uploads: the seeded cases carry none), then
restores into a fresh database and fresh folders and lets `restore` compare every row count and checksum.
The scratch database and folders are removed afterwards.

Run: `python bench/bench_backup.py` (or `make bench`). Options: --cases N (default 1000000), --files N (default 500),
--file-kb N (default 200).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import ROOT, configure

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thongthin_bench_eservices"


def ensure_cases(total: int) -> int:
    """Seed the e-service bench database up to `total` cases the way bench_eservices does; return the case count."""
    import bench_eservices as seeding

    from eservices.models import Submission
    from organizations.constants import Role

    existing = Submission.objects.count()
    if existing >= total:
        return existing
    org_a = seeding.lgo("BNA", "testserver", "เทศบาลตำบลทดสอบสมรรถนะ", "5571001", default=True)
    org_b = seeding.lgo("BNB", "bench-b.test", "องค์การบริหารส่วนตำบลทดสอบสมรรถนะ", "5571002", default=False)
    services = {org.pk: seeding.catalogue(org) for org in (org_a, org_b)}
    officers = {org.pk: [seeding.officer(org, f"{org.code.lower()}-officer-{n}", Role.OFFICER,
                                         ("office", "finance", "engineering", "health", "education", "welfare")[n % 6])
                         for n in range(10)] for org in (org_a, org_b)}
    seconds = seeding.seed_cases([org_a, org_b], services, officers, total - existing)
    print(f"Seeded {total - existing:,} cases with COPY in {seconds:.0f} s")
    return Submission.objects.count()


def write_files(folder: Path, count: int, kilobytes: int) -> int:
    """`count` incompressible files (uploads are mostly photos and PDFs) in a case-like folder tree; total bytes."""
    for n in range(count):
        path = folder / "submissions" / f"{n % 50:02d}" / f"upload-{n:05d}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(kilobytes * 1024))
    return count * kilobytes * 1024


def admin_sql(url: str, statement: str) -> None:
    import dj_database_url
    import psycopg

    params = dj_database_url.parse(url)
    with psycopg.connect(host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432,
                         user=params["USER"] or "postgres", password=params["PASSWORD"] or None, dbname="postgres",
                         autocommit=True) as connection:
        connection.execute(statement)


def manage(database_url: str, media: Path, private: Path, *args: str) -> tuple[float, str]:
    """Run one management command as the operator's cron would; (seconds, its output)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("REDIS_URL", "STORAGE_URL", "AWS_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "0", "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media), "PRIVATE_MEDIA_ROOT": str(private), "LOG_LEVEL": "WARNING"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False, timeout=7200)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout.strip()


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--file-kb", type=int, default=200)
    args = parser.parse_args()
    source_url = configure(DEFAULT_URL)
    cases = ensure_cases(args.cases)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        database_bytes = cursor.fetchone()[0]
    connection.close()

    target_name = f"thongthin_bench_restore_{uuid.uuid4().hex[:8]}"
    target_url = source_url.rsplit("/", 1)[0] + "/" + target_name
    with tempfile.TemporaryDirectory(prefix="thongthin-bench-backup-") as scratch:
        work = Path(scratch)
        source_media, source_private = work / "source" / "media", work / "source" / "private"
        source_media.mkdir(parents=True)
        file_bytes = write_files(source_private, args.files, args.file_kb)
        print(f"Source: {cases:,} cases, database {database_bytes / 2**20:,.0f} MB on disk; "
              f"{args.files} private files, {file_bytes / 2**20:,.0f} MB")

        backup_seconds, _ = manage(source_url, source_media, source_private, "backup", str(work / "backup"))
        backup_bytes = folder_bytes(work / "backup")
        print(f"backup:  {backup_seconds:7.1f} s  ({backup_bytes / 2**20:,.0f} MB written: custom-format dump + files"
              " + manifest)")

        admin_sql(target_url, f'CREATE DATABASE "{target_name}"')
        try:
            restore_seconds, said = manage(target_url, work / "target" / "media", work / "target" / "private",
                                           "restore", str(work / "backup"))
        finally:
            admin_sql(target_url, f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')
        verified = "row counts and checksums match" in said
        print(f"restore: {restore_seconds:7.1f} s  (into an empty database and folders; restore's own check of "
              f"every row count and checksum: {'ok' if verified else 'NOT REPORTED'})")
        if not verified:
            raise SystemExit(f"restore did not confirm its check:\n{said}")


if __name__ == "__main__":
    main()
