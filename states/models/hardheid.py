"""Hardheidsverzoek: a request to apply the hardship clause (protocol ch. 24).

"Slechts in uitzonderlijke gevallen en op verzoek van een deelnemer of van de betrokkene zelf,
kan in zeer bijzondere omstandigheden, indien toepassing van dit protocol [...] tot
onbillijkheden van zwaarwegende aard zouden leiden - een en ander ter beoordeling van de
Geschillencommissie - door de deelnemer ten gunste van de betrokkene van deze regeling worden
afgeweken."

    ingediend ─beslis_toe─▶ toegewezen ─pas_toe─▶ toegepast
        └──────beslis_af──▶ afgewezen

Asked by a deelnemer or by the person (directly, or with a geschil); judged by the
Geschillencommissie, whose secretary records the decision; applied by the primaire bron to
the signalering, only ever in the person's favour (ADR 0013).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from states.models.case import CaseBase
from states.models.deadline import DeadlineKind
from states.models.geschil import Geschil
from states.models.region import Deelnemer


class HardheidState(models.TextChoices):
    INGEDIEND = "ingediend", "Ingediend bij de Geschillencommissie"
    TOEGEWEZEN = "toegewezen", "Toegewezen: de primaire bron past de afwijking toe"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    TOEGEPAST = "toegepast", "Toegepast op de signalering"


class Afwijking(models.TextChoices):
    """What the committee may allow: a deviation in the person's favour (ch. 24)."""

    BEEINDIGEN = "beeindigen", "De signalering eindigt"
    TERMIJN_VERKORTEN = "termijn_verkorten", "De termijn wordt korter"
    CATEGORIE_VERVALT = "categorie_vervalt", "Een categorie vervalt"


class Hardheidsverzoek(ConcurrentTransitionMixin, CaseBase):
    CASE_TYPE = "hardheid"

    # Empty: the person asked. Otherwise the corporation that asked (ch. 24 "een deelnemer").
    verzocht_door = models.ForeignKey(
        Deelnemer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geschil = models.ForeignKey(
        Geschil, on_delete=models.PROTECT, null=True, blank=True, related_name="hardheid"
    )
    state = FSMField(default=HardheidState.INGEDIEND, choices=HardheidState.choices, protected=True)
    gronden = models.TextField(help_text="De bijzondere omstandigheden en de onbillijkheid.")
    afwijking = models.CharField(max_length=20, choices=Afwijking.choices, blank=True)
    nieuwe_termijnen = models.JSONField(default=dict, blank=True)
    vervallen_categorie = models.CharField(max_length=1, blank=True)
    motivering = models.TextField(blank=True)
    besloten_op = models.DateTimeField(null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    toegepast_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    @transition(field=state, source=HardheidState.INGEDIEND, target=HardheidState.TOEGEWEZEN)
    def beslis_toe(self) -> None:
        """The committee finds the unfairness serious: the deviation it names is allowed."""

    @transition(field=state, source=HardheidState.INGEDIEND, target=HardheidState.AFGEWEZEN)
    def beslis_af(self) -> None:
        """No exceptional unfairness: the protocol applies as it is."""

    @transition(field=state, source=HardheidState.TOEGEWEZEN, target=HardheidState.TOEGEPAST)
    def pas_toe(self) -> None:
        """The primaire bron changed the signalering as decided (ch. 24 "door de deelnemer")."""

    def required_deadlines(self) -> set[str]:
        return {
            HardheidState.INGEDIEND: {DeadlineKind.HARDHEID_BESLISSEN},
            HardheidState.TOEGEWEZEN: {DeadlineKind.HARDHEID_TOEPASSEN},
        }.get(self.state, set())

    FULFILS = {
        HardheidState.TOEGEWEZEN: {DeadlineKind.HARDHEID_BESLISSEN},
        HardheidState.AFGEWEZEN: {DeadlineKind.HARDHEID_BESLISSEN},
        HardheidState.TOEGEPAST: {DeadlineKind.HARDHEID_TOEPASSEN},
    }
