"""Object storage over real HTTP (moto in server mode started by the test): a citizen's upload goes to the bucket,
never public; the officer gets it only through the permission-checked view; /readyz sees the bucket go and come."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.files import private_storage
from eservices.models import Attachment, Submission
from organizations.constants import Role
from tests.s3server import MotoServer, object_storage, require_moto

from .test_citizen_flow import walk_to_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def moto():
    require_moto()
    server = MotoServer()
    server.start()
    yield server
    if server.running:
        server.stop()


def test_upload_lands_in_the_bucket_privately_and_only_the_view_serves_it(client, service, catalogue, settings, moto,
                                                                          make_officer, org_b,
                                                                          django_capture_on_commit_callbacks):
    with object_storage(settings, moto) as bucket:
        check_url = walk_to_check(client, service)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(check_url)
        case = Submission.objects.get()
        attachment = Attachment.objects.get()
        s3 = moto.client()
        keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket)["Contents"]]
        assert f"private/{attachment.file.name}" in keys  # in the bucket, under the private prefix
        stored = s3.get_object(Bucket=bucket, Key=f"private/{attachment.file.name}")["Body"].read()
        grants = s3.get_object_acl(Bucket=bucket, Key=f"private/{attachment.file.name}")["Grants"]
        assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]  # no public grant
        assert "X-Amz-Signature=" in private_storage().url(attachment.file.name)  # any URL is signed and short-lived

        officer = make_officer(case.organization,
                               Role.OFFICER, username="a-office", department=case.department.code)
        client.force_login(officer)
        url = reverse("eservices_admin:attachment", args=[case.pk, attachment.pk])
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == stored
        assert response["Cache-Control"].startswith("private, no-store")
        client.force_login(make_officer(org_b, Role.LGO_ADMIN, username="b-admin"))
        assert client.get(url).status_code == 404  # another LGO's officer: nothing


def test_readyz_turns_unhealthy_when_the_bucket_stops_and_healthy_when_it_returns(client, settings, moto):
    with object_storage(settings, moto):
        assert client.get("/readyz").json()["checks"]["storage"]["ok"] is True
        moto.stop()
        response = client.get("/readyz")
        assert response.status_code == 503 and response.json()["checks"]["storage"]["ok"] is False
        moto.start()
        assert client.get("/readyz").status_code == 200
