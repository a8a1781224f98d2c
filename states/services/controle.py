"""The periodic checks (ch. 8 process check by the samenwerkingsverband, ch. 11 verification by
each corporation): opened each half year by the scheduled flow with a checklist built from the
data, finished with the findings; missed, escalated like every deadline."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q

from states.clock import local_date
from states.models import (
    Bijlage,
    Controle,
    ControleSoort,
    Deadline,
    DeadlineStatus,
    Deelnemer,
    Samenwerkingsverband,
    Signalering,
)
from states.roles import Actor, NotPossible, Rol
from states.services import cases, deadlines
from states.services.matching import ACTIEF
from states.services.toegangstoets import periode

MAX_ZAKEN = 50  # a checklist names at most this many records per question; the count is exact
MAX_BEVINDINGEN = 5000


def _signaleringen(swv: Samenwerkingsverband, deelnemer_id: int | None) -> Any:
    qs = Signalering.objects.filter(samenwerkingsverband=swv)
    return qs.filter(primaire_bron_id=deelnemer_id) if deelnemer_id else qs


def _vraag(code: str, vraag: str, qs: Any) -> dict[str, Any]:
    return {
        "code": code,
        "vraag": vraag,
        "aantal": qs.count(),
        "zaken": list(qs.order_by("pk").values_list("pk", flat=True)[:MAX_ZAKEN]),
    }


def checklist(swv: Samenwerkingsverband, deelnemer_id: int | None, now: datetime) -> list[dict]:
    """What the checker should look at, as the data stands now (counts and record numbers;
    never names). The same questions for one corporation (ch. 11) and for the region (ch. 8)."""
    sig = _signaleringen(swv, deelnemer_id)
    actief = sig.filter(state__in=ACTIEF)
    bewijs = Bijlage.objects.filter(case_type="signalering", case_id=OuterRef("pk"))
    vandaag = local_date(now)
    users = get_user_model().objects.filter(is_active=True, medewerker__samenwerkingsverband=swv)
    users = users.filter(medewerker__deelnemer_id=deelnemer_id) if deelnemer_id else users
    nooit = users.filter(last_login__isnull=True)
    return [
        _vraag(
            "zonder_bron",
            "Actieve signaleringen zonder vastgelegd bewijsstuk: is de melding gedocumenteerd "
            "herleidbaar bij de primaire bron (hoofdstuk 8)?",
            actief.filter(~Exists(bewijs)),
        ),
        _vraag(
            "termijn_zonder_motivering",
            "Actieve signaleringen zonder motivering van de termijn (hoofdstuk 7).",
            actief.filter(termijn_motivering=""),
        ),
        _vraag(
            "oude_concepten",
            "Concepten die ouder zijn dan een maand: afmaken of verwerpen.",
            sig.filter(state="concept", aangemaakt_op__lt=now - timedelta(days=31)),
        ),
        _vraag(
            "blokkade_bijna_voorbij",
            "Blokkades die binnen 30 dagen eindigen: klopt de einddatum?",
            sig.filter(
                state="geblokkeerd",
                blokkade_eind__gte=vandaag,
                blokkade_eind__lte=vandaag + timedelta(days=30),
            ),
        ),
        {
            "code": "nooit_ingelogd",
            "vraag": "Gebruikers die nog nooit hebben ingelogd: hebben zij de toegang nodig?",
            "aantal": nooit.count(),
            "zaken": [],  # staff, named on the access review, not here
        },
        *(_regio(swv, now) if deelnemer_id is None else []),
    ]


def _regio(swv: Samenwerkingsverband, now: datetime) -> list[dict[str, Any]]:
    """The process as a whole (ch. 8): deadlines missed in the last half year, by kind."""
    missed = (
        Deadline.objects.filter(
            status=DeadlineStatus.MISSED, escalated_at__gte=now - timedelta(days=183)
        )
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    return [
        {
            "code": f"termijn_gemist:{row['kind']}",
            "vraag": f"Termijnen verstreken in het afgelopen halfjaar: {row['kind']}",
            "aantal": row["n"],
            "zaken": [],
        }
        for row in missed
    ]


def open_controles(now: datetime) -> int:
    """Open this half year's checks where they are not open yet (idempotent: run it daily)."""
    opened = 0
    for swv in Samenwerkingsverband.objects.all():
        opened += _open(swv, ControleSoort.PROCES, None, now)
        actief = Deelnemer.objects.filter(samenwerkingsverband=swv, status=Deelnemer.Status.ACTIEF)
        for deelnemer_id in actief.values_list("pk", flat=True):
            opened += _open(swv, ControleSoort.VERIFICATIE, deelnemer_id, now)
    return opened


@transaction.atomic
def _open(swv: Samenwerkingsverband, soort: str, deelnemer_id: int | None, now: datetime) -> int:
    controle, created = Controle.objects.get_or_create(
        samenwerkingsverband=swv,
        soort=soort,
        deelnemer_id=deelnemer_id,
        periode=periode(now),
        defaults={
            "protocol_versie": swv.geldend_protocol(now),
            "checklist": checklist(swv, deelnemer_id, now),
            "geopend_op": now,
            "gewijzigd_op": now,
        },
    )
    if not created:
        return 0
    deadlines.reconcile(controle, now)
    uiterlijk = deadlines.first_open(controle).last_day
    cases.alert_staff(
        controle,
        "controle_geopend",
        now,
        (controle.beoordelaar_rol,),
        deelnemer_id,
        soort=controle.get_soort_display(),
        uiterlijk=uiterlijk.isoformat() if uiterlijk else "",
    )
    return 1


def uitvoerder(actor: Actor, controle: Controle) -> bool:
    return (
        cases.regio(actor, controle)
        and actor.rol == controle.beoordelaar_rol
        and (controle.deelnemer_id is None or actor.deelnemer_id == controle.deelnemer_id)
    )


def mag_lezen(actor: Actor, controle: Controle) -> bool:
    """The checker, the corporation's directie, and the region's privacy officer."""
    if uitvoerder(actor, controle):
        return True
    if not cases.regio(actor, controle):
        return False
    eigen_directie = (
        actor.rol == Rol.DIRECTIE
        and controle.deelnemer_id is not None
        and actor.deelnemer_id == controle.deelnemer_id
    )
    return actor.rol == Rol.PRIVACY_OFFICER or eigen_directie


@transaction.atomic
def rond_af(actor: Actor, pk: int, bevindingen: str, now: datetime) -> Controle:
    """Record the findings and close the check (late is recorded on its deadline)."""
    bevindingen = bevindingen.replace("\x00", "").strip()
    if not bevindingen:
        raise NotPossible("Beschrijf de bevindingen, ook als alles in orde was.")
    if len(bevindingen) > MAX_BEVINDINGEN:
        raise NotPossible(f"De bevindingen zijn te lang (hoogstens {MAX_BEVINDINGEN} tekens).")

    def apply(controle: Controle) -> None:
        controle.bevindingen, controle.afgerond_op = bevindingen, now

    return cases.run(Controle, pk, actor, "rond_af", now, uitvoerder, "bevindingen", apply)


def open_voor(actor: Actor) -> Q:
    """The open checks this actor must carry out."""
    scope = Q(samenwerkingsverband_id=actor.samenwerkingsverband_id, state="open")
    if actor.rol == Rol.MEDEWERKER_SWV:
        return scope & Q(soort=ControleSoort.PROCES)
    if actor.rol == Rol.FUNCTIONARIS:
        return scope & Q(soort=ControleSoort.VERIFICATIE, deelnemer_id=actor.deelnemer_id)
    return Q(pk__in=[])
