"""Geschil: a dispute at the Geschillencommissie (protocol ch. 16.4, 24).

    ingediend ─neem_in_behandeling─▶ in_behandeling ─adviseer─▶ advies_gegrond ─herstel─▶ hersteld
                                                      └───────▶ advies_ongegrond
    hersteld / advies_ongegrond ──sluit──▶ afgesloten
    advies_ongegrond / hersteld / afgesloten ──verwijs_door──▶ doorverwezen_huurcommissie

Open to the person after a rejected complaint or four weeks without a written reaction. An
upheld (qualified) advice again means removal within two weeks. The hardship clause (ch. 24)
is judged here.
"""

from __future__ import annotations

from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.models.case import TERMIJN_VELDEN, CaseBase, EersteTermijn
from states.models.deadline import DeadlineKind
from states.models.klacht import Herstel, Klacht


class GeschilState(models.TextChoices):
    INGEDIEND = "ingediend", "Ingediend"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    ADVIES_GEGROND = "advies_gegrond", "Advies: gegrond"
    ADVIES_ONGEGROND = "advies_ongegrond", "Advies: ongegrond"
    HERSTELD = "hersteld", "Hersteld"
    AFGESLOTEN = "afgesloten", "Afgesloten"
    DOORVERWEZEN = "doorverwezen_huurcommissie", "Doorverwezen naar de Huurcommissie"


class Geschil(ConcurrentTransitionMixin, EersteTermijn, CaseBase):
    CASE_TYPE = "geschil"

    klacht = models.ForeignKey(Klacht, on_delete=models.PROTECT, related_name="geschillen")
    state = FSMField(default=GeschilState.INGEDIEND, choices=GeschilState.choices, protected=True)
    gronden = models.TextField()
    hardheidsclausule = models.BooleanField(
        default=False, help_text="Verzoek om toepassing van de hardheidsclausule (ch. 24)."
    )
    advies = models.TextField(blank=True)
    advies_op = models.DateTimeField(null=True, blank=True)
    # The remedy decided with "gegrond"; when it is removal, enforcement removes at the deadline.
    besloten_herstel = models.CharField(max_length=15, choices=Herstel.choices, blank=True)
    herstel = models.CharField(max_length=15, choices=Herstel.choices, blank=True)
    hersteld_op = models.DateTimeField(null=True, blank=True)
    huurcommissie_contact = models.CharField(max_length=300, blank=True)
    huurcommissie_uitkomst = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=TERMIJN_VELDEN)

    @transition(field=state, source=GeschilState.INGEDIEND, target=GeschilState.IN_BEHANDELING)
    def neem_in_behandeling(self) -> None:
        """The secretaris registers it for the committee."""

    @transition(field=state, source=GeschilState.IN_BEHANDELING, target=GeschilState.ADVIES_GEGROND)
    def adviseer_gegrond(self) -> None:
        """Qualified advice: the complaint is well-founded; remedy within two weeks."""

    @transition(
        field=state, source=GeschilState.IN_BEHANDELING, target=GeschilState.ADVIES_ONGEGROND
    )
    def adviseer_ongegrond(self) -> None:
        """Qualified advice: not well-founded."""

    @transition(field=state, source=GeschilState.ADVIES_GEGROND, target=GeschilState.HERSTELD)
    def herstel_uit(self) -> None:
        """Removed, amended or the information provided (ch. 16.4)."""

    @transition(
        field=state,
        source=[GeschilState.ADVIES_ONGEGROND, GeschilState.HERSTELD],
        target=GeschilState.AFGESLOTEN,
    )
    def sluit(self) -> None:
        """Closed."""

    @transition(
        field=state,
        source=[GeschilState.ADVIES_ONGEGROND, GeschilState.HERSTELD, GeschilState.AFGESLOTEN],
        target=GeschilState.DOORVERWEZEN,
    )
    def verwijs_door(self) -> None:
        """The person is not satisfied: the Huurcommissie (ch. 16.4)."""

    def required_deadlines(self) -> set[str]:
        return (
            {DeadlineKind.GESCHIL_HERSTEL} if self.state == GeschilState.ADVIES_GEGROND else set()
        )

    FULFILS = {GeschilState.HERSTELD: {DeadlineKind.GESCHIL_HERSTEL}}
