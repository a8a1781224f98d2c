"""Who may do what (protocol ch. 14): the roles, and the actor a service acts for."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class Rol(models.TextChoices):
    FUNCTIONARIS = "functionaris", "Geautoriseerd functionaris"
    BEVRAGER = "bevrager", "Bevrager"
    MEDEWERKER_SWV = "medewerker_swv", "Medewerker samenwerkingsverband"
    PRIVACY_OFFICER = "privacy_officer", "Privacy officer / FG"
    DIRECTIE = "directie", "Directie"
    SECRETARIS_GC = "secretaris_gc", "Secretaris Geschillencommissie"
    SYSTEEM = "systeem", "Extern systeem (woonruimteverdeling)"
    AUTOMAAT = "automaat", "Automatische verwerking (termijnbewaking)"
    BETROKKENE = "betrokkene", "Betrokkene"


# Roles bound to one corporation; the others act for the whole samenwerkingsverband.
DEELNEMER_ROLLEN = frozenset({Rol.FUNCTIONARIS, Rol.BEVRAGER, Rol.DIRECTIE})


class NotAllowed(Exception):
    """The actor may not do this (→ 403)."""


class NotPossible(Exception):
    """Not possible in the current state (→ 409)."""


@dataclass(frozen=True)
class Actor:
    """The person or system a service acts for; built from a user by `states.access`."""

    user_id: int | None
    rol: str
    samenwerkingsverband_id: int
    deelnemer_id: int | None = None
    naam: str = ""

    @classmethod
    def automaat(cls, samenwerkingsverband_id: int) -> Actor:
        """The scheduled flows: they act on deadlines the protocol sets, not on anyone's say."""
        return cls(None, Rol.AUTOMAAT, samenwerkingsverband_id, None, "termijnbewaking")

    @property
    def is_regio_breed(self) -> bool:
        return self.rol not in DEELNEMER_ROLLEN

    def werkt_bij(self, deelnemer_id: int) -> bool:
        return self.deelnemer_id == deelnemer_id
