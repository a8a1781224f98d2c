"""One question per page (GOV.UK pattern): the answers live in the session until the person
confirms them on the check page; nothing is written before that."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from portal.web.common import domain_errors
from states.models import Betrokkene


@dataclass(frozen=True)
class Step:
    slug: str
    form: Callable[..., forms.Form]  # called with (data, account=, answers=, initial=)
    title: Any
    applies: Callable[[Betrokkene, dict[str, Any]], bool] = lambda account, answers: True


@dataclass(frozen=True)
class Flow:
    key: str  # the session key, and the route prefix: "verzoek" or "klacht"
    steps: tuple[Step, ...]
    button: Any
    start: str  # the url name of the start page

    def answers(self, request: HttpRequest) -> dict[str, Any]:
        return dict(request.session.get(self.key, {}))

    def save(self, request: HttpRequest, answers: dict[str, Any]) -> None:
        request.session[self.key] = answers

    def url(self, slug: str) -> str:
        return reverse(f"{self.key}_stap", kwargs={"stap": slug})

    def active(self, account: Betrokkene, answers: dict[str, Any]) -> list[Step]:
        return [s for s in self.steps if s.applies(account, answers)]

    def next_url(self, account: Betrokkene, answers: dict[str, Any], after: str | None) -> str:
        """The first step still unanswered after `after`, else the check page."""
        steps = self.active(account, answers)
        slugs = [s.slug for s in steps]
        start = slugs.index(after) + 1 if after in slugs else 0
        for s in steps[start:]:
            if s.slug not in answers.get("_done", []):
                return self.url(s.slug)
        return self.url("controle")

    def back_url(self, account: Betrokkene, answers: dict[str, Any], slug: str) -> str:
        slugs = [s.slug for s in self.active(account, answers)]
        i = slugs.index(slug) if slug in slugs else 0
        return self.url(slugs[i - 1]) if i > 0 else reverse(self.start)

    def missing(self, account: Betrokkene, answers: dict[str, Any]) -> str | None:
        done = answers.get("_done", [])
        return next((s.slug for s in self.active(account, answers) if s.slug not in done), None)


def open_step(request: HttpRequest, flow: Flow, slug: str, account: Betrokkene) -> HttpResponse:
    """The step with this slug, if the flow asks it for these answers; else not found."""
    active = flow.active(account, flow.answers(request))
    step = next((s for s in active if s.slug == slug), None)
    if step is None:
        raise Http404("Deze stap bestaat niet.")
    return step_page(request, flow, step, account)


def step_page(request: HttpRequest, flow: Flow, step: Step, account: Betrokkene) -> HttpResponse:
    """Ask one question; keep the answer; go on (or back to the check page when changing)."""
    answers = flow.answers(request)
    initial = {k: v for k, v in answers.items() if not k.startswith("_")}
    form = step.form(
        request.POST if request.method == "POST" else None,
        account=account,
        answers=answers,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        answers.update(_plain(form.cleaned_data))
        answers["_done"] = sorted(set(answers.get("_done", [])) | {step.slug})
        flow.save(request, answers)
        if request.GET.get("wijzig") and flow.missing(account, answers) is None:
            return redirect(flow.url("controle"))
        return redirect(flow.next_url(account, answers, step.slug))
    return render(
        request,
        "portal/stap.html",
        {
            "form": form,
            "titel": step.title,
            "terug": flow.back_url(account, answers, step.slug),
            "knop": flow.button,
        },
    )


def confirm_page(
    request: HttpRequest,
    flow: Flow,
    account: Betrokkene,
    rows: Callable[[dict[str, Any]], list[tuple[Any, str, str]]],
    submit: Callable[[dict[str, Any]], Any],
    context: dict[str, Any],
) -> HttpResponse:
    """Check your answers; only the confirm button here writes anything."""
    answers = flow.answers(request)
    missing = flow.missing(account, answers)
    if missing is not None:
        return redirect(flow.url(missing))
    # Bound even without fields, so a refusal by the service can be put on it as an error.
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form.is_valid():
        case = domain_errors(form, lambda: submit(answers))
        if case is not None:
            request.session.pop(flow.key, None)
            request.session[f"{flow.key}_klaar"] = case.pk
            return redirect(flow.url("klaar"))
    steps = [s.slug for s in flow.active(account, answers)]
    return render(
        request,
        "portal/controle_antwoorden.html",
        {
            **context,
            "form": form,
            "rijen": [
                (label, value, f"{flow.url(slug)}?wijzig=1" if slug in steps else "")
                for label, value, slug in rows(answers)
            ],
            "terug": flow.url(steps[-1]) if steps else reverse(flow.start),
        },
    )


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Only what a session can hold (JSON): the answers are strings, numbers or empty."""
    return {k: v if isinstance(v, int | str) or v is None else str(v) for k, v in data.items()}
