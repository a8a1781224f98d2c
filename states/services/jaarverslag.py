"""The yearly report brought out (ch. 22): opened by the scheduled flow in the first quarter for
the year before, reminded and escalated like every deadline, and brought out by the region's
staff — the PDF kept exactly as the participants' directie and the privacy officer received it."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.db import transaction

from states.clock import local_date
from states.models import Jaarverslag, Samenwerkingsverband
from states.roles import Actor, NotPossible, Rol
from states.services import cases, deadlines

OPENEN_TOT_MAAND = 3  # opened from 1 January to 31 March: a deployment started later waits a year
ONTVANGERS = (Rol.DIRECTIE, Rol.PRIVACY_OFFICER)  # "de verantwoordelijken ... de deelnemers"


def open_jaarverslagen(now: datetime) -> int:
    """Open last year's report where it is not open yet (idempotent: run it daily)."""
    vandaag = local_date(now)
    if vandaag.month > OPENEN_TOT_MAAND:
        return 0
    return sum(_open(swv, vandaag.year - 1, now) for swv in Samenwerkingsverband.objects.all())


@transaction.atomic
def _open(swv: Samenwerkingsverband, jaar: int, now: datetime) -> int:
    versie = swv.geldend_protocol(now)
    if versie is None:
        return 0
    verslag, created = Jaarverslag.objects.get_or_create(
        samenwerkingsverband=swv,
        jaar=jaar,
        defaults={"protocol_versie": versie, "geopend_op": now, "gewijzigd_op": now},
    )
    if not created:
        return 0
    deadlines.reconcile(verslag, now)
    uiterlijk = deadlines.first_open(verslag).last_day
    cases.alert_staff(
        verslag,
        "jaarverslag_geopend",
        now,
        (Rol.MEDEWERKER_SWV,),
        jaar=jaar,
        uiterlijk=uiterlijk.isoformat() if uiterlijk else "",
    )
    return 1


def uitbrenger(actor: Actor, verslag: Jaarverslag) -> bool:
    return cases.regio(actor, verslag) and actor.rol == Rol.MEDEWERKER_SWV


def mag_lezen(actor: Actor, verslag: Jaarverslag) -> bool:
    """The region's staff and privacy officer, and every participant's directie: to them it is
    brought out (ch. 22)."""
    return cases.regio(actor, verslag) and actor.rol in (
        Rol.MEDEWERKER_SWV,
        Rol.PRIVACY_OFFICER,
        Rol.DIRECTIE,
    )


@transaction.atomic
def breng_uit(actor: Actor, pk: int, pdf: bytes, now: datetime) -> Jaarverslag:
    if not pdf.startswith(b"%PDF-"):
        raise NotPossible("Het verslag is geen PDF.")

    def apply(verslag: Jaarverslag) -> None:
        verslag.pdf, verslag.pdf_sha256 = pdf, hashlib.sha256(pdf).hexdigest()
        verslag.uitgebracht_op, verslag.uitgebracht_door_id = now, actor.user_id

    verslag = cases.run(Jaarverslag, pk, actor, "breng_uit", now, uitbrenger, "uitgebracht", apply)
    cases.alert_staff(
        verslag,
        "jaarverslag_uitgebracht",
        now,
        ONTVANGERS,
        jaar=verslag.jaar,
        sha256=verslag.pdf_sha256,
    )
    return verslag
