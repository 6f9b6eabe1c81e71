"""Register numbers under real concurrency (PostgreSQL row locks): 50 clerks at once, 50 consecutive numbers; PDFs
rendered after the number is committed, while other clerks can take the next one."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from core.models import Counter
from core.thai import be_year
from saraban import services
from saraban.constants import Register
from saraban.models import Document

from .conftest import pdf_text


def _together(count: int, work) -> None:
    """Run work(0..count-1) in `count` threads released at once (each with its own connection); no errors."""
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            start.wait()
            work(index)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_get_fifty_consecutive_numbers(lgo, clerk):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL row locks (select_for_update).")
    _together(50, lambda index: services.register_incoming(
        organization=lgo, user=clerk,
        data=services.IncomingData(subject=f"หนังสือพร้อมกันฉบับที่ {index}", sender="จังหวัดเชียงราย"),
    ))
    numbers = sorted(Document.objects.filter(organization=lgo, register=Register.INCOMING)
                     .values_list("number", flat=True))
    assert numbers == list(range(1, 51))


def _counter_lockable(scope: str) -> bool:
    """Whether another connection could take the register's counter row right now (FOR UPDATE NOWAIT)."""
    result: dict[str, bool] = {}

    def probe() -> None:
        try:
            with transaction.atomic():
                Counter.objects.select_for_update(nowait=True).filter(scope=scope).first()
            result["free"] = True
        except DatabaseError:
            result["free"] = False
        finally:
            connections.close_all()

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join()
    return result["free"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pdfs_are_rendered_after_the_number_is_committed(lgo, clerk, head, draft, pdf_upload, monkeypatch):
    """Item 16: the receipt stamp and the issued letter are rendered while other clerks can take numbers."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL row locks (select_for_update).")
    from saraban import letters, stamping

    seen: list[tuple[str, bool]] = []
    real_stamp, real_letter = stamping.stamp_receipt, letters.render_letter

    def stamp(*args, **kwargs):
        seen.append(("stamp", _counter_lockable(services.register_scope(lgo, Register.INCOMING, kwargs["year"]))))
        return real_stamp(*args, **kwargs)

    def letter(document):
        if document.number:
            seen.append(("letter", _counter_lockable(services.register_scope(lgo, document.register,
                                                                             document.year))))
        return real_letter(document)

    for register in (Register.INCOMING, Register.OUTGOING):  # committed rows: a new one is invisible to the probe
        Counter.objects.create(scope=services.register_scope(lgo, register, be_year(timezone.now())), value=0)
    monkeypatch.setattr(stamping, "stamp_receipt", stamp)
    monkeypatch.setattr(letters, "render_letter", letter)
    received = services.register_incoming(
        organization=lgo, user=clerk, pdf=pdf_upload(),
        data=services.IncomingData(subject="หนังสือพร้อมไฟล์", sender="จังหวัดเชียงราย"))
    issued = services.issue(document=draft(), user=head, password=head.plain_password)
    assert seen == [("stamp", True), ("letter", True)]
    assert received.stamped_file and issued.letter_file and (received.number, issued.number) == (1, 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_registrations_with_pdfs_get_their_own_stamped_numbers(lgo, clerk, letter_pdf):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL row locks (select_for_update).")
    from django.core.files.uploadedfile import SimpleUploadedFile

    _together(20, lambda index: services.register_incoming(
        organization=lgo, user=clerk,
        pdf=SimpleUploadedFile(f"{index}.pdf", letter_pdf, content_type="application/pdf"),
        data=services.IncomingData(subject=f"หนังสือพร้อมไฟล์ฉบับที่ {index}", sender="จังหวัดเชียงราย"),
    ))
    documents = list(Document.objects.filter(organization=lgo, register=Register.INCOMING).order_by("number"))
    assert [document.number for document in documents] == list(range(1, 21))
    for document in documents:
        with document.stamped_file.open("rb") as handle:
            text = "".join(pdf_text(handle.read()).split())
        assert f"เลขรับ{document.number}/{document.year}" in text
