"""The hardship clause (protocol ch. 24): asked by a deelnemer or by the person, judged by the
Geschillencommissie (its secretary records the decision), applied by the primaire bron to the
signalering through the signalering's own services — so its history, the person's letter and
the end of sharing happen exactly as for any other change. Only ever in the person's favour."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from states.models import (
    Afwijking,
    Betrokkene,
    DeadlineKind,
    Eindreden,
    Geschil,
    HardheidState,
    Hardheidsverzoek,
    Signalering,
    Weging,
)
from states.models.case import Kanaal
from states.policy import PolicyError, bedrag_voor_termijn
from states.roles import Actor, NotAllowed, Rol
from states.services import cases, deadlines
from states.services import correctie as correctie_service
from states.services import signalering as signalering_service
from states.services.common import serialize_on
from states.services.matching import ACTIEF

MAX_GRONDEN = 5000


def beslisser(actor: Actor, case: Any) -> bool:
    """Only the committee's secretary records what the Geschillencommissie decided."""
    return cases.secretaris(actor, case)


def toepasser(actor: Actor, case: Any) -> bool:
    """The primaire bron's functionaris (ch. 24 "door de deelnemer"), or the samenwerkingsverband
    acting for it; the flows when the term to apply has passed."""
    return cases.any_of(cases.eigen_functionaris, cases.samenwerkingsverband, cases.automaat)(
        actor, case
    )


def mag_lezen(actor: Actor, case: Hardheidsverzoek) -> bool:
    """The committee, the privacy officer and the region; the primaire bron's functionaris and
    directie; the corporation that asked; the person who asked."""
    if actor.rol == Rol.BETROKKENE:
        return case.indiener_id is not None and case.indiener_id == actor.user_id
    if not cases.regio(actor, case):
        return False
    if actor.rol in (Rol.SECRETARIS_GC, Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV):
        return True
    eigen = actor.deelnemer_id in (case.primaire_bron_id, case.verzocht_door_id)
    return actor.rol in (Rol.FUNCTIONARIS, Rol.DIRECTIE) and eigen


def _gronden(gronden: str) -> str:
    gronden = (gronden or "").replace("\x00", "").strip()
    if not gronden:
        raise PolicyError({"gronden": ["Beschrijf de bijzondere omstandigheden (hfst. 24)."]})
    if len(gronden) > MAX_GRONDEN:
        raise PolicyError({"gronden": [f"Ten hoogste {MAX_GRONDEN} tekens."]})
    return gronden


def _account_user(sig: Signalering) -> int | None:
    """The person's portal account linked to this signalering, so they find the case there."""
    account = Betrokkene.objects.filter(signaleringen=sig).order_by("pk").first()
    return account.user_id if account else None


def _maak(sig: Signalering, gronden: str, now: datetime, **fields: Any) -> Hardheidsverzoek:
    serialize_on("hardheid", sig.pk)
    if Hardheidsverzoek.objects.filter(signalering=sig, state=HardheidState.INGEDIEND).exists():
        raise PolicyError({"signalering": ["Voor deze signalering loopt al een verzoek."]})
    fields.setdefault("indiener_id", _account_user(sig))
    fields.setdefault("kanaal", Kanaal.PORTAAL)
    fields.setdefault("ontvangen_op", now)
    case = Hardheidsverzoek.objects.create(
        samenwerkingsverband_id=sig.samenwerkingsverband_id,
        protocol_versie_id=sig.protocol_versie_id,
        primaire_bron_id=sig.primaire_bron_id,
        signalering=sig,
        gronden=gronden,
        geregistreerd_op=now,
        indiener_naam=sig.naam or "Betrokkene",
        indiener_email=sig.email,
        indiener_adres=sig.adres,
        gewijzigd_op=now,
        **fields,
    )
    deadlines.reconcile(case, now)
    cases.tell(case, "hardheid_ontvangen", now, door_deelnemer=case.verzocht_door_id is not None)
    cases.alert_staff(case, "hardheid_binnengekomen", now, (Rol.SECRETARIS_GC,))
    return case


def _lopende(actor: Actor, signalering_id: Any) -> Signalering | None:
    try:
        pk = int(signalering_id)
    except (TypeError, ValueError):
        return None
    return (
        Signalering.objects.select_for_update()
        .filter(pk=pk, samenwerkingsverband_id=actor.samenwerkingsverband_id, state__in=ACTIEF)
        .first()
    )


def signaleringen_voor_deelnemer(actor: Actor) -> list[Signalering]:
    """What a corporation may ask about: its own running signaleringen, and those behind a
    blokkade it weighed for an applicant (ch. 9) — the only ones another corporation knows of."""
    if actor.rol not in (Rol.FUNCTIONARIS, Rol.DIRECTIE) or actor.deelnemer_id is None:
        return []
    gewogen = Weging.objects.filter(deelnemer_id=actor.deelnemer_id).values("signaleringen")
    qs = Signalering.objects.filter(
        samenwerkingsverband_id=actor.samenwerkingsverband_id, state__in=ACTIEF
    )
    eigen = qs.filter(primaire_bron_id=actor.deelnemer_id)
    return list(eigen.union(qs.filter(pk__in=gewogen)).order_by("pk")[:500])


