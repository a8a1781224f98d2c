"""The write path of a geschil at the Geschillencommissie (protocol ch. 16.4, 24)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from states.models import Geschil, Herstel, Klacht
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import bezwaarstatus, cases, deadlines, intake
from states.services.common import lock, serialize_on, stamp
from states.services.klacht import HERSTELLER, herstel_uit, open_voor_geschil

SECRETARIS = cases.any_of(cases.secretaris, cases.privacy)
ADVISEUR = cases.secretaris  # only the secretary records the committee's advice
DOORVERWIJZER = cases.any_of(SECRETARIS, cases.indiener)

# ch. 16.4: the Huurcommissie's contact data, told to the person on referral.
HUURCOMMISSIE = "Huurcommissie, Postbus 16495, 2500 BL Den Haag, 0800-4887243, www.huurcommissie.nl"


@transaction.atomic
def dien_in(
    actor: Actor,
    klacht_id: int,
    gronden: str,
    indiening: intake.Indiening,
    now: datetime,
    hardheidsclausule: bool = False,
) -> Geschil:
    """Open after a rejected complaint or four weeks without a written reaction (ch. 16.4)."""
    # Who may file comes first: any other answer would tell an outsider about the complaint.
    if actor.rol not in (Rol.BETROKKENE, Rol.SECRETARIS_GC, Rol.PRIVACY_OFFICER):
        raise PolicyError(
            {"klacht": ["Een geschil dient de betrokkene in, of de secretaris registreert het."]}
        )
    klacht = Klacht.objects.filter(
        pk=klacht_id, samenwerkingsverband_id=actor.samenwerkingsverband_id
    ).first()
    if klacht is None or (actor.rol == Rol.BETROKKENE and klacht.indiener_id != actor.user_id):
        raise PolicyError({"klacht": ["Onbekende klacht."]})
    if not open_voor_geschil(klacht):
        raise PolicyError(
            {
                "klacht": [
                    "De Geschillencommissie staat open na een ongegronde klacht "
                    "of na vier weken zonder schriftelijke reactie."
                ]
            }
        )
    if not gronden.strip():
        raise PolicyError({"gronden": ["Vermeld de gronden (ch. 16.4)."]})
    serialize_on("geschil", klacht.pk)
    if Geschil.objects.filter(klacht=klacht).exists():
        raise PolicyError({"klacht": ["Over deze klacht loopt of liep al een geschil."]})
    ontvangen, kanaal, indiener_id = intake.receipt(actor, indiening, now)
    user = get_user_model().objects.filter(pk=indiener_id).first()
    geschil = Geschil.objects.create(
        samenwerkingsverband=klacht.samenwerkingsverband,
        protocol_versie=klacht.protocol_versie,
        primaire_bron_id=klacht.primaire_bron_id,
        signalering_id=klacht.signalering_id,
        klacht=klacht,
        gronden=gronden,
        hardheidsclausule=hardheidsclausule,
        ontvangen_op=ontvangen,
        geregistreerd_op=now,
        kanaal=kanaal,
        geregistreerd_door_id=actor.user_id if indiener_id is None else None,
        indiener_id=indiener_id or klacht.indiener_id,
        indiener_naam=indiening.naam
        or klacht.indiener_naam
        or (user.get_full_name() if user else ""),
        indiener_email=indiening.email or klacht.indiener_email,
        indiener_adres=indiening.adres or klacht.indiener_adres,
        toelichting=indiening.toelichting,
        taal=indiening.taal,
        gewijzigd_op=now,
    )
    deadlines.reconcile(geschil, now)
    if hardheidsclausule:  # ch. 24: judged by the same committee, as a case of its own
        from states.services import hardheid

        hardheid.uit_geschil(geschil, now)
    bezwaarstatus.werk_bij(geschil.signalering_id, actor)  # ch. 16.2, 16.4
    cases.tell(geschil, "geschil_ontvangen", now)
    cases.alert_staff(geschil, "geschil_binnengekomen", now, (Rol.SECRETARIS_GC,))
    return geschil


@transaction.atomic
def neem_in_behandeling(actor: Actor, pk: int, now: datetime) -> Geschil:
    return cases.run(Geschil, pk, actor, "neem_in_behandeling", now, SECRETARIS)


@transaction.atomic
def adviseer(
    actor: Actor, pk: int, gegrond: bool, advies: str, now: datetime, herstel: str = ""
) -> Geschil:
    if not advies.strip():
        raise PolicyError({"advies": ["Leg het gekwalificeerd advies vast."]})
    if herstel and herstel not in Herstel.values:
        raise PolicyError({"herstel": [f"Kies een van: {', '.join(Herstel.values)}."]})

    def apply(geschil: Geschil) -> None:
        geschil.advies, geschil.advies_op = advies, now
        if gegrond:
            geschil.besloten_herstel = herstel or Herstel.VERWIJDERD

    name = "adviseer_gegrond" if gegrond else "adviseer_ongegrond"
    geschil = cases.run(Geschil, pk, actor, name, now, ADVISEUR, advies, apply)
    bezwaarstatus.werk_bij(
        geschil.signalering_id,
        actor,
        f"Geschillencommissie: advies {'gegrond' if gegrond else 'ongegrond'}",
    )
    cases.tell(
        geschil, "advies_uitkomst", now, gegrond=gegrond, advies=advies, huurcommissie=HUURCOMMISSIE
    )
    cases.alert_staff(
        geschil,
        "advies_primaire_bron",
        now,
        (Rol.DIRECTIE, Rol.FUNCTIONARIS),
        geschil.primaire_bron_id,
        gegrond=gegrond,
    )
    return geschil


@transaction.atomic
def herstel(
    actor: Actor, pk: int, soort: str, now: datetime, correctie: dict[str, Any] | None = None
) -> Geschil:
    return herstel_uit(Geschil, actor, pk, soort, now, correctie)


@transaction.atomic
def sluit(actor: Actor, pk: int, now: datetime) -> Geschil:
    return cases.run(Geschil, pk, actor, "sluit", now, SECRETARIS)


@transaction.atomic
def verwijs_door(actor: Actor, pk: int, now: datetime, reden: str = "") -> Geschil:
    """Not satisfied: the Huurcommissie; its contact data recorded and told to the person."""

    def apply(geschil: Geschil) -> None:
        geschil.huurcommissie_contact = HUURCOMMISSIE

    geschil = cases.run(
        Geschil,
        pk,
        actor,
        "verwijs_door",
        now,
        DOORVERWIJZER,
        reden,
        apply,
    )
    bezwaarstatus.werk_bij(geschil.signalering_id, actor, "Doorverwezen naar de Huurcommissie")
    cases.tell(geschil, "huurcommissie_informatie", now, huurcommissie=HUURCOMMISSIE)
    return geschil


@transaction.atomic
def registreer_uitkomst_huurcommissie(
    actor: Actor, pk: int, uitkomst: str, now: datetime
) -> Geschil:
    geschil = lock(Geschil, pk)
    if not SECRETARIS(actor, geschil):
        raise NotAllowed("Alleen de secretaris registreert de uitkomst.")
    if geschil.state != "doorverwezen_huurcommissie":
        raise NotPossible("Eerst doorverwijzen naar de Huurcommissie.")
    if not uitkomst.strip():
        raise PolicyError({"uitkomst": ["Vermeld de uitkomst."]})
    geschil.huurcommissie_uitkomst, geschil.gewijzigd_op = uitkomst, now
    stamp(geschil, actor, "uitkomst Huurcommissie geregistreerd")
    geschil.save()
    bezwaarstatus.werk_bij(geschil.signalering_id, actor, f"Huurcommissie: {uitkomst}")
    return geschil


# Who may take each step, by step: what a page offers is what the service will allow.
WIE_MAG: dict[str, cases.Guard] = {
    "neem_in_behandeling": SECRETARIS,
    "adviseer_gegrond": ADVISEUR,
    "adviseer_ongegrond": ADVISEUR,
    "herstel": HERSTELLER,
    "sluit": SECRETARIS,
    "verwijs_door": DOORVERWIJZER,
    "uitkomst_huurcommissie": SECRETARIS,
}
