"""The outbox and the notices: required contents (ch. 10), channels, delivery, idempotency."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings

from notifications import delivery
from notifications.models import OutboxMessage
from notifications.rendering import render
from states.notices import Notice, Recipient, request_notice

pytestmark = pytest.mark.django_db

ANYMAIL_TEST = override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")


def placement_text(make_signalering, **kw) -> str:
    sig = make_signalering("tiwos", "geregistreerd", criteria=[("III", "a")], **kw)
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    rendered = render(row.template, row.context)
    return rendered.subject + "\n" + rendered.body


def test_placement_notice_has_every_item_of_chapter_10(make_signalering):
    text = placement_text(make_signalering)
    required = {
        "datum van de brief": "Datum: 23 november 2026",
        "NAW-gegevens": "Jantje Zwartkruis",
        "adres": "Lindelaan 12, 5038 AB Tilburg",
        "reden (categorie)": "Categorie B (Gevaarzetting en agressie), criterium III",
        "verwerkingsdoel": "Het doel is te voorkomen",
        "grondslag": "gerechtvaardigd belang",
        "termijn per categorie": "Categorie B (Gevaarzetting en agressie): 2 jaar, tot 1 oktober",
        "reikwijdte": "tot 1 oktober 2028 bij geen van de deelnemende corporaties",
        "termijn is een maximum": "alleen een maximale termijn",
        "motivering termijn": "koos deze termijn omdat: Ernst en gevolgen gewogen",
        "categorieën van gegevens (art. 14)": "geslacht, e-mailadres, inschrijfnummer",
        "bron (art. 14)": "uw (voormalige)\nverhuurder (artikel 14 AVG)",
        "portaal": "(http://127.0.0.1:8000/inloggen)",
        "overdraagbaarheid heeft geen functie (15.6)": "heeft hier geen functie",
        "adres van de deelnemerslijst": "https://www.woninginzicht.nl/signaleringslijst/deelnemers",
        "gegevens primaire bron": "TIWOS, Tilburgse Woonstichting, Stationsstraat 24",
        "recht om bezwaar te maken": "U hebt het recht om bezwaar te maken",
        "uitleg bezwaarprocedure": "Zo gaat de bezwaarprocedure",
        "adres voor het bezwaarschrift": "Uw bezwaarschrift richt u aan",
        "rechten hoofdstuk 15": "Recht op beperking van het gebruik van uw gegevens",
        "gegevens FG": "Functionaris Gegevensbescherming Woning in Zicht",
    }
    missing = [item for item, phrase in required.items() if phrase not in text]
    assert missing == []


def test_blokkade_and_removal_notices_say_what_happened(make_signalering, now):
    from states.services import signalering as service
    from tests.conftest import actor

    sig = make_signalering("tiwos", "geblokkeerd", criteria=[("I", "a")])
    row = OutboxMessage.objects.get(case_id=sig.pk, template="blokkade")
    text = render(row.template, row.context).body
    assert "Bij TIWOS, Tilburgse Woonstichting tot 1 oktober 2028" in text  # corporation scope
    assert "criterium I: Overlast" in text  # the reason (ch. 6.5)
    service.beeindig(actor("tiwos-functionaris"), sig.pk, "bezwaar_gegrond", now)
    row = OutboxMessage.objects.get(case_id=sig.pk, template="verwijdering")
    rendered = render(row.template, row.context)
    assert "niet meer op de Signaleringslijst" in rendered.subject
    assert "Bezwaar of klacht gegrond verklaard" in rendered.body
    assert "gewist" in rendered.body


def test_without_email_a_letter_and_without_address_a_documented_letter(make_signalering):
    with_address = make_signalering("tiwos", "geregistreerd", email="")
    row = OutboxMessage.objects.get(case_id=with_address.pk, template="plaatsing")
    assert (row.channel, row.status) == ("brief", "pending")
    nowhere = make_signalering(
        "tiwos", "geregistreerd", email="", straat="", huisnummer="", postcode="", woonplaats=""
    )
    row = OutboxMessage.objects.get(case_id=nowhere.pk, template="plaatsing")
    assert (row.channel, row.status) == ("brief", "documented")
    assert "(geen adres bekend)" in render(row.template, row.context).body


def test_the_same_notice_is_written_once(now):
    notice = Notice("test:1:plaatsing", "plaatsing", "test", 1, Recipient(email="a@b.nl"), now)
    request_notice(notice)
    request_notice(notice)
    assert OutboxMessage.objects.filter(idempotency_key="test:1:plaatsing").count() == 1


@ANYMAIL_TEST
def test_deliver_outbox_sends_each_email_once(make_signalering, now):
    sig = make_signalering("tiwos", "geregistreerd")
    call_command("deliver_outbox", now=now.isoformat())
    call_command("deliver_outbox", now=(now + timedelta(hours=1)).isoformat())
    sent = [m for m in mail.outbox if m.to == ["jantje.zwartkruis@example.org"]]
    assert len(sent) == 1
    assert sent[0].subject == "Uw registratie op de Signaleringslijst ongewenst huurdersgedrag"
    assert sent[0].metadata["case"] == f"signalering:{sig.pk}"
    row = OutboxMessage.objects.get(case_id=sig.pk)
    assert row.status == "sent" and row.sent_at == now


class FlakyBackend(BaseEmailBackend):
    """An e-mail provider that is down until `up` is set."""

    up = False

    def send_messages(self, messages):
        if not FlakyBackend.up:
            raise ConnectionError("provider unreachable")
        mail.outbox.extend(messages)
        return len(messages)


@override_settings(EMAIL_BACKEND="tests.test_notices.FlakyBackend")
def test_provider_down_messages_wait_and_go_out_once_when_back(make_signalering, now):
    FlakyBackend.up = False
    sig = make_signalering("tiwos", "geregistreerd")
    report = delivery.deliver_pending(now)
    assert (report.sent, report.retried) == (0, 1)
    row = OutboxMessage.objects.get(case_id=sig.pk)
    assert row.status == "pending" and row.attempts == 1
    assert row.next_attempt_at == now + timedelta(minutes=1)
    assert "provider unreachable" in row.last_error
    # Too early for the retry: nothing is attempted.
    assert delivery.deliver_pending(now + timedelta(seconds=30)).retried == 0
    FlakyBackend.up = True
    mail.outbox.clear()
    assert delivery.deliver_pending(now + timedelta(minutes=2)).sent == 1
    assert delivery.deliver_pending(now + timedelta(minutes=10)).sent == 0
    assert len(mail.outbox) == 1
    FlakyBackend.up = False


@override_settings(EMAIL_BACKEND="tests.test_notices.FlakyBackend")
def test_permanent_failure_is_visible_to_the_privacy_officer(api, make_signalering, now):
    FlakyBackend.up = False
    make_signalering("tiwos", "geregistreerd")
    moment = now
    for _ in range(delivery.MAX_ATTEMPTS):
        delivery.deliver_pending(moment)
        moment += timedelta(hours=7)
    failed = api("wiz-privacy_officer").get("/api/v1/outbox?status=failed").json()
    assert [(r["template"], r["attempts"]) for r in failed] == [
        ("plaatsing", delivery.MAX_ATTEMPTS)
    ]
    assert api("tiwos-functionaris").get("/api/v1/outbox").status_code == 403
