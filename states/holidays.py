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

VERSION = "2026-11-2"
SOURCES = {
    "atw-3-1": "Algemene termijnenwet art. 3 lid 1 (Stb. 1964, 314, zoals gewijzigd)",
    "atw-3-2": "Algemene termijnenwet art. 3 lid 2 (Goede Vrijdag gelijkgesteld)",
    "atw-3-3": "Algemene termijnenwet art. 3 lid 3: koninklijk besluit tot gelijkstelling",
    "koningsdag": "Besluit viering Koningsdag: op 26 april als 27 april op zondag valt",
    "eu-1182-71": "Verordening (EEG, Euratom) 1182/71 art. 2 lid 1 en art. 3 lid 4",
    # The royal decrees under Atw art. 3(3), each covering a few years (titles as published).
    "kb-2023-2025": "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, "
    "27 december 2024 en 30 mei 2025 met een algemeen erkende feestdag",
    "kb-2026-2028": "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, "
    "28 april 2028 en 26 mei 2028 met een algemeen erkende feestdag",
}

# Days equated by royal decree (Atw art. 3(3)), each with the decree it comes from. The years a
# decree covers are "known"; a deadline in a later year says the decree is not in our data.
EQUATED_BY_DECREE = {
    date(2023, 4, 28): ("vrijdag na Koningsdag 2023", "kb-2023-2025"),
    date(2023, 5, 19): ("vrijdag na Hemelvaartsdag 2023", "kb-2023-2025"),
    date(2024, 5, 10): ("vrijdag na Hemelvaartsdag 2024", "kb-2023-2025"),
    date(2024, 12, 27): ("vrijdag na Tweede Kerstdag 2024", "kb-2023-2025"),
    date(2025, 5, 30): ("vrijdag na Hemelvaartsdag 2025", "kb-2023-2025"),
    date(2026, 1, 2): ("vrijdag na Nieuwjaarsdag 2026", "kb-2026-2028"),
    date(2026, 5, 15): ("vrijdag na Hemelvaartsdag 2026", "kb-2026-2028"),
    date(2027, 5, 7): ("vrijdag na Hemelvaartsdag 2027", "kb-2026-2028"),
    date(2028, 4, 28): ("vrijdag na Koningsdag 2028", "kb-2026-2028"),
    date(2028, 5, 26): ("vrijdag na Hemelvaartsdag 2028", "kb-2026-2028"),
}
DECREE_YEARS = {"kb-2023-2025": range(2023, 2026), "kb-2026-2028": range(2026, 2029)}


def decree_known(year: int) -> bool:
    """Whether the royal decree equating days for `year` (Atw art. 3(3)) is in our data."""
    return any(year in years for years in DECREE_YEARS.values())


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
            Holiday(day, f"Gelijkgesteld bij koninklijk besluit ({why})", decree)
            for day, (why, decree) in EQUATED_BY_DECREE.items()
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
