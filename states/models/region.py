"""The region: samenwerkingsverband, its deelnemers, its protocol versions and its staff."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.clock import local_date
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

    def geldend_protocol(self, now: datetime) -> ProtocolVersie | None:
        """The version in force at `now` (ch. 23: a change takes effect once it is made public):
        published by `now`, its effective date reached in Amsterdam; never a draft."""
        return self.protocolversies.geldend(now).first()


class ProtocolVersieState(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"


class ApUitkomst(models.TextChoices):
    """What came of the consultation of the Autoriteit Persoonsgegevens (ch. 23)."""

    GEEN_BEZWAAR = "geen_bezwaar", "De AP heeft geen bezwaren"
    GEEN_REACTIE = "geen_reactie", "Geen reactie van de AP binnen de termijn"
    BEZWAAR = "bezwaar", "De AP heeft bezwaren"
    NIET_VEREIST = "niet_vereist", "Toestemming van de AP is voor deze wijziging niet vereist"


class ProtocolVersieQuerySet(models.QuerySet):
    def geldend(self, now: datetime) -> ProtocolVersieQuerySet:
        """Published by `now` with the effective date reached, the newest first."""
        return self.filter(
            state=ProtocolVersieState.GEPUBLICEERD,
            gepubliceerd_op__lte=now,
            ingangsdatum__lte=local_date(now),
        ).order_by("-ingangsdatum", "-gepubliceerd_op", "-id")


class ProtocolVersie(ConcurrentTransitionMixin, models.Model):
    """A version of the regional protocol; its policy is data (see states.policy).

        concept ──publiceer──▶ gepubliceerd

    A draft is edited by the samenwerkingsverband, the AP consultation is recorded by the
    privacy officer, and the board's decision is published with an effective date (ch. 23,
    ADR 0012). Signaleringen and cases keep the version they were registered under.
    """

    CASE_TYPE = "protocolversie"  # the notices about it (outbox case_type)

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="protocolversies"
    )
    versie = models.CharField(max_length=20)
    ingangsdatum = models.DateField()
    beleid_data = models.JSONField()
    state = FSMField(
        default=ProtocolVersieState.CONCEPT, choices=ProtocolVersieState.choices, protected=True
    )
    toelichting = models.TextField("wat verandert en waarom", blank=True)
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opgesteld_op = models.DateTimeField(null=True, blank=True)
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    ap_uitkomst = models.CharField(max_length=20, choices=ApUitkomst.choices, blank=True)
    ap_verzonden_op = models.DateField("raadpleging verzonden op", null=True, blank=True)
    ap_antwoord_op = models.DateField("antwoord van de AP op", null=True, blank=True)
    ap_kenmerk = models.CharField("kenmerk", max_length=100, blank=True)
    ap_samenvatting = models.TextField("samenvatting", blank=True)
    ap_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ap_vastgelegd_op = models.DateTimeField(null=True, blank=True)
    besluit_bestuur_op = models.DateField("besluit van het bestuur op", null=True, blank=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gepubliceerd_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()
    objects = ProtocolVersieQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["samenwerkingsverband", "versie"], name="uniek_versie")
        ]

    def __str__(self) -> str:
        return f"Protocol {self.versie}"

    @transition(
        field=state, source=ProtocolVersieState.CONCEPT, target=ProtocolVersieState.GEPUBLICEERD
    )
    def publiceer(self) -> None:
        """The board's decision made public; in force from its effective date (ch. 23)."""

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
    # ch. 17: every participant signs a declaration. The corporations that took part before
    # admissions were recorded here (the demo region's five, rows of migration 0021) signed on
    # paper; they keep participating without a record here (ADR 0011).
    verklaring_buiten_systeem = models.BooleanField(
        "verklaring vóór dit systeem getekend",
        default=False,
        help_text="Toegelaten voordat toetredingen in het systeem werden vastgelegd.",
    )
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
