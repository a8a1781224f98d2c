"""The outbox completed: letters to the print queue, documented letters released, delivery
events, failures visible, re-sent, and reported to the operators once a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from django.core import mail
from django.test import override_settings

from notifications import delivery, digest
from notifications.models import OutboxMessage
from states.services import signalering as service
from tests.conftest import actor
from tests.test_notices import FlakyBackend

pytestmark = pytest.mark.django_db


def test_letter_is_rendered_to_pdf_and_queued_for_print(api, make_signalering, now):
    sig = make_signalering("tiwos", "geregistreerd", email="")
    assert delivery.queue_letters(now) == 1
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    assert row.status == "print_queue"
    assert bytes(row.pdf).startswith(b"%PDF")
    operator = api("wiz-privacy_officer")
    pdf = operator.get(f"/api/v1/outbox/{row.pk}/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert api("tiwos-functionaris").get(f"/api/v1/outbox/{row.pk}/pdf").status_code == 403
    printed = operator.post(f"/api/v1/outbox/{row.pk}/transitions/geprint")
    assert printed.json()["status"] == "sent"
    row.refresh_from_db()
    assert row.pdf is None  # the copy goes once the letter has left
    assert operator.post(f"/api/v1/outbox/{row.pk}/transitions/geprint").status_code == 409


def test_a_queued_letter_holds_the_purge_until_printed(make_signalering, now):
    from notifications.purging import purge_told

    sig = make_signalering("tiwos", "geregistreerd", email="")
    delivery.queue_letters(now)
    OutboxMessage.objects.filter(case_id=sig.pk).update(status="sent")
    service.beeindig(actor("tiwos-functionaris"), sig.pk, "nieuwe_kans", now)
    delivery.queue_letters(now)
    assert purge_told(now) == []  # the removal letter is still in the print queue
    removal = OutboxMessage.objects.get(case_id=sig.pk, template="verwijdering")
    digest.mark_printed(removal.pk, now)
    assert purge_told(now) == [sig.pk]


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
def test_documented_letter_goes_out_once_an_address_is_known(make_signalering, now):
    sig = make_signalering(
        "tiwos", "geregistreerd", email="", straat="", huisnummer="", postcode="", woonplaats=""
    )
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    assert row.status == "documented"
    service.wijzig(actor("tiwos-functionaris"), sig.pk, {"email": "nieuw@example.org"}, None, now)
    delivery.deliver_pending(now)
    row.refresh_from_db()
    assert (row.channel, row.status, row.to_email) == ("email", "sent", "nieuw@example.org")
    assert [m.to for m in mail.outbox if "Signaleringslijst" in m.subject] == [
        ["nieuw@example.org"]
    ]


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
def test_delivery_events_from_the_webhook_update_the_status(make_signalering, now):
    sig = make_signalering()
    delivery.deliver_pending(now)
    row = OutboxMessage.objects.get(case_id=sig.pk)
    event = AnymailTrackingEvent(
        event_type="delivered",
        message_id=row.provider_message_id,
        metadata={"outbox_id": str(row.pk)},
    )
    tracking.send(sender=object, event=event, esp_name="Test")
    row.refresh_from_db()
    assert (row.status, row.delivery_event) == ("sent", "delivered")
    bounce = AnymailTrackingEvent(
        event_type="bounced",
        message_id=row.provider_message_id,
        description="mailbox unknown",
        metadata={},
    )
    tracking.send(sender=object, event=bounce, esp_name="Test")
    row.refresh_from_db()
    assert row.status == "failed" and "mailbox unknown" in row.last_error


def test_webhook_without_basic_auth_is_refused(client):
    response = client.post(
        "/anymail/postmark/tracking/", data="{}", content_type="application/json"
    )
    assert response.status_code in (400, 401, 403)


@override_settings(EMAIL_BACKEND="tests.test_notices.FlakyBackend")
def test_failed_messages_are_resent_and_reported_once_a_day(api, make_signalering, now):
    FlakyBackend.up = False
    sig = make_signalering()
    moment = now
    for _ in range(delivery.MAX_ATTEMPTS):
        delivery.deliver_pending(moment)
        moment += timedelta(hours=7)
    row = OutboxMessage.objects.get(case_id=sig.pk, channel="email")
    assert row.status == "failed"
    with override_settings(
        EMAIL_BACKEND="anymail.backends.test.EmailBackend", OPERATOR_EMAILS=["beheer@example.org"]
    ):
        mail.outbox.clear()
        assert digest.send_failure_digest(moment) == 1
        assert digest.send_failure_digest(moment + timedelta(days=1)) == 0  # reported once
        [report] = mail.outbox
        assert report.to == ["beheer@example.org"]
        assert f"#{row.pk} plaatsing" in report.body
        assert "Zwartkruis" not in report.body and "example.org" not in report.body
        resent = api("wiz-privacy_officer").post(f"/api/v1/outbox/{row.pk}/transitions/opnieuw")
        assert resent.json()["status"] == "pending"
        mail.outbox.clear()
        assert delivery.deliver_pending(moment).sent == 1
        assert [m.to for m in mail.outbox] == [["jantje.zwartkruis@example.org"]]


@override_settings(EMAIL_BACKEND="tests.test_notices.FlakyBackend")
def test_ch10_an_email_that_fails_for_good_goes_as_a_printed_letter(make_signalering, now):
    FlakyBackend.up = False
    sig = make_signalering()
    moment = now
    for _ in range(delivery.MAX_ATTEMPTS):
        delivery.deliver_pending(moment)
        moment += timedelta(hours=7)
    email = OutboxMessage.objects.get(case_id=sig.pk, channel="email")
    letter = OutboxMessage.objects.get(case_id=sig.pk, channel="brief")
    assert email.status == "failed" and letter.template == "plaatsing"
    assert letter.status == "pending" and letter.to_address == "Lindelaan 12, 5038 AB Tilburg"
    assert delivery.queue_letters(moment) == 1


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
def test_ch10_a_bounce_reported_by_the_webhook_also_falls_back_to_a_letter(make_signalering, now):
    sig = make_signalering()
    delivery.deliver_pending(now)
    row = OutboxMessage.objects.get(case_id=sig.pk)
    bounce = AnymailTrackingEvent(event_type="bounced", metadata={"outbox_id": str(row.pk)})
    tracking.send(sender=object, event=bounce, esp_name="Test")
    tracking.send(sender=object, event=bounce, esp_name="Test")  # reported twice: one letter
    assert OutboxMessage.objects.filter(case_id=sig.pk, channel="brief").count() == 1


def test_ch12_4_a_removal_letter_not_printed_within_a_week_is_escalated_once(make_signalering, now):
    from notifications.purging import escalate_unprinted, purge_told

    sig = make_signalering("tiwos", "geregistreerd", email="")
    OutboxMessage.objects.filter(case_id=sig.pk).update(status="sent")
    service.beeindig(actor("tiwos-functionaris"), sig.pk, "nieuwe_kans", now)
    delivery.queue_letters(now)
    assert escalate_unprinted(now + timedelta(days=6)) == 0
    assert escalate_unprinted(now + timedelta(days=8)) > 0
    alerts = OutboxMessage.objects.filter(template="brief_niet_geprint", case_id=sig.pk)
    recipients = {a.to_email for a in alerts}
    assert any("privacy_officer" in r for r in recipients)
    assert any("tiwos-functionaris" in r for r in recipients)
    assert not any("tbv" in r for r in recipients)
    count = alerts.count()
    escalate_unprinted(now + timedelta(days=9))
    assert alerts.count() == count  # once per letter
    assert purge_told(now + timedelta(days=9)) == []  # and still no erasure before the letter
