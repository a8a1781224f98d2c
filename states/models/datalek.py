"""Datalek: a personal data breach (privacyreglement §8, AVG art. 33).

    gemeld ──beoordeel──▶ beoordeeld ──meld_ap──▶ gemeld_ap ──sluit──▶ afgesloten
       └─────────────────────┴──niet_meldplichtig (reasons)──▶ niet_meldplichtig ──sluit──┘

Deadline: notify the Autoriteit Persoonsgegevens within 72 hours of discovery, or record with
reasons why it is not notifiable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.models.case import TERMIJN_VELDEN, EersteTermijn
from states.models.deadline import DeadlineKind
from states.models.region import Deelnemer, ProtocolVersie, Samenwerkingsverband


class DatalekState(models.TextChoices):
    GEMELD = "gemeld", "Gemeld"
    BEOORDEELD = "beoordeeld", "Beoordeeld"
    GEMELD_AP = "gemeld_ap", "Gemeld bij de Autoriteit Persoonsgegevens"
    NIET_MELDPLICHTIG = "niet_meldplichtig", "Niet meldplichtig (met redenen)"
    AFGESLOTEN = "afgesloten", "Afgesloten"


class Datalek(ConcurrentTransitionMixin, EersteTermijn):
    CASE_TYPE = "datalek"

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="+"
    )
    protocol_versie = models.ForeignKey(ProtocolVersie, on_delete=models.PROTECT, related_name="+")
    deelnemer = models.ForeignKey(
        Deelnemer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = FSMField(default=DatalekState.GEMELD, choices=DatalekState.choices, protected=True)
    ontdekt_op = models.DateTimeField(help_text="Awareness: the 72 hours run from here.")
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    omschrijving = models.TextField()
    beoordeling = models.TextField(blank=True)
    ap_kenmerk = models.CharField(max_length=100, blank=True)
    gemeld_ap_op = models.DateTimeField(null=True, blank=True)
    geregistreerd_op = models.DateTimeField()
    gewijzigd_op = models.DateTimeField()
    # AVG art. 34: a high risk to the people concerned means telling them, in plain words,
    # without undue delay (ADR 0007: 72 hours from the assessment).
    hoog_risico = models.BooleanField(default=False)
    hoog_risico_op = models.DateTimeField(null=True, blank=True)
    betrokken_signaleringen = models.ManyToManyField(
        "states.Signalering", blank=True, related_name="+"
    )
    uitleg_betrokkenen = models.TextField(blank=True, help_text="Wat er gebeurde, in gewone taal.")
    gevolgen = models.TextField(blank=True, help_text="De waarschijnlijke gevolgen (art. 34(2)).")
    maatregelen = models.TextField(blank=True, help_text="Genomen en voorgestelde maatregelen.")
    betrokkenen_geinformeerd_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=TERMIJN_VELDEN)

    class Meta(EersteTermijn.Meta):
        pass

    def __str__(self) -> str:
        return f"Datalek #{self.pk}"

    @transition(field=state, source=DatalekState.GEMELD, target=DatalekState.BEOORDEELD)
    def beoordeel(self) -> None:
        """Risk to the persons concerned assessed."""

    @transition(
        field=state,
        source=[DatalekState.GEMELD, DatalekState.BEOORDEELD],
        target=DatalekState.GEMELD_AP,
    )
    def meld_ap(self) -> None:
        """Notified to the Autoriteit Persoonsgegevens (with its reference)."""

    @transition(
        field=state,
        source=[DatalekState.GEMELD, DatalekState.BEOORDEELD],
        target=DatalekState.NIET_MELDPLICHTIG,
    )
    def niet_meldplichtig(self) -> None:
        """Not notifiable: unlikely to result in a risk; the reasons are recorded (art. 33(5))."""

    @transition(
        field=state,
        source=[DatalekState.GEMELD_AP, DatalekState.NIET_MELDPLICHTIG],
        target=DatalekState.AFGESLOTEN,
    )
    def sluit(self) -> None:
        """Closed."""

    @property
    def moet_betrokkenen_informeren(self) -> bool:
        return self.hoog_risico and self.betrokkenen_geinformeerd_op is None

    def required_deadlines(self) -> set[str]:
        required = set()
        if self.state in (DatalekState.GEMELD, DatalekState.BEOORDEELD):
            required.add(DeadlineKind.DATALEK_MELDEN)
        if self.moet_betrokkenen_informeren:
            required.add(DeadlineKind.DATALEK_BETROKKENEN)
        return required

    @property
    def FULFILS(self) -> dict[str, set[str]]:  # noqa: N802 - the name every case machine uses
        informed = {DeadlineKind.DATALEK_BETROKKENEN} if self.betrokkenen_geinformeerd_op else set()
        return {
            DatalekState.GEMELD: informed,
            DatalekState.BEOORDEELD: informed,
            DatalekState.GEMELD_AP: {DeadlineKind.DATALEK_MELDEN} | informed,
            DatalekState.NIET_MELDPLICHTIG: {DeadlineKind.DATALEK_MELDEN} | informed,
        }
