"""Attacks that broke the system once, reproduced (issue 9). Each must now be a 4xx that
reveals nothing, or a success for who may — never a 500, never a write."""

from __future__ import annotations

import pytest

from states.models import Klacht, Signalering, Verzoek

pytestmark = pytest.mark.django_db

MISSING = 987654321


def file_verzoek(client, signalering_id: int, soort: str = "bezwaar"):
    body = {"soort": soort, "signalering": signalering_id, "naam": "J. Z.", "kanaal": "brief"}
    body["toelichting"] = "Per brief ontvangen."
    return client.post("/api/v1/verzoeken", body, format="json")


def file_klacht(client, signalering_id: int):
    body = {"soort": "a", "signalering": signalering_id, "gronden": "x", "naam": "J. Z."}
    return client.post("/api/v1/klachten", {**body, "kanaal": "brief"}, format="json")


@pytest.mark.parametrize("who", ["tbv-functionaris", "tbv-directie", "wiz-secretaris_gc"])
@pytest.mark.parametrize("state", ["concept", "geregistreerd", "geblokkeerd"])
def test_staff_of_another_corporation_cannot_file_on_a_signalering_nor_learn_of_it(
    api, make_signalering, who, state
):
    sig = make_signalering("tiwos", state)
    client = api(who)
    for filing in (file_verzoek, file_klacht):
        seen = filing(client, sig.pk)
        missing = filing(client, MISSING)
        assert seen.status_code == missing.status_code == 400
        assert seen.json() == missing.json()  # an unseen record looks like a missing one
        assert "tiwos" not in seen.content.decode().lower()
    assert not Verzoek.objects.exists() and not Klacht.objects.exists()
    assert Signalering.objects.get(pk=sig.pk).bezwaar_aanhangig is False


@pytest.mark.parametrize("who", ["tiwos-functionaris", "wiz-privacy_officer", "wiz-medewerker_swv"])
def test_own_corporation_and_the_region_roles_file_for_the_signalering(api, make_signalering, who):
    sig = make_signalering("tiwos", "geregistreerd")
    assert file_verzoek(api(who), sig.pk).status_code == 201
    assert Signalering.objects.get(pk=sig.pk).bezwaar_aanhangig is True


def test_nobody_files_on_a_concept_even_its_own_corporation(api, make_signalering):
    sig = make_signalering("tiwos", "concept")
    assert file_verzoek(api("tiwos-functionaris"), sig.pk).status_code == 400


def check(client, nummer: str, achternaam: str = "Zwartkruis", geboortedatum="1987-03-14"):
    body = {
        "inschrijfnummer": nummer,
        "voornaam": "Jantje",
        "achternaam": achternaam,
        "geboortedatum": geboortedatum,
    }
    response = client.post("/api/v1/match-check", body, format="json")
    assert response.status_code == 200
    return response.json()


def test_ch6_5_blocked_needs_the_number_and_the_identity_to_agree(api, make_signalering):
    from notifications.models import OutboxMessage

    sig = make_signalering("tiwos", "geblokkeerd")
    # The right number with another person's identity: never "blocked", its own answer.
    wrong = check(api("tbv-bevrager"), sig.inschrijfnummer, achternaam="Anders")
    assert wrong["geblokkeerd"] is False and wrong["blokkades"] == []
    assert wrong["identiteit_wijkt_af"] is True
    alerts = OutboxMessage.objects.filter(template="match_afwijking")
    assert alerts.exists() and all(not a.for_betrokkene for a in alerts)
    right = check(api("tbv-bevrager"), sig.inschrijfnummer)
    assert right["geblokkeerd"] is True and right["identiteit_wijkt_af"] is False


def test_a_check_with_another_name_never_overwrites_a_registrations_identity(api, make_signalering):
    from states.models import Inschrijving

    sig = make_signalering("tiwos", "geblokkeerd")
    before = Inschrijving.objects.get(inschrijfnummer=sig.inschrijfnummer).match_sleutel
    answer = check(api("tbv-bevrager"), sig.inschrijfnummer, achternaam="Anders")
    assert answer["identiteit_wijkt_af"] is True
    assert Inschrijving.objects.get(inschrijfnummer=sig.inschrijfnummer).match_sleutel == before
    # Only the allocation system, which owns the registrations, changes an identity.
    check(api("wiz-systeem"), sig.inschrijfnummer, achternaam="Zwartkruis-de Wit")
    after = Inschrijving.objects.get(inschrijfnummer=sig.inschrijfnummer).match_sleutel
    assert after != before
    # …and the blokkade does not follow a changed identity without a judged match.
    assert (
        check(api("wiz-systeem"), sig.inschrijfnummer, "Zwartkruis-de Wit")["geblokkeerd"] is False
    )


