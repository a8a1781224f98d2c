"""Issue 12, ch. 17 and 20: the participation pages of the samenwerkingsverband — admitting a
corporation with its signed declaration, recording a temporary exclusion, the plan accepted,
and the definitive exclusion after a confirmation page — used as staff would, and tried with
odd input, other roles, another region and ids that are not theirs: a form error or a 4xx that
writes nothing, never a 500."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from states.models import (
    Deelnamebesluit,
    Deelnemer,
    Medewerker,
    Samenwerkingsverband,
    UitsluitingDeelname,
)
from states.services import uitsluiting_deelname
from tests.conftest import actor, staff_client, user

pytestmark = pytest.mark.django_db
SWV = "wiz-medewerker_swv"
PDF = b"%PDF-1.7\n% getekende verklaring\n"
PAST_DUE = datetime.fromisoformat("2027-01-05T09:00:00+01:00")


def pdf(inhoud: bytes = PDF, naam: str = "verklaring.pdf", soort: str = "application/pdf"):
    return SimpleUploadedFile(naam, inhoud, content_type=soort)


def toetreding(**changes) -> dict:
    data = {
        "naam": "Woonstichting Leystromen",
        "code": "leystromen-2",
        "adres": "Hoogstraat 5, 5051 AA Goirle",
        "email": "signalering@leystromen.example",
        "ondertekend_op": "2026-11-16",
        "ondertekenaar_naam": "M. de Vries",
        "ondertekenaar_functie": "Directeur-bestuurder",
        "verklaring": pdf(),
    }
    return {k: v for k, v in {**data, **changes}.items() if v is not None}


def besluit(**changes) -> dict:
    data = {"besloten_op": "2026-11-20", "kenmerk": "ALV-2026-07", "redenen": "Niet nageleefd."}
    return {**data, **changes}


def test_ch17_the_region_admits_a_corporation_with_its_signed_declaration(region):
    client = staff_client(SWV)
    assert "Deelname" in client.get("/medewerker").content.decode()
    response = client.post("/medewerker/toetreding", toetreding())
    assert response.status_code == 302 and response["Location"].endswith("/leystromen-2")
    nieuw = Deelnemer.objects.get(code="leystromen-2")
    assert nieuw.status == "actief" and not nieuw.verklaring_buiten_systeem
    page = client.get("/medewerker/deelname/leystromen-2").content.decode()
    assert "16 november 2026" in page and "M. de Vries, Directeur-bestuurder" in page
    download = client.get("/medewerker/deelname/leystromen-2/verklaring")
    assert download["Content-Type"] == "application/pdf" and download.content == PDF
    listing = client.get("/medewerker/deelname").content.decode()
    assert "Getekend 16 november 2026" in listing and "Vóór dit systeem getekend" in listing
    assert list(nieuw.besluiten.values_list("soort", flat=True)) == ["toetreding"]


@pytest.mark.parametrize(
    ("changes", "melding"),
    [
        ({"naam": "x" * 5000}, "200 tekens"),
        ({"naam": "Woon\x00stichting"}, "Null"),
        ({"ondertekend_op": "9999-12-31"}, "ligt in de toekomst"),
        ({"ondertekend_op": "2026-02-31"}, "geldige datum"),
        ({"ondertekend_op": "1999-12-31"}, "vóór 2000"),
        ({"ondertekend_op": "2026-11-24"}, "ligt in de toekomst"),  # tomorrow
        ({"verklaring": pdf(b"gewoon tekst", "nep.pdf")}, "Alleen een PDF"),
        ({"verklaring": pdf(b"", "leeg.pdf")}, "leeg"),
        ({"verklaring": None}, "vereist"),
        ({"code": "tiwos"}, "al in gebruik"),
        ({"code": "Geen Slug!"}, "slug"),
        ({"email": "geen-adres"}, "e-mailadres"),
        ({"ondertekenaar_functie": " "}, "vereist"),
    ],
)
def test_ch17_odd_admission_input_is_a_form_error_and_admits_no_one(region, changes, melding):
    before = Deelnemer.objects.count()
    response = staff_client(SWV).post("/medewerker/toetreding", toetreding(**changes))
    assert response.status_code == 200
    assert "Er is een probleem" in response.content.decode()
    assert melding.lower() in response.content.decode().lower()
    assert Deelnemer.objects.count() == before and not Deelnamebesluit.objects.exists()


def test_ch20_exclusion_plan_and_definitive_decision_through_the_pages(
    monkeypatch, make_signalering, tiwos
):
    sig = make_signalering("tiwos")
    client = staff_client(SWV)
    assert client.post("/medewerker/deelname/tiwos/uitsluiten", besluit()).status_code == 302
    page = client.get("/medewerker/deelname/tiwos").content.decode()
    assert "Wacht op het verbeterplan van TIWOS" in page and "4 januari 2027" in page
    assert "definitieve uitsluiting vast" not in page  # not while the term runs
    early = client.get("/medewerker/deelname/tiwos/definitief").content.decode()
    assert "loopt nog tot en met 04-01-2027" in early and "<form" not in early.split("<main")[-1]

    monkeypatch.setattr("portal.clock.now", lambda: PAST_DUE)
    listing = client.get("/medewerker/deelname").content.decode()
    assert "verstreken op 4 januari 2027" in listing
    laat = besluit(besloten_op="2027-01-05", kenmerk="ALV-2027-01", redenen="Geen plan.")
    asked = client.post("/medewerker/deelname/tiwos/definitief", laat)
    assert asked.status_code == 200 and "definitief uitsluiten?" in asked.content.decode()
    assert "primaire bron is (1)" in asked.content.decode()  # what the decision ends
    tiwos.refresh_from_db()
    assert tiwos.status == "opgeschort"  # nothing written before the confirmation
    done = client.post("/medewerker/deelname/tiwos/definitief", {**laat, "bevestigd": "1"})
    assert done.status_code == 302
    tiwos.refresh_from_db()
    sig.refresh_from_db()
    assert tiwos.status == "uitgesloten" and sig.eindreden == "deelnemer_uitgetreden"
    assert not user("tiwos-functionaris").is_active
    page = client.get("/medewerker/deelname/tiwos").content.decode()
    assert "Definitief uitgesloten" in page and "ALV-2027-01" in page


def test_ch20_plan_accepted_through_the_page(tiwos):
    client = staff_client(SWV)
    client.post("/medewerker/deelname/tiwos/uitsluiten", besluit())
    plan = {"besloten_op": "2026-11-23", "kenmerk": "", "redenen": "Vier-ogencontrole."}
    assert client.post("/medewerker/deelname/tiwos/verbeterplan", plan).status_code == 302
    tiwos.refresh_from_db()
    assert tiwos.status == "actief"
    assert "Geen: de deelnemer neemt deel." in client.get("/medewerker/deelname").content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"redenen": "x" * 5001},
        {"redenen": "Niet\x00 nageleefd"},
        {"kenmerk": "k" * 5000},
        {"besloten_op": "9999-12-31"},
        {"besloten_op": "2026-02-31"},
        {"besloten_op": "1999-01-01"},
        {"redenen": ""},
        {"kenmerk": ""},
    ],
)
def test_ch20_odd_decision_input_is_a_form_error_and_writes_nothing(tiwos, changes):
    response = staff_client(SWV).post("/medewerker/deelname/tiwos/uitsluiten", besluit(**changes))
    assert response.status_code == 200 and "Er is een probleem" in response.content.decode()
    tiwos.refresh_from_db()
    assert tiwos.status == "actief" and not UitsluitingDeelname.objects.exists()


@pytest.mark.parametrize("stap", ["uitsluiten", "verbeterplan", "definitief"])
@pytest.mark.parametrize("who", ["wiz-privacy_officer", "tiwos-directie", "tbv-functionaris"])
def test_ch20_only_the_samenwerkingsverband_records_a_decision(monkeypatch, tbv, stap, who):
    uitsluiting_deelname.sluit_tijdelijk_uit(
        actor(SWV), tbv.pk, uitsluiting_deelname.Besluit(date(2026, 11, 20), "K", "R"), PAST_DUE
    )
    monkeypatch.setattr("portal.clock.now", lambda: PAST_DUE)  # every step possible now
    response = staff_client(who).post(
        f"/medewerker/deelname/tbv/{stap}",
        {**besluit(besloten_op="2027-01-05"), "bevestigd": "1"},
    )
    assert response.status_code in (403, 404)  # the excluded corporation's own: suspended
    tbv.refresh_from_db()
    assert tbv.status == "opgeschort" and Deelnamebesluit.objects.count() == 1


def test_another_regions_staff_and_unknown_codes_find_nothing(region, tiwos):
    elders = Samenwerkingsverband.objects.create(code="elders", naam="Elders")
    ander = Medewerker.objects.get(user__username=SWV)
    client = staff_client(SWV)
    Medewerker.objects.filter(pk=ander.pk).update(samenwerkingsverband=elders)
    for path in ("/medewerker/deelname/tiwos", "/medewerker/deelname/tiwos/verklaring"):
        assert client.get(path).status_code == 404
    posted = client.post("/medewerker/deelname/tiwos/uitsluiten", besluit())
    assert posted.status_code == 404
    assert "TIWOS" not in client.get("/medewerker/deelname").content.decode()
    Medewerker.objects.filter(pk=ander.pk).update(samenwerkingsverband=region)
    assert client.get("/medewerker/deelname/bestaat-niet").status_code == 404
    assert client.get("/medewerker/deelname/tiwos/verklaring").status_code == 404  # on paper
    tiwos.refresh_from_db()
    assert tiwos.status == "actief"


def test_ch17_a_grandfathered_deelnemers_paper_declaration_is_recorded_once(tiwos):
    client = staff_client(SWV)
    page = client.get("/medewerker/deelname/tiwos").content.decode()
    assert "Leg de getekende verklaring alsnog vast" in page
    url = "/medewerker/deelname/tiwos/verklaring-vastleggen"
    data = {k: v for k, v in toetreding().items() if k.startswith(("verklaring", "onderteken"))}
    odd = client.post(url, {**data, "ondertekend_op": "9999-12-31", "verklaring": pdf()})
    assert "ligt in de toekomst" in odd.content.decode()
    assert client.post(url, {**data, "verklaring": pdf()}).status_code == 302
    tiwos.refresh_from_db()
    assert tiwos.toetreding.ondertekenaar_naam == "M. de Vries" and tiwos.status == "actief"
    assert client.get("/medewerker/deelname/tiwos/verklaring").content == PDF
    again = client.post(url, {**data, "verklaring": pdf()})
    assert "al vastgelegd" in again.content.decode()
    assert list(tiwos.besluiten.values_list("soort", flat=True)) == ["toetreding"]


def test_ch20_the_exclusion_waits_in_the_regions_work_queue_and_a_failed_notice_shows(
    monkeypatch, tiwos
):
    from notifications.models import OutboxMessage

    client = staff_client(SWV)
    client.post("/medewerker/deelname/tiwos/uitsluiten", besluit())
    start = client.get("/medewerker").content.decode()
    assert "Wacht op verbeterplan" in start and "uiterlijk 4 januari 2027" in start
    monkeypatch.setattr("portal.clock.now", lambda: PAST_DUE)
    start = client.get("/medewerker").content.decode()
    assert "Besluit nodig" in start and "verstreken, uiterlijk 4 januari 2027" in start
    OutboxMessage.objects.filter(template="deelname_tijdelijk").update(status="failed")
    failed = staff_client("wiz-privacy_officer").get("/medewerker/berichten").content.decode()
    assert "Tijdelijke uitsluiting van deelname (aan de corporatie)" in failed
    assert 'href="/medewerker/deelname/tiwos"' in failed
