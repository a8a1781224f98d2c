"""Issue 10: the person files a verzoek or klacht one question per page, checks the answers,
confirms, and sees what happens next and by when; errors are summarised and linked."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from states.models import Klacht, Verzoek
from tests.portaal_stappen import doorloop


def person(betrokkene, *sigs, username: str = "jan") -> Client:
    for sig in sigs or (None,):
        user, _ = betrokkene(sig, username=username, email=f"{username}@example.org")
    client = Client()
    client.force_login(user)
    return client


def ids_exist(html: str) -> None:
    """Every aria-describedby names ids that are on the page (and every summary link too)."""
    present = set(re.findall(r'\sid="([^"]+)"', html))
    for value in re.findall(r'aria-describedby="([^"]*)"', html):
        for ref in value.split():
            assert ref in present, ref
    for target in re.findall(r'class="error-summary".*?</div>', html, re.S):
        for ref in re.findall(r'href="#([^"]+)"', target):
            assert ref in present, ref


def test_one_registration_skips_the_question_and_the_flow_goes_step_by_step(
    make_signalering, betrokkene
):
    sig = make_signalering()
    jan = person(betrokkene, sig)
    assert jan.get("/mijn/verzoek").status_code == 200
    start = jan.post("/mijn/verzoek")
    assert start.url == "/mijn/verzoek/soort"  # no "which registration?": there is one
    soort = jan.get(start.url).content.decode()
    assert "Wat wilt u vragen?" in soort and "Ik weet het niet" not in soort
    assert jan.post("/mijn/verzoek/soort", {"soort": "inzage"}).url == "/mijn/verzoek/details"
    toelichting = {"toelichting": "Ik wil weten wat er over mij staat."}
    assert jan.post("/mijn/verzoek/details", toelichting).url == "/mijn/verzoek/controle"
    check = jan.get("/mijn/verzoek/controle").content.decode()
    assert "Registratie door TIWOS" in check and "Inzage en afschrift" in check
    assert 'href="/mijn/verzoek/soort?wijzig=1"' in check
    assert "Ik wil weten wat er over mij staat." in check
    assert not Verzoek.objects.exists()  # nothing written before the person confirms
    done = jan.post("/mijn/verzoek/controle")
    assert done.url == "/mijn/verzoek/klaar"
    verzoek = Verzoek.objects.get()
    assert verzoek.soort == "inzage" and verzoek.signalering_id == sig.pk
    page = jan.get(done.url).content.decode()
    assert "Uw verzoek is ontvangen" in page and "Verzoek om inzage, 23 november 2026" in page
    assert "U krijgt uiterlijk op 21 december 2026 antwoord." in page
    assert "Wat gebeurt er nu?" in page


def test_two_registrations_ask_which_one(make_signalering, betrokkene):
    first, second = make_signalering("tiwos"), make_signalering("tbv")
    jan = person(betrokkene, first, second)
    assert jan.post("/mijn/verzoek").url == "/mijn/verzoek/registratie"
    page = jan.get("/mijn/verzoek/registratie").content.decode()
    assert "Ik weet het niet" not in page and 'type="radio"' in page
    assert page.count('type="radio"') == 2 and "Registratie door TIWOS" in page
    response = jan.post("/mijn/verzoek/registratie", {"signalering": second.pk})
    assert response.url == "/mijn/verzoek/soort"
    done = doorloop(
        jan,
        "/mijn/verzoek",
        {"registratie": {"signalering": second.pk}, "soort": {"soort": "inzage"}},
    )
    assert done.status_code == 200
    assert Verzoek.objects.get().signalering_id == second.pk


def test_going_back_and_changing_keeps_the_other_answers(make_signalering, betrokkene):
    jan = person(betrokkene, make_signalering())
    jan.post("/mijn/verzoek")
    jan.post("/mijn/verzoek/soort", {"soort": "wissing"})
    jan.post("/mijn/verzoek/details", {"toelichting": "Niet meer nodig."})
    back = jan.get("/mijn/verzoek/soort").content.decode()
    assert re.search(r'value="wissing"[^>]*checked', back)
    assert 'href="/mijn/verzoek"' in back or "Terug" in back
    details = jan.get("/mijn/verzoek/details").content.decode()
    assert "Niet meer nodig." in details
    # Change the kind from the check page: back to the check page, the text still there.
    changed = jan.post("/mijn/verzoek/soort?wijzig=1", {"soort": "beperking"})
    assert changed.url == "/mijn/verzoek/controle"
    check = jan.get("/mijn/verzoek/controle").content.decode()
    assert "Beperking" in check and "Niet meer nodig." in check
    assert not Verzoek.objects.exists()


def test_overview_shows_kind_date_state_and_answer_date(make_signalering, betrokkene):
    jan = person(betrokkene, make_signalering())
    doorloop(jan, "/mijn/verzoek", {"soort": {"soort": "inzage"}})
    doorloop(jan, "/mijn/klacht", {"gronden": {"gronden": "Onterecht."}})
    page = jan.get("/mijn").content.decode()
    assert "Verzoek om inzage, 23 november 2026" in page
    assert "Klacht bij de directie, 23 november 2026" in page
    assert "Ontvangen; nog niet in behandeling." in page
    assert "21 december 2026" in page


def test_klacht_flow_checks_then_confirms_with_the_date(make_signalering, betrokkene):
    jan = person(betrokkene, make_signalering())
    assert jan.post("/mijn/klacht").url == "/mijn/klacht/gronden"
    jan.post("/mijn/klacht/gronden", {"gronden": "Ik heb alles betaald."})
    check = jan.get("/mijn/klacht/controle").content.decode()
    assert "Ik heb alles betaald." in check and "Controleer uw klacht" in check
    assert not Klacht.objects.exists()
    done = jan.get(jan.post("/mijn/klacht/controle").url).content.decode()
    assert Klacht.objects.count() == 1
    assert "Uw klacht is ontvangen" in done and "21 december 2026" in done


def test_errors_have_a_linked_summary_and_described_inputs(make_signalering, betrokkene):
    jan = person(betrokkene, make_signalering())
    jan.post("/mijn/verzoek")
    html = jan.post("/mijn/verzoek/soort", {}).content.decode()
    assert 'role="alert"' in html and "Er is een probleem" in html
    assert 'href="#id_soort_0"' in html and 'id="id_soort_0"' in html
    assert 'aria-describedby="id_soort-error"' in html
    ids_exist(html)
    jan.post("/mijn/verzoek/soort", {"soort": "rectificatie"})
    html = jan.post("/mijn/verzoek/details", {"veld": "", "nieuwe_waarde": ""}).content.decode()
    assert 'href="#id_veld"' in html and 'href="#id_nieuwe_waarde"' in html
    assert 'aria-describedby="id_toelichting-help"' in html
    assert 'aria-describedby="id_veld-error"' in html
    ids_exist(html)


@pytest.mark.parametrize(
    ("tekst", "gelukt"),
    [("x" * 5000, True), ("x" * 5001, False), ("ik\x00wil", False)],
)
def test_long_text_and_nul_bytes_give_a_field_error_or_success(
    make_signalering, betrokkene, tekst, gelukt
):
    jan = person(betrokkene, make_signalering())
    response = doorloop(
        jan, "/mijn/verzoek", {"soort": {"soort": "inzage"}, "details": {"toelichting": tekst}}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert Verzoek.objects.exists() is gelukt
    if not gelukt:
        assert 'id="id_toelichting-error"' in html
        ids_exist(html)
    klacht = doorloop(jan, "/mijn/klacht", {"gronden": {"gronden": tekst}})
    assert klacht.status_code == 200
    assert Klacht.objects.exists() is gelukt


def test_the_confirmation_is_only_for_who_filed(make_signalering, betrokkene):
    jan = person(betrokkene, make_signalering())
    assert jan.get("/mijn/verzoek/klaar").status_code == 302  # nothing filed yet
    assert jan.get("/mijn/verzoek/onbekend").status_code == 404
    assert jan.get("/mijn/verzoek/controle").url == "/mijn/verzoek/soort"


def test_every_step_reads_in_english(make_signalering, betrokkene):
    jan = person(betrokkene, make_signalering())
    jan.post("/i18n/setlang/", {"language": "en", "next": "/mijn"})
    assert "Make a request" in jan.get("/mijn/verzoek").content.decode()
    jan.post("/mijn/verzoek")
    soort = jan.post("/mijn/verzoek/soort", {}).content.decode()
    assert "There is a problem" in soort and "Choose what you would like to ask." in soort
    jan.post("/mijn/verzoek/soort", {"soort": "inzage"})
    assert "Tell us more" in jan.get("/mijn/verzoek/details").content.decode()
    jan.post("/mijn/verzoek/details", {"toelichting": ""})
    check = jan.get("/mijn/verzoek/controle").content.decode()
    assert "Check your request" in check and "Change" in check and "Send request" in check
    done = jan.get(jan.post("/mijn/verzoek/controle").url).content.decode()
    assert "We have received your request" in done and "What happens next?" in done
    assert "Request for access, 23 November 2026" in done
    assert "You will receive an answer by 21 December 2026 at the latest." in done
    assert "Request for access, 23 November 2026" in jan.get("/mijn").content.decode()


def test_the_overview_names_the_protocols_category_in_english(make_signalering, betrokkene):
    jan = person(betrokkene, make_signalering())
    jan.post("/i18n/setlang/", {"language": "en", "next": "/mijn"})
    page = jan.get("/mijn").content.decode()
    assert "Endangerment and aggression" in page
    assert "Threats, violence, intimidation or aggression" in page
    assert "Gevaarzetting" not in page


def test_the_case_page_is_named_by_kind_and_date(make_signalering, betrokkene):
    jan = person(betrokkene, make_signalering())
    doorloop(jan, "/mijn/verzoek", {"soort": {"soort": "inzage"}})
    overview = jan.get("/mijn").content.decode()
    link = re.search(r'href="(/mijn/verzoek/\d+)"', overview).group(1)
    page = jan.get(link).content.decode()
    assert re.search(r"<h1>Verzoek om inzage, 23 november 2026", page)
    jan.post("/i18n/setlang/", {"language": "en", "next": "/mijn"})
    assert re.search(r"<h1>Request for access, 23 November 2026", jan.get(link).content.decode())
