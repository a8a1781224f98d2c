"""How API callers prove who they are: a hashed, expiring token, or a staff session that has
passed its second factor (a password alone opens nothing)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme, TokenScheme
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from portal import apitokens, clock, twofactor
from portal.models import ApiToken


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


class HashedTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`): a key issued by `issue_api_token`.
    Unknown, expired and revoked keys get the same answer."""

    keyword = "Token"  # as the OpenAPI document describes it; Bearer works too
    keywords = ("token", "bearer")

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Ongeldige of verlopen sleutel.")
        token = apitokens.valid(parts[1].decode(errors="replace"), clock.now())
        if token is None or not token.user.is_active:
            raise AuthenticationFailed("Ongeldige of verlopen sleutel.")
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return "Token"


class HashedTokenScheme(TokenScheme):
    target_class = HashedTokenAuthentication
