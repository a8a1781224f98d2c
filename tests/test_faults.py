"""Issue 9, reliability: faults, each ending with no deadline missed and no message lost or
doubled — the mail provider refusing and hanging, a letter that will not render, a worker killed
mid-transaction, the database connection cut during a run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.test import override_settings

from notifications import delivery
from notifications.models import OutboxMessage
from states.models import Deadline
from states.services import enforcement
from tests.conftest import database_url_for_subprocess
from tests.test_enforcement_load import due_requests

ROOT = Path(__file__).resolve().parent.parent


class Sink:
    """An SMTP server on loopback that can refuse, hang, or accept; it counts what it accepted
    by the outbox Message-ID, so a doubled message shows."""

    def __init__(self) -> None:
        self.mode = "accept"
        self.limit: int | None = None  # accept this many, then hang
        self.accepted: list[str] = []
        self.hang = threading.Event()
        self.sessions: set[int] = set()  # SMTP connections that carried a message
        self.refuse_nth: int | None = None  # refuse only this message (1-based), once

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        self.sessions.add(id(session))
        if self.refuse_nth is not None and len(self.accepted) + 1 == self.refuse_nth:
            self.refuse_nth = None
            return "451 4.3.0 Eén keer niet"
        if self.mode == "refuse":
            return "451 4.3.0 Tijdelijk niet beschikbaar"
        if self.mode == "hang" or (self.limit is not None and len(self.accepted) >= self.limit):
            await _sleep_until(self.hang)
            return "451 4.3.0 Te laat"
        self.accepted.append(message_from_bytes(envelope.content)["Message-ID"])
        return "250 OK"


async def _sleep_until(event: threading.Event) -> None:
    import asyncio

    while not event.is_set():
        await asyncio.sleep(0.05)


@pytest.fixture
def sink():
    handler = Sink()
    from tests.test_wsgi import free_port

    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=1,
    ):
        yield handler
    handler.hang.set()
    controller.stop()


def outbox_ids() -> set[str]:
    return {f"<outbox-{pk}@{delivery.MESSAGE_ID_DOMAIN}>" for pk in pending_email_ids()}


def pending_email_ids() -> list[int]:
    return list(
        OutboxMessage.objects.filter(channel="email").order_by("pk").values_list("pk", flat=True)
    )


def escalate(region, now, n: int) -> None:
    due_requests(region, n, now - timedelta(minutes=3))
    assert enforcement.enforce(now).escalated == n


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["refuse", "hang"])
def test_mail_provider_refusing_or_hanging_loses_and_doubles_nothing(region, now, sink, fault):
    escalate(region, now, 3)
    expected = outbox_ids()
    sink.mode = fault
    report = delivery.deliver_pending(now)
    assert report.sent == 0 and report.retried == len(expected)  # each tried once, kept
    assert sink.accepted == []
    sink.mode = "accept"
    assert delivery.deliver_pending(now).sent == 0  # not before the backoff
    report = delivery.deliver_pending(now + timedelta(minutes=2))
    assert report.sent == len(expected)
    assert sorted(sink.accepted) == sorted(expected)  # every message exactly once
    assert delivery.deliver_pending(now + timedelta(hours=1)).sent == 0


@pytest.mark.django_db
def test_a_letter_that_will_not_render_waits_and_the_others_go_out(region, now, monkeypatch):
    letters = [
        OutboxMessage.objects.create(
            idempotency_key=f"brief-{i}",
            template="verzoek_vertraagd",
            case_type="verzoek",
            case_id=i,
            channel="brief",
            status="pending",
            to_name=f"Persoon {i}",
            to_address="Dorpsstraat 1\n5038 KL Tilburg",
            for_betrokkene=True,
            context={},
            created_at=now,
            next_attempt_at=now,
        )  # fmt: skip
        for i in range(3)
    ]
    real = delivery.render_pdf

    def flaky(rendered, name, address, **letter):  # noqa: ANN001, ANN003, ANN202
        if name == "Persoon 1":
            raise RuntimeError("font ontbreekt")
        return real(rendered, name, address, **letter)

    monkeypatch.setattr(delivery, "render_pdf", flaky)
    assert delivery.queue_letters(now) == 2
    stuck = OutboxMessage.objects.get(pk=letters[1].pk)
    assert stuck.status == "pending" and stuck.attempts == 1
    assert stuck.last_error == "PDF: RuntimeError"
    monkeypatch.setattr(delivery, "render_pdf", real)  # fixed
    assert delivery.queue_letters(now) == 0  # waits for its backoff
    assert delivery.queue_letters(now + timedelta(minutes=2)) == 1
    statuses = OutboxMessage.objects.filter(pk__in=[r.pk for r in letters])
    assert set(statuses.values_list("status", flat=True)) == {"print_queue"}


def run_worker(code: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env={
            **os.environ,
            **env,
            "DATABASE_URL": database_url_for_subprocess(),
            "SIGNALERING_ENV": "test",
            "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(predicate, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_escalation_batch_then_rerun_escalates_each_once(region, now):
    ids = due_requests(region, 6, now - timedelta(minutes=3))
    marker = Path(f"/tmp/escalatie-{os.getpid()}")
    marker.unlink(missing_ok=True)
    worker = run_worker(
        f"""
