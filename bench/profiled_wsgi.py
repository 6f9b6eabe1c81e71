"""The application under cProfile, for `bench/http_filing.py --profile` (never in production).

Each gunicorn worker profiles the requests it serves by CPU time (`time.process_time`: the machine is shared, so
wall-clock profiles mostly measure waiting for a core) and counts, per kind of request of the citizen's path, the
requests, their CPU time and their SQL queries. Both are written to BENCH_PROFILE_DIR every 50 requests (a worker
stopped by the bench's SIGTERM may not run exit handlers).
"""

from __future__ import annotations

import cProfile
import json
import os
import re
import time

from django.db import connection

from config.wsgi import application as _application

_profiler = cProfile.Profile(time.process_time)
_served = [0]
_kinds: dict[str, list[float]] = {}  # kind -> [requests, cpu seconds, queries]
KINDS = [
    ("POST start", re.compile(r"/apply/$")),
    ("step", re.compile(r"/apply/step/")),
    ("check", re.compile(r"/apply/check/")),
    ("confirmation", re.compile(r"/e-service/done/")),
    ("service page", re.compile(r"/e-service/[^/]+/$")),
]


def _kind(environ) -> str:
    path = environ.get("PATH_INFO", "")
    name = next((label for label, pattern in KINDS if pattern.search(path)), "other")
    return name if name in ("POST start", "confirmation", "service page") else f"{environ['REQUEST_METHOD']} {name}"


def application(environ, start_response):
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    began = time.process_time()
    with connection.execute_wrapper(count):
        response = _profiler.runcall(lambda: list(_application(environ, start_response)))
    row = _kinds.setdefault(_kind(environ), [0, 0.0, 0])
    row[0] += 1
    row[1] += time.process_time() - began
    row[2] += queries[0]
    _served[0] += 1
    if _served[0] % 50 == 0:
        directory = os.environ["BENCH_PROFILE_DIR"]
        _profiler.dump_stats(os.path.join(directory, f"worker-{os.getpid()}.prof"))
        with open(os.path.join(directory, f"worker-{os.getpid()}.json"), "w") as out:
            json.dump(_kinds, out)
    return response
