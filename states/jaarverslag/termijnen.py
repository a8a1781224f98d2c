"""The year's deadlines: the share of each kind met on time, the late ones listed without
personal data, per month; and the cases open at the end of each month (ch. 21–22)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, When
from django.db.models.functions import TruncMonth

from states.clock import AMSTERDAM, local_date
from states.jaarverslag.bereik import MAANDEN, Bereik, Tabel, aandeel, corporatie
from states.models import (
    Controle,
    Datalek,
    Deadline,
    Geschil,
    Hardheidsverzoek,
    Jaarverslag,
    Klacht,
    Toegangstoets,
    Verzoek,
)
from states.models.deadline import DeadlineKind, DeadlineStatus
from states.models.deelname import UitsluitingDeelname

# case_type: (model, the column naming the corporation the case is about; None: the region's)
ZAKEN: dict[str, tuple[Any, str | None]] = {
    "verzoek": (Verzoek, "primaire_bron_id"),
    "klacht": (Klacht, "primaire_bron_id"),
    "geschil": (Geschil, "primaire_bron_id"),
    "hardheid": (Hardheidsverzoek, "primaire_bron_id"),
    "datalek": (Datalek, "deelnemer_id"),
    "toegangstoets": (Toegangstoets, "deelnemer_id"),
    "controle": (Controle, "deelnemer_id"),
    "jaarverslag": (Jaarverslag, None),
    "deelname_uitsluiting": (UitsluitingDeelname, "deelnemer_id"),
}
OPEN_REEKSEN = (
    ("Verzoeken", ("verzoek",)),
    ("Klachten", ("klacht",)),
    ("Geschillen en hardheidsclausule", ("geschil", "hardheid")),
)


def _zaken(bereik: Bereik) -> Q:
    """Deadlines of the cases in scope, whatever their kind (one subquery per case table)."""
    scope = Q(pk=None)
    for case_type, (model, bron) in ZAKEN.items():
        cases = model.objects.filter(samenwerkingsverband_id=bereik.samenwerkingsverband_id)
        if bereik.deelnemer_id is not None:
            if bron is None:
                continue  # the region's own duty: not in a corporation's report
            cases = cases.filter(**{bron: bereik.deelnemer_id})
        scope |= Q(case_type=case_type, case_id__in=cases.values("pk"))
    return scope


def _afgelopen(bereik: Bereik) -> QuerySet[Deadline]:
    """Met in the year, or escalated in the year: each deadline in the year it was decided."""
    return Deadline.objects.filter(_zaken(bereik)).filter(
        Q(status=DeadlineStatus.MET, **bereik.in_jaar("closed_at"))
        | Q(status=DeadlineStatus.MISSED, **bereik.in_jaar("escalated_at"))
    )


OP_TIJD = Q(status=DeadlineStatus.MET, met_late=False)
TE_LAAT = Q(status=DeadlineStatus.MET, met_late=True)
VERSTREKEN = Q(status=DeadlineStatus.MISSED)


def per_soort(bereik: Bereik) -> Tabel:
    rows = (
        _afgelopen(bereik)
        .values("kind")
        .annotate(
            op_tijd=Count("pk", filter=OP_TIJD),
            te_laat=Count("pk", filter=TE_LAAT),
            verstreken=Count("pk", filter=VERSTREKEN),
        )
    )
    per = {r["kind"]: r for r in rows}
    rijen, totaal = [], [0, 0, 0]
    for kind in DeadlineKind:
        r = per.get(kind.value)
        if r is None:
            continue
        n = (r["op_tijd"], r["te_laat"], r["verstreken"])
        totaal = [a + b for a, b in zip(totaal, n, strict=True)]
        rijen.append([kind.label, *n, sum(n), aandeel(n[0], sum(n))])
    if rijen:
        rijen.append(["Alle termijnen", *totaal, sum(totaal), aandeel(totaal[0], sum(totaal))])
    return Tabel(
        "termijnen",
        "Termijnen: op tijd gehaald",
        "Elke termijn telt in het jaar waarin hij werd gehaald of verstreek (en werd "
        "geëscaleerd). Te laat gehaald: na de laatste dag, vóór de escalatie.",
        ["Soort termijn", "Op tijd", "Te laat gehaald", "Verstreken", "Totaal", "Op tijd (%)"],
        rijen,
        "Geen termijn werd in dit jaar gehaald of overschreden.",
    )


def _bronnen(late: list[Deadline]) -> dict[tuple[str, int], int | None]:
    """The corporation of each late deadline's case: one query per case table involved."""
    found: dict[tuple[str, int], int | None] = {}
    for case_type in {d.case_type for d in late}:
        model, bron = ZAKEN.get(case_type, (None, None))
        if model is None or bron is None:
            continue
        ids = [d.case_id for d in late if d.case_type == case_type]
        for pk, deelnemer in model.objects.filter(pk__in=ids).values_list("pk", bron):
            found[case_type, pk] = deelnemer
    return found


