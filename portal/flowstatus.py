"""The outcome of each flow run (portal.models.FlowStatus), and when a flow counts as late.

A flow is late when its last success is older than twice its schedule's longest gap plus ten
minutes (a daily flow: 48 h 10 min would hide a missed day, so daily and slower flows get 25 h).
A flow that never succeeded is measured from when it first started, else from when this table
was installed (its migration): a fresh system is not late, a system whose flow server never ran
becomes late after the same tolerance.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from cronsim import CronSim
from django.db import DatabaseError
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import F

from portal import clock
from portal.models import FlowStatus

log = logging.getLogger(__name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MIGRATION = ("portal", "0004_flowstatus")


def record_start(name: str) -> datetime:
    started = clock.now()
    # One statement, safe when two runs of a flow start at once (INSERT … ON CONFLICT).
    FlowStatus.objects.bulk_create(
        [FlowStatus(name=name, first_started_at=started, last_started_at=started)],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["last_started_at"],
    )
    return started


def record_end(name: str, seconds: float, error: BaseException | None) -> None:
    """Best effort: a database that fails here must not hide the flow's own outcome."""
    try:
        rows = FlowStatus.objects.filter(name=name)
        if error is None:
            rows.update(
                last_success_at=clock.now(), consecutive_failures=0, last_duration_seconds=seconds
            )
        else:
            rows.update(
                last_failure_at=clock.now(),
                last_failure_kind=type(error).__name__,
                consecutive_failures=F("consecutive_failures") + 1,
                last_duration_seconds=seconds,
            )
    except DatabaseError:
        log.warning("could not record the outcome of flow %s", name)


def tolerance(cron: str) -> timedelta:
    """Twice the longest gap between two runs in the coming week, plus ten minutes; 25 h at most
    so that a daily flow that missed one day shows."""
    start = datetime(2026, 1, 5, tzinfo=AMSTERDAM)  # a fixed Monday: the same answer every call
    times = CronSim(cron, start)
    previous, longest = next(times), timedelta(0)
    for moment in times:
        if moment - start > timedelta(days=7):
            break
        longest, previous = max(longest, moment - previous), moment
    return min(2 * longest + timedelta(minutes=10), timedelta(hours=25))


@dataclass(frozen=True)
class FlowHealth:
    name: str
    last_success_at: datetime | None
    consecutive_failures: int
    last_failure_kind: str
    tolerance: timedelta
    late: bool

    def as_json(self) -> dict[str, object]:
        return {
            "last_success_at": self.last_success_at.isoformat() if self.last_success_at else None,
            "late": self.late,
            "tolerance_minutes": int(self.tolerance.total_seconds() // 60),
            "consecutive_failures": self.consecutive_failures,
            "last_failure_kind": self.last_failure_kind,
        }


def health(schedules: dict[str, str], now: datetime) -> list[FlowHealth]:
    rows = {row.name: row for row in FlowStatus.objects.filter(name__in=schedules)}
    installed = _installed_at()
    report = []
    for name, cron in sorted(schedules.items()):
        row = rows.get(name)
        allowed = tolerance(cron)
        success = row.last_success_at if row else None
        since = success or (row.first_started_at if row else installed)
        report.append(
            FlowHealth(
                name=name,
                last_success_at=success,
                consecutive_failures=row.consecutive_failures if row else 0,
                last_failure_kind=row.last_failure_kind if row else "",
                tolerance=allowed,
                late=since is not None and now - since > allowed,
            )
        )
    return report


def _installed_at() -> datetime | None:
    app, name = MIGRATION
    return (
        MigrationRecorder.Migration.objects.filter(app=app, name=name)
        .values_list("applied", flat=True)
        .first()
    )
