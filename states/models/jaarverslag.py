"""Jaarverslag: the yearly duty of ch. 22 — "Van de bevindingen ... wordt jaarlijks verslag
uitgebracht aan de verantwoordelijken van het samenwerkingsverband/de deelnemers".

    open ──breng_uit (the report as PDF, kept as it was sent)──▶ uitgebracht

Opened by the scheduled flow in the first quarter for the year before, with a deadline the
region's staff are reminded of and, when it passes, escalated to the privacy officer and the
participants' directie. Bringing it out keeps the PDF exactly as sent (with its SHA-256), so an
auditor reads what the board read, whatever later changes to the cases' outcomes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.models.deadline import DeadlineKind
from states.models.region import ProtocolVersie, Samenwerkingsverband
from states.roles import Rol


class JaarverslagState(models.TextChoices):
    OPEN = "open", "Nog uit te brengen"
    UITGEBRACHT = "uitgebracht", "Uitgebracht"


class Jaarverslag(ConcurrentTransitionMixin, models.Model):
    CASE_TYPE = "jaarverslag"

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="+"
    )
    protocol_versie = models.ForeignKey(ProtocolVersie, on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    state = FSMField(
        default=JaarverslagState.OPEN, choices=JaarverslagState.choices, protected=True
    )
    geopend_op = models.DateTimeField(help_text="The term runs from here.")
    uitgebracht_op = models.DateTimeField(null=True, blank=True)
    uitgebracht_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    gewijzigd_op = models.DateTimeField()
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "jaar"], name="een_jaarverslag_per_jaar"
            )
        ]

    def __str__(self) -> str:
        return f"Jaarverslag {self.jaar}"

    # A periodic duty: reminders go to whoever carries it out, region-wide.
    beoordelaar_rol = Rol.MEDEWERKER_SWV
    deelnemer_id = None

    def required_deadlines(self) -> set[str]:
        return {DeadlineKind.JAARVERSLAG} if self.state == JaarverslagState.OPEN else set()

    FULFILS = {JaarverslagState.UITGEBRACHT: {DeadlineKind.JAARVERSLAG}}

    @transition(field=state, source=JaarverslagState.OPEN, target=JaarverslagState.UITGEBRACHT)
    def breng_uit(self) -> None:
        """Sent to the participants' directie and the privacy officer, the PDF kept."""
