"""The person's one clear route to disagree (protocol ch. 16.1 a, 16.4; AVG art. 21): what each
way does, by when, and where it leads — then straight to the form, reasons required."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.web.common import with_actor
from states.roles import Actor


@with_actor
def oneens(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(request, "portal/oneens.html")