def test_the_deadline_page_shows_only_escalations_of_cases_the_viewer_may_see(
    make_signalering, betrokkene, now
):

    from states.services import verzoek as verzoek_service
    from states.services.intake import Indiening
    from tests.conftest import actor, later, staff_client
    from workflows import jobs

    sig = make_signalering("tiwos", "geregistreerd")
    filing = Indiening(naam="J. Z.", signalering_id=sig.pk, toelichting="Bezwaar.")
    case = verzoek_service.dien_in(actor("wiz-medewerker_swv"), "bezwaar", filing, now)
    jobs.enforce_deadlines(later(now, weeks=4, days=1))
    needle = f">Verzoek {case.pk}</a> – Beslissen op verzoek"
    for who, sees in (
        ("tiwos-functionaris", True),
        ("tbv-functionaris", False),
        ("tbv-directie", False),
        ("wiz-privacy_officer", True),
    ):
        client = staff_client(who)
        page = client.get("/medewerker/termijnen").content.decode()
        assert (needle in page) is sees, who


def test_bad_input_is_a_4xx_never_a_500(api, make_signalering):
    client = api("tiwos-functionaris")
    client.raise_request_exception = False
    assert client.get("/api/v1/signaleringen?offset=9223372036854775808").status_code == 400
    deep = "[" * 10000 + "]" * 10000
    response = client.post("/api/v1/signaleringen", deep, content_type="application/json")
    assert response.status_code == 400


def test_a_staff_reason_of_any_length_is_kept_whole_in_the_history(api, make_signalering):
    sig = make_signalering("tiwos", "geregistreerd")
    reden = "Ingetrokken op verzoek van de indiener, die schriftelijk liet weten dat " * 20
    response = api("tiwos-functionaris").post(
        f"/api/v1/signaleringen/{sig.pk}/transitions/beeindig",
        {"eindreden": "onjuist", "reden": reden[:500]},
        format="json",
    )
    assert response.status_code == 200, response.content
    sig.refresh_from_db()
    assert reden[:400] in sig.history.first().history_change_reason


def test_every_read_is_logged_letters_and_case_answers_included(
    api, make_signalering, betrokkene, now
):
    from django.test import Client

    from notifications import delivery
    from notifications.models import OutboxMessage
    from states.models import Raadpleging

    sig = make_signalering("tiwos", "geregistreerd", email="")
    delivery.queue_letters(now)
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    api("wiz-privacy_officer").get(f"/api/v1/outbox/{row.pk}/pdf")
    assert Raadpleging.objects.filter(actie="brief", signalering_id=sig.pk, rol="privacy_officer")
    person, client = betrokkene(sig)
    web = Client()
    web.force_login(person)
    assert web.get(f"/mijn/brief/{row.pk}").status_code == 200
    assert Raadpleging.objects.filter(actie="brief", user=person).exists()
    created = client.post(
        "/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json"
    ).json()
    assert Raadpleging.objects.filter(case_type="verzoek", case_id=created["id"], user=person)
    staff = api("tiwos-functionaris")
    staff.post(f"/api/v1/verzoeken/{created['id']}/transitions/neem_in_behandeling")
    assert Raadpleging.objects.filter(
        case_type="verzoek", case_id=created["id"], rol="functionaris"
    ).exists()


@pytest.mark.parametrize(
    ("env", "starts"),
    [
        ({}, False),  # production by default: no secrets, no start
        ({"DJANGO_SECRET_KEY": "s" * 50}, False),  # the match key and webhook secret too
        (
            {
                "DJANGO_SECRET_KEY": "s" * 50,
                "MATCH_KEY": "m" * 50,
                "ANYMAIL_WEBHOOK_SECRET": "hook:secret",
                "FIELD_ENCRYPTION_KEYS": "c2lnbmFsZXJpbmctdGVzdC1wcm9kdWN0aWUta2V5LTE=",
            },
            True,
        ),
        ({"SIGNALERING_ENV": "development"}, True),
    ],
)
def test_the_app_fails_closed_without_its_secrets_and_debug_is_off_by_default(env, starts):
    import os
    import subprocess
    import sys

    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "SIGNALERING_ENV",
            "DJANGO_SECRET_KEY",
            "MATCH_KEY",
            "ANYMAIL_WEBHOOK_SECRET",
            "DJANGO_DEBUG",
            "DJANGO_SETTINGS_MODULE",
        )
    }
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='portal.settings';"
        "from django.conf import settings; print('DEBUG', settings.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )
    assert (result.returncode == 0) is starts, result.stderr[-400:]
    if starts:
        assert "DEBUG False" in result.stdout
    else:
        assert "must be set outside development" in result.stderr


