"""Register numbers under real concurrency (PostgreSQL row locks): 50 clerks at once, 50 consecutive numbers."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from saraban import services
from saraban.constants import Register
from saraban.models import Document


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_get_fifty_consecutive_numbers(lgo, clerk):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL row locks (select_for_update).")
    start = threading.Barrier(50)
    errors: list[BaseException] = []

    def register(index: int) -> None:
        try:
            start.wait()
            services.register_incoming(
                organization=lgo, user=clerk,
                data=services.IncomingData(subject=f"หนังสือพร้อมกันฉบับที่ {index}", sender="จังหวัดเชียงราย"),
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Document.objects.filter(organization=lgo, register=Register.INCOMING)
                     .values_list("number", flat=True))
    assert numbers == list(range(1, 51))
