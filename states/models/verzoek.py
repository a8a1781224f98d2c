"""Verzoek: a request by the person (AVG art. 15–21, protocol ch. 15) or for a nieuwe kans (4.4).

    ontvangen ──neem_in_behandeling──▶ in_behandeling ──beslis──▶ besloten ──voer_uit──▶ uitgevoerd
        │                                                  │  (toegewezen/deels)            │
        ├──voeg_samen──▶ samengevoegd (repeat of an open   └──sluit (afgewezen)──┐        sluit
        │                request: linked, not counted)                          ▼          ▼
        └──trek_in (also from in_behandeling)──▶ ingetrokken               afgesloten ◀────┘

Deadlines each state requires: decide within four weeks of receipt while ontvangen or
in_behandeling; carry out within two weeks after a (partial) grant.
"""

from __future__ import annotations

from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.models.case import TERMIJN_VELDEN, CaseBase, EersteTermijn
from states.models.deadline import DeadlineKind


class VerzoekSoort(models.TextChoices):
    INZAGE = "inzage", "Inzage en afschrift (art. 15 AVG)"
    RECTIFICATIE = "rectificatie", "Rectificatie (art. 16 AVG)"
    WISSING = "wissing", "Wissing (art. 17 AVG)"
    BEPERKING = "beperking", "Beperking van de verwerking (art. 18 AVG)"
    OVERDRAAGBAARHEID = "overdraagbaarheid", "Overdraagbaarheid (art. 20 AVG)"
    BEZWAAR = "bezwaar", "Bezwaar (art. 21 AVG)"
    NIEUWE_KANS = "nieuwe_kans", "Nieuwe kans (protocol 4.4)"


AVG_SOORTEN = frozenset(VerzoekSoort.values) - {VerzoekSoort.NIEUWE_KANS}


class VerzoekState(models.TextChoices):
    ONTVANGEN = "ontvangen", "Ontvangen"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    BESLOTEN = "besloten", "Besloten"
    UITGEVOERD = "uitgevoerd", "Uitgevoerd"
    AFGESLOTEN = "afgesloten", "Afgesloten"
    SAMENGEVOEGD = "samengevoegd", "Samengevoegd met een eerder verzoek"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class Besluit(models.TextChoices):
    TOEGEWEZEN = "toegewezen", "Toegewezen"
    DEELS = "deels", "Deels toegewezen"
    AFGEWEZEN = "afgewezen", "Afgewezen"


OPEN = (VerzoekState.ONTVANGEN, VerzoekState.IN_BEHANDELING)


class Verzoek(ConcurrentTransitionMixin, EersteTermijn, CaseBase):
    CASE_TYPE = "verzoek"

    soort = models.CharField(max_length=20, choices=VerzoekSoort.choices)
    state = FSMField(default=VerzoekState.ONTVANGEN, choices=VerzoekState.choices, protected=True)
    besluit = models.CharField(max_length=12, choices=Besluit.choices, blank=True)
    motivering = models.TextField(blank=True)
    besloten_op = models.DateTimeField(null=True, blank=True)
    uitgevoerd_op = models.DateTimeField(null=True, blank=True)
    # Rectificatie: the fields and values asked for (only fields of ch. 12.1).
    correctie = models.JSONField(default=dict, blank=True)
    verlengd_op = models.DateTimeField(null=True, blank=True)
    verlenging_reden = models.TextField(blank=True)
    # A request without a linked code: a keyed hash of the name and birth date the person gave
    # (never in clear), searched across the region before anyone may answer "no data".
    identiteit_sleutel = models.CharField(max_length=64, blank=True)
    identiteit_gezocht_op = models.DateTimeField(null=True, blank=True)
    identiteit_gevonden = models.PositiveSmallIntegerField(null=True, blank=True)
    duplicaat_van = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="herhalingen"
    )
    history = HistoricalRecords(excluded_fields=TERMIJN_VELDEN)

    @transition(field=state, source=VerzoekState.ONTVANGEN, target=VerzoekState.IN_BEHANDELING)
    def neem_in_behandeling(self) -> None:
        """Someone picked it up; the four-week clock keeps running from receipt."""

    @transition(field=state, source=list(OPEN), target=VerzoekState.BESLOTEN)
    def beslis(self) -> None:
        """Granted, partly granted or refused (a refusal states its reasons)."""

    def _toegewezen(self) -> bool:
        return self.besluit in (Besluit.TOEGEWEZEN, Besluit.DEELS)

    def _afgewezen_of_uitgevoerd(self) -> bool:
        return self.state == VerzoekState.UITGEVOERD or self.besluit == Besluit.AFGEWEZEN

    @transition(
        field=state,
        source=VerzoekState.BESLOTEN,
        target=VerzoekState.UITGEVOERD,
        conditions=[_toegewezen],
    )
    def voer_uit(self) -> None:
        """The grant carried out, with its effect on the signalering."""

    @transition(
        field=state,
        source=[VerzoekState.BESLOTEN, VerzoekState.UITGEVOERD],
        target=VerzoekState.AFGESLOTEN,
        conditions=[_afgewezen_of_uitgevoerd],
    )
    def sluit(self) -> None:
        """Closed: after a refusal, or once carried out (a grant is never closed undone)."""

    @transition(field=state, source=VerzoekState.ONTVANGEN, target=VerzoekState.SAMENGEVOEGD)
    def voeg_samen(self) -> None:
        """A repeat of an open request: linked to it, no second clock."""

    @transition(field=state, source=list(OPEN), target=VerzoekState.INGETROKKEN)
    def trek_in(self) -> None:
        """Withdrawn by the person."""

    @property
    def is_avg_verzoek(self) -> bool:
        return self.soort in AVG_SOORTEN

    def required_deadlines(self) -> set[str]:
        if self.state in OPEN:
            return {DeadlineKind.VERZOEK_BESLISSEN}
        if self.state == VerzoekState.BESLOTEN and self.besluit != Besluit.AFGEWEZEN:
            return {DeadlineKind.VERZOEK_UITVOEREN}
        return set()

    # Which deadline a transition into a state fulfils (otherwise it is cancelled).
    FULFILS = {
        VerzoekState.BESLOTEN: {DeadlineKind.VERZOEK_BESLISSEN},
        VerzoekState.UITGEVOERD: {DeadlineKind.VERZOEK_UITVOEREN},
    }
