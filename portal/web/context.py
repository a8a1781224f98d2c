from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from states.access import actor_for
from states.roles import NotAllowed


def portal_role(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    try:
        return {"portal_role": actor_for(request.user).rol}
    except NotAllowed:
        return {"portal_role": ""}
