"""Issue 9, reliability: a deadline whose escalation raises is not quiet. It stays open and is
retried, the other deadlines go on, the flow run ends Failed in Prefect, the daily digest and
the deadline page list it — until a run succeeds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings

from notifications.digest import send_failure_digest
from states.models import Deadline
from states.services import enforcement
from tests.conftest import staff_client
from tests.test_enforcement_load import due_requests

pytestmark = pytest.mark.django_db


@pytest.fixture
def breaks_for(monkeypatch):
    """Make the escalation of the given cases raise, as a bug or a bad record would."""

    real = enforcement._escalate

    def make(case_ids: set[int]) -> None:
        def escalate(case, deadline, now, alert):  # noqa: ANN001, ANN202
            if case.pk in case_ids:
                raise KeyError(f"sjabloon ontbreekt voor {case.indiener_naam} (Vlaskampenaar)")
            return real(case, deadline, now, alert)

        monkeypatch.setattr(enforcement, "_escalate", escalate)

    return make


def test_one_failing_escalation_is_recorded_and_the_others_go_on(region, now, breaks_for):
    ids = due_requests(region, 3, now - timedelta(minutes=3))
    breaks_for({ids[1]})
    report = enforcement.enforce(now)
    assert (report.escalated, report.failed) == (2, 1)
    stuck = Deadline.objects.get(case_id=ids[1])
    assert stuck.status == "open" and stuck.escalatie_pogingen == 1
    assert stuck.escalatie_mislukt_sinds == now
    assert stuck.escalatie_fout.startswith("KeyError in test_escalatie_mislukt.py")
    assert "Vlaskampenaar" not in stuck.escalatie_fout  # never the message: it may quote a name
    later = now + timedelta(minutes=5)
    enforcement.enforce(later)
    stuck.refresh_from_db()
    assert stuck.escalatie_pogingen == 2 and stuck.escalatie_mislukt_sinds == now  # since when


def test_a_later_successful_run_escalates_it_and_clears_the_failure(region, now, breaks_for):
    [case_id] = due_requests(region, 1, now - timedelta(minutes=3))
    breaks_for({case_id})
    enforcement.enforce(now)
    breaks_for(set())  # the bug is fixed
    report = enforcement.enforce(now + timedelta(minutes=5))
    assert report.escalated == 1 and report.failed == 0
    deadline = Deadline.objects.get(case_id=case_id)
    assert deadline.status == "missed"
    assert (deadline.escalatie_mislukt_sinds, deadline.escalatie_pogingen) == (None, 0)
    assert not enforcement.failing().exists()


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_the_daily_digest_lists_it_every_day_until_it_succeeds(region, now, breaks_for):
    [case_id] = due_requests(region, 1, now - timedelta(minutes=3))
    breaks_for({case_id})
    enforcement.enforce(now)
    assert send_failure_digest(now) == 1
    assert send_failure_digest(now + timedelta(days=1)) == 1  # still failing: told again
    body = mail.outbox[-1].body
    assert f"verzoek {case_id}" in body and "KeyError" in body and "mislukt sinds" in body
    assert "Aanvrager" not in body and "Vlaskampenaar" not in body


def test_the_deadline_page_shows_it_to_those_who_see_the_case(region, now, breaks_for):
    [case_id] = due_requests(region, 1, now - timedelta(minutes=3))  # a case of tiwos
    breaks_for({case_id})
    enforcement.enforce(now)
    for who, sees in (
        ("wiz-privacy_officer", True),
        ("tiwos-functionaris", True),
        ("tbv-functionaris", False),
    ):
        page = staff_client(who).get("/medewerker/termijnen").content.decode()
        assert ("Escalatie mislukt" in page) is sees, who
        assert (f"/medewerker/verzoek/{case_id}" in page) is sees, who


@pytest.mark.flow
@pytest.mark.django_db(transaction=True)
def test_the_flow_run_ends_failed_in_prefect_after_committing_the_rest(
    prefect_harness, region, now, breaks_for
):
    from workflows.flows import FLOWS

    ids = due_requests(region, 3, now - timedelta(minutes=3))
    breaks_for({ids[0]})
    connection.close()  # the flow may run in another thread with its own connection
    state = FLOWS["enforce-deadlines"](now=now.isoformat(), return_state=True)
    assert state.is_failed()
    assert "1 escalatie(s) mislukt" in state.message
    assert Deadline.objects.filter(case_id__in=ids[1:], status="missed").count() == 2
    assert Deadline.objects.get(case_id=ids[0]).status == "open"


def test_a_full_batch_of_failures_does_not_stop_the_deadlines_behind_it(region, now, breaks_for):
    """Were the earliest deadlines all failing, each run would claim only them again and the
    deadlines due later would never be escalated."""
    ids = due_requests(region, 5, now - timedelta(minutes=3))
    first_three = set(
        Deadline.objects.filter(case_id__in=ids)
        .order_by("due_at", "pk")
        .values_list("case_id", flat=True)[:3]
    )
    breaks_for(first_three)
    report = enforcement.enforce(now, batch_size=2)
    assert (report.escalated, report.failed) == (2, 3)
    escalated = set(Deadline.objects.filter(status="missed").values_list("case_id", flat=True))
    assert escalated == set(ids) - first_three


def test_run_flow_shows_the_report_and_fails_when_an_escalation_raised(region, now, breaks_for):
    import pickle
    from io import StringIO

    from django.core.management import CommandError, call_command

    from workflows.flows import EscalationFailed

    ids = due_requests(region, 2, now - timedelta(minutes=3))
    breaks_for({ids[0]})
    out = StringIO()
    with pytest.raises(CommandError, match="1 escalatie"):
        call_command("run_flow", "enforce-deadlines", now=now.isoformat(), stdout=out)
    assert "'escalated': 1" in out.getvalue() and "'failed': 1" in out.getvalue()
    error = pickle.loads(pickle.dumps(EscalationFailed("x", {"failed": 1})))  # Prefect stores it
    assert error.report == {"failed": 1} and str(error) == "x"
