"""Toegangstoets: the half-yearly review of who may use the list (ch. 14.1: "Toegangsrechten
worden regelmatig getoetst en personele wijzigingen [...] worden direct doorgevoerd").

    open ──rond_af──▶ afgerond
      └───verloop (the deadline passed)──▶ verlopen

One per corporation per half year, and one for the region's own staff, opened by the scheduled
flow from 1 January and 1 July. Every active user with a role is listed as it stood at opening.
The corporation's directie (for the region's own staff: the privacy officer) confirms each or
withdraws it; a withdrawal takes effect at once. At the deadline, whoever is not confirmed loses
access.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.models.deadline import DeadlineKind
from states.models.region import Deelnemer, Medewerker, ProtocolVersie, Samenwerkingsverband
from states.roles import Rol


class ToegangstoetsState(models.TextChoices):
    OPEN = "open", "Open"
    AFGEROND = "afgerond", "Afgerond"
    VERLOPEN = "verlopen", "Verlopen: wie niet was bevestigd, verloor de toegang"


class Toegangstoets(ConcurrentTransitionMixin, models.Model):
    CASE_TYPE = "toegangstoets"

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="+"
    )
    protocol_versie = models.ForeignKey(ProtocolVersie, on_delete=models.PROTECT, related_name="+")
    deelnemer = models.ForeignKey(
        Deelnemer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leeg: de eigen medewerkers van het samenwerkingsverband.",
    )
    periode = models.CharField(max_length=7, help_text="Jaar en halfjaar, bv. 2027-1.")
    state = FSMField(
        default=ToegangstoetsState.OPEN, choices=ToegangstoetsState.choices, protected=True
    )
    geopend_op = models.DateTimeField(help_text="The term runs from here.")
    afgerond_op = models.DateTimeField(null=True, blank=True)
    gewijzigd_op = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "deelnemer", "periode"],
                nulls_distinct=False,
                name="een_toegangstoets_per_periode",
            )
        ]

    def __str__(self) -> str:
        return f"Toegangstoets #{self.pk}"

    @property
    def beoordelaar_rol(self) -> str:
        """Who confirms: the corporation's directie, or for the region's staff its privacy
        officer (a corporation answers for its own people; ch. 14, 18)."""
        return Rol.DIRECTIE if self.deelnemer_id else Rol.PRIVACY_OFFICER

    def required_deadlines(self) -> set[str]:
        return {DeadlineKind.TOEGANGSTOETS} if self.state == ToegangstoetsState.OPEN else set()

    FULFILS = {ToegangstoetsState.AFGEROND: {DeadlineKind.TOEGANGSTOETS}}

    @transition(field=state, source=ToegangstoetsState.OPEN, target=ToegangstoetsState.AFGEROND)
    def rond_af(self) -> None:
        """Every user judged: confirmed or withdrawn."""

    @transition(field=state, source=ToegangstoetsState.OPEN, target=ToegangstoetsState.VERLOPEN)
    def verloop(self) -> None:
        """The deadline passed: users not confirmed lose access."""


class Oordeel(models.TextChoices):
    OPEN = "open", "Nog niet beoordeeld"
    BEVESTIGD = "bevestigd", "Bevestigd"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class ToegangstoetsRegel(models.Model):
    """One user and the role they had when the review opened, and the judgement."""

    toets = models.ForeignKey(Toegangstoets, on_delete=models.CASCADE, related_name="regels")
    medewerker = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(max_length=30, choices=Rol.choices)
    oordeel = models.CharField(max_length=12, choices=Oordeel.choices, default=Oordeel.OPEN)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["toets", "medewerker"], name="een_regel_per_medewerker")
        ]

    def __str__(self) -> str:
        return f"Regel #{self.pk} van {self.toets}"
