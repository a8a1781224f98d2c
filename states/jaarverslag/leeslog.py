"""What the read log shows that an auditor would ask about (ch. 13, 14, 21): one user opening
many records in a day, corporations reading another's signalering without a candidacy, and
reads outside office hours. Only staff reads: the allocation system's checks, the person's own
reads and the scheduler are not lookups by a colleague."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDate

from states.clock import AMSTERDAM
from states.holidays import holidays
from states.jaarverslag.bereik import Bereik, Tabel, corporatie
from states.models import Raadpleging, Signalering
from states.roles import DEELNEMER_ROLLEN, Rol

# Our thresholds, not the protocol's (it names none): a working day's candidacies rarely need
# more than a couple of dozen records opened one by one; office hours are 7:00 to 19:00.
VEEL_PER_DAG = 25
KANTOOR_VAN, KANTOOR_TOT = 7, 19
GEEN_COLLEGA = (Rol.BETROKKENE, Rol.SYSTEEM, Rol.AUTOMAAT)
# A list page logs every row it shows; "opening" is a record read one by one.
GEOPEND = (
    Raadpleging.Actie.DETAIL,
    Raadpleging.Actie.CATEGORIE,
    Raadpleging.Actie.MATCH,
    Raadpleging.Actie.BRIEF,
    Raadpleging.Actie.KOPIE,
)
KANDIDATUUR = (Raadpleging.Doel.KANDIDAATSTELLING, Raadpleging.Doel.URGENTIE)
MAX_RIJEN = 200


def _reads(bereik: Bereik) -> QuerySet[Raadpleging]:
    qs = Raadpleging.objects.filter(**bereik.in_jaar("tijdstip")).exclude(rol__in=GEEN_COLLEGA)
    if bereik.deelnemer_id is not None:
        return qs.filter(deelnemer_id=bereik.deelnemer_id)
    return qs.filter(user__medewerker__samenwerkingsverband_id=bereik.samenwerkingsverband_id)


def _gebruiker(namen: dict[int, str], row: dict[str, Any]) -> list[str]:
    """Who read: the user and their corporation (the region's staff have none)."""
    return [row["user__username"], corporatie(namen, row["deelnemer_id"])]


def veel_op_een_dag(bereik: Bereik, namen: dict[int, str]) -> Tabel:
    rows = (
        _reads(bereik)
        .filter(actie__in=GEOPEND)
        .annotate(dag=TruncDate("tijdstip", tzinfo=AMSTERDAM))
        .values("user__username", "deelnemer_id", "dag")
        .annotate(n=Count("pk"))
        .filter(n__gt=VEEL_PER_DAG)
        .order_by("-n", "dag", "user__username")[:MAX_RIJEN]
    )
    return Tabel(
        "veel_raadplegingen",
        "Veel raadplegingen op één dag",
        f"Gebruikers die op één dag meer dan {VEEL_PER_DAG} signaleringen afzonderlijk openden "
        "(lijstweergaven niet meegeteld). Een drempel van ons, niet van het protocol.",
        ["Gebruiker", "Corporatie", "Dag", "Geopend"],
        [[*_gebruiker(namen, r), r["dag"], r["n"]] for r in rows],
        "Niemand opende op één dag meer dan deze drempel.",
    )


def zonder_kandidatuur(bereik: Bereik, namen: dict[int, str]) -> Tabel:
    """A corporation reads another's signalering only for a concrete candidacy or urgency
    (ch. 13.3): any other purpose there is a question for the privacy officer. The purpose stays
    on the log row after an erasure (only the candidacy's reference goes), so this holds for
    erased signaleringen too."""
    bron = Signalering.objects.filter(pk=OuterRef("signalering_id")).values("primaire_bron_id")
    rows = (
        _reads(bereik)
        .filter(rol__in=sorted(DEELNEMER_ROLLEN), signalering_id__isnull=False)
        .annotate(bron=Subquery(bron))
        .exclude(bron=None)
        .exclude(bron=F("deelnemer_id"))
        .exclude(doel__in=KANDIDATUUR)
        .values("user__username", "deelnemer_id")
        .annotate(n=Count("pk"), eerste=Min("tijdstip"), laatste=Max("tijdstip"))
        .order_by("-n", "user__username")[:MAX_RIJEN]
    )
    return Tabel(
        "zonder_kandidatuur",
        "Raadplegingen van een andere corporatie zonder kandidatuur",
        "Leesacties van medewerkers van een corporatie op een signalering waarvan een andere "
        "corporatie de primaire bron is, met een ander doel dan een kandidatuur of urgentie "
        "(hoofdstuk 13).",
        ["Gebruiker", "Corporatie", "Aantal", "Eerste", "Laatste"],
        [[*_gebruiker(namen, r), r["n"], r["eerste"], r["laatste"]] for r in rows],
        "Geen: andere corporaties lazen alleen voor een kandidatuur of urgentie.",
    )


def _vrije_dagen(jaar: int) -> list[date]:
    return sorted(holidays(jaar, "atw"))


def buiten_kantoortijd(bereik: Bereik, namen: dict[int, str]) -> Tabel:
    uur = ExtractHour("tijdstip", tzinfo=AMSTERDAM)
    rows = (
        _reads(bereik)
        .annotate(
            uur=uur,
            weekdag=ExtractIsoWeekDay("tijdstip", tzinfo=AMSTERDAM),
            dag=TruncDate("tijdstip", tzinfo=AMSTERDAM),
        )
        .filter(
            Q(uur__lt=KANTOOR_VAN)
            | Q(uur__gte=KANTOOR_TOT)
            | Q(weekdag__gte=6)
            | Q(dag__in=_vrije_dagen(bereik.jaar))
        )
        .values("user__username", "deelnemer_id")
        .annotate(n=Count("pk"), dagen=Count("dag", distinct=True), laatste=Max("tijdstip"))
        .order_by("-n", "user__username")[:MAX_RIJEN]
    )
    return Tabel(
        "buiten_kantoortijd",
        "Raadplegingen buiten kantoortijd",
        f"Leesacties vóór {KANTOOR_VAN}:00 of na {KANTOOR_TOT}:00 (Nederlandse tijd), in het "
        "weekend of op een feestdag van de Algemene termijnenwet.",
        ["Gebruiker", "Corporatie", "Leesacties", "Op dagen", "Laatste"],
        [[*_gebruiker(namen, r), r["n"], r["dagen"], r["laatste"]] for r in rows],
        "Geen leesacties buiten kantoortijd.",
    )
