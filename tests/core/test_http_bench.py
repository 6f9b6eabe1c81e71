"""make bench-http reads wrk's figures right: req/s, p50 and p99 in any unit, and counts failed requests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "http_bench.py"

WRK_OUTPUT = """Running 8s test @ http://127.0.0.1:8201/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.50ms    3.10ms  80.00ms   90.00%
  Latency Distribution
     50%  850.00us
     75%   14.00ms
     90%   18.00ms
     99%    1.20s
  2406 requests in 8.00s, 40.00MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:    300.75
Transfer/sec:      5.00MB
"""


@pytest.fixture
def http_bench(monkeypatch):
    spec = importlib.util.spec_from_file_location("http_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "http_bench", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_wrk_figures_are_read_in_their_units(http_bench):
    figure = http_bench.parse_wrk(WRK_OUTPUT)
    assert figure.requests_per_second == 300.75
    assert figure.p50_ms == pytest.approx(0.85)
    assert figure.p99_ms == pytest.approx(1200.0)
    assert figure.errors == 10


def test_a_clean_run_has_no_errors(http_bench):
    clean = WRK_OUTPUT.replace("  Socket errors: connect 0, read 0, write 0, timeout 3\n", "").replace(
        "  Non-2xx or 3xx responses: 7\n", "")
    assert http_bench.parse_wrk(clean).errors == 0
