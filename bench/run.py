"""Run every bench/bench_*.py with this project's Python and print their figures and a summary (`make bench`).

Each benchmark is a standalone script that creates and migrates its own PostgreSQL database (BENCH_DATABASE_URL or
its default) and prints its measurements. A benchmark is *skipped*, not failed, when PostgreSQL is not reachable
(checked once here) or when it exits with code 77 (the automake convention for "skipped") — so `make bench` works on
a laptop without PostgreSQL. Any other non-zero exit fails the run.

Usage: python bench/run.py [NAME ...] [--timeout SECONDS]      e.g. python bench/run.py home saraban
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SKIP_EXIT_CODE = 77
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/"


@dataclass
class Outcome:
    name: str
    status: str
    seconds: float
    detail: str = ""


def postgres_reachable(url: str) -> bool:
    """True when something accepts TCP connections at the PostgreSQL host and port of `url`."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=2):
            return True
    except OSError:
        return False


def discover(names: list[str], folder: Path = ROOT / "bench") -> list[Path]:
    scripts = sorted(folder.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if any(n in s.stem for n in names)]
    return scripts


def run_one(script: Path, timeout: float) -> Outcome:
    name = script.stem.removeprefix("bench_")
    print(f"\n{'=' * 30} {name} {'=' * (40 - len(name))}", flush=True)
    started = time.perf_counter()
    try:
        # Task and page-publish INFO lines would bury the figures; a caller can still ask for them with LOG_LEVEL.
        env = {**os.environ, "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING")}
        result = subprocess.run([sys.executable, str(script)], cwd=ROOT, timeout=timeout, check=False, env=env)
    except subprocess.TimeoutExpired:
        return Outcome(name, "FAILED", time.perf_counter() - started, f"timed out after {timeout:.0f} s")
    seconds = time.perf_counter() - started
    if result.returncode == 0:
        return Outcome(name, "ok", seconds)
    if result.returncode == SKIP_EXIT_CODE:
        return Outcome(name, "skipped", seconds, "the benchmark skipped itself")
    return Outcome(name, "FAILED", seconds, f"exit code {result.returncode}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="run only benchmarks whose name contains one of these")
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("BENCH_TIMEOUT", "3600")))
    parser.add_argument("--dir", type=Path, default=ROOT / "bench", help="folder holding bench_*.py")
    parser.add_argument("--no-postgres-check", action="store_true", help="run even if PostgreSQL looks absent")
    args = parser.parse_args(argv)

    scripts = discover(args.names, args.dir)
    if not scripts:
        print("No benchmarks found (bench/bench_*.py).")
        return 0
    pg_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)
    have_pg = args.no_postgres_check or postgres_reachable(pg_url)
    outcomes = []
    for script in scripts:
        if not have_pg:
            outcomes.append(Outcome(script.stem.removeprefix("bench_"), "skipped", 0.0,
                                    f"PostgreSQL not reachable at {urlsplit(pg_url).netloc}"))
            continue
        outcomes.append(run_one(script, args.timeout))

    print(f"\n{'=' * 72}\nBenchmarks (figures above; targets are in each benchmark's output)")
    for outcome in outcomes:
        detail = f"  ({outcome.detail})" if outcome.detail else ""
        print(f"  {outcome.name:<16} {outcome.status:<8} {outcome.seconds:8.1f} s{detail}")
    failed = [o for o in outcomes if o.status == "FAILED"]
    print("=" * 72)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
