"""Issue 12, ch. 17 "Toetreding": a corporation takes part once its signed declaration is on
file, never before; the corporations that took part before admissions were recorded here are
grandfathered (ADR 0011); the document's type is read from the document, not from the browser."""

from __future__ import annotations

from datetime import date

import pytest

from states.models import Bijlage, Deelnemer
from states.roles import NotAllowed, NotPossible
from states.services import toetreding
from states.services.deelname import wijzig_deelname
from tests.conftest import actor

pytestmark = pytest.mark.django_db
SWV = "wiz-medewerker_swv"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def verklaring(inhoud: bytes = b"%PDF-1.7 x", naam: str = "verklaring.pdf"):
    return toetreding.Verklaring(date(2026, 11, 16), "M. de Vries", "Directeur", naam, inhoud)


def nieuw(code: str = "nieuwkomer"):
    return toetreding.NieuweDeelnemer(code, "Nieuwkomer", "Markt 1, Tilburg", "n@example.org")


def test_ch17_the_demo_regions_corporations_are_grandfathered(region):
    assert set(Deelnemer.objects.values_list("verklaring_buiten_systeem", flat=True)) == {True}


def test_ch17_admission_stores_the_declaration_by_its_real_type(region, now):
    dn = toetreding.laat_toe(actor(SWV), nieuw(), verklaring(PNG, "scan.pdf"), now)
    assert dn.status == "actief" and dn.status_sinds == now
    bijlage = Bijlage.objects.get(case_type="toetreding", case_id=dn.toetreding.pk)
    assert bijlage.mime_type == "image/png" and bytes(bijlage.inhoud) == PNG


def test_ch17_a_deelnemer_without_a_declaration_is_never_activated(region, now):
    dn = Deelnemer.objects.create(
        samenwerkingsverband=region,
        code="zonder",
        naam="Zonder verklaring",
        adres="Markt 2",
        email="z@example.org",
        status=Deelnemer.Status.OPGESCHORT,
    )
    with pytest.raises(NotPossible, match="toetredingsverklaring"):
        wijzig_deelname(actor(SWV), dn.pk, Deelnemer.Status.ACTIEF, now)
    toetreding.leg_verklaring_vast(actor(SWV), dn.pk, verklaring(), now)
    assert wijzig_deelname(actor(SWV), dn.pk, Deelnemer.Status.ACTIEF, now).status == "actief"
    with pytest.raises(NotPossible, match="al vastgelegd"):
        toetreding.leg_verklaring_vast(actor(SWV), dn.pk, verklaring(), now)


@pytest.mark.parametrize("wie", ["tiwos-functionaris", "tiwos-directie", "wiz-privacy_officer"])
def test_ch17_only_the_samenwerkingsverband_admits(region, now, wie):
    with pytest.raises(NotAllowed):
        toetreding.laat_toe(actor(wie), nieuw(), verklaring(), now)
    assert not Deelnemer.objects.filter(code="nieuwkomer").exists()


def test_ch17_a_document_that_is_too_large_is_refused(region, now):
    groot = b"%PDF-" + b"x" * (10 * 1024 * 1024)
    with pytest.raises(toetreding.PolicyError) as refused:
        toetreding.laat_toe(actor(SWV), nieuw(), verklaring(groot), now)
    assert "verklaring" in refused.value.errors
    assert not Deelnemer.objects.filter(code="nieuwkomer").exists()
