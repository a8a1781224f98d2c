"""Recognised holidays as versioned data, with their sources. Pure: no ORM, no clock.

Two calendars, because two laws extend a term that ends on a non-working day:
- "atw": the Algemene termijnenwet, for Dutch terms (the protocol's weeks). Art. 3(1):
  Nieuwjaarsdag,
  tweede Paas- en Pinksterdag, beide Kerstdagen, Hemelvaartsdag, the day the King's birthday is
  celebrated, 5 mei; art. 3(2): Goede Vrijdag; art. 3(3): days equated by royal decree (published
  in the Staatscourant), in practice the Friday after Hemelvaartsdag.
- "eu": Regulation 1182/71 art. 2(1) and 3(4), for EU terms (the AVG's month): the public holidays
  of the Member State. We use the statutory Dutch days (as "atw" without the days equated by royal
  decree, which are an instrument of the Atw only).

The King's birthday (27 April) is celebrated on 26 April when 27 April is a Sunday
(Besluit van 2013 tot vaststelling van de viering van Koningsdag).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

VERSION = "2026-11-1"
SOURCES = {
    "atw-3-1": "Algemene termijnenwet art. 3 lid 1 (Stb. 1964, 314, zoals gewijzigd)",
    "atw-3-2": "Algemene termijnenwet art. 3 lid 2 (Goede Vrijdag gelijkgesteld)",
    "atw-3-3": "Algemene termijnenwet art. 3 lid 3: koninklijk besluit tot gelijkstelling, Stcrt.",
    "koningsdag": "Besluit viering Koningsdag: op 26 april als 27 april op zondag valt",
    "eu-1182-71": "Verordening (EEG, Euratom) 1182/71 art. 2 lid 1 en art. 3 lid 4",
}

# Days equated by royal decree (Atw art. 3(3)) that we have verified; extend per decree.
EQUATED_BY_DECREE = {
    date(2025, 5, 30): "vrijdag na Hemelvaartsdag 2025",
    date(2026, 5, 15): "vrijdag na Hemelvaartsdag 2026",
    date(2027, 5, 7): "vrijdag na Hemelvaartsdag 2027",
}


def decree_known(year: int) -> bool:
    """Whether the royal decree equating days for `year` (Atw art. 3(3)) is in our data."""
    return any(day.year == year for day in EQUATED_BY_DECREE)


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str
    source: str


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def koningsdag(year: int) -> date:
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@cache
def holidays(year: int, calendar: str) -> dict[date, Holiday]:
    if calendar not in ("atw", "eu"):
        raise ValueError(f"unknown calendar {calendar!r}")
    source = "atw-3-1" if calendar == "atw" else "eu-1182-71"
    easter = easter_sunday(year)
    days = [
        Holiday(date(year, 1, 1), "Nieuwjaarsdag", source),
        Holiday(
            easter - timedelta(days=2), "Goede Vrijdag", "atw-3-2" if calendar == "atw" else source
        ),
        Holiday(easter + timedelta(days=1), "Tweede Paasdag", source),
        Holiday(koningsdag(year), "Koningsdag", "koningsdag"),
        Holiday(date(year, 5, 5), "Bevrijdingsdag (5 mei)", source),
        Holiday(easter + timedelta(days=39), "Hemelvaartsdag", source),
        Holiday(easter + timedelta(days=50), "Tweede Pinksterdag", source),
        Holiday(date(year, 12, 25), "Eerste Kerstdag", source),
        Holiday(date(year, 12, 26), "Tweede Kerstdag", source),
    ]
    if calendar == "atw":
        days += [
            Holiday(day, f"Gelijkgesteld bij koninklijk besluit ({why})", "atw-3-3")
            for day, why in EQUATED_BY_DECREE.items()
            if day.year == year
        ]
    return {h.day: h for h in days}


def non_working_reason(day: date, calendar: str) -> str | None:
    """Why `day` is not a working day under `calendar`, or None when it is one."""
    if day.weekday() == 5:
        return "zaterdag"
    if day.weekday() == 6:
        return "zondag"
    holiday = holidays(day.year, calendar).get(day)
    return f"{holiday.name} [{SOURCES[holiday.source]}]" if holiday else None
