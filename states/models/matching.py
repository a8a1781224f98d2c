"""Applicant registrations from the allocation system, and matches with signaleringen (ch. 6, 12.1).

A registration is kept only as its number and a keyed hash of the identifying data: enough to
find a possible match, never the name or birth date in clear (data minimisation, ch. 12.1:
"de overige informatie ... is gescheiden van de informatie in de applicatie").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from states.crypto import EncryptedCharField, EncryptedDateField
from states.models.region import Samenwerkingsverband
from states.models.signalering import Signalering


class Inschrijving(models.Model):
    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.PROTECT)
    inschrijfnummer = models.CharField(max_length=40)
    match_sleutel = models.CharField(max_length=64, db_index=True)
    bijgewerkt_op = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "inschrijfnummer"], name="uniek_inschrijfnummer"
            )
        ]

    def __str__(self) -> str:
        return f"Inschrijving {self.inschrijfnummer}"


class Match(models.Model):
    class Status(models.TextChoices):
        MOGELIJK = "mogelijk", "Mogelijke match"
        BEVESTIGD = "bevestigd", "Bevestigd"
        AFGEWEZEN = "afgewezen", "Afgewezen"

    signalering = models.ForeignKey(Signalering, on_delete=models.CASCADE, related_name="matches")
    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="matches")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MOGELIJK)
    gevonden_op = models.DateTimeField()
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the applicant gave at the check that found the match, so the functionaris can
    # compare it with the signalering; kept (encrypted, never in history) only until judged.
    opgegeven_voornaam = EncryptedCharField(max_length=100, blank=True)
    opgegeven_achternaam = EncryptedCharField(max_length=150, blank=True)
    opgegeven_geboortedatum = EncryptedDateField(null=True, blank=True)
    history = HistoricalRecords(
        cascade_delete_history=True,
        excluded_fields=["opgegeven_voornaam", "opgegeven_achternaam", "opgegeven_geboortedatum"],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["signalering", "inschrijving"], name="uniek_match")
        ]

    def __str__(self) -> str:
        return f"Match #{self.pk}"
