"""What an actor may see of a signalering (ch. 6, 8, 13, 14). Pure: no ORM, no clock.

- The primaire bron's own staff, the samenwerkingsverband and the privacy officer see the
  whole record (VOLLEDIG).
- Another corporation never reads a signalering by id or in a list: it learns of a blokkade
  only through the match-check of a concrete applicant, or the purpose-bound opening of the
  category for that applicant (ch. 13), and only while the region-wide part runs: A and D block
  only at the primaire bron, and B + D region-wide only until its region part ends (ch. 7).
- Once ended, nothing is shared any more; after the purge only the anonymous tombstone is left,
  for the samenwerkingsverband and the privacy officer.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from states.policy import CORPORATIE, REGIO
from states.roles import Actor, Rol


class Zicht(enum.Enum):
    GEEN = "geen"
    VOLLEDIG = "volledig"
    RESTANT = "restant"  # the anonymous tombstone


class SignaleringView(Protocol):
    state: str
    primaire_bron_id: int
    samenwerkingsverband_id: int
    reikwijdte: str
    einddatum_regio: date | None
    blokkade_start: date | None
    blokkade_eind: date | None
    beperkt: bool


REGIO_VOLLEDIG = frozenset({Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER})
EIGEN_VOLLEDIG = frozenset({Rol.FUNCTIONARIS, Rol.BEVRAGER, Rol.DIRECTIE})
# Who may check an applicant and open the category of a blokkade that applies to them.
ANDERE_BLOKKADE = frozenset({Rol.FUNCTIONARIS, Rol.BEVRAGER})


def blokkade_geldt(sig: SignaleringView, vandaag: date) -> bool:
    return (
        not sig.beperkt  # a restriction (AVG art. 18) suspends the blokkade while it holds
        and sig.state == "geblokkeerd"
        and sig.blokkade_start is not None
        and sig.blokkade_eind is not None
        and sig.blokkade_start <= vandaag < sig.blokkade_eind
    )


def regio_deel_loopt(sig: SignaleringView, vandaag: date) -> bool:
    """The region-wide part (B, C, E) runs until its own end date, never that of A or D."""
    return sig.einddatum_regio is not None and vandaag < sig.einddatum_regio


@dataclass(frozen=True)
class Blokkade:
    """One scope of a blokkade: region-wide, or at the primaire bron only (ch. 7)."""

    reikwijdte: str
    tot: date
    deelnemer_id: int | None  # the corporation a corporation-scope part applies to


def blokkades(sig: SignaleringView, deelnemer_id: int | None, vandaag: date) -> list[Blokkade]:
    """The parts of this blokkade that keep the person from housing at `deelnemer_id`
    (None: the allocation system, which sees every part). Empty: not blocked there."""
    if not blokkade_geldt(sig, vandaag):
        return []
    result = []
    regio_tot = None
    if regio_deel_loopt(sig, vandaag):
        regio_tot = min(sig.blokkade_eind, sig.einddatum_regio)
        result.append(Blokkade(REGIO, regio_tot, None))
    if deelnemer_id in (None, sig.primaire_bron_id) and (
        regio_tot is None or sig.blokkade_eind > regio_tot
    ):
        result.append(Blokkade(CORPORATIE, sig.blokkade_eind, sig.primaire_bron_id))
    return result


def blokkeert_deelnemer(sig: SignaleringView, deelnemer_id: int | None, vandaag: date) -> bool:
    """Does this blokkade keep the person from housing at `deelnemer_id` (None: anywhere)?"""
    return bool(blokkades(sig, deelnemer_id, vandaag))


def ziet_volledig(actor: Actor, sig: SignaleringView) -> bool:
    """The whole record: the primaire bron's own staff, or the region roles (not a tombstone)."""
    if actor.samenwerkingsverband_id != sig.samenwerkingsverband_id or sig.state == "verwijderd":
        return False
    if actor.rol in REGIO_VOLLEDIG:
        return True
    return actor.rol in EIGEN_VOLLEDIG and actor.werkt_bij(sig.primaire_bron_id)


def zicht(actor: Actor, sig: SignaleringView, vandaag: date) -> Zicht:
    if actor.samenwerkingsverband_id != sig.samenwerkingsverband_id:
        return Zicht.GEEN
    if sig.state == "verwijderd":
        return Zicht.RESTANT if actor.rol in REGIO_VOLLEDIG else Zicht.GEEN
    if actor.rol in REGIO_VOLLEDIG:
        return Zicht.VOLLEDIG
    if actor.rol in EIGEN_VOLLEDIG and actor.werkt_bij(sig.primaire_bron_id):
        return Zicht.VOLLEDIG
    return Zicht.GEEN


def mag_wijzigen(actor: Actor, sig: SignaleringView) -> bool:
    """Only the primaire bron's functionaris, or the samenwerkingsverband, changes a signalering."""
    if actor.samenwerkingsverband_id != sig.samenwerkingsverband_id:
        return False
    if actor.rol in (Rol.MEDEWERKER_SWV, Rol.AUTOMAAT):
        return True
    return actor.rol == Rol.FUNCTIONARIS and actor.werkt_bij(sig.primaire_bron_id)
