"""The case file: attachments in, and erasure of a whole case — rows, deadlines, attachments,
history and outbox copies — when its retention term has passed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models, transaction

from states.models import Bijlage, Deadline, Raadpleging
from states.notices import erase_case
from states.policy import PolicyError
from states.roles import Actor
from states.wissing import wissing

MAX_BYTES = 10 * 1024 * 1024
TOEGESTAAN = {"application/pdf", "image/jpeg", "image/png", "text/plain"}
# A document's type is read from its first bytes; what the sender claims is not trusted.
SOORTEN = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def soort_van(inhoud: bytes) -> str | None:
    """The document's type by its signature: PDF, JPEG or PNG; anything else is None."""
    return next((mime for magic, mime in SOORTEN.items() if inhoud.startswith(magic)), None)


def _is_tekst(inhoud: bytes) -> bool:
    """Plain text: UTF-8, no NUL, and not markup a browser might run."""
    try:
        tekst = inhoud.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in tekst and not tekst.lstrip().startswith("<")


def _echte_soort(mime_type: str, inhoud: bytes) -> str | None:
    """The claimed type, if the bytes are that: a PDF is a PDF, text is text."""
    if mime_type == "text/plain":
        return mime_type if _is_tekst(inhoud) else None
    return mime_type if soort_van(inhoud) == mime_type else None


@transaction.atomic
def voeg_bijlage_toe(
    actor: Actor, case: models.Model, naam: str, mime_type: str, inhoud: bytes, now: datetime
) -> Bijlage:
    errors = {}
    if mime_type not in TOEGESTAAN:
        errors["bestand"] = ["Alleen PDF, JPEG, PNG of platte tekst."]
    elif inhoud and _echte_soort(mime_type, inhoud) is None:
        errors["bestand"] = ["Het bestand is niet wat het zegt te zijn (PDF, JPEG, PNG of tekst)."]
    if not inhoud:
        errors["bestand"] = ["Het bestand is leeg."]
    if len(inhoud) > MAX_BYTES:
        errors["bestand"] = ["Hoogstens 10 MB."]
    if errors:
        raise PolicyError(errors)
    return Bijlage.objects.create(
        case_type=case.CASE_TYPE,
        case_id=case.pk,
        naam=naam[:200] or "bijlage",
        mime_type=mime_type,
        grootte=len(inhoud),
        inhoud=inhoud,
        toegevoegd_op=now,
        toegevoegd_door_id=actor.user_id,
    )


BIJLAGE_FIELDS = ("id", "naam", "mime_type", "grootte", "toegevoegd_op")


def bijlagen(case: models.Model) -> list[dict[str, Any]]:
    return list(
        Bijlage.objects.filter(case_type=case.CASE_TYPE, case_id=case.pk)
        .order_by("pk")
        .values(*BIJLAGE_FIELDS)
    )


@transaction.atomic
@wissing("dossier-bewaartermijn")
def wis_zaak(case: models.Model) -> None:
    """Erase a case and every copy: deadlines (and their history), attachments, outbox rows,
    the case's history, and the case itself. The read log keeps only ids."""
    kind, pk = case.CASE_TYPE, case.pk
    deadline_ids = list(
        Deadline.objects.filter(case_type=kind, case_id=pk).values_list("pk", flat=True)
    )
    Deadline.history.filter(id__in=deadline_ids).delete()
    Deadline.objects.filter(pk__in=deadline_ids).delete()
    Bijlage.objects.filter(case_type=kind, case_id=pk).delete()
    erase_case(kind, pk)
    Raadpleging.objects.filter(case_type=kind, case_id=pk).update(kenmerk="")
    case.delete()
    type(case).history.filter(id=pk).delete()  # after: the delete itself writes a history row


AFGEROND = {
    "verzoek": ("afgesloten", "samengevoegd", "ingetrokken"),
    "klacht": ("afgesloten",),
    "geschil": ("afgesloten", "doorverwezen_huurcommissie"),
}


def _cutoff(now: datetime, months: int) -> datetime:
    from datetime import time

    from states.clock import AMSTERDAM, local_date
    from states.policy import add_months

    return datetime.combine(add_months(local_date(now), -months), time(0), tzinfo=AMSTERDAM)


def purge_expired_cases(now: datetime) -> dict[str, int]:
    """Erase closed case files past their retention term (protocol version settings)."""
    from states.models import Geschil, Klacht, ProtocolVersie, Verzoek

    purged = {"geschil": 0, "klacht": 0, "verzoek": 0}
    # Each case by the terms of the version it runs under (ch. 23: it keeps its version).
    for versie in ProtocolVersie.objects.filter(state="gepubliceerd"):
        termijnen = versie.beleid.termijnen
        zaak = _cutoff(now, termijnen.get("bewaartermijn_zaak_maanden", 24))
        hoorzitting = _cutoff(now, termijnen.get("bewaartermijn_geschil_maanden", 24))
        # Disputes first: a complaint with a dispute on file stays while the dispute does.
        batches = [
            (Geschil.objects.filter(state__in=AFGEROND["geschil"], advies_op__lt=hoorzitting)),
            (
                Klacht.objects.filter(
                    state__in=AFGEROND["klacht"], gewijzigd_op__lt=zaak, geschillen__isnull=True
                )
            ),
            (Verzoek.objects.filter(state__in=AFGEROND["verzoek"], gewijzigd_op__lt=zaak)),
        ]
        for qs in batches:
            for case in qs.filter(protocol_versie=versie):
                wis_zaak(case)
                purged[case.CASE_TYPE] += 1
    return purged
