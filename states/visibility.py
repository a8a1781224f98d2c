"""What an actor may see of a signalering (ch. 6, 8, 13, 14). Pure: no ORM, no clock.

- The primaire bron's own staff, the samenwerkingsverband and the privacy officer see the
  whole record (VOLLEDIG).
- Another corporation sees nothing until a blokkade, and then only *blocked / until / scope*
  (BLOKKADE), and only for region-wide categories: A and D block only at the primaire bron.
- Once ended, nothing is shared any more; after the purge only the anonymous tombstone is left,
  for the samenwerkingsverband and the privacy officer.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Protocol

from states.policy import REGIO
from states.roles import Actor, Rol


class Zicht(enum.Enum):
    GEEN = "geen"
    BLOKKADE = "blokkade"
    VOLLEDIG = "volledig"
    RESTANT = "restant"  # the anonymous tombstone


class SignaleringView(Protocol):
    state: str
    primaire_bron_id: int
    samenwerkingsverband_id: int
    reikwijdte: str
    blokkade_start: date | None
    blokkade_eind: date | None
    beperkt: bool


REGIO_VOLLEDIG = frozenset({Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER})
EIGEN_VOLLEDIG = frozenset({Rol.FUNCTIONARIS, Rol.BEVRAGER, Rol.DIRECTIE})
ANDERE_BLOKKADE = frozenset({Rol.FUNCTIONARIS, Rol.BEVRAGER})


def blokkade_geldt(sig: SignaleringView, vandaag: date) -> bool:
    return (
        not sig.beperkt  # a restriction (AVG art. 18) suspends the blokkade while it holds
        and sig.state == "geblokkeerd"
        and sig.blokkade_start is not None
        and sig.blokkade_eind is not None
        and sig.blokkade_start <= vandaag < sig.blokkade_eind
    )


def blokkeert_deelnemer(sig: SignaleringView, deelnemer_id: int | None, vandaag: date) -> bool:
    """Does this blokkade keep the person from housing at `deelnemer_id` (None: anywhere)?"""
    if not blokkade_geldt(sig, vandaag):
        return False
    return sig.reikwijdte == REGIO or deelnemer_id in (None, sig.primaire_bron_id)


def zicht(actor: Actor, sig: SignaleringView, vandaag: date) -> Zicht:
    if actor.samenwerkingsverband_id != sig.samenwerkingsverband_id:
        return Zicht.GEEN
    if sig.state == "verwijderd":
        return Zicht.RESTANT if actor.rol in REGIO_VOLLEDIG else Zicht.GEEN
    if actor.rol in REGIO_VOLLEDIG:
        return Zicht.VOLLEDIG
    if actor.rol in EIGEN_VOLLEDIG and actor.werkt_bij(sig.primaire_bron_id):
        return Zicht.VOLLEDIG
    if (
        actor.rol in ANDERE_BLOKKADE
        and sig.reikwijdte == REGIO
        and blokkeert_deelnemer(sig, actor.deelnemer_id, vandaag)
    ):
        return Zicht.BLOKKADE
    return Zicht.GEEN


def mag_wijzigen(actor: Actor, sig: SignaleringView) -> bool:
    """Only the primaire bron's functionaris, or the samenwerkingsverband, changes a signalering."""
    if actor.samenwerkingsverband_id != sig.samenwerkingsverband_id:
        return False
    if actor.rol in (Rol.MEDEWERKER_SWV, Rol.AUTOMAAT):
        return True
    return actor.rol == Rol.FUNCTIONARIS and actor.werkt_bij(sig.primaire_bron_id)