@transaction.atomic
def vraag_aan_deelnemer(
    actor: Actor, signalering_id: Any, gronden: str, now: datetime
) -> Hardheidsverzoek:
    """A corporation asks (ch. 24 "op verzoek van een deelnemer"): its functionaris or directie,
    about its own signalering or one behind a blokkade it weighed."""
    if actor.rol not in (Rol.FUNCTIONARIS, Rol.DIRECTIE) or actor.deelnemer_id is None:
        raise NotAllowed("Een deelnemer vraagt dit aan via haar functionaris of directie.")
    gronden = _gronden(gronden)
    sig = _lopende(actor, signalering_id)
    toegestaan = {s.pk for s in signaleringen_voor_deelnemer(actor)}
    if sig is None or sig.pk not in toegestaan:
        raise PolicyError({"signalering": ["Onbekende signalering."]})
    return _maak(
        sig, gronden, now, verzocht_door_id=actor.deelnemer_id, geregistreerd_door_id=actor.user_id
    )


@transaction.atomic
def vraag_aan_betrokkene(
    actor: Actor, signalering_id: Any, gronden: str, now: datetime, geschil: Geschil | None = None
) -> Hardheidsverzoek:
    """The person asks (ch. 24 "of van de betrokkene zelf"), about a registration linked to
    their account; with a geschil, the committee judges both."""
    if actor.rol != Rol.BETROKKENE:
        raise NotAllowed("Alleen de betrokkene vraagt dit zelf aan.")
    gronden = _gronden(gronden)
    sig = _lopende(actor, signalering_id)
    eigen = Betrokkene.objects.filter(user_id=actor.user_id, signaleringen=sig).exists()
    if sig is None or not eigen:
        raise PolicyError({"signalering": ["Onbekende registratie."]})
    return _maak(sig, gronden, now, indiener_id=actor.user_id, geschil=geschil)


def uit_geschil(geschil: Geschil, now: datetime) -> Hardheidsverzoek | None:
    """A geschil filed with the hardship clause ticked: the committee judges that request too,
    as a case of its own with its own term (called inside the geschil's transaction)."""
    sig = (
        Signalering.objects.select_for_update()
        .filter(pk=geschil.signalering_id, state__in=ACTIEF)
        .first()
    )
    if sig is None:
        return None
    return _maak(
        sig,
        geschil.gronden,
        now,
        indiener_id=geschil.indiener_id,
        geschil=geschil,
        kanaal=geschil.kanaal,
        ontvangen_op=geschil.ontvangen_op,
    )


def _afwijking(
    sig: Signalering | None, afwijking: str, termijnen: Any, categorie: str
) -> dict[str, Any]:
    """The deviation the committee allows, checked to be in the person's favour (ch. 24)."""
    if afwijking not in Afwijking.values:
        raise PolicyError({"afwijking": [f"Kies een van: {', '.join(Afwijking.labels)}."]})
    if sig is None or sig.state not in ACTIEF:
        raise PolicyError({"afwijking": ["De signalering loopt niet meer."]})
    if afwijking == Afwijking.TERMIJN_VERKORTEN:
        try:
            nieuw = {str(k): int(v) for k, v in dict(termijnen or {}).items()}
        except (TypeError, ValueError) as exc:
            raise PolicyError({"termijnen": ["Per categorie een aantal maanden."]}) from exc
        if set(nieuw) != set(sig.termijnen) or any(m < 1 for m in nieuw.values()):
            raise PolicyError({"termijnen": ["Noem voor elke categorie de nieuwe termijn."]})
        if any(nieuw[c] > sig.termijnen[c] for c in nieuw) or nieuw == sig.termijnen:
            raise PolicyError({"termijnen": ["Alleen korter: ten gunste van de betrokkene."]})
        return {"afwijking": afwijking, "nieuwe_termijnen": nieuw}
    if afwijking == Afwijking.CATEGORIE_VERVALT:
        if categorie not in sig.categorieen or len(sig.categorieen) < 2:
            raise PolicyError(
                {"categorie": ["Kies een van meerdere categorieën; bij één: beëindigen."]}
            )
        return {"afwijking": afwijking, "vervallen_categorie": categorie}
    return {"afwijking": afwijking}


