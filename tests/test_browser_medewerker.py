"""Issue 10, staff journeys in Chromium: each role starts at its work queue, opens a list and a
case, and takes a step, at desktop width and at 320 px; every page ends with an axe-core check
that fails on any violation, and a screenshot saved as a test artefact."""

from __future__ import annotations

import re

import pytest

from states.services import datalek, klacht, verzoek
from states.services.intake import Indiening
from tests.conftest import actor
from tests.test_browser import ARTIFACTS, staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "smal": 320}


@pytest.fixture(params=list(WIDTHS))
def page(browser, request):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": WIDTHS[request.param], "height": 900}
    )
    page = context.new_page()
    page.breedte = request.param
    yield page
    context.close()


def strict(page, name: str) -> None:
    """Screenshot, no horizontal scrolling at 320 px, and no accessibility violation at all."""
    from axe_playwright_python.sync_playwright import Axe

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"staf-{name}-{page.breedte}.png"), full_page=True)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= WIDTHS[page.breedte], f"{name}: {width}px breed"
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
    ]
    assert violations == [], name


def test_functionaris_takes_a_request_and_withdraws_it_after_confirming(
    page, live_server, make_signalering, now
):
    sig = make_signalering()
    v = verzoek.dien_in(
        actor("wiz-privacy_officer"),
        "inzage",
        Indiening(naam="Mr. A. Advocaat", kanaal="brief", signalering_id=sig.pk, ontvangen_op=now),
        now,
    )
    staff_login(page, live_server, "tiwos-functionaris")
    page.goto(f"{live_server.url}/medewerker")
    strict(page, "functionaris-start")
    page.get_by_role("link", name=f"Verzoek {v.pk}").first.click()
    assert page.get_by_role("heading", name=re.compile(f"Verzoek {v.pk}: Inzage")).is_visible()
    strict(page, "functionaris-verzoek")
    page.get_by_role("button", name="Neem in behandeling").click()
    assert page.get_by_text("Nieuwe toestand: In behandeling").is_visible()
    page.get_by_label("Hoe de indiener introk").fill("De advocaat belde: ingetrokken.")
    page.get_by_role("button", name="Trek in namens de indiener").click()
    assert page.get_by_role("heading", name="Trek in namens de indiener?").is_visible()
    strict(page, "functionaris-bevestigen")
    page.get_by_role("button", name="Ja, trek in namens de indiener").click()
    assert page.get_by_text("Nieuwe toestand: Ingetrokken").is_visible()


def test_privacy_officer_handles_a_breach_from_the_queue(page, live_server, region, now):
    lek = datalek.meld(
        actor("wiz-privacy_officer"), "Lijst per e-mail aan verkeerde ontvanger.", now, now
    )
    staff_login(page, live_server, "wiz-privacy_officer")
    page.goto(f"{live_server.url}/medewerker")
    strict(page, "privacy-officer-start")
    page.goto(f"{live_server.url}/medewerker/datalekken")
    strict(page, "privacy-officer-datalekken")
    page.get_by_role("link", name=f"Datalek {lek.pk}").click()
    strict(page, "privacy-officer-datalek")
    page.get_by_label("Kenmerk van de melding bij de AP").fill("AP-2026-77")
    page.get_by_role(
        "button", name="Leg de melding bij de Autoriteit Persoonsgegevens vast"
    ).click()
    strict(page, "privacy-officer-datalek-bevestigen")
    page.get_by_role("button", name=re.compile("^Ja, ")).click()
    assert page.get_by_text("AP-2026-77", exact=True).is_visible()