import time
from datetime import datetime
from pathlib import Path
from states.services.enforcement import enforce
seen = []
def pause(deadline):
    seen.append(deadline.pk)
    if len(seen) == 3:  # halfway through the batch, inside its transaction
        Path({str(marker)!r}).touch()
        time.sleep(60)
enforce(datetime.fromisoformat({now.isoformat()!r}), after_each=pause)
""",
        {},
    )
    wait_for(marker.exists)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    marker.unlink(missing_ok=True)
    assert Deadline.objects.filter(case_id__in=ids, status="missed").count() == 0  # rolled back
    assert enforcement.enforce(now).escalated == 6
    assert Deadline.objects.filter(case_id__in=ids, status="missed").count() == 6
    messages = OutboxMessage.objects.filter(template="verzoek_vertraagd", case_id__in=ids)
    assert messages.count() == 6  # one per deadline: nothing lost, nothing doubled


@pytest.mark.django_db(transaction=True)
def test_worker_killed_while_the_provider_holds_a_message_doubles_none(region, now, sink):
    escalate(region, now, 4)
    expected = outbox_ids()
    sink.limit = 2  # the provider accepts two, then holds the third until the worker dies
    port = sink_port()
    worker = run_worker(
        f"""
from datetime import datetime
from django.test import override_settings
from notifications import delivery
with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                       EMAIL_HOST="127.0.0.1", EMAIL_PORT={port}, EMAIL_TIMEOUT=60):
    delivery.deliver_pending(datetime.fromisoformat({now.isoformat()!r}))
""",
        {},
    )
    wait_for(lambda: len(sink.accepted) >= 2 or worker.poll() is not None)
    time.sleep(0.3)  # the worker is now waiting for the provider's answer on the third
    assert worker.poll() is None, worker.stderr.read()
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    sink.limit = None
    sink.hang.set()
    delivery.deliver_pending(now)
    assert sorted(sink.accepted) == sorted(expected)  # each exactly once


def sink_port() -> int:
    from django.conf import settings

    return settings.EMAIL_PORT


@pytest.mark.django_db(transaction=True)
def test_database_connection_cut_during_a_run_then_the_next_run_finishes(region, now):
    ids = due_requests(region, 5, now - timedelta(minutes=3))
    seen = []

    def cut(deadline) -> None:  # noqa: ANN001
        seen.append(deadline.pk)
        if len(seen) == 2:
            with connection.cursor() as cursor:  # as a restart of PostgreSQL would
                cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises, the run fails
        enforcement.enforce(now, after_each=cut)
    connection.close()  # the next run gets a fresh connection, as a new flow run would
    assert enforcement.enforce(now).escalated == 5
    assert Deadline.objects.filter(case_id__in=ids, status="missed").count() == 5
    messages = OutboxMessage.objects.filter(template="verzoek_vertraagd", case_id__in=ids)
    assert messages.count() == 5


@pytest.mark.django_db
def test_one_smtp_connection_carries_a_whole_run(region, now, sink):
    escalate(region, now, 6)
    expected = outbox_ids()
    assert delivery.deliver_pending(now).sent == len(expected) > 5
    assert sorted(sink.accepted) == sorted(expected) and len(sink.sessions) == 1


@pytest.mark.django_db
def test_a_refused_message_does_not_stop_the_rest_of_the_run(region, now, sink):
    escalate(region, now, 6)
    expected = outbox_ids()
    sink.refuse_nth = 3
    report = delivery.deliver_pending(now)
    assert (report.sent, report.retried) == (len(expected) - 1, 1)
    assert len(sink.sessions) == 2  # the session after the refusal is a fresh one
    delivery.deliver_pending(now + timedelta(minutes=2))
    assert sorted(sink.accepted) == sorted(expected)  # each exactly once in the end
