"""Issue 12: the datalekkenregister (AVG art. 33(5): facts, effects, remedial action, and whether
and when the Autoriteit Persoonsgegevens and the people were told) as a page and CSV for the
privacy officer; and the public list of participating corporations that the placement letter
points to (protocol ch. 10), with the address for an objection or complaint, no personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from states.models import Deelnemer, Raadpleging, Samenwerkingsverband
from states.services import datalek
from states.services.notice_contents import context_for
from tests.conftest import actor, staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def lekken(make_signalering, now):
    sig = make_signalering("tiwos", "geregistreerd")
    po = actor("wiz-privacy_officer")
    gemeld = datalek.meld(po, "Lijst gemaild aan een verkeerd adres.", now, now)
    datalek.beoordeel(
        po, gemeld.pk, "Hoog risico: namen en categorieën.", now,
        datalek.HoogRisico([sig.pk], "Uw gegevens gingen naar een derde.",
                           "Mogelijk misbruik van uw gegevens.", "De ontvanger wiste de mail."),
    )  # fmt: skip
    datalek.meld_ap(po, gemeld.pk, "AP-2026-123", now + timedelta(hours=20))
    datalek.informeer_betrokkenen(po, gemeld.pk, now + timedelta(days=1))
    klein = datalek.meld(actor("tiwos-functionaris"), '=HYPERLINK("http://x")', now, now)
    datalek.niet_meldplichtig(po, klein.pk, "Versleuteld bestand; geen risico.", now)
    return sig, gemeld, klein


def test_the_register_shows_each_breach_as_article_33_5_asks(lekken):
    sig, gemeld, klein = lekken
    page = staff_client("wiz-privacy_officer").get("/medewerker/datalekkenregister")
    html = page.content.decode()
    for item in (
        "Lijst gemaild aan een verkeerd adres.",  # the facts
        "Mogelijk misbruik van uw gegevens.",  # the effects
        "De ontvanger wiste de mail.",  # the remedial action
        "Ja, op 24-11-2026 (kenmerk AP-2026-123)",  # reported to the AP, when
        "Ja, op 24-11-2026",  # the people told, when
        "Nee: niet meldplichtig",
        "Versleuteld bestand; geen risico.",  # the reasons it was not notifiable
        "Niet vereist (geen hoog risico)",
        "TIWOS, Tilburgse Woonstichting",  # who reported it
    ):
        assert item in html, item
    assert sig.achternaam not in html  # counts, not the people
    assert Raadpleging.objects.filter(case_type="datalek", case_id=gemeld.pk).exists()


def test_the_register_as_csv_opens_in_excel_and_runs_no_formula(lekken):
    response = staff_client("wiz-privacy_officer").get("/medewerker/datalekkenregister.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffNummer;Ontdekt op;Gemeld door;Feiten")
    lines = text.strip().splitlines()
    assert len(lines) == 3
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    assert "AP-2026-123" in text


@pytest.mark.parametrize(
    "wie", ["tiwos-functionaris", "tiwos-directie", "wiz-medewerker_swv", "wiz-secretaris_gc"]
)
def test_only_the_privacy_officer_opens_the_register(lekken, wie):
    client = staff_client(wie)
    assert client.get("/medewerker/datalekkenregister").status_code == 404
    assert client.get("/medewerker/datalekkenregister.csv").status_code == 404


def test_the_public_list_names_the_active_participants_and_where_to_object_ch10(
    make_signalering,
):
    sig = make_signalering("tiwos", "geregistreerd")
    Deelnemer.objects.filter(code="casade").update(status=Deelnemer.Status.UITGETREDEN)
    response = Client().get("/deelnemers/woning-in-zicht")
    html = response.content.decode()
    assert response.status_code == 200
    for naam, adres in (
        ("TIWOS, Tilburgse Woonstichting", "Stationsstraat 24, 5038 ED Tilburg"),
        ("Stichting TBV", "Spoorlaan 430, 5038 CG Tilburg"),
    ):
        assert naam in html and adres in html
    assert "signalering@tiwos.nl" in html and "bezwaar of klacht" in html
    assert "Casade" not in html  # withdrawn: no longer takes part
    assert sig.achternaam not in html and sig.voornaam not in html


@pytest.mark.parametrize("code", ["onbekend", "x" * 5000, "woning-in-zicht%00", "9999-02-31"])
def test_an_unknown_region_is_not_found(region, code):
    assert Client().get(f"/deelnemers/{code}").status_code == 404


def test_the_letter_points_to_the_public_list_when_the_region_has_none_of_its_own(
    make_signalering, now
):
    sig = make_signalering("tiwos", "geregistreerd")
    own = context_for(sig, now)["deelnemers_url"]
    assert own == "https://www.woninginzicht.nl/signaleringslijst/deelnemers"
    Samenwerkingsverband.objects.filter(pk=sig.samenwerkingsverband_id).update(deelnemers_url="")
    sig.refresh_from_db()
    url = context_for(sig, now)["deelnemers_url"]
    assert url.endswith("/deelnemers/woning-in-zicht")
    assert Client().get("/" + url.split("/", 3)[3]).status_code == 200
