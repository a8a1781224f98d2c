"""One-time sign-in for the person: a link and a six-digit code by e-mail, valid 15 minutes.

Nothing tells whether an address is known: every request gets the same answer.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from portal.models import LoginCode
from states.models import Betrokkene, Medewerker, Samenwerkingsverband

VALID_FOR = timedelta(minutes=15)
MAX_ATTEMPTS = 5
MAX_CODES_PER_HOUR = 5  # nobody floods an inbox through us


def _hash(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}|{value}".encode()).hexdigest()


@transaction.atomic
def request_code(email: str, now: datetime, base_url: str) -> None:
    """Known or not, the address gets an e-mail and the page the same answer; no account is
    made for an address until its owner uses the code (issue 9)."""
    email = email.strip().lower()
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None and Medewerker.objects.filter(user=user).exists():
        _send(email, STAFF_TEXT)  # as slow as the others: a staff address is not revealed
        return
    recent = LoginCode.objects.filter(
        email=email, expires_at__gt=now - timedelta(hours=1) + VALID_FOR
    )
    if recent.count() >= MAX_CODES_PER_HOUR:
        return  # the same answer as always; the codes already sent still work
    token, code = secrets.token_urlsafe(32), f"{secrets.randbelow(10**6):06d}"
    LoginCode.objects.filter(email=email, used_at__isnull=True).update(used_at=now)
    LoginCode.objects.create(
        user=user,
        email=email,
        token_hash=_hash(token),
        code_hash=_hash(code),
        expires_at=now + VALID_FOR,
    )
    _send(
        email,
        f"Uw inlogcode is {code}. U kunt ook deze link gebruiken:\n{base_url}/inloggen/{token}\n\n"
        "De code en de link zijn 15 minuten geldig en werken één keer. Hebt u dit niet "
        "aangevraagd? Dan kunt u dit bericht negeren.",
    )


STAFF_TEXT = (
    "Voor medewerkers werkt inloggen met een code niet: gebruik de inlogpagina voor "
    "medewerkers. Hebt u dit niet aangevraagd? Dan kunt u dit bericht negeren."
)


def _send(email: str, body: str) -> None:
    send_mail("Uw inlogcode voor de Signaleringslijst", body, settings.DEFAULT_FROM_EMAIL, [email])


def _account(row: LoginCode, email: str) -> Any:
    """The person's account, made now that they proved the address is theirs."""
    if row.user is not None:
        return row.user
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(username=email, email=email)
        user.set_unusable_password()
        user.save()
    if not Betrokkene.objects.filter(user=user).exists():
        swv = Samenwerkingsverband.objects.order_by("pk").first()
        Betrokkene.objects.create(user=user, samenwerkingsverband=swv)
    row.user = user
    return user


@transaction.atomic
def by_token(token: str, now: datetime) -> Any:
    row = LoginCode.objects.select_for_update().filter(token_hash=_hash(token)).first()
    if row is None or row.used_at or row.expires_at < now:
        return None
    row.used_at = now
    user = _account(row, row.email)
    row.save()
    return user


@transaction.atomic
def by_code(email: str, code: str, now: datetime) -> Any:
    email = email.strip().lower()
    row = (
        LoginCode.objects.select_for_update()
        .filter(email=email, used_at__isnull=True, expires_at__gte=now)
        .order_by("-pk")
        .first()
    )
    if row is None:
        return None
    row.attempts += 1
    if row.attempts > MAX_ATTEMPTS or row.code_hash != _hash(code.strip()):
        if row.attempts >= MAX_ATTEMPTS:
            row.used_at = now  # too many tries: ask for a new code
        row.save()
        return None
    row.used_at = now
    user = _account(row, email)
    row.save()
    return user


def purge_expired(now: datetime) -> int:
    """Sign-in codes hold a typed address: gone a day after they expired."""
    deleted, _ = LoginCode.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    return deleted
