"""Gap-free running numbers (references, receipts, register numbers): the one place that hands out "next numbers"."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import Counter


def next_number(scope: str, count: int = 1) -> int:
    """Return the next number in `scope`, locking its counter row until the caller's transaction ends.

    With `count` > 1, reserves that many consecutive numbers and returns the first, so a bulk write (a statement
    import's receipts, a billing run's invoices) takes one lock instead of one per number.

    Must be called inside `transaction.atomic()` together with the write that uses the number: if that write fails,
    the whole transaction rolls back and the number is reused, so the sequence has no gaps. On PostgreSQL
    `select_for_update` makes concurrent callers wait; on SQLite the database-wide write lock does the same.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic() with the write that uses it.")
    counter = Counter.objects.select_for_update().filter(scope=scope).first()
    if counter is None:
        try:
            with transaction.atomic():
                Counter.objects.create(scope=scope, value=0)
        except IntegrityError:
            pass  # another transaction created it first; lock theirs below
        counter = Counter.objects.select_for_update().get(scope=scope)
    if count < 1:
        raise ValueError("count must be at least 1")
    first = counter.value + 1
    counter.value += count
    counter.save(update_fields=["value"])
    return first