@transaction.atomic
def beslis(
    actor: Actor,
    pk: int,
    toegewezen: bool,
    motivering: str,
    now: datetime,
    afwijking: str = "",
    termijnen: Any = None,
    categorie: str = "",
) -> Hardheidsverzoek:
    """The Geschillencommissie's decision, with its reasons; the person is told what was decided
    and what happens next, the primaire bron what it must apply and by when."""
    motivering = (motivering or "").replace("\x00", "").strip()
    if not motivering:
        raise PolicyError({"motivering": ["Vermeld de redenen van de commissie."]})
    if len(motivering) > MAX_GRONDEN:
        raise PolicyError({"motivering": [f"Ten hoogste {MAX_GRONDEN} tekens."]})

    def apply(case: Hardheidsverzoek) -> None:
        if toegewezen:
            for name, value in _afwijking(
                case.signalering, afwijking, termijnen, categorie
            ).items():
                setattr(case, name, value)
        case.motivering, case.besloten_op, case.besloten_door_id = motivering, now, actor.user_id

    name = "beslis_toe" if toegewezen else "beslis_af"
    case = cases.run(Hardheidsverzoek, pk, actor, name, now, beslisser, motivering[:200], apply)
    cases.tell(case, "hardheid_besluit", now, **besluit_context(case))
    if toegewezen:
        cases.alert_staff(
            case,
            "hardheid_toepassen",
            now,
            (Rol.FUNCTIONARIS, Rol.DIRECTIE),
            case.primaire_bron_id,
            afwijking=case.get_afwijking_display(),
            uiterlijk=besluit_context(case)["uiterlijk_toepassen"],
        )
    return case


def uitblijven_besluit(case: Hardheidsverzoek, now: datetime, alert: bool = True) -> None:
    """The four weeks passed undecided (called by enforcement): the person is told of the delay
    and what happens next; the secretary and the privacy officer are alerted (in a catch-up
    after an outage they get one summary instead)."""
    cases.tell(case, "hardheid_vertraagd", now)
    if alert:
        cases.alert_staff(
            case,
            "escalatie",
            now,
            (Rol.SECRETARIS_GC, Rol.PRIVACY_OFFICER),
            key_suffix=f":{DeadlineKind.HARDHEID_BESLISSEN}",
            termijn=DeadlineKind.HARDHEID_BESLISSEN.label,
        )


def besluit_context(case: Hardheidsverzoek) -> dict[str, Any]:
    open_deadline = deadlines.first_open(case)
    return {
        "toegewezen": case.state == HardheidState.TOEGEWEZEN,
        "afwijking": case.get_afwijking_display(),
        "nieuwe_termijnen": case.nieuwe_termijnen,
        "vervallen_categorie": case.vervallen_categorie,
        "motivering": case.motivering,
        "uiterlijk_toepassen": open_deadline.last_day.isoformat()
        if open_deadline and open_deadline.last_day
        else "",
    }


def _correctie(sig: Signalering, case: Hardheidsverzoek) -> dict[str, Any]:
    beleid = sig.protocol_versie.beleid
    if case.afwijking == Afwijking.TERMIJN_VERKORTEN:
        correctie: dict[str, Any] = {"termijnen": dict(case.nieuwe_termijnen)}
    else:
        blijft = [
            r
            for r in sig.redenen
            if beleid.criteria[r["criterium"]].categorie != case.vervallen_categorie
        ]
        termijnen = {c: m for c, m in sig.termijnen.items() if c != case.vervallen_categorie}
        correctie = {"redenen": blijft, "termijnen": termijnen}
    if "D" in sig.termijnen and "D" in correctie["termijnen"]:
        # The debt decided D's bracket at entry and was then forgotten (ADR 0001 §3).
        correctie["bedrag"] = str(bedrag_voor_termijn(beleid, sig.termijnen["D"]))
    return correctie


@transaction.atomic
def pas_toe(actor: Actor, pk: int, now: datetime) -> Hardheidsverzoek:
    """The primaire bron applies the decided deviation through the signalering's services."""

    def apply(case: Hardheidsverzoek) -> None:
        sig, reden = case.signalering, f"hardheidsclausule (hfst. 24), {case}"
        if sig is not None and sig.state in ACTIEF:
            if case.afwijking == Afwijking.BEEINDIGEN:
                signalering_service.beeindig(actor, sig.pk, Eindreden.HARDHEIDSCLAUSULE, now, reden)
            else:
                correctie_service.corrigeer(actor, sig.pk, _correctie(sig, case), now, reden)
        case.toegepast_op = now

    return cases.run(Hardheidsverzoek, pk, actor, "pas_toe", now, toepasser, "toegepast", apply)


def termijn_toepassen_verstreken(case: Hardheidsverzoek, now: datetime) -> None:
    """The two weeks to apply have passed (called by enforcement): the system applies it."""
    pas_toe(Actor.automaat(case.samenwerkingsverband_id), case.pk, now)


# Who may take each step, by step: what a page offers is what the service will allow.
WIE_MAG: dict[str, cases.Guard] = {
    "beslis": beslisser,
    "pas_toe": cases.any_of(cases.eigen_functionaris, cases.samenwerkingsverband),
}
