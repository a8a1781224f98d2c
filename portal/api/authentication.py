"""How API callers prove who they are: a hashed, expiring token, or a staff session that has
passed its second factor (a password alone opens nothing)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

from portal import twofactor


class VerifiedSessionAuthentication(SessionAuthentication):
    """The browser session, for the person, and for staff only once their code was given."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        django_user = request._request.user  # carries django-otp's is_verified()
        if twofactor.is_staff(django_user) and not django_user.is_verified():
            return None
        return result


class VerifiedSessionScheme(SessionScheme):
    """The OpenAPI document describes it as the session cookie it is."""

    target_class = VerifiedSessionAuthentication
