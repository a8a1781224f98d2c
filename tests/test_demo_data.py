"""Issue 10, first run: `seed_demo` leaves real cases in every state, built through the
services, so a newcomer finds something on every staff list and on the person's own page."""

from __future__ import annotations

from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from notifications.models import OutboxMessage
from states.demo import DEMO_EMAIL
from states.models import (
    Betrokkene,
    Datalek,
    Deadline,
    Geschil,
    Klacht,
    Match,
    Signalering,
    Verzoek,
)
from tests.conftest import staff_client, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def now() -> datetime:
    """The demo is dated around the real today, and so is what the pages show here."""
    return timezone.now()


@pytest.fixture
def demo(region):
    call_command("seed_demo", stdout=StringIO())
    return region


def counts() -> dict[str, int]:
    models = (Signalering, Verzoek, Klacht, Geschil, Datalek, Deadline, Match, OutboxMessage)
    return {m.__name__: m.objects.count() for m in models}


def test_signaleringen_are_in_every_state_across_corporations(demo):
    states = set(Signalering.objects.values_list("state", flat=True))
    assert {"concept", "geregistreerd", "geblokkeerd", "beeindigd"} <= states
    assert Signalering.objects.values("primaire_bron").distinct().count() >= 4
    blocked = Signalering.objects.get(state="geblokkeerd")
    assert Match.objects.filter(signalering=blocked, status="bevestigd").exists()
    # the journal shows every step: concept, registered, blocked
    assert blocked.history.count() >= 3


def test_deadlines_fall_due_this_week_and_some_are_overdue(demo, now):
    open_ = Deadline.objects.filter(status="open")
    assert open_.filter(due_at__lt=now).exists()
    assert open_.filter(due_at__gte=now, due_at__lt=now + timezone.timedelta(days=7)).exists()
    assert {"verzoek", "klacht", "datalek"} <= set(open_.values_list("case_type", flat=True))
    assert Geschil.objects.exists()
    assert OutboxMessage.objects.filter(status="failed").exists()


def test_seed_demo_twice_creates_nothing_new(demo):
    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before


def test_without_demo_data_only_the_region_and_users(region):
    call_command("seed_demo", "--no-demo-data", stdout=StringIO())
    assert not Signalering.objects.exists() and not Verzoek.objects.exists()
    assert user("wiz-privacy_officer") is not None


# who looks, where, and how a row names its case there
LISTS = {
    "wiz-privacy_officer": [
        ("/medewerker/verzoeken", Verzoek, ">Verzoek {pk}</a>"),
        ("/medewerker/klachten", Klacht, ">Klacht {pk}</a>"),
        ("/medewerker/datalekken", Datalek, ">Datalek {pk}</a>"),
        ("/medewerker/termijnen", Verzoek, ">Verzoek {pk}</a>"),
    ],
    "wiz-secretaris_gc": [("/medewerker/geschillen", Geschil, ">Geschil {pk}</a>")],
    "tiwos-functionaris": [("/medewerker/signaleringen", Signalering, ">Signalering {pk}")],
}


@pytest.mark.parametrize(
    "username,url,model,row", [(u, *row) for u, rows in LISTS.items() for row in rows]
)
def test_each_staff_list_shows_demo_cases(demo, username, url, model, row):
    response = staff_client(username).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    pks = model.objects.values_list("pk", flat=True)
    assert [pk for pk in pks if row.format(pk=pk) in page], f"{url} shows no {model.__name__}"


def test_the_failed_message_is_on_the_berichten_list(demo):
    failed = OutboxMessage.objects.get(status="failed")
    page = staff_client("wiz-privacy_officer").get("/medewerker/berichten").content.decode()
    assert f"/medewerker/{failed.case_type}/{failed.case_id}" in page
    assert f"{failed.case_type.capitalize()} {failed.case_id}" in page
    assert "bounced" in failed.last_error  # as the mail provider reported it


def test_the_demo_person_signs_in_by_code_and_sees_her_registration_and_cases(demo, mailoutbox):
    client = Client()
    client.post("/inloggen", {"email": DEMO_EMAIL})
    code = next(w for w in mailoutbox[-1].body.split() if w.rstrip(".").isdigit()).rstrip(".")
    response = client.post("/inloggen/code", {"email": DEMO_EMAIL, "code": code}, follow=True)
    page = response.content.decode()
    account = Betrokkene.objects.get(user__email=DEMO_EMAIL)
    sig = account.signaleringen.get()
    assert sig.state == "geregistreerd"
    assert f"/mijn/verzoek/{Verzoek.objects.get(indiener__email=DEMO_EMAIL).pk}" in page
    assert f"/mijn/klacht/{Klacht.objects.get(indiener__email=DEMO_EMAIL).pk}" in page
    assert f"/mijn/geschil/{Geschil.objects.get(indiener__email=DEMO_EMAIL).pk}" in page
    assert "/mijn/brief/" in page


def test_the_demo_can_be_dated_around_a_given_moment(region):
    from django.core.management.base import CommandError

    moment = datetime.fromisoformat("2027-03-01T09:00:00+01:00")
    call_command("seed_demo", now=moment, stdout=StringIO())
    open_ = Deadline.objects.filter(status="open")
    assert open_.filter(due_at__lt=moment).exists()
    assert open_.filter(due_at__gte=moment, due_at__lt=moment + timezone.timedelta(days=7)).exists()
    with pytest.raises(CommandError, match="time zone"):
        call_command("seed_demo", "--now", "2027-03-01T09:00:00", stdout=StringIO())


def test_a_hardship_request_waits_for_the_committee(demo):
    from states.models import Hardheidsverzoek

    [case] = Hardheidsverzoek.objects.all()
    assert case.state == "ingediend" and case.verzocht_door.code == "leystromen"
    lijst = staff_client("wiz-secretaris_gc").get("/medewerker/hardheidsclausule").content.decode()
    assert f"/medewerker/hardheidsclausule/{case.pk}" in lijst
