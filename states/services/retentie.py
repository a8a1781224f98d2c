"""Retention of everything else that holds personal data (AVG art. 5(1)(e)), enforced by the
retention-purge flow. Terms are protocol data (`termijnen`), with the defaults of ADR 0005:
the privacy regulation (003 §6) keeps information two years after the relationship ends;
where it is silent the ADR records our choice.

Signaleringen and their copies are erased by the purge after their end (ch. 12.4); closed case
files by `dossier.purge_expired_cases`. This module covers the rest.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from states.clock import AMSTERDAM, local_date
from states.models import (
    Betrokkene,
    Datalek,
    Deadline,
    Geschil,
    Hardheidsverzoek,
    Inschrijving,
    Klacht,
    Match,
    Raadpleging,
    Verzoek,
)
from states.policy import add_months
from states.services.dossier import wis_zaak
from states.wissing import wissing

DEFAULTS = {
    "bewaartermijn_inschrijving_maanden": 24,  # 003 §6: two years after the relationship
    "bewaartermijn_raadpleging_maanden": 24,  # two yearly audits (ch. 21) can use it
    "bewaartermijn_account_maanden": 24,  # 003 §6
    "bewaartermijn_stille_zaak_maanden": 36,  # a case nobody touched for three years
    "bewaartermijn_datalek_maanden": 60,  # art. 33(5): the AP must be able to verify
}


def _cutoff(now: datetime, months: int) -> datetime:
    return datetime.combine(add_months(local_date(now), -months), time(0), tzinfo=AMSTERDAM)


def _term(termijnen: dict[str, int], name: str) -> int:
    return int(termijnen.get(name, DEFAULTS[name]))


def inschrijvingen(now: datetime, months: int) -> int:
    """Applicant registrations that matched nothing and were not checked again: only matching
    justified keeping their number and hash."""
    stale = Inschrijving.objects.filter(bijgewerkt_op__lt=_cutoff(now, months)).exclude(
        Exists(Match.objects.filter(inschrijving=OuterRef("pk")))
    )
    deleted, _ = stale.delete()
    return deleted


@wissing("leeslog-bewaartermijn")
def leeslog(now: datetime, months: int) -> int:
    deleted, _ = Raadpleging.objects.filter(tijdstip__lt=_cutoff(now, months)).delete()
    return deleted


def _has_cases(user_field: str = "user") -> Q:
    return (
        Q(**{f"{user_field}__in": Verzoek.objects.values("indiener_id")})
        | Q(**{f"{user_field}__in": Klacht.objects.values("indiener_id")})
        | Q(**{f"{user_field}__in": Geschil.objects.values("indiener_id")})
        | Q(**{f"{user_field}__in": Hardheidsverzoek.objects.values("indiener_id")})
    )


@wissing("account-bewaartermijn")
def accounts(now: datetime, months: int) -> int:
    """Portal accounts with no registration and no case, unused for the term: gone, with the
    letters they kept (a removal letter stays until then, ch. 12.4)."""
    from states.notices import erase_case

    cutoff = _cutoff(now, months)
    idle = (
        Betrokkene.objects.filter(signaleringen__isnull=True)
        .filter(Q(user__last_login__lt=cutoff) | Q(user__last_login__isnull=True))
        .filter(user__date_joined__lt=cutoff)
        .exclude(_has_cases("user_id"))
    )
    count = 0
    for account in list(idle.select_related("user")):
        erase_case("account", account.pk)
        user = account.user
        Raadpleging.objects.filter(user_id=user.pk).update(user_id=None)
        account.delete()
        get_user_model().objects.filter(pk=user.pk).delete()
        count += 1
    return count


def stille_zaken(now: datetime, months: int) -> int:
    """Cases never closed and untouched for the term, with no deadline still open."""
    cutoff = _cutoff(now, months)
    count = 0
    # A hardship request goes before the geschil it came with (that link protects the geschil).
    for model in (Hardheidsverzoek, Verzoek, Klacht, Geschil):
        open_deadline = Deadline.objects.filter(
            case_type=model.CASE_TYPE, case_id=OuterRef("pk"), status="open"
        )
        qs = model.objects.filter(gewijzigd_op__lt=cutoff).exclude(Exists(open_deadline))
        if model is Klacht:
            qs = qs.filter(geschillen__isnull=True)
        if model is Geschil:
            qs = qs.filter(hardheid__isnull=True)
        for case in list(qs):
            wis_zaak(case)
            count += 1
    return count


def datalekken(now: datetime, months: int) -> int:
    stale = Datalek.objects.filter(state="afgesloten", gewijzigd_op__lt=_cutoff(now, months))
    count = 0
    for case in list(stale):
        wis_zaak(case)
        count += 1
    return count


@transaction.atomic
def pas_toe(now: datetime, termijnen: dict[str, int] | None = None) -> dict[str, int]:
    t = termijnen or {}
    return {
        "inschrijvingen": inschrijvingen(now, _term(t, "bewaartermijn_inschrijving_maanden")),
        "raadplegingen": leeslog(now, _term(t, "bewaartermijn_raadpleging_maanden")),
        "accounts": accounts(now, _term(t, "bewaartermijn_account_maanden")),
        "stille_zaken": stille_zaken(now, _term(t, "bewaartermijn_stille_zaak_maanden")),
        "datalekken": datalekken(now, _term(t, "bewaartermijn_datalek_maanden")),
    }
