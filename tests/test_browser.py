"""The main journeys in a real browser (Debian's Chromium through Playwright), with screenshots
and axe-core accessibility checks on every main page."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from django.core import mail
from django_otp.oath import TOTP

from notifications.delivery import deliver_pending
from portal import twofactor
from tests.conftest import later, user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"


@pytest.fixture
def page(browser):
    """A fresh browser profile; afterwards, no page may have broken the CSP (no inline script or
    style slipped into a template)."""
    context = browser.new_context(locale="nl-NL")
    blocked: list[str] = []
    context.on(
        "console",
        lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page = context.new_page()
    yield page
    context.close()
    assert blocked == []


def check(page, name: str) -> None:
    """Screenshot as artefact, and no serious or critical accessibility violation."""
    from axe_playwright_python.sync_playwright import Axe

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == [], name


def staff_login(page, live_server, username: str) -> None:
    """Password, then the second factor: enrolling the app the first time (the key as shown on
    the page, as a person would type it into their app), its code after that."""
    page.goto(f"{live_server.url}/medewerker/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/medewerker/tweestaps*")
    key = page.locator("figcaption code")
    if key.count():
        check(page, f"tweestaps-instellen-{username}")
        secret = base64.b32decode(key.inner_text().replace(" ", ""))
        code = f"{TOTP(secret).token():06d}"
        button = "Bevestig en ga verder"
    else:
        code = twofactor.current_code(twofactor.confirmed_device(user(username)))
        button = "Ga verder"
    page.get_by_label("Code uit uw authenticator-app").fill(code)
    page.get_by_role("button", name=button).click()
    page.wait_for_url(lambda url: "/tweestaps" not in url)


def test_person_objects_directie_rejects_person_goes_to_the_geschillencommissie(
    page, live_server, make_signalering, monkeypatch, now, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sig = make_signalering("tiwos", "geregistreerd")
    deliver_pending(now)
    [placement] = [m for m in mail.outbox if "Uw registratie" in m.subject]
    code = re.search(r"persoonlijke code in: ([A-Z0-9-]+)", placement.body).group(1)

    # The person signs in with the link sent by e-mail — with the keyboard only.
    page.goto(f"{live_server.url}/inloggen")
    check(page, "01-inloggen")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    page.get_by_label("Uw e-mailadres").focus()
    page.keyboard.type("jantje.zwartkruis@example.org")
    page.keyboard.press("Enter")
    page.wait_for_url("**/inloggen/code")
    check(page, "02-code")
    link = re.search(r"(http\S+/inloggen/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.wait_for_url("**/mijn")
    page.get_by_role("link", name="Koppel dan de persoonlijke code uit de brief").click()
    page.get_by_label("Persoonlijke code uit uw brief").fill(code)
    page.get_by_role("button", name="Koppelen").click()
    page.wait_for_url("**/mijn")
    assert page.get_by_text("Categorie B (Gevaarzetting en agressie)").is_visible()
    check(page, "03-mijn-overzicht")

    # Disagrees: one page explains both routes and leads to the complaint to the directie.
    page.get_by_role("link", name="Ik ben het niet eens met mijn registratie").click()
    assert page.get_by_text("Er zijn twee wegen.").is_visible()
    check(page, "03b-niet-eens")
    page.get_by_role("link", name="Klacht indienen").click()
    page.get_by_role("button", name="Start").click()  # one question per page
    check(page, "04-klacht-formulier")
    page.get_by_role("button", name="Doorgaan").click()  # empty: a clear message
    assert page.get_by_role("alert").get_by_text("Er is een probleem").is_visible()
    page.get_by_label("Waarom is de registratie volgens u niet terecht?").fill(
        "Ik ben nooit agressief geweest; er is geen vonnis."
    )
    page.get_by_role("button", name="Doorgaan").click()
    assert page.get_by_text("Ik ben nooit agressief geweest; er is geen vonnis.").is_visible()
    page.get_by_role("button", name="Klacht versturen").click()
    assert page.get_by_text("U krijgt uiterlijk op 21 december 2026 antwoord.").is_visible()
    check(page, "05-klacht-ontvangen")
    page.get_by_role("link", name="Bekijk uw zaak").click()
    page.wait_for_url(re.compile(r".*/mijn/klacht/\d+$"))
    klacht_url = page.url

    # The directie rejects with reasons, after reading the letter that will go.
    directie = page.context.browser.new_context(locale="nl-NL").new_page()
    staff_login(directie, live_server, "tiwos-directie")
    directie.get_by_role("link", name="Klachten").click()
    directie.get_by_role("link", name=re.compile(r"^Klacht \d+$")).first.click()
    directie.get_by_label("Ongegrond").check()
    directie.get_by_role("button", name="Bekijk de brief").click()
    assert directie.locator(
        "p.error", has_text="Vermeld de redenen voor de ongegrondverklaring."
    ).is_visible()
    directie.get_by_label("Ongegrond").check()
    directie.get_by_label("Redenen").fill("Het vonnis van 3 maart 2026 staat vast.")
    directie.get_by_label("Adres van de woning die de betrokkene huurde").fill("Kerkstraat 1")
    directie.get_by_role("button", name="Bekijk de brief").click()
    letter = directie.get_by_label("Voorbeeld van de brief")
    assert "Het vonnis van 3 maart 2026 staat vast." in letter.inner_text()
    assert "Geschillencommissie" in letter.inner_text()
    check(directie, "06-directie-besluit")
    directie.get_by_role("button", name="Oordeel vastleggen en brief versturen").click()
    assert directie.get_by_text("Het oordeel is vastgelegd").is_visible()

    # Four weeks later the person files a dispute with one action.
    monkeypatch.setattr("portal.clock.now", lambda: later(now, weeks=4))
    page.goto(klacht_url)
    assert page.get_by_text("Stand van zaken: Uw klacht is ongegrond verklaard.").is_visible()
    page.get_by_label("Waarom bent u het niet eens met de uitkomst?").fill(
        "De directie heeft mijn kant niet gehoord."
    )
    page.get_by_role("button", name="Geschil indienen").click()
    assert page.get_by_text("Uw geschil is ingediend bij de Geschillencommissie.").is_visible()
    check(page, "07-geschil-ingediend")
    page.get_by_role("link", name="Mijn overzicht", exact=True).click()
    assert page.get_by_role(
        "link", name=re.compile(r"^Geschil bij de Geschillencommissie, \d+ \w+ \d{4}$")
    ).is_visible()

    # The privacy officer sees it all.
    officer = page.context.browser.new_context(locale="nl-NL").new_page()
    staff_login(officer, live_server, "wiz-privacy_officer")
    officer.get_by_role("link", name="Openstaande termijnen").click()
    check(officer, "08-dashboard")
    officer.goto(klacht_url.replace("/mijn/klacht/", "/medewerker/klacht/"))
    timeline = officer.get_by_role("list").filter(has_text="Toestand: Ongegrond")
    assert timeline.count() == 1
    assert officer.get_by_text("Bericht: Reactie op de klacht").is_visible()
    check(officer, "09-zaak-tijdlijn")
    assert sig.pk


def test_staff_register_block_check_and_advise(page, live_server, api, now, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The functionaris registers and sees the end date before saving.
    staff_login(page, live_server, "tiwos-functionaris")
    page.get_by_role("link", name="Signalering registreren").click()
    page.get_by_label("Voornaam").fill("Kees")
    page.get_by_label("Achternaam").fill("Brokkenpiloot")
    page.get_by_label("Geboortedatum").fill("1979-04-02")
    page.get_by_label("E-mailadres").fill("kees@example.org")
    page.get_by_label("Criterium en formele grond (hoofdstuk 5)").select_option("III|a")
    page.get_by_label("Datum ontruiming of vertrek").fill("2026-11-02")
    page.get_by_role("button", name="Bereken de einddatum").click()
    assert page.get_by_text("Categorie B: hoogstens 2 jaar").is_visible()
    page.get_by_label("Gekozen termijn in maanden").fill("24")
    page.get_by_label("Waarom deze termijn").fill("Geweld tegen een medewerker.")
    page.get_by_role("button", name="Bereken de einddatum").click()
    assert page.get_by_text("tot 2 november 2028").is_visible()
    check(page, "10-registreren")
    page.get_by_role("button", name="Registreren en plaatsingsbrief maken").click()
    assert page.get_by_text(re.compile(r"Signalering #\d+ is geregistreerd")).is_visible()

    # The allocation system reports the applicant; the functionaris blocks.
    api("wiz-systeem").post(
        "/api/v1/match-check",
        {
            "inschrijfnummer": "WZ-500",
            "voornaam": "Kees",
            "achternaam": "Brokkenpiloot",
            "geboortedatum": "1979-04-02",
        },
        format="json",
    )
    page.goto(f"{live_server.url}/medewerker/signaleringen")
    check(page, "11-signaleringen")
    page.get_by_role("link", name=re.compile(r"^Signalering \d+")).first.click()
    page.get_by_label("Terechte match: inschrijving blokkeren").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    assert page.get_by_text("Het besluit over de match is vastgelegd.").is_visible()
    check(page, "12-signalering-geblokkeerd")

    # Another corporation's bevrager checks the applicant and, with a purpose, opens the category.
    bevrager = page.context.browser.new_context(locale="nl-NL").new_page()
    staff_login(bevrager, live_server, "tbv-bevrager")
    bevrager.get_by_role("link", name="Woningzoekende controleren").click()
    bevrager.get_by_label("Inschrijfnummer").fill("WZ-500")
    bevrager.get_by_label("Voornaam").fill("Kees")
    bevrager.get_by_label("Achternaam").fill("Brokkenpiloot")
    bevrager.get_by_label("Geboortedatum").fill("1979-04-02")
    bevrager.get_by_role("button", name="Controleren").click()
    assert bevrager.get_by_text(
        "Geblokkeerd: bij alle deelnemende corporaties tot 2 november 2028."
    ).is_visible()
    check(bevrager, "13-controle")
    # The category opens for this applicant, with a purpose: never by browsing the list.
    bevrager.get_by_label("Kenmerk van de kandidatuur of urgentieaanvraag").fill("Woning 12")
    bevrager.get_by_role("button", name="Categorie openen").click()
    assert bevrager.get_by_text("Categorie: B").is_visible()
    check(bevrager, "14-categorie")
    bevrager.goto(f"{live_server.url}/medewerker/signaleringen")
    assert bevrager.get_by_text("Brokkenpiloot").count() == 0
    assert bevrager.get_by_role("link", name=re.compile(r"#\d+")).count() == 0


def test_privacy_office_identity_search_page(page, live_server, make_signalering, now):
    from states.services import verzoek as verzoek_service
    from states.services.intake import Indiening
    from tests.conftest import actor

    make_signalering("tbv", "geregistreerd")
    case = verzoek_service.dien_in(
        actor("wiz-privacy_officer"), "inzage", Indiening(naam="J. Zwartkruis", kanaal="brief"), now
    )
    staff_login(page, live_server, "wiz-privacy_officer")
    page.goto(f"{live_server.url}/medewerker/verzoek/{case.pk}")
    page.get_by_role("link", name="Zoek de betrokkene op identiteit in de hele regio").click()
    page.get_by_label("Voornaam").fill("Jantje")
    page.get_by_label("Achternaam").fill("Zwartkruis")
    page.get_by_label("Geboortedatum").fill("1987-03-14")
    page.get_by_role("button", name="Zoeken").click()
    assert page.get_by_text("1 treffer(s)").is_visible()
    check(page, "15-identiteit-zoeken")
    page.get_by_role("button", name="Dit is de indiener: koppel").click()
    assert page.get_by_text("Het verzoek is gekoppeld").is_visible()


def test_deadline_page_warns_about_a_failing_escalation(
    page, live_server, region, now, monkeypatch
):
    from datetime import timedelta

    from states.services import enforcement
    from tests.test_enforcement_load import due_requests

    [case_id] = due_requests(region, 1, now - timedelta(minutes=3))

    def broken(case, deadline, now, alert):  # noqa: ANN001, ANN202
        raise KeyError("sjabloon")

    monkeypatch.setattr(enforcement, "_escalate", broken)
    enforcement.enforce(now)
    staff_login(page, live_server, "wiz-privacy_officer")
    page.goto(f"{live_server.url}/medewerker/termijnen")
    alert = page.get_by_role("alert")
    assert "Escalatie mislukt: 1 termijn" in alert.inner_text()
    assert alert.get_by_role("link", name=f"Verzoek {case_id}").count() == 1
    check(page, "termijnen-escalatie-mislukt")


def test_issue10_the_letter_page_reads_as_a_letter(page, live_server, make_signalering, betrokkene):
    """The person's letter in the portal: letterhead, address, date and body, accessible on a
    wide screen and a phone (tests/test_letters.py covers the content and the PDF)."""
    from django.test import Client

    from notifications.models import OutboxMessage

    motivering = "Schade van € 12.480 – „opzettelijk” toegebracht, zie rapport Citroën."
    sig = make_signalering("tiwos", "geregistreerd", termijn_motivering=motivering)
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    person, _ = betrokkene(sig)
    client = Client()
    client.force_login(person)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page.goto(f"{live_server.url}/mijn/brief/{row.pk}")
    letter = page.locator("article.brief")
    assert letter.get_by_text("Tilburg, 23 november 2026").is_visible()
    assert letter.get_by_text(motivering).is_visible()
    check(page, "brief-plaatsing")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing sticks out
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check(page, "brief-plaatsing-telefoon")
