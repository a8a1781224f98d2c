"""The signalering: only the fields of protocol ch. 12.1, as a django-fsm machine.

    concept ──registreer──▶ geregistreerd ──blokkeer──▶ geblokkeerd
                               │                           │
                               └──────beeindig──────┬──────┘
                                                    ▼
                                               beeindigd ──verwijder──▶ verwijderd

Transitions are called only by `states.services.signalering`, which checks role and ownership,
locks the row and writes history, notices and the read log in one transaction. After
`verwijder` the row is the anonymous tombstone: personal fields blank, history erased.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.crypto import EncryptedCharField, EncryptedDateField, EncryptedEmailField
from states.models.region import Deelnemer, ProtocolVersie, Samenwerkingsverband


class SignaleringState(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GEREGISTREERD = "geregistreerd", "Geregistreerd"
    GEBLOKKEERD = "geblokkeerd", "Geblokkeerd"
    BEEINDIGD = "beeindigd", "Beëindigd"
    VERWIJDERD = "verwijderd", "Verwijderd"


class Eindreden(models.TextChoices):
    TERMIJN_VERSTREKEN = "termijn_verstreken", "Uitsluitingstermijn verstreken"
    NIEUWE_KANS = "nieuwe_kans", "Nieuwe kans toegekend"
    BEZWAAR_GEGROND = "bezwaar_gegrond", "Bezwaar of klacht gegrond verklaard"
    WISSING = "wissing", "Verzoek om wissing toegewezen"
    VORDERING_VOLDAAN = "vordering_voldaan", "Vordering voldaan of schikking getroffen"
    DEELNEMER_UITGETREDEN = "deelnemer_uitgetreden", "Deelnemer uitgetreden of uitgesloten"
    ONJUIST = "onjuist", "Signalering onjuist gebleken"
    HARDHEIDSCLAUSULE = "hardheidsclausule", "Hardheidsclausule toegepast (hfst. 24)"


class Geslacht(models.TextChoices):
    MAN = "man", "Man"
    VROUW = "vrouw", "Vrouw"
    ANDERS = "anders", "Anders"
    ONBEKEND = "onbekend", "Onbekend"


# The fields that identify or locate the person: blanked by the purge (ch. 12.4).
PERSOONSVELDEN = (
    "voornaam",
    "voorletters",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "email",
    "inschrijfnummer",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "uitkomst_bezwaar",
    "match_sleutel",
    "portaalcode_hash",
)

ACTIEVE_STATES = (SignaleringState.GEREGISTREERD, SignaleringState.GEBLOKKEERD)


class Signalering(ConcurrentTransitionMixin, models.Model):
    samenwerkingsverband = models.ForeignKey(Samenwerkingsverband, on_delete=models.PROTECT)
    protocol_versie = models.ForeignKey(ProtocolVersie, on_delete=models.PROTECT)
    primaire_bron = models.ForeignKey(
        Deelnemer, on_delete=models.PROTECT, related_name="signaleringen"
    )
    functionaris = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="De geautoriseerd functionaris die de signalering opvoerde (ch. 12.1).",
    )
    state = FSMField(
        default=SignaleringState.CONCEPT, choices=SignaleringState.choices, protected=True
    )

    # Identificatiegegevens (ch. 12.1), encrypted at rest (states.crypto)
    voornaam = EncryptedCharField(max_length=100, blank=True)
    voorletters = EncryptedCharField(max_length=20, blank=True)
    achternaam = EncryptedCharField(max_length=150, blank=True)
    geboortedatum = EncryptedDateField(null=True, blank=True)
    geslacht = models.CharField(max_length=10, choices=Geslacht.choices, blank=True)
    email = EncryptedEmailField(blank=True)
    inschrijfnummer = models.CharField(max_length=40, blank=True)
    # Contactgegevens
    straat = EncryptedCharField(max_length=150, blank=True)
    huisnummer = EncryptedCharField(max_length=20, blank=True)
    postcode = EncryptedCharField(max_length=10, blank=True)
    woonplaats = EncryptedCharField(max_length=100, blank=True)
    # Signaleringsgegevens
    redenen = models.JSONField(default=list, help_text="[{criterium, grond}] (ch. 5)")
    categorieen = ArrayField(models.CharField(max_length=1), default=list)
    reikwijdte = models.CharField(max_length=12, blank=True)
    termijn_maanden = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="De langste van de termijnen per categorie."
    )
    # ch. 7: a scope and a chosen term per category ({"B": 24, "D": 60}); the region-wide part
    # ends on its own date, the corporation part (A, D) applies at the primaire bron only.
    termijnen = models.JSONField(default=dict, blank=True)
    termijn_motivering = models.TextField(
        blank=True, help_text="Waarom deze termijn: ernst en gevolgen van het gedrag (ch. 7)."
    )
    einddatum_regio = models.DateField(
        null=True, blank=True, help_text="Einde van de uitsluiting in de hele regio (B, C, E)."
    )
    regio_beeindigd_op = models.DateTimeField(null=True, blank=True)
    invoerdatum = models.DateField(null=True, blank=True)
    ingangsdatum = models.DateField(
        null=True, blank=True, help_text="Moment van plaatsing: ontruiming, vertrek of uitsluiting."
    )
    einddatum = models.DateField(null=True, blank=True)
    datum_uitzetting = models.DateField(null=True, blank=True)
    bezwaar_aanhangig = models.BooleanField(default=False)
    # AVG art. 18: while restricted, the signalering is only stored: no matching, no sharing.
    beperkt = models.BooleanField(default=False)
    beperkt_sinds = models.DateTimeField(null=True, blank=True)
    uitkomst_bezwaar = models.CharField(max_length=300, blank=True)
    # Blokkade (ch. 6.5): start and end, decided by the primaire bron after a confirmed match.
    blokkade_start = models.DateField(null=True, blank=True)
    blokkade_eind = models.DateField(null=True, blank=True)
    # Afvoer (ch. 12.4)
    eindreden = models.CharField(max_length=30, choices=Eindreden.choices, blank=True)
    beeindigd_op = models.DateTimeField(null=True, blank=True)
    verwijderd_op = models.DateTimeField(null=True, blank=True)
    # Whole days from the end to the erasure, kept when the dates lose their day (purge): the
    # yearly report's "erased on time" (ch. 12.4, 21). Null for rows erased before it was kept.
    verwijderd_na_dagen = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Keyed hash of the identity, for matching registrations without comparing names in clear.
    match_sleutel = models.CharField(max_length=64, blank=True, db_index=True)
    # Keyed hash of the personal code printed in the placement letter: with it the person links
    # their portal account to this signalering.
    portaalcode_hash = models.CharField(max_length=64, blank=True, db_index=True)

    aangemaakt_op = models.DateTimeField()
    gewijzigd_op = models.DateTimeField()

    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "einddatum"], name="signalering_state_eind"),
            models.Index(fields=["inschrijfnummer"], name="signalering_inschrijfnr"),
        ]
        constraints = [
            models.CheckConstraint(
                name="blokkade_binnen_termijn",
                condition=models.Q(blokkade_eind__isnull=True)
                | models.Q(blokkade_eind__lte=models.F("einddatum")),
            )
        ]

    def __str__(self) -> str:
        # Never the name: this string lands in admin logs and error reports.
        return f"Signalering #{self.pk}"

    # --- the machine: edges only; guards and effects live in states.services.signalering ---

    @transition(field=state, source=SignaleringState.CONCEPT, target=SignaleringState.GEREGISTREERD)
    def registreer(self) -> None:
        """Placed on the list: the person is told (ch. 10)."""

    @transition(
        field=state, source=SignaleringState.GEREGISTREERD, target=SignaleringState.GEBLOKKEERD
    )
    def blokkeer(self) -> None:
        """A confirmed match and a decision to block: only now is anything shared (ch. 6.6)."""

    @transition(field=state, source=list(ACTIEVE_STATES), target=SignaleringState.BEEINDIGD)
    def beeindig(self) -> None:
        """Ended for one of the reasons of ch. 12.4: sharing stops at once."""

    @transition(field=state, source=SignaleringState.BEEINDIGD, target=SignaleringState.VERWIJDERD)
    def verwijder(self) -> None:
        """Personal data erased; the row remains as anonymous tombstone."""

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornaam, self.achternaam) if p)

    @property
    def adres(self) -> str:
        regel1 = " ".join(p for p in (self.straat, self.huisnummer) if p)
        regel2 = " ".join(p for p in (self.postcode, self.woonplaats) if p)
        return ", ".join(p for p in (regel1, regel2) if p)
