"""Klachten to the directie and geschillen at the Geschillencommissie (protocol ch. 16)."""

from __future__ import annotations

from datetime import date

import pytest

from notifications.models import OutboxMessage
from notifications.rendering import render
from states.models import Deadline, Signalering
from tests.conftest import actor, later

pytestmark = pytest.mark.django_db


def text(template: str, case_type: str, case_id: int) -> str:
    row = OutboxMessage.objects.get(template=template, case_id=case_id, case_type=case_type)
    rendered = render(row.template, row.context)
    return rendered.subject + "\n" + rendered.body


def klacht_a(client, sig, gronden="De signalering is onrechtmatig: geen vonnis."):
    response = client.post(
        "/api/v1/klachten",
        {"soort": "a", "signalering": sig.pk, "gronden": gronden},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def kinds(body) -> dict[str, str]:
    return {d["kind"]: d["status"] for d in body["deadlines"]}


def test_complaint_is_acknowledged_and_rejection_states_reasons_and_route(
    api, make_signalering, betrokkene
):
    sig = make_signalering()
    _, person = betrokkene(sig)
    klacht = klacht_a(person, sig)
    assert kinds(klacht) == {"klacht_bevestigen": "open", "klacht_reageren": "open"}
    react = next(d for d in klacht["deadlines"] if d["kind"] == "klacht_reageren")
    assert react["last_day"] == str(date(2026, 12, 21))
    directie = api("tiwos-directie")
    url = f"/api/v1/klachten/{klacht['id']}/transitions/"
    body = directie.post(url + "bevestig").json()
    assert kinds(body) == {"klacht_bevestigen": "met", "klacht_reageren": "open"}
    assert "21 december 2026" in text("klacht_ontvangstbevestiging", "klacht", klacht["id"])

    assert (
        directie.post(
            url + "verklaar_ongegrond",
            {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": ""},
        ).status_code
        == 400
    )
    body = directie.post(
        url + "verklaar_ongegrond",
        {
            "adres_gehuurde_woning": "Kerkstraat 1, Tilburg",
            "motivering": "Het vonnis van 3 maart 2026 is onherroepelijk.",
        },
    ).json()
    assert body["state"] == "ongegrond"
    letter = text("klacht_reactie", "klacht", klacht["id"])
    required = {  # every item of ch. 16.3, with the protocol's own labels
        "identificatiegegevens": "Identificatiegegevens: Jantje Zwartkruis, geboren op 14 maart",
        "adresgegevens": "Adresgegevens (uw contactadres): Lindelaan 12, 5038 AB Tilburg",
        "reden (categorie)": "categorie B (Gevaarzetting en agressie)",
        "invoerdatum": "Invoerdatum van de signalering: 23 november 2026",
        "termijn": "Termijn van opname: vanaf 1 oktober 2026; categorie B tot 1 oktober 2028",
        # the rented home is not the contact address: the directie supplies it
        "gehuurde woning": "Adres van de woning die u huurde: Kerkstraat 1, Tilburg",
        "oordeel": "uw klacht is ongegrond",
        "redenen": "Het vonnis van 3 maart 2026 is onherroepelijk.",
        "beroep en procedure": "U kunt tegen dit besluit in beroep gaan bij de Geschillencommissie",
        "gegevens": "Geschillencommissie Woning in Zicht, p/a TIWOS",
    }
    assert [item for item, phrase in required.items() if phrase not in letter] == []

    geschil = person.post(
        "/api/v1/geschillen",
        {"klacht": klacht["id"], "gronden": "De directie woog mijn belang niet."},
        format="json",
    )
    assert geschil.status_code == 201 and geschil.json()["state"] == "ingediend"


def test_upheld_complaint_removes_the_signalering_within_two_weeks(
    api, make_signalering, betrokkene, monkeypatch, now
):
    sig = make_signalering("tiwos", "geblokkeerd")
    _, person = betrokkene(sig)
    klacht = klacht_a(person, sig)
    url = f"/api/v1/klachten/{klacht['id']}/transitions/"
    body = (
        api("tiwos-directie")
        .post(
            url + "verklaar_gegrond",
            {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": "Geen vonnis."},
        )
        .json()
    )
    assert kinds(body) == {
        "klacht_bevestigen": "met",
        "klacht_reageren": "met",
        "klacht_herstel": "open",
    }
    herstel = next(d for d in body["deadlines"] if d["kind"] == "klacht_herstel")
    assert herstel["last_day"] == str(date(2026, 12, 7))
    monkeypatch.setattr("portal.clock.now", lambda: later(now, days=3))
    body = api("tiwos-functionaris").post(url + "herstel", {"herstel": "verwijderd"}).json()
    assert body["state"] == "hersteld"
    assert kinds(body)["klacht_herstel"] == "met"
    assert Deadline.objects.get(case_id=klacht["id"], kind="klacht_herstel").met_late is False
    sig.refresh_from_db()
    assert (sig.state, sig.eindreden) == ("beeindigd", "bezwaar_gegrond")
    assert OutboxMessage.objects.filter(case_id=sig.pk, template="verwijdering").exists()


def test_no_reaction_in_four_weeks_opens_the_geschillencommissie(
    api, make_signalering, betrokkene, monkeypatch, now
):
    sig = make_signalering()
    _, person = betrokkene(sig)
    klacht = klacht_a(person, sig)
    url = f"/api/v1/klachten/{klacht['id']}/transitions/verstrijk"
    privacy = api("wiz-privacy_officer")
    assert privacy.post(url).status_code == 409  # the four weeks still run
    early = person.post(
        "/api/v1/geschillen", {"klacht": klacht["id"], "gronden": "x"}, format="json"
    )
    assert early.status_code == 400
    monkeypatch.setattr("portal.clock.now", lambda: later(now, weeks=4, days=1))
    body = privacy.post(url).json()
    assert body["state"] == "termijn_verstreken"
    assert kinds(body)["klacht_reageren"] == "cancelled"
    route = text("geschillencommissie_route", "klacht", klacht["id"])
    assert "geen schriftelijke reactie" in route and "Geschillencommissie" in route
    assert (
        person.post(
            "/api/v1/geschillen",
            {"klacht": klacht["id"], "gronden": "Geen reactie."},
            format="json",
        ).status_code
        == 201
    )


def test_complaint_about_a_decision_within_the_window_only(
    api, make_signalering, betrokkene, monkeypatch, now
):
    sig = make_signalering()
    _, person = betrokkene(sig)
    verzoek = person.post(
        "/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json"
    ).json()
    body = {"soort": "b", "verzoek": verzoek["id"], "gronden": "Geen antwoord."}
    # Neither decided nor overdue: nothing to complain about yet.
    assert person.post("/api/v1/klachten", body, format="json").status_code == 400
    api("tiwos-functionaris").post(
        f"/api/v1/verzoeken/{verzoek['id']}/transitions/beslis",
        {"besluit": "afgewezen", "motivering": "Geen gegevens."},
    )
    monkeypatch.setattr("portal.clock.now", lambda: later(now, weeks=5))
    assert person.post("/api/v1/klachten", body, format="json").status_code == 201
    monkeypatch.setattr("portal.clock.now", lambda: later(now, weeks=7))
    late = person.post("/api/v1/klachten", body, format="json")
    assert late.status_code == 400 and "6 weken" in late.json()["verzoek"][0]


def test_complaint_about_an_unanswered_request_runs_from_its_due_date(
    make_signalering, betrokkene, monkeypatch, now
):
    sig = make_signalering()
    _, person = betrokkene(sig)
    verzoek = person.post(
        "/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json"
    ).json()
    monkeypatch.setattr("portal.clock.now", lambda: later(now, weeks=4, days=2))
    response = person.post(
        "/api/v1/klachten",
        {"soort": "b", "verzoek": verzoek["id"], "gronden": "Geen besluit."},
        format="json",
    )
    assert response.status_code == 201


def test_only_the_directie_of_the_primaire_bron_decides(api, make_signalering, betrokkene):
    sig = make_signalering()
    _, person = betrokkene(sig)
    klacht = klacht_a(person, sig)
    url = f"/api/v1/klachten/{klacht['id']}/transitions/verklaar_gegrond"
    assert api("tiwos-functionaris").post(url, {"motivering": "x"}).status_code == 403
    assert api("tbv-directie").post(url, {"motivering": "x"}).status_code == 404
    assert person.post(url, {"motivering": "x"}).status_code == 403
    # ch. 16.3: the reaction names the address of the rented home, which the directie supplies
    missing = api("tiwos-directie").post(url, {"motivering": "x"})
    assert missing.status_code == 400 and "adres_gehuurde_woning" in missing.json()
    body = {"motivering": "x", "adres_gehuurde_woning": "Kerkstraat 1, Tilburg"}
    assert api("tiwos-directie").post(url, body).status_code == 200
    assert api("tiwos-directie").post(url, body).status_code == 409


def test_complaint_a_only_while_the_signalering_runs(api, make_signalering, betrokkene, now):
    sig = make_signalering("tiwos", "beeindigd")
    _, person = betrokkene(sig)
    response = person.post(
        "/api/v1/klachten", {"soort": "a", "signalering": sig.pk, "gronden": "x"}, format="json"
    )
    assert response.status_code == 400


def test_geschil_advice_remedy_and_referral_to_the_huurcommissie(api, make_signalering, betrokkene):
    sig = make_signalering()
    _, person = betrokkene(sig)
    klacht = klacht_a(person, sig)
    api("tiwos-directie").post(
        f"/api/v1/klachten/{klacht['id']}/transitions/verklaar_ongegrond",
        {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": "Zorgvuldig gewogen."},
    )
    geschil = person.post(
        "/api/v1/geschillen",
        {"klacht": klacht["id"], "gronden": "Onbillijk.", "hardheidsclausule": True},
        format="json",
    ).json()
    assert geschil["hardheidsclausule"] is True
    secretaris = api("wiz-secretaris_gc")
    url = f"/api/v1/geschillen/{geschil['id']}/transitions/"
    assert secretaris.post(url + "adviseer_gegrond", {"advies": "x"}).status_code == 409
    secretaris.post(url + "neem_in_behandeling")
    assert secretaris.post(url + "adviseer_gegrond", {"advies": ""}).status_code == 400
    body = secretaris.post(
        url + "adviseer_gegrond", {"advies": "Hardheidsclausule van toepassing."}
    ).json()
    assert kinds(body) == {"geschil_herstel": "open"}
    assert "Hardheidsclausule van toepassing" in text("advies_uitkomst", "geschil", geschil["id"])
    assert (
        api("tbv-functionaris").post(url + "herstel", {"herstel": "verwijderd"}).status_code == 404
    )
    body = api("tiwos-functionaris").post(url + "herstel", {"herstel": "verwijderd"}).json()
    assert body["state"] == "hersteld" and kinds(body) == {"geschil_herstel": "met"}
    assert Signalering.objects.get(pk=sig.pk).state == "beeindigd"
    body = person.post(url + "verwijs_door", {"reden": "Ik wil schadevergoeding."}).json()
    assert body["state"] == "doorverwezen_huurcommissie"
    assert "Postbus 16495" in text("huurcommissie_informatie", "geschil", geschil["id"])
    assert (
        secretaris.post(url + "uitkomst_huurcommissie", {"uitkomst": "Niet ontvankelijk."}).json()[
            "huurcommissie_uitkomst"
        ]
        == "Niet ontvankelijk."
    )


def test_geschil_rejected_advice_can_close(api, make_signalering, betrokkene):
    sig = make_signalering()
    _, person = betrokkene(sig)
    klacht = klacht_a(person, sig)
    api("tiwos-directie").post(
        f"/api/v1/klachten/{klacht['id']}/transitions/verklaar_ongegrond",
        {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": "Gewogen."},
    )
    geschil = person.post(
        "/api/v1/geschillen", {"klacht": klacht["id"], "gronden": "x"}, format="json"
    ).json()
    secretaris = api("wiz-secretaris_gc")
    url = f"/api/v1/geschillen/{geschil['id']}/transitions/"
    secretaris.post(url + "neem_in_behandeling")
    body = secretaris.post(url + "adviseer_ongegrond", {"advies": "Zorgvuldig."}).json()
    assert body["deadlines"] == []
    assert secretaris.post(url + "sluit").json()["state"] == "afgesloten"
    assert person.get(f"/api/v1/geschillen/{geschil['id']}").status_code == 200
    assert api("tiwos-bevrager").get(f"/api/v1/geschillen/{geschil['id']}").status_code == 404


def test_complaint_by_letter_without_email_gets_its_reaction_by_letter(api, make_signalering):
    sig = make_signalering()
    registered = (
        api("tiwos-directie")
        .post(
            "/api/v1/klachten",
            {
                "soort": "a",
                "signalering": sig.pk,
                "gronden": "Onterecht.",
                "kanaal": "brief",
                "naam": "J. Zwartkruis",
                "adres": "Postbus 1, 5000 AA Tilburg",
                "ontvangen_op": "2026-11-20T10:00:00+01:00",
            },
            format="json",
        )
        .json()
    )
    api("tiwos-directie").post(
        f"/api/v1/klachten/{registered['id']}/transitions/verklaar_ongegrond",
        {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": "Terecht geregistreerd."},
    )
    row = OutboxMessage.objects.get(template="klacht_reactie", case_id=registered["id"])
    assert (row.channel, row.to_address) == ("brief", "Postbus 1, 5000 AA Tilburg")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("wiz-secretaris_gc", True), ("wiz-privacy_officer", False), ("tiwos-directie", False)],
)
def test_ch16_4_only_the_secretary_records_the_committees_advice(
    api, make_signalering, now, who, allowed
):
    from states.services import geschil as geschil_service
    from states.services import klacht as klacht_service
    from states.services.intake import Indiening

    sig = make_signalering()
    staff = actor("tiwos-directie")
    k = klacht_service.dien_in(
        actor("wiz-medewerker_swv"),
        "a",
        "Onrechtmatig.",
        Indiening(naam="J. Z.", signalering_id=sig.pk),
        now,
    )
    klacht_service.bevestig(staff, k.pk, now)
    klacht_service.verklaar(
        staff,
        k.pk,
        False,
        "Zorgvuldig gewogen.",
        now,
        adres_gehuurde_woning="Kerkstraat 1, Tilburg",
    )
    g = geschil_service.dien_in(
        actor("wiz-secretaris_gc"), k.pk, "Oneens.", Indiening(naam="J. Z."), now
    )
    geschil_service.neem_in_behandeling(actor("wiz-secretaris_gc"), g.pk, now)
    url = f"/api/v1/geschillen/{g.pk}/transitions/adviseer_ongegrond"
    response = api(who).post(url, {"advies": "Het advies van de commissie."})
    assert (response.status_code == 200) is allowed
    assert response.status_code in (200, 403, 404)


def test_ch16_2_complaints_and_disputes_are_flagged_on_the_signalering_with_their_outcome(
    make_signalering, now
):
    from states.services import geschil as geschil_service
    from states.services import klacht as klacht_service
    from states.services import verzoek as verzoek_service
    from states.services.intake import Indiening

    sig = make_signalering()
    swv, directie = actor("wiz-medewerker_swv"), actor("tiwos-directie")
    filing = Indiening(naam="J. Z.", signalering_id=sig.pk)

    def state():
        sig.refresh_from_db()
        return sig.bezwaar_aanhangig, sig.uitkomst_bezwaar

    k = klacht_service.dien_in(swv, "a", "Onrechtmatig.", filing, now)
    assert state() == (True, "")
    # An objection running beside the complaint: deciding one does not clear the other.
    grounds = Indiening(naam="J. Z.", signalering_id=sig.pk, toelichting="Mijn situatie.")
    bezwaar = verzoek_service.dien_in(swv, "bezwaar", grounds, now)
    verzoek_service.beslis(actor("tiwos-functionaris"), bezwaar.pk, "afgewezen", "Nee.", now)
    assert state() == (True, "Bezwaar (art. 21 AVG): Afgewezen")
    klacht_service.bevestig(directie, k.pk, now)
    klacht_service.verklaar(
        directie,
        k.pk,
        False,
        "Zorgvuldig gewogen.",
        now,
        adres_gehuurde_woning="Kerkstraat 1, Tilburg",
    )
    assert state() == (False, "Klacht bij de directie: ongegrond")
    secretaris = actor("wiz-secretaris_gc")
    g = geschil_service.dien_in(secretaris, k.pk, "Oneens.", Indiening(naam="J. Z."), now)
    assert state() == (True, "Klacht bij de directie: ongegrond")
    geschil_service.neem_in_behandeling(secretaris, g.pk, now)
    geschil_service.adviseer(secretaris, g.pk, False, "Zorgvuldig.", now)
    assert state() == (False, "Geschillencommissie: advies ongegrond")
    geschil_service.verwijs_door(secretaris, g.pk, now)
    assert state() == (True, "Doorverwezen naar de Huurcommissie")
    geschil_service.registreer_uitkomst_huurcommissie(secretaris, g.pk, "Ongegrond.", now)
    assert state() == (False, "Huurcommissie: Ongegrond.")
