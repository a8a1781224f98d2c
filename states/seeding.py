"""The Woning in Zicht region with protocol v1.4, and one demo user per role per corporation."""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction

from states import protocol_v14
from states.clock import AMSTERDAM
from states.models import (
    Deelnemer,
    Medewerker,
    ProtocolVersie,
    ProtocolVersieState,
    Samenwerkingsverband,
)
from states.roles import DEELNEMER_ROLLEN, Rol

DEMO_PASSWORD = "demo-wachtwoord"
REGIO_ROLLEN = (Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER, Rol.SECRETARIS_GC, Rol.SYSTEEM)


@transaction.atomic
def seed_region() -> Samenwerkingsverband:
    swv, _ = Samenwerkingsverband.objects.update_or_create(
        code=protocol_v14.SAMENWERKINGSVERBAND["code"],
        defaults={k: v for k, v in protocol_v14.SAMENWERKINGSVERBAND.items() if k != "code"},
    )
    vastgesteld = date(2021, 12, 13)
    ProtocolVersie.objects.update_or_create(
        samenwerkingsverband=swv,
        versie=protocol_v14.VERSIE,
        defaults={"ingangsdatum": vastgesteld, "beleid_data": protocol_v14.BELEID},
        # v1.4 is in force: published on its date (the state is set once, at creation).
        create_defaults={
            "ingangsdatum": vastgesteld,
            "beleid_data": protocol_v14.BELEID,
            "state": ProtocolVersieState.GEPUBLICEERD,
            "gepubliceerd_op": datetime.combine(vastgesteld, time(0), tzinfo=AMSTERDAM),
            "besluit_bestuur_op": vastgesteld,
        },
    )
    for data in protocol_v14.DEELNEMERS:
        Deelnemer.objects.update_or_create(
            code=data["code"],
            defaults={
                **{k: v for k, v in data.items() if k != "code"},
                "samenwerkingsverband": swv,
                # They signed the declaration of ch. 17 on paper in 2021 (ADR 0011).
                "verklaring_buiten_systeem": True,
            },
        )
    return swv


def _user(username: str, rol: str, swv: Samenwerkingsverband, deelnemer: Deelnemer | None) -> None:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@demo.woninginzicht.nl",
            "first_name": Rol(rol).label,
            "last_name": deelnemer.naam if deelnemer else swv.naam,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Medewerker.objects.update_or_create(
        user=user, defaults={"rol": rol, "samenwerkingsverband": swv, "deelnemer": deelnemer}
    )


@transaction.atomic
def seed_demo_users(swv: Samenwerkingsverband) -> list[str]:
    names = []
    for deelnemer in swv.deelnemers.filter(status=Deelnemer.Status.ACTIEF):
        for rol in sorted(DEELNEMER_ROLLEN):
            username = f"{deelnemer.code}-{rol}"
            _user(username, rol, swv, deelnemer)
            names.append(username)
    for rol in REGIO_ROLLEN:
        username = f"wiz-{rol}"
        _user(username, rol, swv, None)
        names.append(username)
    return names
