"""What a yearly report covers: one region, or one corporation in it, over one Amsterdam year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from states.clock import AMSTERDAM

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class Bereik:
    samenwerkingsverband_id: int
    jaar: int
    deelnemer_id: int | None = None  # None: the whole region

    @property
    def begin(self) -> datetime:
        return datetime(self.jaar, 1, 1, tzinfo=AMSTERDAM)

    @property
    def einde(self) -> datetime:
        """The first instant after the year (exclusive)."""
        return datetime(self.jaar + 1, 1, 1, tzinfo=AMSTERDAM)

    @property
    def eerste_dag(self) -> date:
        return date(self.jaar, 1, 1)

    @property
    def laatste_dag(self) -> date:
        return date(self.jaar, 12, 31)

    def maandbegin(self) -> list[datetime]:
        """The first instant of each Amsterdam month of the year, and of the next year."""
        return [datetime(self.jaar, m, 1, tzinfo=AMSTERDAM) for m in range(1, 13)] + [self.einde]

    def in_jaar(self, veld: str) -> dict[str, Any]:
        """ORM lookups for an instant field inside the year."""
        return {f"{veld}__gte": self.begin, f"{veld}__lt": self.einde}


@dataclass
class Tabel:
    """One table of the report: shown on the page and in the PDF, and exported as CSV."""

    sleutel: str  # the CSV's name; unique within a report
    titel: str
    uitleg: str
    kolommen: list[str]
    rijen: list[list[Any]] = field(default_factory=list)
    leeg: str = "Niets te melden over dit jaar."

    @property
    def koppen(self) -> list[tuple[str, bool]]:
        """Each column's heading, and whether it holds numbers (set right, like its figures)."""
        return [
            (naam, i > 0 and any(isinstance(r[i], int | float) for r in self.rijen))
            for i, naam in enumerate(self.kolommen)
        ]

    def kolom(self, naam: str) -> list[Any]:
        i = self.kolommen.index(naam)
        return [r[i] for r in self.rijen]

    def waarde(self, rij: str, kolom: str) -> Any:
        """The cell in the row whose first cell is `rij` (for tests and the charts)."""
        i = self.kolommen.index(kolom)
        for r in self.rijen:
            if r[0] == rij:
                return r[i]
        raise KeyError(rij)


def corporatie(namen: dict[int, str], deelnemer_id: int | None) -> str:
    """A corporation's name in a report row; the region's own staff and duties have none."""
    return namen.get(deelnemer_id, REGIO) if deelnemer_id else REGIO


REGIO = "Samenwerkingsverband"


def aandeel(deel: int, geheel: int) -> str:
    """A share as Dutch readers write it: '92%', or '—' when there is nothing to divide."""
    if not geheel:
        return "—"
    return f"{round(100 * deel / geheel)}%"
