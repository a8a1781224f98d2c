"""Benchmark: dispatch-outbox to an SMTP sink on loopback (aiosmtpd), at 1× and 10× the data,
against the same messages sent with plain smtplib over one connection in the same run (the
baseline: no database, no rendering). Issue 11 target: ≥ 300 messages/s.

Not part of the default suite (run: bin/bench); prints its figures for docs/benchmarks.md.
"""

from __future__ import annotations

import logging
import smtplib
import time
from datetime import timedelta
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from benchmarks.conftest import scales
from notifications import delivery
from notifications.models import OutboxMessage
from states.services import enforcement
from tests.test_enforcement_load import due_requests
from tests.test_wsgi import free_port


class Count:
    def __init__(self) -> None:
        self.n = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        self.n += 1
        return "250 OK"


def _baseline(port: int, rows: list[OutboxMessage]) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for row in rows:
            msg = EmailMessage()
            msg["Subject"], msg["From"], msg["To"] = "Vertraging", "a@example.org", row.to_email
            msg.set_content("x" * 600)
            smtp.send_message(msg)
    return time.perf_counter() - started


@pytest.mark.django_db
@pytest.mark.parametrize("scale", scales())
def test_bench_dispatch_outbox(region, now, scale, record):
    n = 300 * scale  # escalated requests: three messages each (900 / 9,000 / 90,000)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # the sink's per-command log
    due_requests(region, n, now - timedelta(minutes=3))
    assert enforcement.enforce(now).escalated == n
    rows = list(OutboxMessage.objects.filter(channel="email", status="pending"))
    handler, port = Count(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        raw = _baseline(port, rows)
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
        ):
            started = time.perf_counter()
            sent = 0
            while batch := delivery.deliver_pending(now).sent:  # a run sends at most 10,000:
                sent += batch  # a backlog drains over consecutive (per-minute) runs
            elapsed = time.perf_counter() - started
    finally:
        controller.stop()
    assert sent == len(rows) and handler.n == 2 * len(rows)
    rate = len(rows) / elapsed
    record(
        "dispatch-outbox",
        f"{len(rows):,} messages",
        "messages/s to an SMTP sink",
        rate,
        "/s",
        baseline=len(rows) / raw,
        target="≥ 300/s",
        met=rate >= 300,
    )
