"""Shared fixtures: the seeded region, users per role, API clients, and a movable `now`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from states.access import actor_for
from states.models import Deelnemer, Medewerker, Samenwerkingsverband
from states.policy import Beleid, Reden, maxima
from states.protocol_v14 import BELEID
from states.seeding import seed_demo_users, seed_region
from states.services import signalering as service
from states.services.signalering import Gegevens

AMS_NOON_2026_11_23 = datetime.fromisoformat("2026-11-23T12:00:00+01:00")


@pytest.fixture
def now() -> datetime:
    return AMS_NOON_2026_11_23


@pytest.fixture(autouse=True)
def web_clock(monkeypatch, now):
    """The web layer reads the same fixed `now` as the services in a test."""
    monkeypatch.setattr("portal.clock.now", lambda: now)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the region and its demo users once; each test runs in a rolled-back transaction."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        seed_demo_users(seed_region())


@pytest.fixture(scope="session")
def prefect_harness():
    """A Prefect server for the flow tests, started once (about 15 s) and only when asked."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture
def region(db):
    swv = Samenwerkingsverband.objects.filter(code="woning-in-zicht").first()
    if swv is None:  # a transactional test flushed the database: seed again
        swv = seed_region()
        seed_demo_users(swv)
    return swv


@pytest.fixture
def tiwos(region) -> Deelnemer:
    return Deelnemer.objects.get(code="tiwos")


@pytest.fixture
def tbv(region) -> Deelnemer:
    return Deelnemer.objects.get(code="tbv")


def user(username: str):
    return Medewerker.objects.select_related("user").get(user__username=username).user


def database_url_for_subprocess() -> str:
    """The test database as a URL, for a process of its own (a web server, a killed worker)."""
    from django.db import connection

    settings = connection.settings_dict
    host = settings.get("HOST") or settings["OPTIONS"].get("host") or ""
    if host.startswith("/"):  # the embedded server's socket
        return f"postgresql://{settings['USER']}@/{settings['NAME']}?host={host}"
    return (
        f"postgresql://{settings['USER']}@{host}:{settings.get('PORT') or 5432}/{settings['NAME']}"
    )


def staff_client(username: str):
    """A browser session of a member of staff who gave their password and their second factor."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from portal import twofactor

    client = Client()
    member = user(username)
    client.force_login(member)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = twofactor.seed_device(member).persistent_id
    session.save()
    return client


def actor(username: str):
    return actor_for(user(username))


@pytest.fixture
def api(region):
    """api('tiwos-functionaris') → an APIClient authenticated as that demo user."""

    def make(username: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(user(username))
        return client

    return make


PERSOON = {
    "voornaam": "Jantje",
    "voorletters": "J.P.",
    "achternaam": "Zwartkruis",
    "geboortedatum": date(1987, 3, 14),
    "geslacht": "man",
    "email": "jantje.zwartkruis@example.org",
    "straat": "Lindelaan",
    "huisnummer": "12",
    "postcode": "5038 AB",
    "woonplaats": "Tilburg",
}


def gegevens(criteria: list[tuple[str, str]] | None = None, **kw: Any) -> Gegevens:
    """What a functionaris enters; unless a test says otherwise they weighed the case and chose
    the maximum term for each category, with a reason (ch. 7)."""
    redenen = [Reden(c, g) for c, g in (criteria or [("III", "a")])]
    bedrag = Decimal(kw.pop("bedrag")) if kw.get("bedrag") is not None else kw.pop("bedrag", None)
    termijn_maanden = kw.pop("termijn_maanden", None)
    termijnen = kw.pop("termijnen", None)
    if termijnen is None and termijn_maanden is None:
        termijnen = maxima(Beleid.from_data(BELEID), redenen, bedrag)
    ingangsdatum = kw.pop("ingangsdatum", date(2026, 10, 1))
    return Gegevens(
        redenen=redenen,
        ingangsdatum=ingangsdatum,
        datum_uitzetting=kw.pop("datum_uitzetting", ingangsdatum),
        bedrag=bedrag,
        termijnen=termijnen,
        termijn_maanden=termijn_maanden,
        termijn_motivering=kw.pop("termijn_motivering", "Ernst en gevolgen gewogen (test)."),
        persoon={**PERSOON, **kw},
    )


@pytest.fixture
def make_signalering(region, now):
    """Create a signalering of `deelnemer` and walk it to `state` through the services."""

    def make(deelnemer: str = "tiwos", state: str = "geregistreerd", criteria=None, **kw: Any):
        from states.models import Match
        from states.services import matching

        functionaris = actor(f"{deelnemer}-functionaris")
        dn = Deelnemer.objects.get(code=deelnemer)
        sig = service.maak_concept(functionaris, dn.pk, gegevens(criteria, **kw), now)
        if state == "concept":
            return sig
        service.registreer(functionaris, sig.pk, now)
        if state == "geblokkeerd":
            persoon = {**PERSOON, **kw}
            matching.match_check(
                actor("wiz-systeem"),
                f"WZ-{sig.pk}",
                persoon["voornaam"],
                persoon["achternaam"],
                persoon["geboortedatum"],
                now,
            )
            match = Match.objects.get(signalering=sig, status="mogelijk")
            matching.beoordeel_match(functionaris, match.pk, True, now, blokkeren=True)
        if state in ("beeindigd", "verwijderd"):
            service.beeindig(functionaris, sig.pk, "nieuwe_kans", now)
        if state == "verwijderd":
            service.verwijder(functionaris, sig.pk, now)
        sig.refresh_from_db()
        assert sig.state == state
        return sig

    return make


@pytest.fixture
def betrokkene(region):
    """make(signalering) → (user, APIClient) for the person, linked to that signalering."""
    from django.contrib.auth import get_user_model

    from states.models import Betrokkene

    def make(sig=None, username: str = "jantje", email: str = "jantje.zwartkruis@example.org"):
        person, _ = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": "Jantje", "last_name": "Zwartkruis", "email": email},
        )
        account, _ = Betrokkene.objects.get_or_create(user=person, samenwerkingsverband=region)
        if sig is not None:
            account.signaleringen.add(sig)
        client = APIClient()
        client.force_authenticate(person)
        return person, client

    return make


def open_categorie(who: str, sig: Any, kenmerk: str, now: datetime, **persoon: Any) -> list:
    """Another corporation opens the category for this applicant (ch. 13.3), as checked."""
    from states.services import raadpleging

    p = {**PERSOON, **persoon}
    aanvrager = raadpleging.Aanvrager(
        sig.inschrijfnummer, p["voornaam"], p["achternaam"], p["geboortedatum"]
    )
    return raadpleging.open_categorie(actor(who), aanvrager, "kandidaatstelling", kenmerk, now)


def later(now: datetime, **delta: Any) -> datetime:
    from datetime import timedelta

    return now + timedelta(**delta)


# One Chromium for the whole run, shared by every browser test module.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls made by the test
    # itself are still synchronous (pytest-playwright documents the same setting).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()
