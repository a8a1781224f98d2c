"""Answer the health probes before any host or HTTPS check.

Kubernetes and compose probe a pod over plain HTTP with its IP as Host header. Behind the TLS
proxy every other request must be HTTPS and for a known host, so this middleware sits first and
serves `/health/web` and `/health/flows` itself: the probe gets 200 instead of a 301 (HTTPS
redirect) or a 400 (unknown host). Nothing else is exempt.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from portal import health

PROBES: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "/health/web": health.web,
    "/health/flows": health.flows,
}


class ProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)
