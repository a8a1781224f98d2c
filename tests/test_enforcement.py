"""Deadline enforcement through time: escalate once, tell the person once, alert the right staff."""

from __future__ import annotations

from datetime import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from notifications.models import OutboxMessage
from states.models import Deadline, Klacht, Signalering, Verzoek
from states.services import enforcement
from tests.conftest import later

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("anymail_test_backend"),
]


@pytest.fixture
def anymail_test_backend():
    with override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend"):
        yield


def run_flow(name: str, now: datetime) -> str:
    out = StringIO()
    call_command("run_flow", name, now=now.isoformat(), stdout=out)
    return out.getvalue()


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_undecided_request_escalates_once_after_four_calendar_weeks(
    make_signalering, betrokkene, now
):
    sig = make_signalering()
    _, person = betrokkene(sig)
    verzoek = person.post(
        "/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json"
    ).json()
    run_flow("dispatch-outbox", now)
    mail.outbox.clear()
    # Due at the end of Monday 21 December 2026 (Amsterdam): one minute before, nothing.
    just_before = datetime.fromisoformat("2026-12-21T23:59:00+01:00")
    assert "'escalated': 0" in run_flow("enforce-deadlines", just_before)
    after = datetime.fromisoformat("2026-12-22T00:00:30+01:00")
    assert "'escalated': 1" in run_flow("enforce-deadlines", after)
    run_flow("dispatch-outbox", after)
    person_mail = sent_to("jantje.zwartkruis@example.org")
    assert len(person_mail) == 1
    assert "nog niet beslist" in person_mail[0].subject
    assert "klacht indienen" in person_mail[0].body
    staff = {to for m in mail.outbox for to in m.to} - {"jantje.zwartkruis@example.org"}
    assert staff == {
        "wiz-privacy_officer@demo.woninginzicht.nl",
        "tiwos-directie@demo.woninginzicht.nl",
    }
    deadline = Deadline.objects.get(case_type="verzoek", case_id=verzoek["id"])
    assert deadline.status == "missed" and deadline.journal[-1]["late_seconds"] == 30
    # Again, and again later: nothing new.
    mail.outbox.clear()
    assert "'escalated': 0" in run_flow("enforce-deadlines", later(after, hours=1))
    run_flow("dispatch-outbox", later(after, hours=1))
    assert mail.outbox == []
    # The request still has to be decided; deciding late is recorded as such.
    assert Verzoek.objects.get(pk=verzoek["id"]).state == "ontvangen"


def test_unanswered_complaint_opens_the_geschillencommissie_route(
    api, make_signalering, betrokkene, now
):
    sig = make_signalering()
    _, person = betrokkene(sig)
    klacht = person.post(
        "/api/v1/klachten",
        {"soort": "a", "signalering": sig.pk, "gronden": "Onterecht."},
        format="json",
    ).json()
    api("tiwos-directie").post(f"/api/v1/klachten/{klacht['id']}/transitions/bevestig")
    run_flow("dispatch-outbox", now)
    mail.outbox.clear()
    after = datetime.fromisoformat("2026-12-22T00:05:00+01:00")
    assert "'escalated': 1" in run_flow("enforce-deadlines", after)
    run_flow("dispatch-outbox", after)
    assert Klacht.objects.get(pk=klacht["id"]).state == "termijn_verstreken"
    [route] = sent_to("jantje.zwartkruis@example.org")
    assert "Geschillencommissie" in route.subject and "één handeling" in route.body
    mail.outbox.clear()
    run_flow("enforce-deadlines", later(after, days=1))
    run_flow("dispatch-outbox", later(after, days=1))
    assert mail.outbox == []
    assert (
        person.post(
            "/api/v1/geschillen", {"klacht": klacht["id"], "gronden": "Geen reactie"}, format="json"
        ).status_code
        == 201
    )