def test_directie_reads_the_letter_before_deciding_a_complaint(
    page, live_server, make_signalering, now
):
    sig = make_signalering()
    k = klacht.dien_in(
        actor("wiz-privacy_officer"),
        "a",
        "De registratie klopt niet.",
        Indiening(naam="J. Zwartkruis", signalering_id=sig.pk),
        now,
    )
    staff_login(page, live_server, "tiwos-directie")
    page.goto(f"{live_server.url}/medewerker")
    strict(page, "directie-start")
    page.goto(f"{live_server.url}/medewerker/klacht/{k.pk}")
    page.get_by_text("Gegrond", exact=True).click()
    page.get_by_role("button", name="Bekijk de brief").click()
    assert page.get_by_text("Zo gaat de brief naar de betrokkene").is_visible()
    strict(page, "directie-klacht-brief")


def test_secretaris_opens_the_disputes_list(page, live_server, make_signalering, now):
    from states.services import geschil

    sig = make_signalering()
    k = klacht.dien_in(
        actor("wiz-privacy_officer"), "a", "x", Indiening(naam="J. Z.", signalering_id=sig.pk), now
    )
    klacht.verklaar(
        actor("tiwos-directie"),
        k.pk,
        False,
        "Onterecht.",
        now,
        adres_gehuurde_woning="Kerkstraat 1",
    )
    g = geschil.dien_in(
        actor("wiz-secretaris_gc"), k.pk, "Onbillijk.", Indiening(naam="J. Z."), now
    )
    staff_login(page, live_server, "wiz-secretaris_gc")
    page.goto(f"{live_server.url}/medewerker/geschillen")
    strict(page, "secretaris-geschillen")
    page.get_by_role("link", name=f"Geschil {g.pk}").click()
    strict(page, "secretaris-geschil")


def test_medewerker_swv_and_bevrager_start_pages(page, live_server, make_signalering, now):
    make_signalering(state="concept")
    staff_login(page, live_server, "wiz-medewerker_swv")
    page.goto(f"{live_server.url}/medewerker")
    strict(page, "swv-start")
    page.goto(f"{live_server.url}/medewerker/signaleringen")
    strict(page, "swv-signaleringen")
    page.context.clear_cookies()
    staff_login(page, live_server, "tiwos-bevrager")
    page.goto(f"{live_server.url}/medewerker/controle")
    strict(page, "bevrager-controle")


def test_the_deadline_page_and_the_failed_messages(page, live_server, region, now):
    from datetime import timedelta

    from tests.test_enforcement_load import due_requests

    due_requests(region, 3, now + timedelta(days=2))
    staff_login(page, live_server, "wiz-privacy_officer")
    page.goto(f"{live_server.url}/medewerker/termijnen")
    strict(page, "termijnen")
    page.goto(f"{live_server.url}/medewerker/berichten")
    strict(page, "berichten")


def test_directie_confirms_access_in_the_half_yearly_review_ch14(page, live_server, region, now):
    from states.services import toegangstoets

    toegangstoets.open_toetsen(now)
    staff_login(page, live_server, "tiwos-directie")
    page.goto(f"{live_server.url}/medewerker")
    page.get_by_role("link", name="Toegangstoets tweede halfjaar 2026").click()
    strict(page, "directie-toegangstoets")
    page.get_by_role("button", name=re.compile("^Bevestig de toegang van Geautoriseerd")).click()
    assert page.get_by_text("Toegang bevestigd.").is_visible()
    page.get_by_role("button", name=re.compile("^Trek de toegang van Bevrager")).click()
    strict(page, "directie-toegangstoets-intrekken")
    page.get_by_role("button", name="Ja, trek de toegang in").click()
    assert page.get_by_text("Toegang ingetrokken").is_visible()
    page.get_by_role("button", name=re.compile("^Bevestig de toegang van Directie")).click()
    page.get_by_role("button", name="Rond de toets af").click()
    assert page.get_by_text("De toets is afgerond.").is_visible()
    strict(page, "directie-toegangstoets-afgerond")


