"""Two app servers, one state (issue 17, item 2): two gunicorn servers with production settings on different ports
share one PostgreSQL database, one Redis and one bucket (moto in server mode), and nothing else: each has its own
MEDIA_ROOT and PRIVATE_MEDIA_ROOT, so a file that only reached one server's disk could not be read on the other.

Everything goes over real HTTP, with one cookie jar per person for both servers (a load balancer without sticky
sessions): a citizen files with an upload, moving between the servers step by step; an officer signs in on the
other server, finds the case and downloads the file; one publish in the admin of server A purges the page cache of
both; failed sign-ins and failed case look-ups alternated between the servers hit the limit after N in total.

The servers run PAGE_CACHE_LOCAL_SECONDS=2, the production default: each worker keeps its hottest pages in memory
and trusts the site's cache version it read for that long. So the server that published shows the new page at
once, and the other one after at most those 2 seconds: the test asks it until it does (the page cache's own
lifetime, PAGE_CACHE_SECONDS, is 600 s, so nothing but the purge can bring the new page) and prints how long that
took. README, "Two or more app servers".

PostgreSQL only (.ci/run's second pass); the database is a copy of the migrated test database, made and dropped here.
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from tests.eservices.test_citizen_flow import STEP1
from tests.s3server import MotoServer, require_moto

from .stack import (
    ROOT,
    AppServer,
    PrivateRedis,
    Visitor,
    clone_test_database,
    drop_database,
    links,
    new_database_name,
    server_environment,
)

pytestmark = [
    pytest.mark.postgres,
    # The test database must exist to be copied (the copy is made before any test transaction opens).
    pytest.mark.django_db,
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="app servers sharing one database need PostgreSQL (.ci/run's PostgreSQL pass)"),
]

LIMIT = 4  # LOGIN_THROTTLE_ATTEMPTS and LOOKUP_THROTTLE_ATTEMPTS of both servers
LOCAL_SECONDS = 2.0  # PAGE_CACHE_LOCAL_SECONDS, the production default


@dataclass
class Deployment:
    a: AppServer
    b: AppServer
    seed: dict
    moto: MotoServer
    bucket: str


def _seed(env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.ops.twoserver_seed"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")  # set up before the test's transaction opens: the copy needs no open connection
def deployment(django_db_setup, tmp_path_factory) -> Iterator[Deployment]:
    require_moto()
    folder = tmp_path_factory.mktemp("two-servers")
    moto, redis, name = MotoServer(), PrivateRedis(), new_database_name()
    servers: list[AppServer] = []
    try:
        moto.start()
        redis.start()
        database = clone_test_database(name)
        bucket = moto.new_bucket()
        shared = {"database_url": database, "redis_url": redis.url, "storage_url": moto.storage_url(bucket)}
        limits = {"LOGIN_THROTTLE_ATTEMPTS": str(LIMIT), "LOOKUP_THROTTLE_ATTEMPTS": str(LIMIT),
                  "PAGE_CACHE_SECONDS": "600", "PAGE_CACHE_LOCAL_SECONDS": str(LOCAL_SECONDS)}
        for label in ("A", "B"):
            (folder / label / "static").mkdir(parents=True)
            env = server_environment(**shared, folder=folder / label, **limits)
            servers.append(AppServer(label, env, folder / f"gunicorn-{label}.log"))
        for server in servers:  # both boot while the seed runs (booting reads nothing from the database)
            server.start()
        seed = _seed(server_environment(**shared, folder=folder / "seed", **limits))
        for server in servers:
            server.wait_until_up()
        yield Deployment(servers[0], servers[1], seed, moto, bucket)
    finally:
        for server in servers:
            server.signal_stop()
        for server in servers:
            server.wait_stopped()
        redis.stop()
        if moto.running:
            moto.stop()
        drop_database(name)


def _png() -> bytes:
    """A small PNG whose bytes no other test makes (random pixels)."""
    from PIL import Image

    image = Image.new("RGB", (8, 8))
    image.putdata([tuple(random.randrange(256) for _ in range(3)) for _ in range(64)])
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _thai(message: str) -> str:
    with translation.override("th"):
        return gettext(message)


def _file_a_case(deployment: Deployment, citizen: Visitor, upload: bytes) -> str:
    """The citizen's whole application over HTTP, alternating servers; returns the confirmation page's path."""
    a, b, seed = deployment.a, deployment.b, deployment.seed
    assert citizen.get(a, seed["service_path"]).status == 200
    started = citizen.post(a, f"/e-service/{seed['service_id']}/apply/")
    assert started.status == 302, started.text[:2000]
    step2 = citizen.post(a, started.location, STEP1)
    assert step2.status == 302, step2.text[:2000]
    step4 = citizen.post(b, step2.location, {"need": "อุปโภคบริโภค", "litres": "2000", "wanted_on": ""})
    assert step4.status == 302 and step4.location.endswith("/step/4/"), step4.text[:2000]
    check = citizen.post(a, step4.location, {"place_text": "หน้าบ้าน", "place_lat": "", "place_lng": "",
                                             "truthful": "on"},
                         files={"house_registration": ("ทะเบียนบ้าน.png", upload, "image/png")})
    assert check.status == 302 and check.location.endswith("/apply/check/"), check.text[:3000]
    answers = citizen.get(b, check.location)  # the upload went to server A; server B lists it
    assert answers.status == 200 and "ทะเบียนบ้าน.png" in answers.text
    done = citizen.post(b, check.location)
    assert done.status == 302 and "/e-service/done/" in done.location, done.text[:2000]
    return done.location


def _case_filed_through_both_servers_is_opened_and_its_file_downloaded_on_either(deployment: Deployment) -> None:
    a, b, seed = deployment.a, deployment.b, deployment.seed
    upload = _png()
    citizen = Visitor(forwarded_for="198.51.100.23")
    confirmation = citizen.get(a, _file_a_case(deployment, citizen, upload))
    reference = re.search(r"TWO-\d{4}-\d{6}", confirmation.text)
    assert confirmation.status == 200 and reference, confirmation.text[:2000]
    reference = reference.group(0)

    # The upload is in the bucket, under the private prefix, and on neither server's disk.
    keys = [item["Key"] for item in deployment.moto.client().list_objects_v2(Bucket=deployment.bucket)["Contents"]]
    stored = [key for key in keys if key.startswith("private/")
              and deployment.moto.client().get_object(Bucket=deployment.bucket, Key=key)["Body"].read() == upload]
    assert len(stored) == 1, keys
    for server in (a, b):
        folder = Path(server.env["PRIVATE_MEDIA_ROOT"])
        assert not folder.exists() or not any(path.is_file() for path in folder.rglob("*"))

    officer = Visitor(forwarded_for="10.20.0.15")
    signed_in = officer.sign_in(b, seed["officer"], seed["password"])
    assert signed_in.status == 302, signed_in.text[:2000]
    inbox = officer.get(b, "/admin/eservices/cases/")
    assert inbox.status == 200 and reference in inbox.text
    case_paths = {path for path in links(inbox.text, r"/admin/eservices/cases/\d+/$")}
    assert len(case_paths) == 1, case_paths
    case_path = case_paths.pop()
    case = officer.get(b, case_path)
    assert case.status == 200 and reference in case.text and "ทะเบียนบ้าน.png" in case.text
    file_path = links(case.text, re.escape(case_path) + r"files/\d+/")[0]
    download = officer.get(b, file_path)
    assert download.status == 200 and download.body == upload
    assert download.header("cache-control").startswith("private")
    # The session lives in the shared database and Redis: the same cookie works on server A.
    on_a = officer.get(a, file_path)
    assert on_a.status == 200 and on_a.body == upload


def _one_publish_in_the_admin_purges_the_page_cache_of_both_servers(deployment: Deployment) -> None:
    a, b, seed = deployment.a, deployment.b, deployment.seed
    visitor = Visitor()  # anonymous, no cookies: served from the page cache
    for server in (a, b):
        visitor.get(server, "/")
        page = visitor.get(server, "/")
        assert page.header("x-page-cache") == "hit", (server.name, page.headers)
        assert seed["old_heading"] in page.text and seed["new_heading"] not in page.text
    assert not visitor.cookies

    editor = Visitor()
    assert editor.sign_in(a, seed["admin"], seed["password"]).status == 302
    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={seed['home_id']}"
    confirm = editor.get(a, bulk)
    assert confirm.status == 200, confirm.text[:2000]
    assert visitor.get(b, "/").header("x-page-cache") == "hit"  # B's worker has just read the site's version
    published = editor.post(a, bulk, {})
    assert published.status == 302, published.text[:3000]
    published_at = time.monotonic()

    fresh = visitor.get(a, "/")  # the server that published knows at once
    assert seed["new_heading"] in fresh.text and fresh.header("x-page-cache") != "hit"

    # Server B learns of the publish from the version in Redis once the version its worker read is older than
    # PAGE_CACHE_LOCAL_SECONDS: ask until it shows the new page (its cached copy would otherwise live 600 s).
    answers = []
    while time.monotonic() - published_at < LOCAL_SECONDS + 30:
        page = visitor.get(b, "/")
        assert page.status == 200
        answers.append(seed["new_heading"] in page.text)
        if answers[-1]:
            break
        time.sleep(0.1)
    assert answers[-1], f"server B still shows the old home page after {LOCAL_SECONDS + 30:.0f} s"
    print(f"\nserver B showed the published page {time.monotonic() - published_at:.2f} s after the publish on A "
          f"({len(answers) - 1} stale answers; PAGE_CACHE_LOCAL_SECONDS={LOCAL_SECONDS:g})")
    assert seed["new_heading"] in visitor.get(b, "/").text and seed["new_heading"] in visitor.get(a, "/").text


def _failed_sign_ins_alternated_between_the_servers_lock_the_account_after_the_limit(deployment: Deployment) -> None:
    a, b, seed = deployment.a, deployment.b, deployment.seed
    locked = _thai("Too many failed sign-in attempts. For your security, please wait %(minutes)s minutes and try "
                   "again, or contact your LGO administrator.").split("%")[0].strip()
    assert locked.startswith("พยายามเข้าสู่ระบบ")
    intruder = Visitor(forwarded_for="203.0.113.66")
    for attempt in range(LIMIT):  # A, B, A, B: each server sees only half of them
        refused = intruder.sign_in((a, b)[attempt % 2], seed["clerk"], "wrong-password-" + str(attempt))
        assert refused.status == 200 and locked not in refused.text
    for server in (a, b):  # now even the right password is refused, on either server
        answer = intruder.sign_in(server, seed["clerk"], seed["password"])
        assert answer.status == 200 and locked in answer.text, (server.name, answer.text[:3000])
    # Someone else, from another address, is not affected.
    assert Visitor(forwarded_for="203.0.113.67").sign_in(b, seed["officer"], seed["password"]).status == 302


def _failed_case_look_ups_alternated_between_the_servers_are_limited_in_total(deployment: Deployment) -> None:
    a, b = deployment.a, deployment.b
    visitor = Visitor(forwarded_for="198.51.100.77")
    not_found = _thai("We could not find a request with that reference and those digits. Check both and try again.")
    too_many = _thai("Too many attempts. Please wait a few minutes and try again.")
    for attempt in range(LIMIT):
        server = (a, b)[attempt % 2]
        visitor.get(server, "/track/")
        answer = visitor.post(server, "/track/", {"reference": "TWO-2569-009999", "last4": f"{1000 + attempt}"})
        assert answer.status == 400 and not_found in answer.text and too_many not in answer.text
    for server in (a, b):
        answer = visitor.post(server, "/track/", {"reference": "TWO-2569-009999", "last4": "2000"})
        assert answer.status == 400 and too_many in answer.text, (server.name, answer.text[:3000])


def test_two_app_servers_share_one_state(deployment):
    """One test, so that pytest-xdist never starts a second pair of servers on another worker."""
    _case_filed_through_both_servers_is_opened_and_its_file_downloaded_on_either(deployment)
    _one_publish_in_the_admin_purges_the_page_cache_of_both_servers(deployment)
    _failed_sign_ins_alternated_between_the_servers_lock_the_account_after_the_limit(deployment)
    _failed_case_look_ups_alternated_between_the_servers_are_limited_in_total(deployment)
