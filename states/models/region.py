"""The region: samenwerkingsverband, its deelnemers, its protocol versions and its staff."""

from __future__ import annotations

import json
from functools import lru_cache

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from states.policy import Beleid
from states.roles import DEELNEMER_ROLLEN, Rol


class Samenwerkingsverband(models.Model):
    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=200)
    fg_contact = models.CharField("contactgegevens FG", max_length=300, blank=True)
    deelnemers_url = models.URLField(
        "adres van de deelnemerslijst",
        blank=True,
        help_text="Vermeld in de plaatsingsbrief (ch. 10).",
    )

    def __str__(self) -> str:
        return self.naam

    def geldend_protocol(self) -> ProtocolVersie:
        return self.protocolversies.order_by("-ingangsdatum", "-id").first()


class ProtocolVersie(models.Model):
    """A version of the regional protocol; its policy is data (see states.policy)."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="protocolversies"
    )
    versie = models.CharField(max_length=20)
    ingangsdatum = models.DateField()
    beleid_data = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["samenwerkingsverband", "versie"], name="uniek_versie")
        ]

    def __str__(self) -> str:
        return f"Protocol {self.versie}"

    @property
    def beleid(self) -> Beleid:
        return _parsed(self.pk, json.dumps(self.beleid_data, sort_keys=True))


@lru_cache(maxsize=64)
def _parsed(pk: int | None, data: str) -> Beleid:
    """Parsing the policy once per version (and content), not once per case."""
    return Beleid.from_data(json.loads(data))


class Deelnemer(models.Model):
    """A participating corporation (ch. 2, 17, 20)."""

    class Status(models.TextChoices):
        ACTIEF = "actief", "Actief"
        OPGESCHORT = "opgeschort", "Tijdelijk uitgesloten (autorisaties opgeschort)"
        UITGETREDEN = "uitgetreden", "Uitgetreden"
        UITGESLOTEN = "uitgesloten", "Definitief uitgesloten"

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="deelnemers"
    )
    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=200)
    adres = models.CharField("adres voor bezwaar en klacht", max_length=300)
    email = models.EmailField("e-mailadres voor bezwaar en klacht")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIEF)
    status_sinds = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.naam

    @property
    def is_actief(self) -> bool:
        return self.status == self.Status.ACTIEF


class Medewerker(models.Model):
    """A user's role in the region; corporation roles are bound to one deelnemer (ch. 14.1)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medewerker"
    )
    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.PROTECT)
    deelnemer = models.ForeignKey(
        Deelnemer, on_delete=models.PROTECT, null=True, blank=True, related_name="medewerkers"
    )
    rol = models.CharField(max_length=30, choices=Rol.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="deelnemerrol_heeft_deelnemer",
                condition=~models.Q(rol__in=sorted(r.value for r in DEELNEMER_ROLLEN))
                | models.Q(deelnemer__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_rol_display()})"


class Betrokkene(models.Model):
    """A person's account in the portal: they see their own cases and nothing else."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="betrokkene"
    )
    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.PROTECT)
    # Linked by the personal code in the placement letter (portal); only these are "theirs".
    signaleringen = models.ManyToManyField("states.Signalering", blank=True, related_name="+")

    def __str__(self) -> str:
        return f"Betrokkene #{self.pk}"
