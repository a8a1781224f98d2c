"""Issue 12, ch. 24: the hardship clause's pages — a corporation asks, the committee's secretary
records the decision, the primaire bron applies it, the person asks in the portal and follows
it — and tried as another corporation, another role, with ids that are not theirs and with odd
input: a 4xx or an error that writes nothing, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from states.models import Hardheidsverzoek, Raadpleging, Signalering
from tests.conftest import staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def sig(make_signalering) -> Signalering:
    return make_signalering("tiwos", "geregistreerd")


def vraag(sig: Signalering, gronden: str = "Ernstig zieke mantelzorger.") -> Hardheidsverzoek:
    client = staff_client("tiwos-functionaris")
    response = client.post(
        "/medewerker/hardheidsclausule/nieuw", {"signalering": sig.pk, "gronden": gronden}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Hardheidsverzoek.objects.get()


def test_asked_decided_and_applied_through_the_pages_ch24(sig):
    case = vraag(sig)
    url = f"/medewerker/hardheidsclausule/{case.pk}"
    secretaris = staff_client("wiz-secretaris_gc")
    listing = secretaris.get("/medewerker/hardheidsclausule").content.decode()
    assert url in listing and "TIWOS" in listing and "21 december 2026" in listing
    page = secretaris.get(url).content.decode()
    assert "Leg het besluit van de Geschillencommissie vast" in page
    assert "categorie B: 24 maanden" in page and "Uiterlijk 21 december 2026" in page
    assert Raadpleging.objects.filter(case_type="hardheid", case_id=case.pk).exists()
    refused = secretaris.post(
        url, {"besluit": "toegewezen", "afwijking": "termijn_verkorten", "termijn_B": "30",
              "motivering": "Ja."}
    )  # fmt: skip
    assert refused.status_code == 200 and "Er is een probleem" in refused.content.decode()
    done = secretaris.post(
        url, {"besluit": "toegewezen", "afwijking": "termijn_verkorten", "termijn_B": "12",
              "motivering": "Zeer bijzonder."}
    )  # fmt: skip
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.state == "toegewezen" and case.nieuwe_termijnen == {"B": 12}
    # The secretary does not apply it; another corporation does not even see it.
    assert secretaris.post(url, {"pas_toe": "1"}).status_code == 403
    assert staff_client("tbv-functionaris").post(url, {"pas_toe": "1"}).status_code == 404
    functionaris = staff_client("tiwos-functionaris")
    assert "Pas het besluit toe" in functionaris.get(url).content.decode()
    assert functionaris.post(url, {"pas_toe": "1"}).status_code == 302
    sig.refresh_from_db()
    assert sig.termijnen == {"B": 12}
    assert "Toegepast op de signalering" in functionaris.get(url).content.decode()


def test_the_person_asks_in_the_portal_and_sees_what_happens_next(sig, betrokkene):
    person, _ = betrokkene(sig)
    client = Client()
    client.force_login(person)
    assert "hardheidsclausule" in client.get("/mijn").content.decode()
    form = client.get("/mijn/hardheidsclausule").content.decode()
    assert "Registratie van TIWOS" in form
    response = client.post(
        "/mijn/hardheidsclausule", {"signalering": sig.pk, "gronden": "Mijn kind is ziek."}
    )
    case = Hardheidsverzoek.objects.get()
    assert response.status_code == 302 and response.url == f"/mijn/hardheid/{case.pk}"
    page = client.get(response.url).content.decode()
    assert "Verzoek om toepassing van de hardheidsclausule" in page
    assert "21 december 2026" in page  # by when the committee decides


def test_a_person_without_a_running_registration_is_told_so(region, betrokkene):
    person, _ = betrokkene(None, username="leeg", email="leeg@example.org")
    client = Client()
    client.force_login(person)
    page = client.get("/mijn/hardheidsclausule").content.decode()
    assert "geen lopende registratie" in page
    assert client.post("/mijn/hardheidsclausule", {"gronden": "x"}).status_code == 200
    assert not Hardheidsverzoek.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"signalering": "999999", "gronden": "x"},
        {"signalering": "abc", "gronden": "x"},
        {"signalering": "{sig}", "gronden": "x" * 5001},
        {"signalering": "{sig}", "gronden": "\x00"},
        {"signalering": "{sig}\x00", "gronden": "x"},
        {"signalering": "{sig}", "gronden": "9999-02-31"},
    ],
    ids=["onbekend-id", "geen-getal", "5001-tekens", "nul-byte", "nul-in-id", "datum-tekst"],
)
def test_odd_input_on_the_request_form_writes_nothing(make_signalering, data):
    sig = make_signalering("tiwos", "geregistreerd")
    data = {k: v.replace("{sig}", str(sig.pk)) for k, v in data.items()}
    response = staff_client("tiwos-functionaris").post("/medewerker/hardheidsclausule/nieuw", data)
    assert response.status_code in (200, 302)
    if data["gronden"] == "9999-02-31":  # plain text: a valid request
        assert Hardheidsverzoek.objects.count() == 1
    else:
        assert response.status_code == 200 and not Hardheidsverzoek.objects.exists()


def test_another_corporation_cannot_ask_about_a_signalering_it_does_not_know(sig):
    response = staff_client("tbv-functionaris").post(
        "/medewerker/hardheidsclausule/nieuw", {"signalering": sig.pk, "gronden": "x"}
    )
    assert response.status_code == 200 and not Hardheidsverzoek.objects.exists()
    assert f"#{sig.pk}" not in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"besluit": "toegewezen", "motivering": "Ja.", "afwijking": "iets"},
        {"besluit": "toegewezen", "motivering": "x" * 5001, "afwijking": "beeindigen"},
        {"besluit": "toegewezen", "motivering": "\x00", "afwijking": "beeindigen"},
        {
            "besluit": "toegewezen",
            "motivering": "Ja.",
            "afwijking": "categorie_vervalt",
            "categorie": "\x00",
        },
        {"besluit": "misschien", "motivering": "Ja."},
        {
            "besluit": "toegewezen",
            "motivering": "Ja.",
            "afwijking": "termijn_verkorten",
            "termijn_B": "99999999999999999999",
        },
    ],  # fmt: skip
    ids=[
        "onbekende-afwijking",
        "5001-tekens",
        "nul-byte",
        "nul-categorie",
        "onbekend-besluit",
        "enorme-termijn",
    ],  # fmt: skip
)
def test_odd_decisions_write_nothing(sig, data):
    case = vraag(sig)
    url = f"/medewerker/hardheidsclausule/{case.pk}"
    response = staff_client("wiz-secretaris_gc").post(url, data)
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.state == "ingediend" and case.besloten_op is None


@pytest.mark.parametrize("wie", ["tbv-functionaris", "tbv-directie", "tiwos-bevrager"])
def test_outsiders_find_no_case_by_id(sig, wie):
    case = vraag(sig)
    client = staff_client(wie)
    for url in (f"/medewerker/hardheidsclausule/{case.pk}", "/medewerker/hardheidsclausule/0"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"besluit": "afgewezen", "motivering": "x"}).status_code == 404
    case.refresh_from_db()
    assert case.state == "ingediend"


def test_a_deciding_corporation_is_refused_and_nothing_is_written(sig):
    case = vraag(sig)
    url = f"/medewerker/hardheidsclausule/{case.pk}"
    response = staff_client("tiwos-directie").post(
        url, {"besluit": "afgewezen", "motivering": "Nee."}
    )
    assert response.status_code == 200  # no decision form is offered: the page, unchanged
    assert "Leg het besluit" not in response.content.decode()
    case.refresh_from_db()
    assert case.state == "ingediend"


def test_a_corporation_that_asked_about_a_blokkade_sees_no_categories_ch13(make_signalering, now):
    from states.models import Weging
    from states.services import hardheid
    from tests.conftest import actor

    sig = make_signalering("tiwos", "geblokkeerd")
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
    case = hardheid.vraag_aan_deelnemer(tbv, sig.pk, "Zorgkandidaat.", now)
    url = f"/medewerker/hardheidsclausule/{case.pk}"
    theirs = staff_client("tbv-functionaris").get(url).content.decode()
    assert "Alleen zichtbaar voor de primaire bron" in theirs and "categorie B" not in theirs
    assert "categorie B: 24 maanden" in staff_client("tiwos-functionaris").get(url).content.decode()
