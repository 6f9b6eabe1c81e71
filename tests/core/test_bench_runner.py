"""bench/run.py runs every benchmark, prints their figures and a summary, and fails only on a real failure."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[2] / "bench" / "run.py"


@pytest.fixture
def runner(monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_runner", RUNNER)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_runner", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _bench(folder: Path, name: str, body: str) -> None:
    (folder / f"bench_{name}.py").write_text(f"import sys\n{body}\n")


def test_figures_are_printed_and_a_skip_is_not_a_failure(runner, tmp_path, capfd):
    _bench(tmp_path, "fast", "print('home render median 7.5 ms, 12 queries')")
    _bench(tmp_path, "nopg", "print('PostgreSQL absent'); sys.exit(77)")
    assert runner.main(["--dir", str(tmp_path), "--no-postgres-check"]) == 0
    out = capfd.readouterr().out
    assert "home render median 7.5 ms, 12 queries" in out
    assert "fast" in out and "ok" in out
    assert "nopg" in out and "skipped" in out


def test_a_failing_benchmark_fails_the_run(runner, tmp_path, capfd):
    _bench(tmp_path, "ok", "print(1)")
    _bench(tmp_path, "broken", "raise SystemExit(3)")
    assert runner.main(["--dir", str(tmp_path), "--no-postgres-check"]) == 1
    assert "FAILED" in capfd.readouterr().out


def test_without_postgresql_every_benchmark_is_skipped(runner, tmp_path, capfd, monkeypatch):
    _bench(tmp_path, "needs_pg", "raise SystemExit(1)")
    monkeypatch.setenv("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:1/none")
    assert runner.main(["--dir", str(tmp_path)]) == 0
    out = capfd.readouterr().out
    assert "skipped" in out and "PostgreSQL not reachable" in out


def test_only_named_benchmarks_run(runner, tmp_path, capfd):
    _bench(tmp_path, "home", "print('HOME-FIGURES')")
    _bench(tmp_path, "saraban", "print('SARABAN-FIGURES')")
    assert runner.main(["home", "--dir", str(tmp_path), "--no-postgres-check"]) == 0
    out = capfd.readouterr().out
    assert "HOME-FIGURES" in out and "SARABAN-FIGURES" not in out