def te_laat(bereik: Bereik, peil: datetime, namen: dict[int, str]) -> Tabel:
    """Each late or missed deadline: the case's number and kind, never who it is about."""
    late = list(_afgelopen(bereik).filter(TE_LAAT | VERSTREKEN).order_by("due_at", "pk"))
    bronnen = _bronnen(late)
    rijen = []
    for d in late:
        laatste = d.last_day or local_date(d.due_at)
        gehaald = local_date(d.closed_at) if d.closed_at else None
        dagen = ((gehaald or local_date(peil)) - laatste).days
        bron = bronnen.get((d.case_type, d.case_id))
        rijen.append(
            [
                f"{d.case_type.capitalize()} {d.case_id}",
                DeadlineKind(d.kind).label if d.kind in DeadlineKind.values else d.kind,
                corporatie(namen, bron),
                laatste,
                local_date(d.escalated_at) if d.escalated_at else None,
                gehaald,
                dagen,
            ]
        )
    return Tabel(
        "te_laat",
        "Te laat of verstreken termijnen",
        "Zonder persoonsgegevens: het zaaknummer, de soort termijn en de corporatie. Dagen te "
        "laat: tot de dag van afhandeling, of tot de peildatum als de zaak nog openstaat.",
        [
            "Zaak",
            "Soort termijn",
            "Corporatie",
            "Laatste dag",
            "Geëscaleerd op",
            "Afgehandeld op",
            "Dagen te laat",
        ],
        rijen,
        "Geen termijn werd te laat gehaald of overschreden.",
    )


def per_maand(bereik: Bereik) -> list[dict[str, Any]]:
    """Per Amsterdam month: deadlines met on time, and late or missed (one query)."""
    wanneer = Case(
        When(status=DeadlineStatus.MISSED, then=F("escalated_at")), default=F("closed_at")
    )
    rows = (
        _afgelopen(bereik)
        .annotate(maand=TruncMonth(wanneer, tzinfo=AMSTERDAM))
        .values("maand")
        .annotate(
            op_tijd=Count("pk", filter=OP_TIJD), te_laat=Count("pk", filter=TE_LAAT | VERSTREKEN)
        )
    )
    found = {r["maand"].astimezone(AMSTERDAM).month: r for r in rows}
    return [
        {
            "maand": MAANDEN[m - 1],
            "op_tijd": found.get(m, {}).get("op_tijd", 0),
            "te_laat": found.get(m, {}).get("te_laat", 0),
        }
        for m in range(1, 13)
    ]


def open_per_maand(bereik: Bereik, peil: datetime) -> list[dict[str, Any]]:
    """The cases with a running deadline at the end of each month up to the peil (one query):
    a case is open from its first deadline until its last one is closed."""
    begins = bereik.maandbegin()
    maanden = [i for i in range(12) if begins[i] < peil]
    soorten = [t for _, types in OPEN_REEKSEN for t in types]
    tellers: dict[str, Any] = {}
    for i in maanden:
        grens = min(begins[i + 1], peil)
        loopt = Q(start_at__lt=grens) & (Q(closed_at__isnull=True) | Q(closed_at__gte=grens))
        for t in soorten:  # ids are per table: count each kind apart
            tellers[f"m{i}_{t}"] = Count("case_id", filter=loopt & Q(case_type=t), distinct=True)
    telling = (
        Deadline.objects.filter(_zaken(bereik), case_type__in=soorten).aggregate(**tellers)
        if tellers
        else {}
    )
    return [
        {
            "maand": MAANDEN[i],
            "reeksen": [sum(telling[f"m{i}_{t}"] for t in types) for _, types in OPEN_REEKSEN],
        }
        for i in maanden
    ]
