"""The personal code in the placement letter that links the person's portal account to their
signalering. Only a keyed hash is stored; the code itself exists in the letter alone."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction

from states.models import Betrokkene, Signalering
from states.models.signalering import SignaleringState
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, Rol

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to type from a letter


def nieuw() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def hash_van(code: str) -> str:
    normalised = code.upper().replace("-", "").replace(" ", "")
    return hmac.new(
        settings.MATCH_KEY.encode(), f"portaal|{normalised}".encode(), hashlib.sha256
    ).hexdigest()


@transaction.atomic
def koppel(actor: Actor, code: str) -> Signalering:
    if actor.rol != Rol.BETROKKENE:
        raise NotAllowed("Alleen een betrokkene koppelt een code.")
    sig = Signalering.objects.filter(
        samenwerkingsverband_id=actor.samenwerkingsverband_id,
        portaalcode_hash=hash_van(code),
        state__in=[
            SignaleringState.GEREGISTREERD,
            SignaleringState.GEBLOKKEERD,
            SignaleringState.BEEINDIGD,
        ],
    ).first()
    if sig is None:
        raise PolicyError({"code": ["Deze code kennen we niet. Controleer de code in uw brief."]})
    Betrokkene.objects.get(user_id=actor.user_id).signaleringen.add(sig)
    return sig
