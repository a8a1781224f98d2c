"""Issue 10 in a real browser: the person signs in, reads the overview and files a verzoek
one question per page, at desktop width and at 320 px, with no accessibility violation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail

from notifications.delivery import deliver_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "portaal"


def check(page, name: str, width: int) -> None:
    """Screenshot; no sideways scrolling; axe-core finds nothing, of any impact."""
    from axe_playwright_python.sync_playwright import Axe

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width, name
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
    ]
    assert violations == [], name


@pytest.mark.parametrize("width", [1280, 320])
def test_person_signs_in_and_files_a_verzoek_step_by_step(
    browser, live_server, make_signalering, now, settings, width
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_signalering("tiwos", "geregistreerd")
    deliver_pending(now)
    [placement] = [m for m in mail.outbox if "Uw registratie" in m.subject]
    code = re.search(r"persoonlijke code in: ([A-Z0-9-]+)", placement.body).group(1)
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()

    page.goto(f"{live_server.url}/inloggen")
    check(page, "01-inloggen", width)
    page.get_by_label("Uw e-mailadres").fill("jantje.zwartkruis@example.org")
    page.get_by_role("button", name="Stuur mij een inlogcode").click()
    page.wait_for_url("**/inloggen/code")
    link = re.search(r"(http\S+/inloggen/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.wait_for_url("**/mijn")
    page.get_by_role("link", name="Koppel dan de persoonlijke code uit de brief").click()
    page.get_by_label("Persoonlijke code uit uw brief").fill(code)
    page.get_by_role("button", name="Koppelen").click()
    page.wait_for_url("**/mijn")
    check(page, "02-mijn", width)

    page.get_by_role("link", name="Een ander verzoek indienen").click()
    check(page, "03-verzoek-start", width)
    page.get_by_role("button", name="Start").click()
    page.wait_for_url("**/mijn/verzoek/soort")  # one registration: not asked which
    page.get_by_role("button", name="Doorgaan").click()
    alert = page.get_by_role("alert")
    assert alert.get_by_text("Er is een probleem").is_visible()
    check(page, "04-soort-fout", width)
    alert.get_by_role("link", name="Kies wat u wilt vragen.").click()
    assert page.evaluate("document.activeElement.id") == "id_soort_0"
    page.get_by_role("radio", name=re.compile("Inzage en afschrift")).check()
    page.get_by_role("button", name="Doorgaan").click()
    page.get_by_label("Toelichting").fill("Ik wil weten wat er over mij is vastgelegd.")
    check(page, "05-details", width)
    page.get_by_role("button", name="Doorgaan").click()
    # (a browser keeps the #fragment of the error summary link through the redirects)
    page.wait_for_url(re.compile(r".*/mijn/verzoek/controle(#.*)?$"))
    assert page.get_by_text("Ik wil weten wat er over mij is vastgelegd.").is_visible()
    check(page, "06-controle", width)
    page.get_by_role("button", name="Verzoek versturen").click()
    page.wait_for_url(re.compile(r".*/mijn/verzoek/klaar(#.*)?$"))
    assert page.get_by_text("U krijgt uiterlijk op 21 december 2026 antwoord.").is_visible()
    assert page.get_by_text("Verzoek om inzage, 23 november 2026").is_visible()
    check(page, "07-klaar", width)
    page.get_by_role("link", name="Terug naar mijn overzicht").click()
    assert page.get_by_role("link", name=re.compile("Verzoek om inzage, 23 november 2026")).count()
    check(page, "08-mijn-met-verzoek", width)
    context.close()
