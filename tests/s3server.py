"""An S3-compatible server for tests: moto in server mode on a free port, spoken to over real HTTP by boto3.

`object_storage(settings)` points both file storages at a fresh bucket on it (through config.storage, as
production does from STORAGE_URL) and re-binds every FileField whose storage is a callable, so model fields and
`core.files.private_storage()` write to the bucket as they do when the app starts with STORAGE_URL set.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def require_moto():
    if os.environ.get("THONGTHIN_REQUIRE_OPS"):
        import boto3  # noqa: F401
        import moto.server  # noqa: F401
        return
    pytest.importorskip("moto.server", reason="moto[server] is not installed (pip install -e '.[dev]'): the "
                        "object-storage tests need an S3-compatible server")
    pytest.importorskip("storages", reason="django-storages is not installed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MotoServer:
    def __init__(self, port: int | None = None):
        from moto.server import ThreadedMotoServer

        self.port = port or free_port()
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.running = False

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._server.start()
        self.running = True

    def stop(self) -> None:
        self._server.stop()
        self.running = False

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                            region_name="us-east-1")

    def new_bucket(self) -> str:
        name = f"thongthin-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def storage_url(self, bucket: str) -> str:
        return f"s3://test:test@127.0.0.1:{self.port}/{bucket}?secure=0&region=us-east-1"


@contextmanager
def object_storage(settings, server: MotoServer) -> Iterator[str]:
    from django.apps import apps
    from django.db.models import FileField

    from config.storage import object_storages

    bucket = server.new_bucket()
    settings.STORAGES = {**settings.STORAGES, **object_storages({"STORAGE_URL": server.storage_url(bucket)})}
    rebound = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and getattr(field, "_storage_callable", None):
                rebound.append((field, field.storage))
                field.storage = field._storage_callable()
    try:
        yield bucket
    finally:
        for field, storage in rebound:
            field.storage = storage
