"""Klacht: a complaint to the directie of the primaire bron (protocol ch. 16.1–16.3).

    ontvangen ──bevestig──▶ bevestigd ──neem_in_behandeling──▶ in_behandeling
        │                      │                                  │
        └──────────────────────┴───verklaar_gegrond / ongegrond───┤
                                                                  ▼
    (no written reaction in 4 weeks) ──verstrijk──▶ termijn_verstreken ─┐ (a late reaction is still
                                                                        │  possible)
    gegrond ──herstel──▶ hersteld ──sluit──▶ afgesloten ◀──sluit── ongegrond / termijn_verstreken

Kind (a): the lawfulness of the signalering, any time while it runs. Kind (b): a decision on a
request or its absence, within a window after the decision or the day it was due.
Deadlines: acknowledge receipt; react in writing within four weeks; after gegrond, remove or
correct within two weeks.
"""

from __future__ import annotations

from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.models.case import TERMIJN_VELDEN, CaseBase, EersteTermijn
from states.models.deadline import DeadlineKind
from states.models.verzoek import Verzoek


class KlachtSoort(models.TextChoices):
    RECHTMATIGHEID = "a", "(a) Rechtmatigheid van de signalering"
    BESLISSING = "b", "(b) Beslissing op een verzoek, of het uitblijven ervan"


class KlachtState(models.TextChoices):
    ONTVANGEN = "ontvangen", "Ontvangen"
    BEVESTIGD = "bevestigd", "Ontvangst bevestigd"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    GEGROND = "gegrond", "Gegrond"
    ONGEGROND = "ongegrond", "Ongegrond"
    TERMIJN_VERSTREKEN = "termijn_verstreken", "Geen schriftelijke reactie binnen vier weken"
    HERSTELD = "hersteld", "Hersteld"
    AFGESLOTEN = "afgesloten", "Afgesloten"


class Herstel(models.TextChoices):
    VERWIJDERD = "verwijderd", "Signalering verwijderd"
    GECORRIGEERD = "gecorrigeerd", "Signalering gecorrigeerd"
    INFORMATIE = "informatie", "Gevraagde informatie verstrekt"


BEOORDEELBAAR = [
    KlachtState.ONTVANGEN,
    KlachtState.BEVESTIGD,
    KlachtState.IN_BEHANDELING,
    KlachtState.TERMIJN_VERSTREKEN,
]


class Klacht(ConcurrentTransitionMixin, EersteTermijn, CaseBase):
    CASE_TYPE = "klacht"

    soort = models.CharField(max_length=1, choices=KlachtSoort.choices)
    verzoek = models.ForeignKey(
        Verzoek, on_delete=models.SET_NULL, null=True, blank=True, related_name="klachten"
    )
    state = FSMField(default=KlachtState.ONTVANGEN, choices=KlachtState.choices, protected=True)
    gronden = models.TextField(help_text="De gronden van de klacht (ch. 16.1).")
    motivering = models.TextField(blank=True)
    beslist_op = models.DateTimeField(null=True, blank=True)
    # The remedy decided with "gegrond"; when it is removal, enforcement removes at the deadline.
    besloten_herstel = models.CharField(max_length=15, choices=Herstel.choices, blank=True)
    herstel = models.CharField(max_length=15, choices=Herstel.choices, blank=True)
    hersteld_op = models.DateTimeField(null=True, blank=True)
    # ch. 16.3: the reaction names the address of the home the person rented. It is not a field
    # of the signalering (ch. 12.1 keeps only the contact address): the directie supplies it.
    adres_gehuurde_woning = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=TERMIJN_VELDEN)

    @transition(field=state, source=KlachtState.ONTVANGEN, target=KlachtState.BEVESTIGD)
    def bevestig(self) -> None:
        """Receipt confirmed to the person (ch. 16.2)."""

    @transition(
        field=state,
        source=[KlachtState.ONTVANGEN, KlachtState.BEVESTIGD],
        target=KlachtState.IN_BEHANDELING,
    )
    def neem_in_behandeling(self) -> None:
        """The directie takes it up."""

    @transition(field=state, source=BEOORDEELBAAR, target=KlachtState.GEGROND)
    def verklaar_gegrond(self) -> None:
        """Upheld: the signalering is removed or corrected within two weeks (ch. 16.3)."""

    @transition(field=state, source=BEOORDEELBAAR, target=KlachtState.ONGEGROND)
    def verklaar_ongegrond(self) -> None:
        """Rejected with reasons and the route to the Geschillencommissie (ch. 16.3, 16.4)."""

    @transition(
        field=state,
        source=[KlachtState.ONTVANGEN, KlachtState.BEVESTIGD, KlachtState.IN_BEHANDELING],
        target=KlachtState.TERMIJN_VERSTREKEN,
    )
    def verstrijk(self) -> None:
        """No written reaction within four weeks: the Geschillencommissie is open (ch. 16.4)."""

    @transition(field=state, source=KlachtState.GEGROND, target=KlachtState.HERSTELD)
    def herstel_uit(self) -> None:
        """Removed, corrected or the information provided."""

    @transition(
        field=state,
        source=[KlachtState.ONGEGROND, KlachtState.TERMIJN_VERSTREKEN, KlachtState.HERSTELD],
        target=KlachtState.AFGESLOTEN,
    )
    def sluit(self) -> None:
        """Closed."""

    def required_deadlines(self) -> set[str]:
        kinds = set()
        if self.state == KlachtState.ONTVANGEN:
            kinds.add(DeadlineKind.KLACHT_BEVESTIGEN)
        if self.state in (KlachtState.ONTVANGEN, KlachtState.BEVESTIGD, KlachtState.IN_BEHANDELING):
            kinds.add(DeadlineKind.KLACHT_REAGEREN)
        if self.state == KlachtState.GEGROND:
            kinds.add(DeadlineKind.KLACHT_HERSTEL)
        return kinds

    FULFILS = {
        KlachtState.BEVESTIGD: {DeadlineKind.KLACHT_BEVESTIGEN},
        KlachtState.IN_BEHANDELING: set(),
        KlachtState.GEGROND: {DeadlineKind.KLACHT_REAGEREN, DeadlineKind.KLACHT_BEVESTIGEN},
        KlachtState.ONGEGROND: {DeadlineKind.KLACHT_REAGEREN, DeadlineKind.KLACHT_BEVESTIGEN},
        KlachtState.HERSTELD: {DeadlineKind.KLACHT_HERSTEL},
    }
