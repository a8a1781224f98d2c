"""Gives every request an id: the caller's X-Request-ID when it is a plain token, else a new
one. It is on every log line of the request (portal.logs) and in the response's X-Request-ID,
so a user's report, the access log and the application log meet."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from portal import logs


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = logs.new_request_id(request.headers.get("X-Request-ID"))
        request.request_id = rid
        rid_token = logs.request_id.set(rid)
        case_token = logs.case.set(None)
        try:
            response = self.get_response(request)
        finally:
            request.log_case = logs.case.get()  # for Django's 4xx/5xx line, written after this
            logs.case.reset(case_token)
            logs.request_id.reset(rid_token)
        response["X-Request-ID"] = rid
        return response
