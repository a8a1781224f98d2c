"""The legal calendar: when a term ends, and why. Pure: no ORM, no clock.

- Weeks (the protocol, a Dutch term): the day of the event is not counted; N weeks end on the same
  weekday N weeks later; a term ending on a Saturday, Sunday or recognised holiday runs to the end
  of the next working day (Algemene termijnenwet art. 1).
- Months (the AVG art. 12(3), an EU term): counted as Regulation 1182/71 art. 3 counts: the day of
  receipt is not counted (3(1)); the term ends at the end of the day with the same date N months
  later, or the last day of that month when it has no such date (3(2)(c)); a term ending on a
  Saturday, Sunday or holiday ends at the end of the next working day (3(4)).
- Hours (AVG art. 33: 72 hours): counted from the moment, no calendar adjustment.

Every result says how it was computed (rule, start, term, days skipped and why) so a privacy
officer can check it, and carries an internal target date that never moves later than the raw
end date: on a non-working day it moves earlier, to the last working day before.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from states.clock import AMSTERDAM
from states.holidays import VERSION, decree_known, non_working_reason
from states.policy import add_months

RULES = {
    "weken-atw": ("atw", "Protocol: weken; Algemene termijnenwet art. 1 bij weekend of feestdag"),
    "maanden-avg": ("eu", "AVG art. 12 lid 3; Verordening 1182/71 art. 3"),
    "uren": (None, "Uren vanaf het moment (AVG art. 33); geen kalenderaanpassing"),
}


@dataclass(frozen=True)
class Termijn:
    """A computed term: the legal last day, the instant it ends, the internal target, and why."""

    rule: str
    start: datetime
    amount: int
    unit: str
    raw_end: date | None
    last_day: date | None
    due_at: datetime  # the first instant after the term: escalate at or after this
    internal_target: date | None
    skipped: list[dict[str, str]] = field(default_factory=list)
    explanation: str = ""
    # When two rules apply (protocol weeks and AVG month), both computations, for the record.
    compared: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def from_journal(cls, data: dict[str, Any]) -> Termijn:
        def day(key: str) -> date | None:
            return date.fromisoformat(data[key]) if data.get(key) else None

        return cls(
            rule=data["rule"],
            start=datetime.fromisoformat(data["start"]),
            amount=data["amount"],
            unit=data["unit"],
            raw_end=day("raw_end"),
            last_day=day("last_day"),
            due_at=datetime.fromisoformat(data["due_at"]),
            internal_target=day("internal_target"),
            skipped=list(data.get("skipped", [])),
            explanation=data.get("explanation", ""),
            compared=list(data.get("compared", [])),
        )

    def journal(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("start", "due_at"):
            data[key] = data[key].isoformat()
        for key in ("raw_end", "last_day", "internal_target"):
            data[key] = data[key].isoformat() if data[key] else None
        data["holiday_data"] = VERSION
        return data


def end_of_day(day: date) -> datetime:
    """The first instant after `day` in Amsterdam (DST-aware), as an aware datetime."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=AMSTERDAM)


def _roll_forward(day: date, calendar: str) -> tuple[date, list[dict[str, str]]]:
    skipped = []
    while (reason := non_working_reason(day, calendar)) is not None:
        skipped.append({"day": day.isoformat(), "reason": reason})
        day += timedelta(days=1)
    return day, skipped


def _roll_back(day: date, calendar: str) -> date:
    while non_working_reason(day, calendar) is not None:
        day -= timedelta(days=1)
    return day


def _local_day(start: datetime) -> date:
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    return start.astimezone(AMSTERDAM).date()


def _finish(rule: str, start: datetime, amount: int, unit: str, raw_end: date) -> Termijn:
    calendar, text = RULES[rule]
    last_day, skipped = _roll_forward(raw_end, calendar)
    moved = f"; verschoven naar {last_day.isoformat()}" if skipped else ""
    if calendar == "atw":
        missing = [
            y for y in range(_local_day(start).year, last_day.year + 1) if not decree_known(y)
        ]
        if missing:
            moved += (
                f"; let op: voor {', '.join(map(str, missing))} staat geen besluit tot "
                "gelijkstelling (Atw art. 3 lid 3) in de gegevens"
            )
    return Termijn(
        rule=rule,
        start=start,
        amount=amount,
        unit=unit,
        raw_end=raw_end,
        last_day=last_day,
        due_at=end_of_day(last_day),
        internal_target=_roll_back(raw_end, calendar),
        skipped=skipped,
        explanation=f"{text}: {amount} {unit} na {_local_day(start).isoformat()} = "
        f"{raw_end.isoformat()}{moved}",
    )


def weeks(start: datetime, amount: int) -> Termijn:
    raw_end = _local_day(start) + timedelta(weeks=amount)
    return _finish("weken-atw", start, amount, "weken", raw_end)


def months(start: datetime, amount: int) -> Termijn:
    raw_end = add_months(_local_day(start), amount)
    return _finish("maanden-avg", start, amount, "maanden", raw_end)


def hours(start: datetime, amount: int) -> Termijn:
    due = start + timedelta(hours=amount)
    return Termijn(
        rule="uren",
        start=start,
        amount=amount,
        unit="uren",
        raw_end=None,
        last_day=None,
        due_at=due,
        internal_target=None,
        explanation=f"{RULES['uren'][1]}: {amount} uur na {start.isoformat()}",
    )


def earliest(start: datetime, weeks_amount: int, months_amount: int) -> Termijn:
    """A rights request: the protocol's weeks (Atw) and the AVG's month (1182/71) both bind,
    so the earlier end applies (ch. 15, art. 12(3)). Both computations are kept."""
    protocol, avg = weeks(start, weeks_amount), months(start, months_amount)
    chosen = min(protocol, avg, key=lambda t: (t.due_at, t.rule != "weken-atw"))
    compared = [
        {"rule": t.rule, "last_day": t.last_day.isoformat(), "explanation": t.explanation}
        for t in (protocol, avg)
    ]
    return Termijn(
        **{
            **asdict(chosen),
            "internal_target": min(protocol.internal_target, avg.internal_target),
            "compared": compared,
            "explanation": f"De vroegste van twee termijnen geldt ({chosen.last_day.isoformat()})."
            f" {protocol.explanation}. {avg.explanation}.",
        }
    )


def compute(rule: str, start: datetime, amount: int) -> Termijn:
    return {"weken-atw": weeks, "maanden-avg": months, "uren": hours}[rule](start, amount)


def shifted(termijn: Termijn, days: int, why: str) -> Termijn:
    """The same term with its raw end moved by `days` calendar days (a suspension), re-rolled."""
    if termijn.raw_end is None:
        return Termijn(
            **{
                **asdict(termijn),
                "due_at": termijn.due_at + timedelta(days=days),
                "explanation": f"{termijn.explanation}; {why}",
            }
        )
    moved = _finish(
        termijn.rule,
        termijn.start,
        termijn.amount,
        termijn.unit,
        termijn.raw_end + timedelta(days=days),
    )
    return Termijn(**{**asdict(moved), "explanation": f"{moved.explanation}; {why}"})
