"""A deadline is a row: case, kind, start, due, status, reminders, escalation, and how computed.

Created, met and cancelled by the transitions in their transaction (states.services.deadlines);
open deadlines are indexed by due time for the enforcement flow.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class DeadlineKind(models.TextChoices):
    VERZOEK_BESLISSEN = "verzoek_beslissen", "Beslissen op verzoek (4 weken)"
    VERZOEK_UITVOEREN = "verzoek_uitvoeren", "Toegewezen verzoek uitvoeren (2 weken)"
    KLACHT_BEVESTIGEN = "klacht_bevestigen", "Ontvangst klacht bevestigen"
    KLACHT_REAGEREN = "klacht_reageren", "Schriftelijk reageren op klacht (4 weken)"
    KLACHT_HERSTEL = "klacht_herstel", "Signalering verwijderen of corrigeren na gegronde klacht"
    GESCHIL_HERSTEL = "geschil_herstel", "Herstel na gegrond advies Geschillencommissie"
    DATALEK_MELDEN = "datalek_melden", "Datalek melden bij de Autoriteit Persoonsgegevens (72 uur)"
    DATALEK_BETROKKENEN = (
        "datalek_betrokkenen",
        "Betrokkenen informeren over een datalek met hoog risico (art. 34 AVG)",
    )
    HARDHEID_BESLISSEN = (
        "hardheid_beslissen",
        "Beslissen op verzoek om toepassing van de hardheidsclausule (hfst. 24)",
    )
    HARDHEID_TOEPASSEN = "hardheid_toepassen", "Toegewezen hardheidsclausule toepassen"
    TOEGANGSTOETS = "toegangstoets", "Toegangsrechten toetsen (halfjaarlijks, hfst. 14)"
    CONTROLE_PROCES = "controle_proces", "Procescontrole afronden (halfjaarlijks, hfst. 8)"
    CONTROLE_VERIFICATIE = "controle_verificatie", "Gegevens verifiëren (halfjaarlijks, hfst. 11)"
    JAARVERSLAG = "jaarverslag", "Jaarverslag uitbrengen (jaarlijks, hfst. 22)"
    DEELNAME_VERBETERPLAN = (
        "deelname_verbeterplan",
        "Verbeterplan voorleggen na tijdelijke uitsluiting (hfst. 20)",
    )


class DeadlineStatus(models.TextChoices):
    OPEN = "open", "Open"
    MET = "met", "Gehaald"
    MISSED = "missed", "Verstreken (geëscaleerd)"
    CANCELLED = "cancelled", "Vervallen"


class Deadline(models.Model):
    case_type = models.CharField(max_length=20)
    case_id = models.BigIntegerField()
    kind = models.CharField(max_length=30, choices=DeadlineKind.choices)
    status = models.CharField(
        max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    start_at = models.DateTimeField()
    due_at = models.DateTimeField(help_text="First instant after the term: escalate from here.")
    last_day = models.DateField(null=True, blank=True, help_text="Legal last day (Amsterdam).")
    internal_target = models.DateField(null=True, blank=True)
    computation = models.JSONField(help_text="Rule, start, term, days skipped and why.")
    journal = models.JSONField(default=list, help_text="Suspensions and extensions, with why.")
    suspended_since = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.JSONField(default=list)
    escalated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    met_late = models.BooleanField(default=False)
    # Whose deadline this is: the case's region and corporation, kept by the database from the
    # case (triggers of migration 0015), so the deadline page counts and pages them without a
    # lookup per case. The application never writes them; they stay out of the history. No index
    # of their own (the page's partial indexes cover them): an escalation writes no extra entry.
    samenwerkingsverband = models.ForeignKey(
        "states.Samenwerkingsverband",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    primaire_bron = models.ForeignKey(
        "states.Deelnemer",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # An escalation that raised: kept open and retried every run, but never quiet — the flow
    # run ends Failed, the daily digest and the deadline page list it until it succeeds.
    escalatie_mislukt_sinds = models.DateTimeField(null=True, blank=True)
    escalatie_pogingen = models.PositiveIntegerField(default=0)
    escalatie_fout = models.CharField(
        max_length=200, blank=True, help_text="Soort fout en plaats; nooit de melding zelf."
    )
    history = HistoricalRecords(excluded_fields=["samenwerkingsverband", "primaire_bron"])

    class Meta:
        indexes = [
            models.Index(
                fields=["due_at"], name="deadline_open_due", condition=models.Q(status="open")
            ),
            models.Index(fields=["case_type", "case_id"], name="deadline_case"),
            # The deadline page: the latest escalations, and the last twelve months' closed ones,
            # without reading every deadline ever closed.
            models.Index(
                fields=["escalated_at"],
                name="deadline_missed_escalated",
                condition=models.Q(status="missed"),
            ),
            models.Index(
                fields=["closed_at"], name="deadline_met_closed", condition=models.Q(status="met")
            ),
            models.Index(
                fields=["samenwerkingsverband", "due_at"],
                name="deadline_open_regio_due",
                condition=models.Q(status="open"),
            ),
            models.Index(
                fields=["primaire_bron", "due_at"],
                name="deadline_open_bron_due",
                condition=models.Q(status="open"),
            ),
        ]
        constraints = [
            # A case never has two open deadlines of one kind.
            models.UniqueConstraint(
                fields=["case_type", "case_id", "kind"],
                condition=models.Q(status="open"),
                name="een_open_deadline_per_soort",
            )
        ]

    def __str__(self) -> str:
        return f"Deadline #{self.pk} ({self.kind})"