def test_functionaris_records_the_findings_of_the_verification_ch11(
    page, live_server, make_signalering, now
):
    from states.services import controle

    make_signalering("tiwos", "concept")
    controle.open_controles(now)
    staff_login(page, live_server, "tiwos-functionaris")
    page.goto(f"{live_server.url}/medewerker")
    page.get_by_role("link", name=re.compile("^Verificatie van de ingevoerde gegevens")).click()
    strict(page, "functionaris-controle")
    page.get_by_role("button", name="Rond de controle af").click()
    assert page.get_by_text("Er is een probleem").is_visible()  # findings are required
    page.get_by_label("Bevindingen").fill("Het concept is verworpen; de rest klopt.")
    page.get_by_role("button", name="Rond de controle af").click()
    assert page.get_by_text("De controle is afgerond").is_visible()
    strict(page, "functionaris-controle-afgerond")


def test_functionaris_records_the_weighing_of_a_blocked_candidate_ch9(
    page, live_server, make_signalering
):
    sig = make_signalering("tiwos", "geblokkeerd", criteria=[("II", "a")])
    staff_login(page, live_server, "tbv-functionaris")
    page.goto(f"{live_server.url}/medewerker/weging?inschrijfnummer=WZ-{sig.pk}")
    strict(page, "functionaris-weging")
    page.get_by_label("Kandidaat voor een woning na een reactie op het aanbod").check()
    page.get_by_label("Geaccepteerd onder aanvullende voorwaarden").check()
    page.get_by_role("textbox", name="Aanvullende voorwaarden").fill(
        "Begeleiding door het wijkteam."
    )
    page.get_by_label("Redenen").fill("De betalingsregeling wordt nagekomen.")
    page.get_by_role("button", name="Leg de afweging vast").click()
    assert page.get_by_text("Uw afweging is vastgelegd").is_visible()


def test_samenwerkingsverband_drafts_compares_and_publishes_a_protocol_version_ch23(
    page, live_server, region, now
):
    from states.services import protocol

    staff_login(page, live_server, "wiz-medewerker_swv")
    page.goto(f"{live_server.url}/medewerker")
    page.get_by_role("link", name="Protocolversies").click()
    strict(page, "protocolversies")
    page.get_by_label("Versienummer van de nieuwe versie").fill("1.5")
    page.get_by_role("button", name="Stel een nieuwe versie op").click()
    assert page.get_by_text("Concept 1.5 opgesteld.").is_visible()
    strict(page, "protocolversie-concept")
    page.get_by_label("Categorie B (Gevaarzetting en agressie): maximale termijn in maanden").fill(
        "36"
    )
    page.get_by_role("button", name="Sla de termijnen op").click()
    assert page.get_by_text("Het concept is opgeslagen.").is_visible()
    page.get_by_role("link", name="Vergelijk met de geldende versie").click()
    assert page.get_by_text("maximale termijn van 24 maanden naar 36 maanden").is_visible()
    strict(page, "protocolversie-vergelijking")
    versie = region.protocolversies.get(versie="1.5")
    protocol.leg_ap_vast(
        actor("wiz-privacy_officer"),
        versie.pk,
        protocol.ApRaadpleging("geen_bezwaar", now.date(), now.date(), "z1", "Geen bezwaren."),
        now,
    )
    page.get_by_role("link", name="Terug naar versie 1.5").click()
    page.get_by_role("link", name="Publiceer deze versie").click()
    page.get_by_label("Datum van het besluit van het bestuur").fill(now.date().isoformat())
    page.get_by_label("Gaat in op").fill("2026-12-01")
    strict(page, "protocolversie-publiceren")
    page.get_by_role("button", name="Verder naar bevestigen").click()
    strict(page, "protocolversie-bevestigen")
    page.get_by_role("button", name="Ja, publiceer versie 1.5").click()
    assert page.get_by_text("Versie 1.5 is gepubliceerd en geldt vanaf 01-12-2026.").is_visible()
    page.goto(f"{live_server.url}/medewerker/verwerkingsregister")
    strict(page, "verwerkingsregister")


