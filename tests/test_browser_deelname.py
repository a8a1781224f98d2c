"""Issue 12, ch. 17 and 20 in Chromium: the samenwerkingsverband admits a corporation with its
signed declaration, records a temporary exclusion, and once the improvement-plan term has
passed, the definitive exclusion after the confirmation page — at 1280 and 320 px, every page
checked with axe-core and saved as a screenshot."""

from __future__ import annotations

from datetime import datetime

import pytest

from states.models import Deelnemer
from tests.test_browser import staff_login
from tests.test_browser_medewerker import page, strict  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAST_DUE = datetime.fromisoformat("2027-01-05T09:00:00+01:00")


def test_region_admits_excludes_and_then_definitively_excludes(
    page,  # noqa: F811
    live_server,
    monkeypatch,
    make_signalering,
    tmp_path,
):
    make_signalering("tiwos")
    verklaring = tmp_path / "verklaring.pdf"
    verklaring.write_bytes(b"%PDF-1.7\n% getekend\n")
    staff_login(page, live_server, "wiz-medewerker_swv")
    page.goto(f"{live_server.url}/medewerker")
    page.get_by_role("link", name="Deelname").click()
    strict(page, "deelname-lijst")

    page.get_by_role("link", name="Laat een corporatie toe").click()
    page.get_by_label("Naam van de corporatie").fill("Woonstichting Leystromen")
    page.get_by_label("Korte code").fill("leystromen-2")
    page.get_by_label("Adres voor bezwaar en klacht", exact=True).fill(
        "Hoogstraat 5, 5051 AA Goirle"
    )
    page.get_by_label("E-mailadres voor bezwaar en klacht").fill("signalering@leystromen.nl")
    page.get_by_label("Getekende verklaring").set_input_files(str(verklaring))
    page.get_by_label("Datum van ondertekening").fill("2026-11-16")
    page.get_by_label("Naam van de ondertekenaar").fill("M. de Vries")
    page.get_by_label("Functie van de ondertekenaar").fill("Directeur-bestuurder")
    strict(page, "deelname-toelaten")
    page.get_by_role("button", name="Laat toe en leg de verklaring vast").click()
    assert page.get_by_role("heading", name="Woonstichting Leystromen").is_visible()
    strict(page, "deelname-toegelaten")

    page.goto(f"{live_server.url}/medewerker/deelname/tiwos")
    page.get_by_role("link", name="Leg een besluit tot tijdelijke uitsluiting vast").click()
    page.get_by_label("Datum van het besluit van de deelnemers").fill("2026-11-20")
    page.get_by_label("Kenmerk van het besluit").fill("ALV-2026-07")
    page.get_by_label("Redenen van het besluit").fill("Signaleringen zonder vastgelegde grond.")
    strict(page, "deelname-uitsluiten")
    page.get_by_role("button", name="Leg de tijdelijke uitsluiting vast").click()
    assert page.get_by_text("Wacht op het verbeterplan van TIWOS").is_visible()
    strict(page, "deelname-tijdelijk")

    monkeypatch.setattr("portal.clock.now", lambda: PAST_DUE)
    page.goto(f"{live_server.url}/medewerker/deelname")
    assert page.get_by_text("verstreken op 4 januari 2027").is_visible()
    strict(page, "deelname-lijst-verstreken")
    page.get_by_role("link", name="TIWOS, Tilburgse Woonstichting").click()
    page.get_by_role("link", name="Leg het besluit tot definitieve uitsluiting vast").click()
    page.get_by_label("Datum van het besluit van de deelnemers").fill("2027-01-05")
    page.get_by_label("Kenmerk van het besluit").fill("ALV-2027-01")
    page.get_by_label("Redenen van het besluit").fill("Geen verbeterplan voorgelegd.")
    page.get_by_role("button", name="Verder naar bevestigen").click()
    assert page.get_by_role("heading", name="definitief uitsluiten?").is_visible()
    strict(page, "deelname-definitief-bevestigen")
    page.get_by_role("button", name="Ja, sluit TIWOS, Tilburgse Woonstichting definitief").click()
    assert page.get_by_text("de accounts zijn ingetrokken").is_visible()
    strict(page, "deelname-definitief")
    assert Deelnemer.objects.get(code="tiwos").status == "uitgesloten"
