"""From an authenticated user to the actor the services act for (ch. 14, 17, 20)."""

from __future__ import annotations

from typing import Any

from states.models import Betrokkene, Deelnemer, Medewerker
from states.roles import Actor, NotAllowed, Rol


def actor_for(user: Any) -> Actor:
    """The user's actor; NotAllowed when the user has no role or its corporation lost access."""
    if user is None or not user.is_authenticated or not user.is_active:
        raise NotAllowed("Niet aangemeld.")
    medewerker = Medewerker.objects.select_related("deelnemer").filter(user=user).first()
    if medewerker is None:
        betrokkene = Betrokkene.objects.filter(user=user).first()
        if betrokkene is None:
            raise NotAllowed("Deze gebruiker heeft geen rol in het samenwerkingsverband.")
        return Actor(user.pk, Rol.BETROKKENE, betrokkene.samenwerkingsverband_id, None, "")
    deelnemer = medewerker.deelnemer
    if deelnemer is not None and deelnemer.status != Deelnemer.Status.ACTIEF:
        # ch. 17/20: authorisations end (or are suspended) at once when a participant leaves.
        raise NotAllowed("De autorisaties van deze deelnemer zijn ingetrokken of opgeschort.")
    return Actor(
        user_id=user.pk,
        rol=medewerker.rol,
        samenwerkingsverband_id=medewerker.samenwerkingsverband_id,
        deelnemer_id=medewerker.deelnemer_id,
        naam=user.get_full_name() or user.get_username(),
    )
