"""References stay unique and gap-free when many citizens file at the same moment (PostgreSQL row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from eservices import services
from eservices.models import Submission

from .conftest import GOOD_ANSWERS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_submits_get_fifty_consecutive_references(service):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    files = [services.StoredFile("house_registration", "x.pdf", "x.pdf", "application/pdf", 3)]
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def file_one(n: int) -> None:
        try:
            barrier.wait()
            answers = {**GOOD_ANSWERS, "litres": str(n + 1)}
            services.submit(service=service, answers=answers, files=files,
                            idempotency_key=services.idempotency_key(f"s{n}", answers))
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file_one, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in Submission.objects.values_list("reference", flat=True))
    assert numbers == list(range(1, 51))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_double_click_files_one_case(service):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    files = [services.StoredFile("house_registration", "x.pdf", "x.pdf", "application/pdf", 3)]
    key = services.idempotency_key("one-session", GOOD_ANSWERS)
    barrier = threading.Barrier(5)
    results: list[str] = []

    def click() -> None:
        try:
            barrier.wait()
            results.append(services.submit(service=service, answers=GOOD_ANSWERS, files=files,
                                           idempotency_key=key).reference)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Submission.objects.count() == 1 and set(results) == {Submission.objects.get().reference}