def test_the_hardship_clause_asked_decided_and_applied_ch24(
    page, live_server, make_signalering, now
):
    sig = make_signalering("tiwos", "geregistreerd")
    staff_login(page, live_server, "tiwos-functionaris")
    page.goto(f"{live_server.url}/medewerker")
    page.get_by_role("link", name="Hardheidsclausule").click()
    page.get_by_role("link", name="Vraag de Geschillencommissie om toepassing").click()
    strict(page, "functionaris-hardheid-nieuw")
    page.get_by_label("Over welke signalering?").select_option(str(sig.pk))
    page.get_by_label(re.compile("^Welke zeer bijzondere omstandigheden")).fill(
        "Mantelzorger van een ernstig ziek kind."
    )
    page.get_by_role("button", name="Dien het verzoek in").click()
    assert page.get_by_text("Het verzoek is ingediend").is_visible()
    staff_login(page, live_server, "wiz-secretaris_gc")
    page.goto(f"{live_server.url}/medewerker/hardheidsclausule")
    strict(page, "secretaris-hardheid-lijst")
    page.get_by_role("link", name=re.compile("^Verzoek ")).first.click()
    strict(page, "secretaris-hardheid-besluit")
    page.get_by_label("Toegewezen").check()
    page.get_by_label("De signalering eindigt").check()
    page.get_by_label("Redenen van de commissie").fill("Onbillijkheid van zwaarwegende aard.")
    page.get_by_role("button", name="Leg het besluit vast").click()
    assert page.get_by_text("Het besluit is vastgelegd").is_visible()
    staff_login(page, live_server, "tiwos-functionaris")
    page.goto(f"{live_server.url}/medewerker/hardheidsclausule")
    page.get_by_role("link", name=re.compile("^Verzoek ")).first.click()
    strict(page, "functionaris-hardheid-toepassen")
    page.get_by_role("button", name="Pas het besluit toe").click()
    assert page.get_by_text("Toegepast op de signalering").first.is_visible()
    sig.refresh_from_db()
    assert sig.state == "beeindigd"


def test_privacy_officer_reads_the_breach_register_art33(page, live_server, region, now):
    po = actor("wiz-privacy_officer")
    lek = datalek.meld(po, "Lijst gemaild aan een verkeerd adres.", now, now)
    datalek.niet_meldplichtig(po, lek.pk, "Versleuteld; geen risico.", now)
    staff_login(page, live_server, "wiz-privacy_officer")
    page.goto(f"{live_server.url}/medewerker")
    page.get_by_role("link", name="Datalekkenregister").click()
    assert page.get_by_text("Versleuteld; geen risico.").is_visible()
    strict(page, "privacy-datalekkenregister")


def test_the_public_list_of_participants_ch10(page, live_server, region):
    page.goto(f"{live_server.url}/deelnemers/woning-in-zicht")
    assert page.get_by_role("heading", name="Stichting TBV").is_visible()
    strict(page, "publiek-deelnemers")


def test_capped_signaleringen_list_and_an_escalated_request_first_in_its_list(
    page, live_server, monkeypatch, make_signalering, region, now
):
    from datetime import timedelta

    from portal.web import medewerker_signaleringen
    from states.services import enforcement
    from tests.test_enforcement_load import due_requests

    monkeypatch.setattr(medewerker_signaleringen, "TELLEN_TOT", 3)
    for _ in range(5):
        make_signalering("tiwos", "geregistreerd")
    later = due_requests(region, 1, now + timedelta(weeks=2))
    [overdue] = due_requests(region, 1, now - timedelta(days=2))
    enforcement.enforce(now)
    staff_login(page, live_server, "wiz-privacy_officer")
    page.goto(f"{live_server.url}/medewerker/signaleringen")
    assert page.get_by_text("Meer dan 3 signaleringen").is_visible()
    strict(page, "signaleringen-begrensd")
    page.goto(f"{live_server.url}/medewerker/verzoeken")
    links = page.get_by_role("link", name=re.compile(r"^Verzoek \d+$")).all_inner_texts()
    assert links.index(f"Verzoek {overdue}") < links.index(f"Verzoek {later[0]}")
    strict(page, "verzoeken-verstreken-eerst")
