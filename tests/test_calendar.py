"""The legal calendar on real dates. Each row says why it ends where it ends."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from states import calendar
from states.clock import AMSTERDAM
from states.holidays import easter_sunday, holidays, koningsdag


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=AMSTERDAM).replace(
        hour=hour
    )


WEEKS = [
    # received, weeks, raw end, last day, internal target, why
    (
        "2027-03-30",
        4,
        "2027-04-27",
        "2027-04-28",
        "2027-04-26",
        "ends on Koningsdag 2027 (Tuesday 27 April): runs to Wednesday; target stays Monday",
    ),
    (
        "2027-04-07",
        4,
        "2027-05-05",
        "2027-05-10",
        "2027-05-04",
        "ends on 5 May 2027 (Wednesday, Bevrijdingsdag); 6 May Hemelvaart, 7 May equated by "
        "royal decree, then the weekend: Monday 10 May",
    ),
    (
        "2026-03-06",
        4,
        "2026-04-03",
        "2026-04-07",
        "2026-04-02",
        "ends on Goede Vrijdag 2026 (3 April): skip Friday, weekend and Easter Monday to Tuesday",
    ),
    (
        "2026-03-09",
        4,
        "2026-04-06",
        "2026-04-07",
        "2026-04-02",
        "ends on Easter Monday 2026: Tuesday; the target rolls back over the Easter weekend and "
        "Goede Vrijdag to Thursday 2 April",
    ),
    (
        "2026-04-17",
        4,
        "2026-05-15",
        "2026-05-18",
        "2026-05-13",
        "ends on 15 May 2026, the Friday after Hemelvaart equated by royal decree: Monday 18 May; "
        "target before Hemelvaart (14 May): Wednesday 13 May",
    ),
    (
        "2026-11-27",
        4,
        "2026-12-25",
        "2026-12-28",
        "2026-12-24",
        "ends on Christmas Day 2026 (Friday): Boxing Day is Saturday, so Monday 28 December",
    ),
    (
        "2026-12-04",
        4,
        "2027-01-01",
        "2027-01-04",
        "2026-12-31",
        "across Christmas and New Year: ends on Nieuwjaarsdag (Friday) -> Monday 4 January",
    ),
    (
        "2026-11-07",
        4,
        "2026-12-05",
        "2026-12-07",
        "2026-12-04",
        "ends on a Saturday: Monday; target the Friday before",
    ),
    (
        "2026-11-23",
        4,
        "2026-12-21",
        "2026-12-21",
        "2026-12-21",
        "an ordinary Monday: nothing moves",
    ),
]


@pytest.mark.parametrize(("received", "n", "raw", "last", "target", "why"), WEEKS)
def test_protocol_weeks(received, n, raw, last, target, why):
    term = calendar.weeks(at(received), n)
    assert term.raw_end == date.fromisoformat(raw), why
    assert term.last_day == date.fromisoformat(last), why
    assert term.internal_target == date.fromisoformat(target), why
    assert term.internal_target <= term.raw_end <= term.last_day
    assert term.due_at == calendar.end_of_day(term.last_day)
    assert len(term.skipped) == (term.last_day - term.raw_end).days


MONTHS = [
    (
        "2027-01-31",
        1,
        "2027-02-28",
        "2027-03-01",
        "received 31 January 2027: no 31 February, so the month's last day; that is a Sunday -> "
        "Monday 1 March (1182/71 art. 3(2)(c) and 3(4))",
    ),
    (
        "2028-01-31",
        1,
        "2028-02-29",
        "2028-02-29",
        "leap year 2028: the month ends on Tuesday 29 February",
    ),
    ("2026-03-14", 1, "2026-04-14", "2026-04-14", "the same date next month, a Tuesday"),
    (
        "2026-03-03",
        1,
        "2026-04-03",
        "2026-04-07",
        "ends on Goede Vrijdag 2026 under the EU calendar too: Tuesday after Easter Monday",
    ),
    ("2026-11-25", 1, "2026-12-25", "2026-12-28", "Christmas: Monday 28 December"),
    (
        "2026-04-15",
        1,
        "2026-05-15",
        "2026-05-15",
        "15 May 2026 is equated only for Dutch terms (Atw), not in the EU list: the AVG month ends",
    ),
    ("2026-01-31", 3, "2026-04-30", "2026-04-30", "the AVG month extended by two: 3 months"),
]


@pytest.mark.parametrize(("received", "n", "raw", "last", "why"), MONTHS)
def test_avg_months(received, n, raw, last, why):
    term = calendar.months(at(received), n)
    assert term.raw_end == date.fromisoformat(raw), why
    assert term.last_day == date.fromisoformat(last), why


def test_receipt_late_in_the_evening_counts_on_its_amsterdam_day():
    # 23:30 UTC on 30 January is 00:30 on 31 January in Amsterdam: the day of receipt is the 31st.
    received = datetime.fromisoformat("2027-01-30T23:30:00+00:00")
    assert calendar.months(received, 1).raw_end == date(2027, 2, 28)


def test_terms_across_daylight_saving_changes_end_at_local_midnight():
    # 4 weeks from 10 March 2026 end on 7 April, after the switch to summer time (29 March):
    # the term ends at midnight Amsterdam time, which is 22:00 UTC in summer.
    summer = calendar.weeks(at("2026-03-10"), 4)
    assert summer.due_at.astimezone(AMSTERDAM).hour == 0
    assert summer.due_at.utcoffset() == timedelta(hours=2)
    assert summer.due_at.isoformat() == "2026-04-08T00:00:00+02:00"
    # 4 weeks from 10 October 2026 cross the switch back (25 October): midnight is 23:00 UTC.
    winter = calendar.weeks(at("2026-10-10"), 4)
    assert winter.last_day == date(2026, 11, 9)  # 7 November is a Saturday -> Monday 9th
    assert winter.due_at.isoformat() == "2026-11-10T00:00:00+01:00"


def test_72_hours_are_counted_in_hours_across_the_clock_change():
    # Breach discovered Saturday 28 March 2026 12:00 (CET); 72 real hours later it is
    # Tuesday 31 March 13:00 summer time: the lost hour of the DST change is not given back.
    found = datetime.fromisoformat("2026-03-28T12:00:00+01:00")
    term = calendar.hours(found, 72)
    assert term.due_at.astimezone(AMSTERDAM).isoformat() == "2026-03-31T13:00:00+02:00"


def test_every_term_says_how_it_was_computed():
    journal = calendar.weeks(at("2027-03-30"), 4).journal()
    assert journal["rule"] == "weken-atw"
    assert journal["skipped"] == [{"day": "2027-04-27", "reason": journal["skipped"][0]["reason"]}]
    assert "Koningsdag" in journal["skipped"][0]["reason"]
    assert "Algemene termijnenwet" in journal["explanation"]
    assert journal["holiday_data"]


def test_suspension_moves_the_raw_end_and_rolls_again():
    term = calendar.weeks(at("2026-11-23"), 4)  # raw end Monday 21 December
    moved = calendar.shifted(term, 4, "opgeschort 4 dagen: wacht op antwoord betrokkene")
    assert moved.raw_end == date(2026, 12, 25)
    assert moved.last_day == date(2026, 12, 28)  # Christmas and Boxing Day, then Sunday
    assert "opgeschort" in moved.explanation


@pytest.mark.parametrize(
    ("year", "easter", "kings"),
    [
        (2026, date(2026, 4, 5), date(2026, 4, 27)),
        (2027, date(2027, 3, 28), date(2027, 4, 27)),
        (2025, date(2025, 4, 20), date(2025, 4, 26)),  # 27 April 2025 was a Sunday
        (2028, date(2028, 4, 16), date(2028, 4, 27)),
    ],
)
def test_easter_and_koningsdag(year, easter, kings):
    assert easter_sunday(year) == easter
    assert koningsdag(year) == kings
    assert kings in holidays(year, "atw")


def test_equated_days_belong_to_the_atw_calendar_only():
    assert date(2027, 5, 7) in holidays(2027, "atw")
    assert date(2027, 5, 7) not in holidays(2027, "eu")
    assert date(2026, 4, 3) in holidays(2026, "eu")  # Goede Vrijdag in both


@pytest.mark.parametrize(
    ("receipt", "last_day", "rule"),
    [
        # Monday 23 Nov 2026: four weeks (21 Dec) before one month (23 Dec): the protocol's.
        ("2026-11-23T10:00:00+01:00", date(2026, 12, 21), "weken-atw"),
        # Wed 7 Apr 2027: four weeks hit 5 mei, Hemelvaart and the decree Friday → Mon 10 May;
        # the AVG month ends Friday 7 May, an ordinary day under 1182/71: the month is earlier.
        ("2027-04-07T10:00:00+02:00", date(2027, 5, 7), "maanden-avg"),
        # Leap year: four weeks after 31 Jan 2028 end on 28 Feb, the month on 29 Feb.
        ("2028-01-31T10:00:00+01:00", date(2028, 2, 28), "weken-atw"),
    ],
)
def test_ch15_art12_rights_request_takes_the_earlier_of_four_weeks_and_one_month(
    receipt, last_day, rule
):
    term = calendar.earliest(datetime.fromisoformat(receipt), 4, 1)
    assert (term.last_day, term.rule) == (last_day, rule)
    assert [c["rule"] for c in term.compared] == ["weken-atw", "maanden-avg"]
    assert "Algemene termijnenwet" in term.explanation and "1182/71" in term.explanation
    assert calendar.Termijn.from_journal(term.journal()).compared == term.compared


@pytest.mark.parametrize(
    ("year", "friday", "known"),
    [
        (2025, date(2025, 5, 30), True),
        (2026, date(2026, 5, 15), True),
        (2027, date(2027, 5, 7), True),
        (2028, date(2028, 5, 26), True),
        (2029, date(2029, 5, 11), False),  # no decree for 2029 in our data yet
    ],
)
def test_atw_3_3_decree_days_per_year_and_a_missing_decree_is_said(year, friday, known):
    from states.holidays import decree_known, non_working_reason

    assert decree_known(year) is known
    reason = non_working_reason(friday, "atw")
    assert (reason is not None and "koninklijk besluit" in reason) is known
    if known:  # each equated day names the decree it comes from
        assert "Besluit gelijkstelling van" in reason and str(year) in reason
    start = datetime.combine(friday - timedelta(weeks=1), datetime.min.time(), tzinfo=AMSTERDAM)
    text = calendar.weeks(start, 1).explanation
    assert ("geen besluit tot gelijkstelling" in text) is (not known)


@pytest.mark.parametrize(
    ("day", "decree"),
    [
        (date(2024, 12, 27), "27 december 2024"),  # Friday after Christmas
        (date(2026, 1, 2), "2 januari 2026"),  # Friday after New Year
        (date(2028, 4, 28), "28 april 2028"),  # Friday after Koningsdag
    ],
)
def test_atw_3_3_every_day_of_the_decrees_is_equated_under_the_atw_only(day, decree):
    from states.holidays import non_working_reason

    assert decree in non_working_reason(day, "atw")
    assert non_working_reason(day, "eu") is None  # an instrument of the Atw, not of 1182/71
