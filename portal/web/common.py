"""What the pages share: the actor, field errors from the domain, the case lookups."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render

from states.access import actor_for
from states.models import Geschil, Hardheidsverzoek, Klacht, Verzoek
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, NotPossible, Rol

CASE_MODELS = {
    "verzoek": Verzoek,
    "klacht": Klacht,
    "geschil": Geschil,
    "hardheid": Hardheidsverzoek,
}


def with_actor(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pass the actor in; no role → 403 page, not signed in → sign-in page, staff without their
    second factor this session → the code page (nothing is read or written before it)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "/inloggen")
        try:
            actor = actor_for(request.user)
        except NotAllowed:
            return HttpResponseForbidden("Geen toegang.")
        if actor.rol != Rol.BETROKKENE and not request.user.is_verified():
            return redirect(f"/medewerker/tweestaps?{urlencode({'next': request.get_full_path()})}")
        return view(request, actor, *args, **kwargs)

    return wrapper


def require_rol(actor: Actor, *rollen: str) -> None:
    """A page for other roles does not exist for this one."""
    if actor.rol not in rollen:
        raise Http404("Niet beschikbaar voor uw rol.")


def domain_errors(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Run a service; put its refusal on the form instead of an error page."""
    try:
        return call()
    except PolicyError as exc:
        for field, messages in exc.errors.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    except (NotPossible, NotAllowed, LookupError) as exc:
        form.add_error(None, str(exc))
    return None


class Refused(Exception):
    """A step this role may not take: answered with the refusal page, nothing written."""


def step(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Like domain_errors, but a refusal of the role is not a form error: it raises Refused."""

    def guarded() -> Any:
        try:
            return call()
        except NotAllowed as exc:
            raise Refused(str(exc)) from exc

    return domain_errors(form, guarded)


def refused(
    request: HttpRequest,
    exc: Refused,
    terug: str,
    terug_tekst: str = "Terug naar de zaak",
    status: int = 403,
) -> HttpResponse:
    """The 403 page (or 409, a step the case no longer allows): what was refused, that nothing
    was recorded, and the way back."""
    kop = "Deze stap kan nu niet" if status == 409 else "Deze stap mag u niet zetten"
    context = {"reden": str(exc), "terug": terug, "terug_tekst": terug_tekst, "kop": kop}
    return render(request, "portal/geweigerd.html", context, status=status)


def own_case(actor: Actor, case_type: str, pk: int) -> Any:
    """A person's own case; anything else is 'not found', never 'forbidden' (no id probing)."""
    model = CASE_MODELS.get(case_type)
    case = model.objects.filter(pk=pk, indiener_id=actor.user_id).first() if model else None
    if case is None:
        raise Http404("Niet gevonden.")
    return case
