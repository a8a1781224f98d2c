"""Domain refusals to HTTP: 403 may not, 409 not now, 400 bad input, 404 not yours to see.

Bad input never becomes a 500.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django_fsm import ConcurrentTransition
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from states.policy import PolicyError
from states.roles import NotAllowed, NotPossible


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, NotAllowed):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, NotPossible | ConcurrentTransition):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, PolicyError):
        return Response(exc.errors, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(errors, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, LookupError):
        return Response({"detail": str(exc) or "Niet gevonden."}, status=status.HTTP_404_NOT_FOUND)
    return drf_exception_handler(exc, context)
