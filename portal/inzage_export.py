"""The person's complete data as JSON, for an access request (AVG art. 15(3): "een kopie van de
persoonsgegevens"; protocol ch. 14, 15.2): every record about them, and nothing about anyone
else. Built from the same source of truth as the inzage letter (`states.services.inzage`);
here, beside the web layer, because it reads the outbox too (states imports nothing of ours).

Whose: the signaleringen linked to the request or to the person's portal account, and every
case the person filed or that concerns those signaleringen. Staff appear only as a role and a
corporation (the recipients of art. 15(1)(c)), never by name.

`BRONNEN` names every model that holds a reference to a signalering, a portal account or the
person as filer; a test introspects the models so a new table cannot be forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from notifications.labels import bericht_label
from notifications.models import OutboxMessage
from notifications.receivers import ACCOUNT
from states.models import (
    Betrokkene,
    Bijlage,
    Datalek,
    Deadline,
    Deelnemer,
    Geschil,
    Hardheidsverzoek,
    Klacht,
    Match,
    Raadpleging,
    Signalering,
    Verzoek,
)
from states.roles import Rol
from states.services import inzage

FORMAAT = "signaleringslijst-inzage/1"
CASE_MODELS = (Verzoek, Klacht, Geschil, Hardheidsverzoek)
# model label → the section of the export that holds it (or why it is covered elsewhere).
BRONNEN = {
    "states.Signalering": "signaleringen",
    "states.Match": "signaleringen[].matches",
    "states.Weging": "signaleringen[].wegingen",
    "states.Datalek": "datalekken",
    "states.Betrokkene": "account",
    "states.Verzoek": "zaken.verzoek",
    "states.Klacht": "zaken.klacht",
    "states.Geschil": "zaken.geschil",
    "states.Hardheidsverzoek": "zaken.hardheid",
    "states.Raadpleging": "raadplegingen",
    "notifications.OutboxMessage": "berichten",
    "states.Deadline": "zaken.*.termijnen",
    "states.Bijlage": "zaken.*.bijlagen",
}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _geschiedenis(obj: Any) -> list[dict[str, Any]]:
    """Each recorded change: when, the state, the reason — without who (staff are not the
    person's data; the role is in the reason where it matters)."""
    return [
        {
            "tijdstip": _iso(h.history_date),
            "stand": getattr(h, "state", None),
            "wijziging": {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}[h.history_type],
            "reden": h.history_change_reason or "",
        }
        for h in obj.history.order_by("history_date", "history_id")
    ]


def _signalering(sig: Signalering) -> dict[str, Any]:
    afschrift = inzage.afschrift(sig)
    return {
        "id": sig.pk,
        "velden": {v["label"]: v["waarde"] for v in afschrift["velden"] if v["label"] != "Reden"},
        "categorieen": list(sig.categorieen),
        "redenen": list(sig.redenen),
        "termijnen_maanden": dict(sig.termijnen),
        "reikwijdte": sig.reikwijdte,
        "eindreden": sig.eindreden,
        "doelen": afschrift["doelen"],
        "bewaartermijn": afschrift["bewaartermijn"],
        "bron": afschrift["bron"],
        "ontvangers": afschrift["ontvangers"],
        "matches": [
            {
                "id": m.pk,
                "status": m.status,
                "gevonden_op": _iso(m.gevonden_op),
                "beoordeeld_op": _iso(m.beoordeeld_op),
                "inschrijfnummer": m.inschrijving.inschrijfnummer,
            }
            for m in Match.objects.filter(signalering=sig).select_related("inschrijving")
        ],
        "wegingen": afschrift["wegingen"],
        "geschiedenis": _geschiedenis(sig),
    }


def _zaak(case: Any) -> dict[str, Any]:
    """A case: its own fields (the person's words and the decisions about them), its terms,
    its attachments by name, its history."""
    velden = {}
    for field in case._meta.concrete_fields:
        # Staff accounts are not the person's data; the filer is the person (the account).
        if (
            field.name in ("id", "state")
            or field.name.endswith("_sleutel")  # a keyed hash for matching, nothing to read
            or field.related_model is get_user_model()
        ):
            continue
        value = getattr(case, field.attname)
        if isinstance(value, date | datetime):
            value = value.isoformat()
        velden[field.name] = value
    termijnen = Deadline.objects.filter(case_type=case.CASE_TYPE, case_id=case.pk)
    bijlagen = Bijlage.objects.filter(case_type=case.CASE_TYPE, case_id=case.pk)
    return {
        "id": case.pk,
        "soort_zaak": case.CASE_TYPE,
        "stand": case.state,
        "velden": velden,
        "termijnen": [
            {"soort": d.get_kind_display(), "uiterlijk": _iso(d.last_day), "status": d.status}
            for d in termijnen.order_by("start_at", "pk")
        ],
        "bijlagen": [b.naam for b in bijlagen.order_by("pk")],
        "geschiedenis": _geschiedenis(case),
    }


def _zaken(sig_ids: set[int], user_id: int | None) -> dict[str, list[Any]]:
    wie = Q(signalering_id__in=sig_ids)
    if user_id is not None:
        wie |= Q(indiener_id=user_id)
    return {
        model.CASE_TYPE: list(model.objects.filter(wie).order_by("ontvangen_op", "pk"))
        for model in CASE_MODELS
    }


def _wie(row: Raadpleging, namen: dict[int, str]) -> str:
    if row.rol == Rol.BETROKKENE:
        return "uzelf"
    rol = Rol(row.rol).label if row.rol in Rol.values else row.rol
    return f"{rol}, {namen[row.deelnemer_id]}" if row.deelnemer_id in namen else rol


def _raadplegingen(sig_ids: set[int], zaken: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Every read of their data: when, by which role of which corporation, what, and why."""
    wie = Q(signalering_id__in=sig_ids)
    for case_type, rows in zaken.items():
        wie |= Q(case_type=case_type, case_id__in=[c.pk for c in rows])
    namen = dict(Deelnemer.objects.values_list("pk", "naam"))
    return [
        {
            "tijdstip": _iso(r.tijdstip),
            "door": _wie(r, namen),
            "actie": r.get_actie_display(),
            "doel": r.get_doel_display(),
        }
        for r in Raadpleging.objects.filter(wie).order_by("tijdstip", "pk")
    ]


def _berichten(
    sig_ids: set[int], zaken: dict[str, list[Any]], account: Betrokkene | None
) -> list[dict[str, Any]]:
    """Every notice sent to them (not staff alerts): of their signaleringen, cases, account,
    and a breach notice addressed to them."""
    wie = Q(case_type="signalering", case_id__in=sig_ids)
    for case_type, rows in zaken.items():
        wie |= Q(case_type=case_type, case_id__in=[c.pk for c in rows])
    if account is not None:
        wie |= Q(case_type=ACCOUNT, case_id=account.pk)
    for sig_id in sig_ids:  # a breach notice is keyed by the signalering it went to
        wie |= Q(case_type="datalek", idempotency_key__endswith=f":betrokkene:{sig_id}")
    rows = OutboxMessage.objects.filter(wie, for_betrokkene=True).order_by("created_at", "pk")
    return [
        {
            "datum": _iso(m.created_at),
            "bericht": bericht_label(m.template),
            "kanaal": m.channel,
            "status": m.status,
            "aan": m.to_name,
            "email": m.to_email,
            "adres": m.to_address,
        }
        for m in rows
    ]


def _datalekken(sig_ids: set[int]) -> list[dict[str, Any]]:
    """Breaches that touched their data, as they were (or would be) told of them (art. 34)."""
    rows = Datalek.objects.filter(betrokken_signaleringen__in=sig_ids).distinct()
    return [
        {
            "id": d.pk,
            "ontdekt_op": _iso(d.ontdekt_op),
            "wat_er_gebeurde": d.uitleg_betrokkenen,
            "gevolgen": d.gevolgen,
            "maatregelen": d.maatregelen,
            "geinformeerd_op": _iso(d.betrokkenen_geinformeerd_op),
        }
        for d in rows.order_by("ontdekt_op", "pk")
    ]


def signaleringen_van(
    signalering_ids: Iterable[int | None], account: Betrokkene | None
) -> set[int]:
    ids = {pk for pk in signalering_ids if pk}
    if account is not None:
        ids |= set(account.signaleringen.values_list("pk", flat=True))
    return ids


def export(sig_ids: set[int], user_id: int | None, now: datetime) -> dict[str, Any]:
    """The whole copy for these signaleringen and this person's account (either may be empty)."""
    account = Betrokkene.objects.filter(user_id=user_id).first() if user_id else None
    sigs = Signalering.objects.filter(pk__in=sig_ids).exclude(state="verwijderd")
    zaken = _zaken(sig_ids, user_id)
    return {
        "formaat": FORMAAT,
        "gemaakt_op": _iso(now),
        "account": {"email": account.user.email, "sinds": _iso(account.user.date_joined)}
        if account
        else None,
        "signaleringen": [_signalering(s) for s in sigs.order_by("pk")],
        "zaken": {kind: [_zaak(c) for c in rows] for kind, rows in zaken.items()},
        "datalekken": _datalekken(sig_ids),
        "raadplegingen": _raadplegingen(sig_ids, zaken),
        "berichten": _berichten(sig_ids, zaken, account),
        "rechten": "Zie de brief bij uw inzage: correctie, verwijdering, beperking, bezwaar, "
        "klacht bij de Autoriteit Persoonsgegevens (protocol hoofdstuk 15).",
    }


def voor_verzoek(verzoek: Verzoek, now: datetime) -> dict[str, Any]:
    """For the privacy officer handling an access request: its signalering and the filer's."""
    account = Betrokkene.objects.filter(user_id=verzoek.indiener_id).first()
    return export(signaleringen_van([verzoek.signalering_id], account), verzoek.indiener_id, now)


def voor_account(account: Betrokkene, now: datetime) -> dict[str, Any]:
    """For the person in the portal: what their account is linked to and what they filed."""
    return export(signaleringen_van([], account), account.user_id, now)
