"""Retention (AVG art. 5(1)(e); privacyreglement 003 §6; ADR 0005): everything that holds
personal data has a term, and the retention-purge flow enforces it."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model

from notifications.models import OutboxMessage
from states.models import Betrokkene, Datalek, Inschrijving, Raadpleging, Verzoek
from states.services import datalek, matching, retentie
from states.services import verzoek as verzoek_service
from states.services.intake import Indiening
from tests.conftest import actor, later
from workflows import jobs

pytestmark = pytest.mark.django_db


def months_later(now: datetime, months: int) -> datetime:
    return later(now, days=round(months * 30.5))


def check(now, nummer: str, achternaam: str = "Onbekend") -> None:
    from datetime import date

    matching.match_check(actor("wiz-systeem"), nummer, "Piet", achternaam, date(1990, 1, 1), now)


def test_003_6_an_unmatched_registration_goes_two_years_after_its_last_check(now):
    check(now, "WZ-OUD")
    check(months_later(now, 20), "WZ-RECENT")
    result = retentie.pas_toe(months_later(now, 25))
    assert result["inschrijvingen"] == 1
    assert list(Inschrijving.objects.values_list("inschrijfnummer", flat=True)) == ["WZ-RECENT"]


def test_003_6_a_registration_that_matched_stays_while_the_match_does(make_signalering, now):
    sig = make_signalering("tiwos", "geblokkeerd")
    retentie.pas_toe(months_later(now, 25))
    assert Inschrijving.objects.filter(inschrijfnummer=sig.inschrijfnummer).exists()


def test_adr5_the_read_log_is_kept_two_years(make_signalering, now):
    from states.services import raadpleging

    sig = make_signalering("tiwos", "geblokkeerd")
    raadpleging.lees(actor("tiwos-bevrager"), sig.pk, now)
    assert Raadpleging.objects.exists()
    assert retentie.pas_toe(months_later(now, 23))["raadplegingen"] == 0
    assert retentie.pas_toe(months_later(now, 25))["raadplegingen"] > 0
    assert not Raadpleging.objects.exists()


def test_003_6_an_account_without_registration_or_case_goes_after_two_idle_years(
    betrokkene, make_signalering, now
):
    idle, _ = betrokkene(None, username="leeg", email="leeg@example.org")
    sig = make_signalering("tiwos", "geregistreerd")
    linked, _ = betrokkene(sig, username="gekoppeld", email="gekoppeld@example.org")
    filer, _ = betrokkene(None, username="indiener", email="indiener@example.org")
    verzoek_service.dien_in(actor_for_user(filer), "inzage", Indiening(kanaal="portaal"), now)
    Raadpleging.objects.create(
        tijdstip=now, user=idle, rol="betrokkene", actie="detail", doel="verzoek_betrokkene"
    )
    assert retentie.pas_toe(months_later(now, 23))["accounts"] == 0
    assert retentie.pas_toe(months_later(now, 25))["accounts"] == 1
    users = set(get_user_model().objects.values_list("username", flat=True))
    assert "leeg" not in users and {"gekoppeld", "indiener"} <= users
    assert Raadpleging.objects.filter(user_id=idle.pk).count() == 0


def test_ch12_4_the_kept_removal_letter_goes_with_the_idle_account(
    betrokkene, make_signalering, now
):
    from notifications.delivery import deliver_pending
    from notifications.purging import purge_told
    from states.services import signalering as service

    sig = make_signalering("tiwos", "geregistreerd")
    person, _ = betrokkene(sig)
    service.beeindig(actor("tiwos-functionaris"), sig.pk, "nieuwe_kans", now)
    deliver_pending(now)
    purge_told(now)
    account = Betrokkene.objects.get(user=person)
    assert OutboxMessage.objects.filter(case_type="account", case_id=account.pk).exists()
    retentie.pas_toe(months_later(now, 25))
    assert not OutboxMessage.objects.filter(case_type="account", case_id=account.pk).exists()
    assert not Betrokkene.objects.filter(pk=account.pk).exists()


def test_adr5_a_case_never_closed_and_untouched_for_three_years_is_erased(make_signalering, now):
    sig = make_signalering()
    po = actor("wiz-medewerker_swv")
    stuck = verzoek_service.dien_in(po, "wissing", Indiening(naam="J.", signalering_id=sig.pk), now)
    verzoek_service.beslis(po, stuck.pk, "deels", "Alleen het adres.", now)
    jobs.enforce_deadlines(months_later(now, 1))  # the two weeks pass: escalated, not open
    assert retentie.pas_toe(months_later(now, 35))["stille_zaken"] == 0
    assert retentie.pas_toe(months_later(now, 37))["stille_zaken"] == 1
    assert not Verzoek.objects.filter(pk=stuck.pk).exists()
    assert not OutboxMessage.objects.filter(case_type="verzoek", case_id=stuck.pk).exists()


def test_adr5_a_closed_breach_file_is_kept_five_years(now):
    po = actor("wiz-privacy_officer")
    lek = datalek.meld(po, "USB-stick met lijst verloren", now, now)
    datalek.beoordeel(po, lek.pk, "Versleuteld; laag risico.", now)
    datalek.niet_meldplichtig(po, lek.pk, "Versleuteld.", now)
    datalek.sluit(po, lek.pk, now)
    assert retentie.pas_toe(months_later(now, 59))["datalekken"] == 0
    assert retentie.pas_toe(months_later(now, 61))["datalekken"] == 1
    assert not Datalek.objects.filter(pk=lek.pk).exists()


def test_the_retention_flow_job_runs_every_rule(now):
    from django.test import Client

    from portal.models import LoginCode

    Client().post("/inloggen", {"email": "getypt@example.org"})  # typed, never confirmed
    assert LoginCode.objects.filter(email="getypt@example.org").exists()
    result = jobs.retention_purge(now)
    assert set(result) >= {"inschrijvingen", "raadplegingen", "accounts", "stille_zaken"}
    assert jobs.retention_purge(later(now, days=2))["inlogcodes"] == 1
    assert not LoginCode.objects.filter(email="getypt@example.org").exists()


def actor_for_user(user):
    from states.access import actor_for

    return actor_for(user)
