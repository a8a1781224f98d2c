"""AVG art. 15 and protocol ch. 15: a request without a linked code is searched by identity
across the region before anyone may answer "we hold nothing about you"; a staff member confirms
the hit; "no data" is itself a decision the person can complain about (ch. 16.1 b)."""

from __future__ import annotations

import pytest

from notifications.models import OutboxMessage
from notifications.rendering import render
from states.models import Verzoek

pytestmark = pytest.mark.django_db

IDENTITEIT = {"voornaam": "Jantje", "achternaam": "Zwartkruis", "geboortedatum": "1987-03-14"}


def file_unlinked(betrokkene, **identity) -> tuple[object, dict]:
    _, client = betrokkene(None, username="onbekend", email="onbekend@example.org")
    response = client.post("/api/v1/verzoeken", {"soort": "inzage", **identity}, format="json")
    assert response.status_code == 201, response.json()
    return client, response.json()


def transition(api, who: str, pk: int, name: str, body: dict | None = None):
    return api(who).post(f"/api/v1/verzoeken/{pk}/transitions/{name}", body or {}, format="json")


def copy_text(pk: int) -> str:
    row = OutboxMessage.objects.get(case_type="verzoek", case_id=pk, template="inzage_afschrift")
    return render(row.template, row.context).body


def test_art15_unlinked_inzage_finds_the_person_by_identity(api, make_signalering, betrokkene):
    sig = make_signalering("tbv", "geregistreerd")
    _, case = file_unlinked(betrokkene, **IDENTITEIT)
    stored = Verzoek.objects.get(pk=case["id"])
    assert stored.identiteit_sleutel and "1987" not in stored.identiteit_sleutel  # hash only
    found = transition(api, "wiz-privacy_officer", case["id"], "zoek_identiteit")
    assert found.status_code == 200
    assert found.json()["treffers"] == [
        {"signalering": sig.pk, "primaire_bron": "Stichting TBV", "state": "geregistreerd"}
    ]
    linked = transition(api, "wiz-privacy_officer", case["id"], "koppel", {"signalering": sig.pk})
    assert linked.status_code == 200 and linked.json()["signalering_id"] == sig.pk
    decided = transition(api, "tbv-functionaris", case["id"], "beslis", {"besluit": "toegewezen"})
    assert decided.status_code == 200, decided.json()
    assert "Achternaam: Zwartkruis" in copy_text(case["id"])


def test_art15_no_data_may_not_be_answered_before_the_identity_search(api, betrokkene):
    _, case = file_unlinked(betrokkene, **IDENTITEIT)
    early = transition(api, "wiz-medewerker_swv", case["id"], "beslis", {"besluit": "toegewezen"})
    assert early.status_code == 409
    assert "zoek eerst op identiteit" in early.json()["detail"]
    assert not OutboxMessage.objects.filter(template="inzage_afschrift").exists()


def test_art15_with_a_hit_no_data_may_not_be_answered_until_it_is_judged(
    api, make_signalering, betrokkene
):
    make_signalering("tbv", "geregistreerd")
    _, case = file_unlinked(betrokkene, **IDENTITEIT)
    transition(api, "wiz-privacy_officer", case["id"], "zoek_identiteit")
    refused = transition(api, "wiz-medewerker_swv", case["id"], "beslis", {"besluit": "toegewezen"})
    assert refused.status_code == 409


def test_ch16_1b_no_data_is_a_decision_the_person_can_complain_about(api, betrokkene):
    client, case = file_unlinked(betrokkene, **IDENTITEIT)
    searched = transition(api, "wiz-privacy_officer", case["id"], "zoek_identiteit")
    assert searched.json()["treffers"] == [] and searched.json()["identiteit_gevonden"] == 0
    decided = transition(api, "wiz-medewerker_swv", case["id"], "beslis", {"besluit": "toegewezen"})
    assert decided.status_code == 200
    text = copy_text(case["id"])
    assert "Er staan geen gegevens over u op de" in text and "klacht indienen" in text
    complaint = client.post(
        "/api/v1/klachten",
        {"soort": "b", "verzoek": case["id"], "gronden": "Ik sta er wel op, zegt de corporatie."},
        format="json",
    )
    assert complaint.status_code == 201, complaint.json()
    klacht_id = complaint.json()["id"]
    # With no primaire bron, the samenwerkingsverband that answered decides (ADR 0004).
    url = f"/api/v1/klachten/{klacht_id}/transitions/"
    assert api("wiz-medewerker_swv").post(url + "bevestig").status_code == 200
    assert api("tiwos-directie").post(
        url + "verklaar_ongegrond",
        {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": "x"},
    ).status_code in (403, 404)
    decided = api("wiz-medewerker_swv").post(
        url + "verklaar_ongegrond",
        {
            "adres_gehuurde_woning": "Kerkstraat 1, Tilburg",
            "motivering": "Op naam en geboortedatum niets gevonden.",
        },
    )
    assert decided.status_code == 200, decided.json()


def test_art15_search_without_an_identity_asks_for_one_and_staff_may_add_it(
    api, make_signalering, betrokkene
):
    sig = make_signalering("tiwos", "geregistreerd")
    _, case = file_unlinked(betrokkene)
    missing = transition(api, "wiz-privacy_officer", case["id"], "zoek_identiteit")
    assert missing.status_code == 400 and "geboortedatum" in missing.json()
    found = transition(api, "wiz-privacy_officer", case["id"], "zoek_identiteit", IDENTITEIT)
    assert [t["signalering"] for t in found.json()["treffers"]] == [sig.pk]


@pytest.mark.parametrize("who", ["tiwos-functionaris", "tbv-directie", "onbekend"])
def test_art15_only_the_privacy_office_searches_and_links(api, make_signalering, betrokkene, who):
    sig = make_signalering("tiwos", "geregistreerd")
    client, case = file_unlinked(betrokkene, **IDENTITEIT)
    caller = client if who == "onbekend" else api(who)
    url = f"/api/v1/verzoeken/{case['id']}/transitions/"
    assert caller.post(url + "zoek_identiteit", {}, format="json").status_code in (403, 404)
    assert caller.post(url + "koppel", {"signalering": sig.pk}).status_code in (403, 404)
    assert Verzoek.objects.get(pk=case["id"]).signalering_id is None


def test_art15_only_a_hit_of_the_search_can_be_linked(api, make_signalering, betrokkene):
    other = make_signalering("tiwos", "geregistreerd", achternaam="Iemand-anders")
    _, case = file_unlinked(betrokkene, **IDENTITEIT)
    transition(api, "wiz-privacy_officer", case["id"], "zoek_identiteit")
    refused = transition(
        api, "wiz-privacy_officer", case["id"], "koppel", {"signalering": other.pk}
    )
    assert refused.status_code == 400
    assert Verzoek.objects.get(pk=case["id"]).signalering_id is None