def test_removal_decided_but_not_done_is_done_at_the_two_week_deadline(
    api, make_signalering, betrokkene, now
):
    sig = make_signalering("tiwos", "geblokkeerd")
    _, person = betrokkene(sig)
    klacht = person.post(
        "/api/v1/klachten",
        {"soort": "a", "signalering": sig.pk, "gronden": "Onterecht."},
        format="json",
    ).json()
    api("tiwos-directie").post(
        f"/api/v1/klachten/{klacht['id']}/transitions/verklaar_gegrond",
        {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": "Geen vonnis."},
    )
    # Two weeks from Monday 23 November end on Monday 7 December.
    assert "'escalated': 0" in run_flow(
        "enforce-deadlines", datetime.fromisoformat("2026-12-07T22:00:00+01:00")
    )
    at_deadline = datetime.fromisoformat("2026-12-08T00:01:00+01:00")
    assert "'escalated': 1" in run_flow("enforce-deadlines", at_deadline)
    assert Klacht.objects.get(pk=klacht["id"]).state == "hersteld"
    assert Signalering.objects.get(pk=sig.pk).state == "beeindigd"
    run_flow("dispatch-outbox", at_deadline)  # the removal notice goes, then the purge
    tombstone = Signalering.objects.get(pk=sig.pk)
    assert tombstone.state == "verwijderd" and tombstone.achternaam == ""
    herstel = Deadline.objects.get(case_type="klacht", case_id=klacht["id"], kind="klacht_herstel")
    assert herstel.status == "missed" and herstel.escalated_at == at_deadline


def test_reminders_go_once_each_before_the_internal_target(make_signalering, betrokkene, now):
    sig = make_signalering()
    _, person = betrokkene(sig)
    person.post("/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json")
    # Internal target Monday 21 December: a week before is 14 December; two working days
    # before is Thursday 17 December.
    assert "'reminders': 0" in run_flow(
        "send-reminders", datetime.fromisoformat("2026-12-13T09:00:00+01:00")
    )
    assert "'reminders': 1" in run_flow(
        "send-reminders", datetime.fromisoformat("2026-12-14T07:00:00+01:00")
    )
    assert "'reminders': 0" in run_flow(
        "send-reminders", datetime.fromisoformat("2026-12-16T07:00:00+01:00")
    )
    assert "'reminders': 1" in run_flow(
        "send-reminders", datetime.fromisoformat("2026-12-17T07:00:00+01:00")
    )
    assert "'reminders': 0" in run_flow(
        "send-reminders", datetime.fromisoformat("2026-12-18T07:00:00+01:00")
    )
    recipients = set(
        OutboxMessage.objects.filter(template="herinnering").values_list("to_email", flat=True)
    )
    assert recipients == {
        "tiwos-functionaris@demo.woninginzicht.nl",
        "wiz-privacy_officer@demo.woninginzicht.nl",
    }
    assert OutboxMessage.objects.filter(template="herinnering").count() == 4


def test_breach_not_notified_in_72_hours_is_escalated(api, now):
    lek = (
        api("tiwos-functionaris")
        .post(
            "/api/v1/datalekken",
            {"omschrijving": "Lijst gemaild.", "ontdekt_op": "2026-11-23T09:00:00+01:00"},
            format="json",
        )
        .json()
    )
    # Discovered 09:00: due 72 hours later, Thursday 26 November 09:00.
    on_time = datetime.fromisoformat("2026-11-26T09:02:00+01:00")
    assert "'escalated': 0" in run_flow("enforce-deadlines", later(on_time, minutes=-3))
    assert "'escalated': 1" in run_flow("enforce-deadlines", on_time)
    assert OutboxMessage.objects.filter(
        template="escalatie", case_type="datalek", case_id=lek["id"]
    ).exists()


def test_startup_check_reports_what_is_past_due(make_signalering, betrokkene, now):
    sig = make_signalering()
    _, person = betrokkene(sig)
    person.post("/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json")
    assert enforcement.overdue(now)["overdue"] == 0
    report = enforcement.overdue(later(now, weeks=5))
    assert report["overdue"] == 1 and report["oldest_due"].startswith("2026-12-21T23:00")


def test_after_an_outage_each_corporation_hears_of_its_own_late_cases_by_name(
    make_signalering, now
):
    from states.services import enforcement
    from states.services import verzoek as verzoek_service
    from states.services.intake import Indiening
    from tests.conftest import actor

    filed = {}
    for corp in ("tiwos", "tbv"):
        sig = make_signalering(corp, "geregistreerd")
        filing = Indiening(naam="J. Z.", signalering_id=sig.pk, kanaal="brief")
        filed[corp] = verzoek_service.dien_in(actor("wiz-medewerker_swv"), "inzage", filing, now)
    outage_over = later(now, weeks=4, days=3)  # every deadline days past due: a catch-up
    enforcement.enforce(outage_over)
    summaries = OutboxMessage.objects.filter(template="achterstand_samenvatting")

    def named(email: str) -> set[str]:
        rows = summaries.filter(to_email=email)
        return {z["zaak"] for m in rows for z in m.context["zaken"]}

    tiwos, tbv = (f"verzoek #{filed[c].pk}" for c in ("tiwos", "tbv"))
    assert named("tiwos-directie@demo.woninginzicht.nl") == {tiwos}
    assert named("tbv-directie@demo.woninginzicht.nl") == {tbv}
    assert named("wiz-privacy_officer@demo.woninginzicht.nl") == {tiwos, tbv}
    assert named("casade-directie@demo.woninginzicht.nl") == set()
