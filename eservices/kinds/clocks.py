"""Calendar-day clocks of licensing kinds (contracts/licensing.md item 2). Working-day limits use the LGO's
calendar (`organizations.calendar.add_working_days`); the Building Control Act counts plain days."""

from __future__ import annotations

import datetime as dt


def add_days(day: dt.date, days: int) -> dt.date:
    """The last day of a limit of `days` days counted from the day after `day` (the law's way: the day of the
    event is not counted, so a limit of 45 days from 1 March ends on 15 April)."""
    return day + dt.timedelta(days=days)
