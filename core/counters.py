"""Gap-free running numbers (references, receipts, register numbers): the one place that hands out "next numbers"."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import Counter


def next_number(scope: str, count: int = 1) -> int:
    """Return the next number in `scope`, locking its counter row until the caller's transaction ends.

    With `count` > 1, reserves that many consecutive numbers and returns the first, so a bulk write (a statement
    import's receipts, a billing run's invoices) takes one lock instead of one per number.

    Must be called inside `transaction.atomic()` together with the write that uses the number: if that write fails,
    the whole transaction rolls back and the number is reused, so the sequence has no gaps. On PostgreSQL the row
    lock taken by the UPDATE makes concurrent callers wait; on SQLite the database-wide write lock does the same.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic() with the write that uses it.")
    if count < 1:
        raise ValueError("count must be at least 1")
    last = _advance(scope, count)
    if last is None:
        try:
            with transaction.atomic():
                Counter.objects.create(scope=scope, value=0)
        except IntegrityError:
            pass  # another transaction created it first; queue behind theirs below
        last = _advance(scope, count)
    return last - count + 1


def _advance(scope: str, count: int) -> int | None:
    """Add `count` to the counter and return its new value in one statement (None when the row does not exist).

    `UPDATE … RETURNING` locks the row exactly as `select_for_update()` followed by an UPDATE would, in one round
    trip instead of two: the row stays locked until the caller commits, and every filing of the LGO queues on it, so
    each statement saved under the lock is throughput (PostgreSQL and SQLite ≥ 3.35 both have RETURNING)."""
    connection = transaction.get_connection()
    table = connection.ops.quote_name(Counter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = value + %s WHERE scope = %s RETURNING value",  # noqa: S608
                       [count, scope])
        row = cursor.fetchone()
    return None if row is None else int(row[0])
