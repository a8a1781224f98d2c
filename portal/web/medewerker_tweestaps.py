"""Staff sign-in, step two: the code from their authenticator app, or enrolling one first."""

from __future__ import annotations

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from portal import twofactor


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code uit uw authenticator-app",
        help_text="Zes cijfers; de app toont elke 30 seconden een nieuwe code.",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/medewerker"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=False):
        return "/medewerker"
    return target


def tweestaps(request: HttpRequest) -> HttpResponse:
    """Verify (or first enrol) the second factor; staff pages stay closed until it is done."""
    if not twofactor.is_staff(request.user):
        return redirect_to_login(request.get_full_path(), "/medewerker/inloggen")
    if request.user.is_verified():
        return redirect(_next(request))
    device = twofactor.confirmed_device(request.user)
    enrolling = device is None
    if enrolling:
        device = twofactor.pending_device(request.user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        code = form.cleaned_data["code"].replace(" ", "")
        if not device.verify_is_allowed()[0]:
            form.add_error("code", "Te veel onjuiste codes. Wacht even en probeer het opnieuw.")
        elif device.verify_token(code):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        else:
            form.add_error("code", "Deze code klopt niet of is verlopen. Typ de code die nu staat.")
    context = {"form": form, "enrolling": enrolling, "next": _next(request)}
    if enrolling:
        context |= {"qr": twofactor.qr_svg(device), "secret": twofactor.secret_text(device)}
    return render(request, "portal/tweestaps.html", context)
