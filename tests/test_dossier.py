"""The case file: attachments, and erasure of a whole case from every table."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from states.models import Bijlage, Deadline, Verzoek
from states.services import dossier
from states.services import verzoek as verzoek_service
from states.services.intake import Indiening
from tests.conftest import actor
from tests.test_purge import rows_mentioning

pytestmark = pytest.mark.django_db


def test_attachment_is_kept_in_the_case_file_and_served_only_to_those_who_see_the_case(
    make_signalering, betrokkene, api
):
    sig = make_signalering()
    _, person = betrokkene(sig)
    case = person.post(
        "/api/v1/verzoeken",
        {"soort": "rectificatie", "signalering": sig.pk, "correctie": {"achternaam": "Zwartkruis"}},
        format="json",
    ).json()
    upload = SimpleUploadedFile("vonnis.pdf", b"%PDF-1.4 vonnis", content_type="application/pdf")
    response = person.post(
        f"/api/v1/verzoeken/{case['id']}/bijlagen", {"bestand": upload}, format="multipart"
    )
    assert response.status_code == 201
    detail = api("tiwos-functionaris").get(f"/api/v1/verzoeken/{case['id']}").json()
    assert [b["naam"] for b in detail["bijlagen"]] == ["vonnis.pdf"]
    download = api("tiwos-functionaris").get(
        f"/api/v1/verzoeken/{case['id']}/bijlagen/{response.json()['id']}"
    )
    assert download.status_code == 200 and download.content == b"%PDF-1.4 vonnis"
    assert (
        api("tbv-functionaris")
        .get(f"/api/v1/verzoeken/{case['id']}/bijlagen/{response.json()['id']}")
        .status_code
        == 404
    )
    exe = SimpleUploadedFile("x.exe", b"MZ", content_type="application/x-msdownload")
    bad = person.post(
        f"/api/v1/verzoeken/{case['id']}/bijlagen", {"bestand": exe}, format="multipart"
    )
    assert bad.status_code == 400 and Bijlage.objects.count() == 1


def test_erasing_a_case_leaves_no_trace_of_the_person(make_signalering, now):

    sig = make_signalering()
    case = verzoek_service.dien_in(
        actor("wiz-privacy_officer"),
        "inzage",
        Indiening(
            naam="Henriëtte Oosterbroekhuis",
            email="h.oosterbroekhuis@example.com",
            adres="Kastanjelaan 9, Goirle",
            signalering_id=sig.pk,
            toelichting="Ik wil weten wat er over mij bekend is.",
        ),
        now,
    )
    dossier.voeg_bijlage_toe(
        actor("wiz-privacy_officer"),
        case,
        "id.pdf",
        "application/pdf",
        b"%PDF-1.4 Oosterbroekhuis paspoort",
        now,
    )
    verzoek_service.beslis(actor("wiz-medewerker_swv"), case.pk, "afgewezen", "Geen gegevens.", now)
    assert rows_mentioning("Oosterbroekhuis")
    dossier.wis_zaak(Verzoek.objects.get(pk=case.pk))
    assert rows_mentioning("Oosterbroekhuis") == []
    assert rows_mentioning("Kastanjelaan") == []
    assert not Deadline.objects.filter(case_type="verzoek", case_id=case.pk).exists()


@pytest.mark.parametrize(
    ("soort", "inhoud", "goed"),
    [
        ("application/pdf", b"%PDF-1.7 echt", True),
        ("image/png", b"\x89PNG\r\n\x1a\nrest", True),
        ("image/jpeg", b"\xff\xd8\xff\xe0rest", True),
        ("text/plain", "Gewoon tekst, met é.".encode(), True),
        ("application/pdf", b"<html><script>alert(1)</script>", False),
        ("image/png", b"%PDF-1.4 een pdf die zich png noemt", False),
        ("text/plain", b"<html><body>", False),
        ("text/plain", b"tekst\x00met nul", False),
        ("text/plain", b"\xff\xfe niet utf-8", False),
    ],
)
def test_an_attachment_is_judged_by_its_bytes_not_its_label(
    make_signalering, now, soort, inhoud, goed
):
    from states.policy import PolicyError

    case = verzoek_service.dien_in(
        actor("wiz-medewerker_swv"),
        "inzage",
        Indiening(naam="Q. V.", signalering_id=make_signalering().pk),
        now,
    )
    if goed:
        assert (
            dossier.voeg_bijlage_toe(
                actor("wiz-medewerker_swv"), case, "b", soort, inhoud, now
            ).mime_type
            == soort
        )
    else:
        with pytest.raises(PolicyError):
            dossier.voeg_bijlage_toe(actor("wiz-medewerker_swv"), case, "b", soort, inhoud, now)
