"""Participation (ch. 17 "Toetreding", ch. 20 "Uitsluiting deelname"): the admission with its
signed declaration, the temporary exclusion with its improvement-plan term, and the journal of
every decision the participants took. ADR 0011.

    UitsluitingDeelname: tijdelijk ──aanvaard_plan──▶ opgeheven       (deelnemer actief again)
                     ├──────sluit_definitief_uit──▶ definitief  (authorisations withdrawn)
                     └──────vervalt──▶ vervallen               (the deelnemer left meanwhile)

While `tijdelijk`, the deelnemer has a term to present an improvement plan. When the term
passes, the region is asked to decide; the exclusion never becomes definitive on its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.models.deadline import DeadlineKind
from states.models.region import Deelnemer, ProtocolVersie, Samenwerkingsverband


class Toetreding(models.Model):
    """A corporation's admission: its signed declaration that it will comply with the protocol
    in full (ch. 17). The document itself is a Bijlage of this record (case_type "toetreding")."""

    CASE_TYPE = "toetreding"

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="+"
    )
    deelnemer = models.OneToOneField(Deelnemer, on_delete=models.PROTECT, related_name="toetreding")
    ondertekend_op = models.DateField("datum van ondertekening")
    ondertekenaar_naam = models.CharField("naam van de ondertekenaar", max_length=200)
    ondertekenaar_functie = models.CharField("functie van de ondertekenaar", max_length=200)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Toetreding #{self.pk}"


class UitsluitingDeelnameState(models.TextChoices):
    TIJDELIJK = "tijdelijk", "Tijdelijk uitgesloten: wacht op een verbeterplan"
    OPGEHEVEN = "opgeheven", "Opgeheven: verbeterplan aanvaard"
    DEFINITIEF = "definitief", "Definitief uitgesloten"
    VERVALLEN = "vervallen", "Vervallen: de deelnemer is uitgetreden"


S = UitsluitingDeelnameState


class UitsluitingDeelname(ConcurrentTransitionMixin, models.Model):
    """One temporary exclusion of a deelnemer, decided by the participants (ch. 20)."""

    CASE_TYPE = "deelname_uitsluiting"

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="+"
    )
    protocol_versie = models.ForeignKey(ProtocolVersie, on_delete=models.PROTECT, related_name="+")
    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.PROTECT, related_name="uitsluitingen")
    state = FSMField(default=S.TIJDELIJK, choices=UitsluitingDeelnameState.choices, protected=True)
    besloten_op = models.DateField("datum van het besluit van de deelnemers")
    kenmerk = models.CharField(max_length=100)
    redenen = models.TextField()
    geopend_op = models.DateTimeField(
        help_text="Recorded; the improvement-plan term runs from here."
    )
    afgerond_op = models.DateTimeField(null=True, blank=True)
    gewijzigd_op = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deelnemer"],
                condition=models.Q(state="tijdelijk"),
                name="een_lopende_uitsluiting_per_deelnemer",
            )
        ]

    def __str__(self) -> str:
        return f"Uitsluiting deelname #{self.pk}"

    def required_deadlines(self) -> set[str]:
        if self.state == S.TIJDELIJK:
            return {DeadlineKind.DEELNAME_VERBETERPLAN}
        return set()

    FULFILS = {S.OPGEHEVEN: {DeadlineKind.DEELNAME_VERBETERPLAN}}

    @transition(field=state, source=S.TIJDELIJK, target=S.OPGEHEVEN)
    def aanvaard_plan(self) -> None:
        """The participants accepted the improvement plan: the deelnemer is active again."""

    @transition(field=state, source=S.TIJDELIJK, target=S.DEFINITIEF)
    def sluit_definitief_uit(self) -> None:
        """The participants decided the exclusion is definitive (ch. 20: "kunnen besluiten")."""

    @transition(field=state, source=S.TIJDELIJK, target=S.VERVALLEN)
    def vervalt(self) -> None:
        """The deelnemer left (ch. 17 "Uittreding") while excluded: nothing left to decide."""


class BesluitSoort(models.TextChoices):
    TOETREDING = "toetreding", "Toegelaten als deelnemer (verklaring getekend)"
    TIJDELIJK = "tijdelijk", "Tijdelijk uitgesloten"
    PLAN_AANVAARD = "plan_aanvaard", "Verbeterplan aanvaard, uitsluiting opgeheven"
    DEFINITIEF = "definitief", "Definitief uitgesloten"


class Deelnamebesluit(models.Model):
    """The journal of the participants' decisions about one deelnemer. Rows are only added
    (the database refuses UPDATE and DELETE, migration 0021)."""

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="+"
    )
    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.PROTECT, related_name="besluiten")
    uitsluiting = models.ForeignKey(
        UitsluitingDeelname,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="besluiten",
    )
    soort = models.CharField(max_length=20, choices=BesluitSoort.choices)
    besloten_op = models.DateField("datum van het besluit")
    kenmerk = models.CharField(max_length=100, blank=True)
    toelichting = models.TextField("redenen of toelichting", blank=True)
    # Rows are never updated, so a deleted user's id stays (like the history tables' users).
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    vastgelegd_op = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["deelnemer", "vastgelegd_op"], name="besluit_deelnemer")]

    def __str__(self) -> str:
        return f"Deelnamebesluit #{self.pk}"
