"""Weging: a corporation's weighing when a blocked applicant comes forward (ch. 9).

"Indien [...] een kandidaat is geregistreerd op de signaleringslijst, dan maakt de deelnemer een
afweging of de kandidaat onder aanvullende voorwaarden wordt geaccepteerd als huurder, dan wel
wordt geweigerd." Recorded by the corporation that weighs, with its reasons; visible to the
primaire bron of each signalering behind the blokkade; part of the person's inzage (art. 15).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from states.models.matching import Inschrijving
from states.models.region import Deelnemer, Samenwerkingsverband
from states.models.signalering import Signalering


class WegingMoment(models.TextChoices):
    """The moments ch. 9 names at which the weighing becomes relevant."""

    KANDIDAAT = "kandidaat", "Kandidaat voor een woning na een reactie op het aanbod"
    URGENTIE = "urgentie", "Aanvraag voor urgentie"
    BEMIDDELING = (
        "bemiddeling",
        "Directe bemiddeling (bijvoorbeeld uitstroom maatschappelijke opvang)",
    )
    INSCHRIJVING = "inschrijving", "Inschrijving als woningzoekende"


class WegingUitkomst(models.TextChoices):
    GEWEIGERD = "geweigerd", "Geweigerd"
    VOORWAARDEN = "voorwaarden", "Geaccepteerd onder aanvullende voorwaarden"


class Weging(models.Model):
    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.PROTECT)
    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.PROTECT, related_name="+")
    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="+")
    # The signaleringen behind the blokkade at that moment: their primaire bron sees the
    # weighing, the person finds it in their inzage, and purging a signalering removes it.
    signaleringen = models.ManyToManyField(Signalering, related_name="wegingen")
    moment = models.CharField(max_length=12, choices=WegingMoment.choices)
    uitkomst = models.CharField(max_length=12, choices=WegingUitkomst.choices)
    voorwaarden = models.TextField(blank=True)
    motivering = models.TextField()
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Weging #{self.pk}"


class Wegingstelling(models.Model):
    """One weighing counted for the yearly report (ch. 9, 21), without anything of the person:
    which corporation, when (the month), at which moment, with which outcome. It stays when the
    weighing itself is erased with the signalering behind it, so a year's figures do not shrink
    as signaleringen are purged. Written with the weighing, in its transaction."""

    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.PROTECT)
    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.PROTECT, related_name="+")
    maand = models.DateField(help_text="The first day of the Amsterdam month it was recorded in.")
    moment = models.CharField(max_length=12, choices=WegingMoment.choices)
    uitkomst = models.CharField(max_length=12, choices=WegingUitkomst.choices)

    def __str__(self) -> str:
        return f"Wegingstelling #{self.pk}"
