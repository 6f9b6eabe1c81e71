"""`/readyz` turns unhealthy when PostgreSQL, Redis or the bucket stops, naming the failing check, and healthy again
when it returns (issue 17, "Done when"). A gunicorn server with production settings talks to services of this test's
own, which it stops and starts: a PostgreSQL cluster initialised in a temporary folder (as the `postgres` OS user when
running as root: PostgreSQL refuses root) holding a copy of the migrated test database, a `redis-server` on a free
port and moto in server mode (its buckets outlive a stop: they are kept in this process). The machine's shared
PostgreSQL and Redis are never touched. PostgreSQL only (.ci/run's second pass).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings

from tests.s3server import MotoServer, require_moto

from .stack import (
    AppServer,
    PrivatePostgres,
    PrivateRedis,
    admin_sql,
    copy_database,
    database_url,
    fetch,
    server_environment,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="the outage test copies the migrated PostgreSQL test database (.ci/run's PostgreSQL "
                              "pass)"),
    pytest.mark.django_db,  # the test database must exist to be copied
]


@dataclass
class Stack:
    server: AppServer
    postgres: PrivatePostgres
    redis: PrivateRedis
    moto: MotoServer


@pytest.fixture
def stack(tmp_path) -> Iterator[Stack]:
    require_moto()
    from django.db import connection

    postgres, redis, moto = PrivatePostgres(), PrivateRedis(), MotoServer()
    server = None
    try:
        postgres.init()
        postgres.start()
        admin_sql('CREATE DATABASE "thongthin"', **postgres.params())
        own_database = database_url("thongthin", **postgres.params())
        copy_database(database_url(connection.settings_dict["NAME"]), own_database)
        redis.start()
        moto.start()
        (tmp_path / "static").mkdir()
        env = server_environment(database_url=own_database, redis_url=redis.url,
                                 storage_url=moto.storage_url(moto.new_bucket()), folder=tmp_path)
        server = AppServer("outages", env, tmp_path / "gunicorn.log")
        server.start()
        server.wait_until_up()
        yield Stack(server, postgres, redis, moto)
    finally:
        if server is not None:
            server.stop()
        if moto.running:
            moto.stop()
        redis.stop()
        postgres.cleanup()


def _failing(stack: Stack) -> set[str]:
    """The checks /readyz names as failing (empty when it answers 200); the status must agree with them."""
    answer = fetch(stack.server.base + "/readyz")
    body = answer.body.decode()
    import json

    checks = json.loads(body)["checks"]
    failing = {name for name, check in checks.items() if not check["ok"]}
    assert answer.status == (503 if failing else 200), body
    assert answer.header("cache-control") == "no-store"
    for name in failing:
        assert checks[name]["detail"], body  # what went wrong, for the operator
    return failing


def test_readyz_follows_postgresql_redis_and_the_bucket_going_and_coming_back(stack):
    assert _failing(stack) == set()
    outages = [("database", stack.postgres), ("redis", stack.redis), ("storage", stack.moto)]
    for check, service in outages:
        service.stop()
        assert _failing(stack) == {check}, check
        # Liveness does not follow a dependency: a load balancer must not restart every app server when
        # PostgreSQL blinks.
        assert fetch(stack.server.base + "/healthz").status == 200
        started = time.monotonic()
        service.start()
        assert _failing(stack) == set(), check
        print(f"\n{check}: healthy again {time.monotonic() - started:.1f} s after the start command")
