"""Time as the domain reasons about it: instants in UTC, days in Europe/Amsterdam.

Nothing here reads the clock; callers pass `now` in.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local_date(now: datetime) -> date:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(AMSTERDAM).date()
