"""Controle: the periodic checks the protocol asks of the region and of each corporation.

- **proces** (ch. 8): "Elk half jaar wordt het proces rondom signaleringen gecontroleerd door
  een geautoriseerde collega van Woning in Zicht" — region-wide, by the samenwerkingsverband.
- **verificatie** (ch. 11): each corporation checks that what it entered is "juist en
  nauwkeurig", by "periodieke controle van de ingevoerde gegevens" — by its functionaris.

    open ──rond_af (findings)──▶ afgerond

Opened by the scheduled flow each half year with a checklist built from the data at that moment
(counts, and which records to look at). A check not finished in time is escalated like any
deadline and stays open until it is done.
"""

from __future__ import annotations

from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.models.deadline import DeadlineKind
from states.models.region import Deelnemer, ProtocolVersie, Samenwerkingsverband
from states.roles import Rol


class ControleSoort(models.TextChoices):
    PROCES = "proces", "Halfjaarlijkse procescontrole (hoofdstuk 8)"
    VERIFICATIE = "verificatie", "Verificatie van de ingevoerde gegevens (hoofdstuk 11)"


class ControleState(models.TextChoices):
    OPEN = "open", "Open"
    AFGEROND = "afgerond", "Afgerond"


class Controle(ConcurrentTransitionMixin, models.Model):
    CASE_TYPE = "controle"

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="+"
    )
    protocol_versie = models.ForeignKey(ProtocolVersie, on_delete=models.PROTECT, related_name="+")
    deelnemer = models.ForeignKey(
        Deelnemer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    soort = models.CharField(max_length=12, choices=ControleSoort.choices)
    periode = models.CharField(max_length=7, help_text="Jaar en halfjaar, bv. 2027-1.")
    state = FSMField(default=ControleState.OPEN, choices=ControleState.choices, protected=True)
    checklist = models.JSONField(
        default=list, help_text="[{code, vraag, aantal, zaken}] as the data stood at opening."
    )
    bevindingen = models.TextField(blank=True)
    geopend_op = models.DateTimeField()
    afgerond_op = models.DateTimeField(null=True, blank=True)
    gewijzigd_op = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "soort", "deelnemer", "periode"],
                nulls_distinct=False,
                name="een_controle_per_periode",
            )
        ]

    def __str__(self) -> str:
        return f"Controle #{self.pk}"

    @property
    def termijn(self) -> str:
        return (
            DeadlineKind.CONTROLE_PROCES
            if self.soort == ControleSoort.PROCES
            else DeadlineKind.CONTROLE_VERIFICATIE
        )

    @property
    def beoordelaar_rol(self) -> str:
        """The region's own colleague (ch. 8), or the corporation's functionaris (ch. 11)."""
        return Rol.MEDEWERKER_SWV if self.soort == ControleSoort.PROCES else Rol.FUNCTIONARIS

    def required_deadlines(self) -> set[str]:
        return {self.termijn} if self.state == ControleState.OPEN else set()

    @property
    def FULFILS(self) -> dict[str, set[str]]:  # noqa: N802 - the name every case machine uses
        return {ControleState.AFGEROND: {self.termijn}}

    @transition(field=state, source=ControleState.OPEN, target=ControleState.AFGEROND)
    def rond_af(self) -> None:
        """Done: the findings are recorded."""
