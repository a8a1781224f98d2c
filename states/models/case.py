"""What every case (verzoek, klacht, geschil, datalek) shares: who filed it, when it was really
received, how it came in, and the protocol version it runs under."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from states.models.region import Deelnemer, ProtocolVersie, Samenwerkingsverband
from states.models.signalering import Signalering


class Kanaal(models.TextChoices):
    PORTAAL = "portaal", "Portaal"
    API = "api", "API"
    BRIEF = "brief", "Brief"
    EMAIL = "email", "E-mail"
    BALIE = "balie", "Balie / telefoon"


TERMIJN_VELDEN = ["termijn_due", "termijn_kind", "termijn_last_day"]


class EersteTermijn(models.Model):
    """The case's earliest pending deadline — open, or missed (escalated) and not yet fulfilled —
    kept by the database in the statement that changes the deadlines (migration 0015, ADR 0014):
    the lists and work queues sort and filter on it with an index, instead of a subquery per
    case. The application cannot write it (a save keeps the database's values), and it stays out
    of the case's history and the API's answer: it is the deadlines' own. Only the kinds with a
    staff list carry it (verzoek, klacht, geschil, datalek: the triggers name them); a new kind
    that joins the lists needs a migration adding it there."""

    termijn_due = models.DateTimeField(null=True, blank=True, editable=False)
    termijn_kind = models.CharField(max_length=30, blank=True, default="", editable=False)
    termijn_last_day = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        indexes = [
            models.Index(
                fields=["samenwerkingsverband", "termijn_due", "id"], name="%(class)s_regio_termijn"
            )
        ]


class CaseBase(models.Model):
    CASE_TYPE = ""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="+"
    )
    protocol_versie = models.ForeignKey(ProtocolVersie, on_delete=models.PROTECT, related_name="+")
    primaire_bron = models.ForeignKey(
        Deelnemer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signalering = models.ForeignKey(
        Signalering, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The legal clock starts at the actual receipt, not at data entry (Kanaal.BRIEF, BALIE).
    ontvangen_op = models.DateTimeField()
    geregistreerd_op = models.DateTimeField()
    kanaal = models.CharField(max_length=10, choices=Kanaal.choices)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    indiener = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    indiener_naam = models.CharField(max_length=200)
    indiener_email = models.EmailField(blank=True)
    indiener_adres = models.CharField(max_length=300, blank=True)
    toelichting = models.TextField(blank=True)
    taal = models.CharField(
        max_length=2, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )
    gewijzigd_op = models.DateTimeField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.CASE_TYPE.capitalize()} #{self.pk}"
