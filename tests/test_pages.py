"""The pages: no one reaches another person's case by changing an id, staff see only what the
protocol allows, bad input never produces an error page, sign-in codes work once."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from notifications.models import OutboxMessage
from states.models import Klacht
from tests.conftest import actor, staff_client
from tests.portaal_stappen import doorloop

pytestmark = pytest.mark.django_db


def person_client(betrokkene, sig, username):
    person, _ = betrokkene(sig, username=username, email=f"{username}@example.org")
    client = Client()
    client.force_login(person)
    return client


def test_a_person_never_reaches_another_persons_case_or_letter(make_signalering, betrokkene):
    sig = make_signalering()
    jan = person_client(betrokkene, sig, "jan")
    response = doorloop(jan, "/mijn/klacht", {"gronden": {"gronden": "Onterecht."}})
    klacht = Klacht.objects.get()
    assert f'href="/mijn/klacht/{klacht.pk}"' in response.content.decode()
    piet = person_client(betrokkene, None, "piet")
    for url in (
        f"/mijn/klacht/{klacht.pk}",
        f"/mijn/verzoek/{klacht.pk}",
        f"/mijn/geschil/{klacht.pk}",
        f"/mijn/anders/{klacht.pk}",
    ):
        assert piet.get(url).status_code == 404, url
    letter = OutboxMessage.objects.filter(for_betrokkene=True).first()
    assert letter is not None
    assert piet.get(f"/mijn/brief/{letter.pk}").status_code == 404
    assert jan.get(f"/mijn/brief/{letter.pk}").status_code == 200
    assert "Zwartkruis" not in piet.get("/mijn").content.decode()
    # Nor can they file about someone else's registration.
    refused = doorloop(
        piet, "/mijn/klacht", {"registratie": {"signalering": sig.pk}, "gronden": {"gronden": "x"}}
    )
    assert refused.status_code == 200 and 'class="error"' in refused.content.decode()
    assert Klacht.objects.count() == 1


def test_staff_of_another_corporation_see_no_case_pages(make_signalering, betrokkene):
    sig = make_signalering()
    jan = person_client(betrokkene, sig, "jan")
    doorloop(jan, "/mijn/klacht", {"gronden": {"gronden": "Onterecht."}})
    klacht = Klacht.objects.get()
    other = staff_client("tbv-directie")
    assert other.get(f"/medewerker/klacht/{klacht.pk}").status_code == 404
    assert "Klacht #" not in other.get("/medewerker/klachten").content.decode()
    own = staff_client("tiwos-directie")
    assert own.get(f"/medewerker/klacht/{klacht.pk}").status_code == 200
    # A person is no member of staff.
    assert jan.get(f"/medewerker/klacht/{klacht.pk}").status_code == 404
    assert jan.get("/medewerker/termijnen").status_code == 404


def test_sign_in_code_works_once_and_says_nothing_about_unknown_addresses(region, settings):
    from django.contrib.auth import get_user_model

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = Client()
    response = client.post("/inloggen", {"email": "nieuw@example.org"})
    assert response.status_code == 302
    # No account for an address typed: only once its owner uses the code.
    assert not get_user_model().objects.filter(email="nieuw@example.org").exists()
    code = re.search(r"inlogcode is (\d{6})", mail.outbox[-1].body).group(1)
    wrong = client.post("/inloggen/code", {"email": "nieuw@example.org", "code": "000000"})
    assert "klopt niet" in wrong.content.decode()
    ok = client.post("/inloggen/code", {"email": "nieuw@example.org", "code": code})
    assert ok.status_code == 302 and ok.url == "/mijn"
    assert get_user_model().objects.get(email="nieuw@example.org").betrokkene
    again = Client().post("/inloggen/code", {"email": "nieuw@example.org", "code": code})
    assert again.status_code == 200  # used: no second sign-in
    # A staff address gets the same answer, and a mail like anyone (same time), with no code.
    count = len(mail.outbox)
    staff = Client().post("/inloggen", {"email": "tiwos-directie@demo.woninginzicht.nl"})
    assert staff.status_code == 302 and len(mail.outbox) == count + 1
    assert "inlogcode is" not in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/mijn/verzoek", {"soort": {"soort": "onbekend"}}),
        (
            "/mijn/verzoek",
            {
                "soort": {"soort": "rectificatie"},
                "details": {"veld": "bsn", "nieuwe_waarde": "1"},
            },
        ),
        ("/mijn/klacht", {"gronden": {"gronden": ""}}),
        ("/mijn/verzoek", {"soort": {"soort": "bezwaar"}, "details": {"toelichting": " "}}),
    ],
)
def test_bad_input_gets_a_clear_message_not_an_error_page(make_signalering, betrokkene, url, data):
    sig = make_signalering()
    jan = person_client(betrokkene, sig, "jan")
    response = doorloop(jan, url, data)
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_a_wrong_letter_code_gets_a_clear_message(make_signalering, betrokkene):
    jan = person_client(betrokkene, make_signalering(), "jan")
    response = jan.post("/mijn/koppelen", {"code": "NIET-BESTAAND"})
    assert response.status_code == 200 and 'class="error"' in response.content.decode()


def test_ch7_functionaris_sees_the_maximum_chooses_a_term_and_says_why(region, now):
    client = staff_client("tiwos-functionaris")
    data = {
        "voornaam": "Kees",
        "achternaam": "Jansen",
        "geboortedatum": "1980-05-01",
        "reden": "VIII|d",
        "ingangsdatum": "2026-11-01",
        "bedrag": "1500.00",
    }
    guidance = client.post("/medewerker/signalering", data).content.decode()
    assert "Categorie D: hoogstens 2 jaar" in guidance  # the maximum is guidance, not a default
    assert "Registreren en plaatsingsbrief maken" not in guidance
    data["termijn_maanden"] = "18"
    preview = client.post("/medewerker/signalering", data).content.decode()
    assert "tot <strong>1 mei 2028</strong>" in preview
    from states.models import Signalering

    # Names are encrypted at rest: no query finds them; count what was saved instead.
    saved_before = Signalering.objects.count()
    too_long = client.post("/medewerker/signalering", {**data, "termijn_maanden": "25"})
    assert "ligt tussen 1 en 24 maanden" in too_long.content.decode()
    low = client.post("/medewerker/signalering", {**data, "bedrag": "499.99"}).content.decode()
    assert "ten minste € 500.00" in low
    unexplained = client.post("/medewerker/signalering", {**data, "opslaan": "1"})
    assert "Leg vast waarom deze termijn" in unexplained.content.decode()
    assert Signalering.objects.count() == saved_before
    data["termijn_motivering"] = "Eerste keer; schade deels hersteld."
    saved = client.post("/medewerker/signalering", {**data, "opslaan": "1"})
    assert saved.status_code == 302
    sig = Signalering.objects.latest("pk")
    assert sig.achternaam == "Jansen" and Signalering.objects.count() == saved_before + 1
    assert sig.state == "geregistreerd" and sig.termijnen == {"D": 18}
    assert sig.termijn_motivering == "Eerste keer; schade deels hersteld."


def test_privacy_officer_dashboard_and_csv(make_signalering, betrokkene):
    sig = make_signalering()
    jan = person_client(betrokkene, sig, "jan")
    doorloop(jan, "/mijn/verzoek", {"soort": {"soort": "inzage"}})
    officer = staff_client("wiz-privacy_officer")
    page = officer.get("/medewerker/termijnen").content.decode()
    assert "Beslissen op verzoek (4 weken)" in page and "TIWOS" in page
    csv_text = officer.get("/medewerker/termijnen.csv").content.decode("utf-8-sig")
    assert "Verzoek " in csv_text and "21-12-2026" in csv_text


def test_secretaris_advises_and_refers_through_the_case_page(make_signalering, betrokkene, now):
    from states.models import Geschil
    from states.services import geschil, klacht
    from states.services.intake import Indiening
    from tests.conftest import actor

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
        adres_gehuurde_woning="Kerkstraat 1, Tilburg",
    )
    g = geschil.dien_in(
        actor("wiz-secretaris_gc"), k.pk, "Onbillijk.", Indiening(naam="J. Z."), now
    )
    secretaris = staff_client("wiz-secretaris_gc")
    page = secretaris.get(f"/medewerker/geschil/{g.pk}").content.decode()
    assert ">Neem in behandeling<" in page and "advies vast" not in page.split("Tijdlijn")[0]
    secretaris.post(f"/medewerker/geschil/{g.pk}/neem_in_behandeling", {})
    # An advice without text is refused with a message, not an error page.
    empty = secretaris.post(
        f"/medewerker/geschil/{g.pk}/adviseer_ongegrond",
        {"adviseer_ongegrond-advies": ""},
        follow=True,
    )
    assert empty.status_code == 200 and Geschil.objects.get(pk=g.pk).state == "in_behandeling"
    secretaris.post(
        f"/medewerker/geschil/{g.pk}/adviseer_ongegrond",
        {"adviseer_ongegrond-advies": "Zorgvuldig gewogen."},
    )
    secretaris.post(f"/medewerker/geschil/{g.pk}/verwijs_door", {"verwijs_door-reden": "x"})
    assert Geschil.objects.get(pk=g.pk).state == "doorverwezen_huurcommissie"
    # An action the state does not allow is not found, and another role cannot act.
    assert secretaris.post(f"/medewerker/geschil/{g.pk}/sluit", {}).status_code == 409
    directie = staff_client("tiwos-directie")
    response = directie.post(
        f"/medewerker/geschil/{g.pk}/uitkomst_huurcommissie",
        {"uitkomst_huurcommissie-uitkomst": "x"},
        follow=True,
    )
    assert Geschil.objects.get(pk=g.pk).huurcommissie_uitkomst == ""
    assert response.status_code == 403  # refused outright, nothing written, and said so
    assert "Er is niets vastgelegd" in response.content.decode()


def test_the_person_can_switch_the_portal_to_english(make_signalering, betrokkene):
    sig = make_signalering()
    jan = person_client(betrokkene, sig, "jan")
    assert "Wat er over u is vastgelegd" in jan.get("/mijn").content.decode()
    jan.post("/i18n/setlang/", {"language": "en", "next": "/mijn"})
    page = jan.get("/mijn").content.decode()
    assert '<html lang="en">' in page
    assert "What is recorded about you" in page and "Registration by TIWOS" in page
    assert "1 October 2026 – 1 October 2028" in page
    jan.post("/mijn/verzoek")
    form = jan.get("/mijn/verzoek/soort").content.decode()
    assert "What would you like to ask?" in form and "You disagree with being placed" in form
    doorloop(jan, "/mijn/klacht", {"gronden": {"gronden": "Wrong."}})
    klacht = Klacht.objects.get()
    detail = jan.get(f"/mijn/klacht/{klacht.pk}").content.decode()
    assert "You will receive an answer by 21 December 2026 at the latest." in detail


def test_person_complains_about_a_refusal_and_downloads_the_letter(
    api, make_signalering, betrokkene
):
    sig = make_signalering()
    jan = person_client(betrokkene, sig, "jan")
    doorloop(jan, "/mijn/verzoek", {"soort": {"soort": "inzage"}})
    from states.models import Verzoek

    verzoek = Verzoek.objects.get()
    assert "Klagen over dit besluit" not in jan.get(f"/mijn/verzoek/{verzoek.pk}").content.decode()
    api("tiwos-functionaris").post(
        f"/api/v1/verzoeken/{verzoek.pk}/transitions/beslis",
        {"besluit": "afgewezen", "motivering": "Geen gegevens."},
    )
    page = jan.get(f"/mijn/verzoek/{verzoek.pk}").content.decode()
    assert "Klagen over dit besluit" in page
    response = jan.post(f"/mijn/verzoek/{verzoek.pk}", {"b-gronden": "Er zijn wel gegevens."})
    klacht = Klacht.objects.get()
    assert (klacht.soort, klacht.verzoek_id) == ("b", verzoek.pk)
    assert response.url == f"/mijn/klacht/{klacht.pk}"
    letter = OutboxMessage.objects.get(template="verzoek_besluit")
    pdf = jan.get(f"/mijn/brief/{letter.pk}?pdf=1")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_sign_in_codes_are_limited_per_address_and_hour(region, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    for _ in range(8):
        assert Client().post("/inloggen", {"email": "veel@example.org"}).status_code == 302
    assert len([m for m in mail.outbox if m.to == ["veel@example.org"]]) == 5


def test_ch16_1_art21_one_route_to_disagree_explains_both_ways_and_leads_to_them(
    make_signalering, betrokkene
):
    sig = make_signalering()
    person = person_client(betrokkene, sig, "jan")
    overview = person.get("/mijn").content.decode()
    assert 'href="/mijn/oneens"' in overview
    page = person.get("/mijn/oneens").content.decode()
    for phrase in (
        "Een klacht bij de directie",
        "Geschillencommissie",
        "Huurcommissie",
        "artikel 21 AVG",
        "nooit later dan een maand",
        'href="/mijn/klacht"',
        'href="/mijn/verzoek?soort=bezwaar"',
    ):
        assert phrase in page, phrase
    person.cookies["django_language"] = "en"
    english = person.get("/mijn/oneens").content.decode()
    assert "I do not agree with my registration" in english


def test_art21_an_objection_without_reasons_is_refused_and_nothing_is_filed(
    make_signalering, betrokkene
):
    from states.models import Verzoek

    sig = make_signalering()
    person = person_client(betrokkene, sig, "jan")
    response = doorloop(person, "/mijn/verzoek", {"soort": {"soort": "bezwaar"}})
    assert response.status_code == 200
    assert "Schrijf waarom u bezwaar maakt" in response.content.decode()
    assert not Verzoek.objects.exists()


def test_ch15_6_portability_is_not_offered_and_the_form_says_why(make_signalering, betrokkene):
    sig = make_signalering()
    person = person_client(betrokkene, sig, "jan")
    page = person.get("/mijn/verzoek").content.decode()
    person.post("/mijn/verzoek")
    assert 'value="overdraagbaarheid"' not in person.get("/mijn/verzoek/soort").content.decode()
    assert "overdraagbaarheid, artikel 20" in page and "protocol 15.6" in page


def test_art15_the_privacy_office_searches_an_unlinked_request_and_links_the_hit(
    make_signalering, betrokkene, now
):
    from states.models import Verzoek
    from states.services import verzoek as verzoek_service
    from states.services.intake import Indiening

    sig = make_signalering("tbv", "geregistreerd")
    case = verzoek_service.dien_in(
        actor("wiz-privacy_officer"), "inzage", Indiening(naam="J. Zwartkruis", kanaal="brief"), now
    )
    officer = staff_client("wiz-privacy_officer")
    page = officer.get(f"/medewerker/verzoek/{case.pk}").content.decode()
    assert f'href="/medewerker/verzoek/{case.pk}/identiteit"' in page
    url = f"/medewerker/verzoek/{case.pk}/identiteit"
    missing = officer.post(url, {}).content.decode()
    assert "Naam en geboortedatum zijn nodig" in missing  # the letter gave none: ask for it
    found = officer.post(
        url, {"voornaam": "Jantje", "achternaam": "Zwartkruis", "geboortedatum": "1987-03-14"}
    ).content.decode()
    assert "1 treffer(s)" in found and f"Signalering #{sig.pk} van Stichting TBV" in found
    linked = officer.post(url, {"koppel": str(sig.pk)})
    assert linked.status_code == 302
    assert Verzoek.objects.get(pk=case.pk).signalering_id == sig.pk
    other = staff_client("tiwos-functionaris")
    assert other.get(url).status_code == 404