@pytest.mark.parametrize("email", ["jantje.zwartkruis@example.org", ""])
def test_the_personal_code_is_kept_nowhere_in_clear_once_the_letter_is_produced(
    make_signalering, now, email, settings
):
    import re

    from django.core import mail

    from notifications import delivery
    from notifications.models import OutboxMessage
    from notifications.rendering import render

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sig = make_signalering("tiwos", "geregistreerd", email=email)
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    code = row.context["portaalcode"]
    assert re.fullmatch(r"[A-Z0-9-]+", code)
    delivery.deliver_pending(now)
    delivery.queue_letters(now)
    row.refresh_from_db()
    assert code not in str(row.context)  # sent or rendered for print: gone from the database
    assert "staat alleen in de verzonden brief" in render(row.template, row.context).body
    if email:
        assert code in mail.outbox[-1].body  # the person got it
    else:
        assert row.status == "print_queue" and row.pdf  # it is in the PDF until printed


def test_a_deadline_of_an_unseen_case_answers_as_a_missing_one(api, make_signalering):
    """The error once named the case kind and id behind a deadline id of another corporation."""
    from states.models import Deadline

    sig = make_signalering("tiwos", "geregistreerd")
    assert file_verzoek(api("tiwos-functionaris"), sig.pk, "inzage").status_code == 201
    deadline = Deadline.objects.get()
    body = {"reden": "wacht op stukken"}
    for who in ("tbv-functionaris", "tbv-directie", "wiz-secretaris_gc"):
        client = api(who)
        seen = client.post(f"/api/v1/deadlines/{deadline.pk}/transitions/opschorten", body)
        missing = client.post(f"/api/v1/deadlines/{MISSING}/transitions/opschorten", body)
        assert seen.status_code == missing.status_code == 404, who
        assert seen.json() == missing.json()
    deadline.refresh_from_db()
    assert deadline.suspended_since is None and not deadline.journal


def test_ch16_1_a_complaint_about_a_decision_names_only_a_request_the_filer_may_know(
    api, make_signalering, betrokkene, monkeypatch, now
):
    """Staff of another corporation could once file a complaint on any request in the region,
    and the answer told whether it existed and had been decided."""
    from datetime import timedelta

    sig = make_signalering("tiwos", "geregistreerd")
    _, person = betrokkene(sig)
    verzoek = person.post(
        "/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json"
    ).json()
    monkeypatch.setattr("portal.clock.now", lambda: now + timedelta(weeks=4, days=2))  # overdue
    body = {"soort": "b", "gronden": "Geen besluit.", "naam": "J. Z.", "kanaal": "brief"}
    for who in ("tbv-functionaris", "tbv-directie", "wiz-secretaris_gc"):
        client = api(who)
        seen = client.post("/api/v1/klachten", {**body, "verzoek": verzoek["id"]}, format="json")
        missing = client.post("/api/v1/klachten", {**body, "verzoek": MISSING}, format="json")
        assert seen.status_code == missing.status_code == 400, who
        assert seen.json() == missing.json()
    assert not Klacht.objects.exists()
    own = api("tiwos-functionaris").post(
        "/api/v1/klachten", {**body, "verzoek": verzoek["id"]}, format="json"
    )
    assert own.status_code == 201  # the primaire bron registers a complaint received by letter


@pytest.mark.parametrize("who", ["tiwos-functionaris", "tbv-functionaris", "tbv-directie"])
def test_ch16_4_a_role_that_files_no_dispute_learns_nothing_of_the_complaint(
    api, make_signalering, betrokkene, who
):
    """The answer once told an open complaint from a missing one before checking the role."""
    from states.models import Geschil

    sig = make_signalering("tiwos", "geregistreerd")
    _, person = betrokkene(sig)
    klacht = person.post(
        "/api/v1/klachten", {"soort": "a", "signalering": sig.pk, "gronden": "x"}, format="json"
    ).json()
    client, body = api(who), {"gronden": "Onterecht.", "naam": "J. Z.", "kanaal": "brief"}
    seen = client.post("/api/v1/geschillen", {**body, "klacht": klacht["id"]}, format="json")
    missing = client.post("/api/v1/geschillen", {**body, "klacht": MISSING}, format="json")
    assert seen.status_code == missing.status_code == 400
    assert seen.json() == missing.json()
    assert not Geschil.objects.exists()


@pytest.mark.parametrize("who", ["tiwos-bevrager", "tiwos-directie", "wiz-privacy_officer"])
def test_ch12_4_who_reads_a_signalering_but_may_not_end_it_gets_a_refusal_not_a_form(
    make_signalering, who
):
    """The page once answered an ending by a reader as a form error (200): a refused step is a
    403 that writes nothing and shows the way back."""
    from tests.conftest import staff_client

    sig = make_signalering("tiwos", "geregistreerd")
    ending = {"einde": "1", "eindreden": "nieuwe_kans", "toelichting": "Nieuwe kans."}
    response = staff_client(who).post(f"/medewerker/signaleringen/{sig.pk}", ending)
    assert response.status_code == 403
    page = response.content.decode()
    assert "niets vastgelegd" in page and "Terug naar de signalering" in page
    assert f'href="/medewerker/signaleringen/{sig.pk}"' in page
    sig.refresh_from_db()
    assert sig.state == "geregistreerd"
