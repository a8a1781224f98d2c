"""The life of one signalering through the API: create, register, block, end, purge."""

from __future__ import annotations

import pytest

from notifications.models import OutboxMessage
from states.models import Raadpleging, Signalering

pytestmark = pytest.mark.django_db

NIEUW = {
    "voornaam": "Jantje",
    "voorletters": "J.P.",
    "achternaam": "Zwartkruis",
    "geboortedatum": "1987-03-14",
    "geslacht": "man",
    "email": "jantje.zwartkruis@example.org",
    "straat": "Lindelaan",
    "huisnummer": "12",
    "postcode": "5038 AB",
    "woonplaats": "Tilburg",
    "redenen": [{"criterium": "VIII", "grond": "d"}],
    "bedrag": "2000.00",
    "ingangsdatum": "2024-02-29",
    "datum_uitzetting": "2024-02-29",
    "termijnen": {"D": 36},
    "termijn_motivering": "Schade bij oplevering; geen regeling getroffen.",
}


def test_functionaris_registers_and_person_gets_placement_notice(api):
    client = api("tiwos-functionaris")
    created = client.post("/api/v1/signaleringen", NIEUW, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["state"] == "concept"
    assert body["einddatum"] == "2027-02-28"  # €2,000 → 3 years from 29 Feb 2024
    assert body["categorieen"] == ["D"] and body["reikwijdte"] == "corporatie"
    assert "bedrag" not in body  # the amount decided the term and is not stored (ch. 12.1)
    assert not OutboxMessage.objects.exists()  # a concept tells no one

    registered = client.post(f"/api/v1/signaleringen/{body['id']}/transitions/registreer")
    assert registered.status_code == 200
    assert registered.json()["state"] == "geregistreerd"
    notice = OutboxMessage.objects.get()
    assert notice.template == "plaatsing"
    assert notice.channel == "email" and notice.to_email == NIEUW["email"]

    detail = client.get(f"/api/v1/signaleringen/{body['id']}").json()
    assert [h["state"] for h in detail["history"]] == ["concept", "geregistreerd"]
    assert detail["history"][1]["reden"].endswith("geregistreerd op de signaleringslijst")


def test_fields_outside_chapter_12_1_are_refused(api):
    response = api("tiwos-functionaris").post(
        "/api/v1/signaleringen", {**NIEUW, "bsn": "123456782", "toelichting": "x"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"bsn", "toelichting"}
    assert not Signalering.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"bedrag": "499.99"}, "redenen"),
        ({"redenen": [{"criterium": "II", "grond": "b"}]}, "redenen"),
        ({"ingangsdatum": "gisteren"}, "ingangsdatum"),
        ({"redenen": "III"}, "redenen"),
        ({"geboortedatum": "1987-02-30"}, "geboortedatum"),
        ({"email": "geen-adres"}, "email"),
        (
            {"termijnen": {"B": 99}, "redenen": [{"criterium": "III", "grond": "a"}]},
            "termijnen",
        ),
        ({"termijnen": {}}, "termijnen"),  # ch. 7: the term is chosen, never defaulted
        ({"termijn_motivering": ""}, "termijn_motivering"),
        ({"ingangsdatum": "2026-11-25"}, "ingangsdatum"),  # in the future
        ({"ingangsdatum": "9999-12-31"}, "ingangsdatum"),
        ({"ingangsdatum": "1899-12-31"}, "ingangsdatum"),
        ({"geboortedatum": "9999-01-01"}, "geboortedatum"),
        ({"datum_uitzetting": "2024-03-01"}, "ingangsdatum"),  # placement before the eviction
        ({"ingangsdatum": "2026-02-31"}, "ingangsdatum"),
        ({"deelnemer": "bestaat-niet"}, "deelnemer"),
    ],
)
def test_bad_input_gets_400_with_field_errors(api, change, field):
    response = api("tiwos-functionaris").post(
        "/api/v1/signaleringen", {**NIEUW, **change}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not Signalering.objects.exists()


def test_malformed_json_gets_400(api):
    response = api("tiwos-functionaris").post(
        "/api/v1/signaleringen", "{niet json", content_type="application/json"
    )
    assert response.status_code == 400


def test_registering_needs_name_and_birth_date(api):
    client = api("tiwos-functionaris")
    sig = client.post(
        "/api/v1/signaleringen",
        {**NIEUW, "geboortedatum": None} | {"geboortedatum": "1987-03-14"},
        format="json",
    ).json()
    client.patch(f"/api/v1/signaleringen/{sig['id']}", {"achternaam": ""}, format="json")
    response = client.post(f"/api/v1/signaleringen/{sig['id']}/transitions/registreer")
    assert response.status_code == 400 and "achternaam" in response.json()
    assert Signalering.objects.get().state == "concept"


def test_forbidden_transitions_answer_409(api, make_signalering):
    client = api("tiwos-functionaris")
    concept = make_signalering(state="concept")
    assert (
        client.post(
            f"/api/v1/signaleringen/{concept.pk}/transitions/beeindig", {"eindreden": "onjuist"}
        ).status_code
        == 409
    )
    registered = make_signalering()
    assert (
        client.post(f"/api/v1/signaleringen/{registered.pk}/transitions/registreer").status_code
        == 409
    )
    assert (
        client.post(f"/api/v1/signaleringen/{registered.pk}/transitions/verwijder").status_code
        == 409
    )
    assert client.delete(f"/api/v1/signaleringen/{registered.pk}").status_code == 409
    assert Signalering.objects.get(pk=registered.pk).state == "geregistreerd"


def test_other_corporation_and_bevrager_may_not_change_answer_403_or_404(api, make_signalering):
    sig = make_signalering()
    url = f"/api/v1/signaleringen/{sig.pk}/transitions/beeindig"
    # The bevrager of the primaire bron sees the signalering but may not end it.
    assert api("tiwos-bevrager").post(url, {"eindreden": "onjuist"}).status_code == 403
    assert api("tiwos-directie").post(url, {"eindreden": "onjuist"}).status_code == 403
    # Another corporation does not even learn that it exists.
    assert api("tbv-functionaris").post(url, {"eindreden": "onjuist"}).status_code == 404
    assert (
        api("tbv-functionaris")
        .patch(f"/api/v1/signaleringen/{sig.pk}", {"achternaam": "X"}, format="json")
        .status_code
        == 404
    )
    assert Signalering.objects.get(pk=sig.pk).state == "geregistreerd"


def test_samenwerkingsverband_may_register_for_any_corporation(api):
    response = api("wiz-medewerker_swv").post(
        "/api/v1/signaleringen", {**NIEUW, "deelnemer": "casade"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["primaire_bron"] == "casade"


def test_functionaris_cannot_register_for_another_corporation(api):
    response = api("tiwos-functionaris").post(
        "/api/v1/signaleringen", {**NIEUW, "deelnemer": "tbv"}, format="json"
    )
    assert response.status_code == 403


def test_debt_paid_refused_when_d_is_not_the_sole_category(api, make_signalering):
    sig = make_signalering(criteria=[("I", "a"), ("VIII", "d")], bedrag="800")
    response = api("tiwos-functionaris").post(
        f"/api/v1/signaleringen/{sig.pk}/transitions/beeindig", {"eindreden": "vordering_voldaan"}
    )
    assert response.status_code == 400 and "eindreden" in response.json()
    only_d = make_signalering(criteria=[("VIII", "d")], bedrag="800")
    response = api("tiwos-functionaris").post(
        f"/api/v1/signaleringen/{only_d.pk}/transitions/beeindig",
        {"eindreden": "vordering_voldaan"},
    )
    assert response.status_code == 200 and response.json()["state"] == "beeindigd"


def test_ending_stops_sharing_tells_person_and_purge_follows_delivery(api, make_signalering):
    sig = make_signalering(state="geblokkeerd")
    tbv = api("tbv-bevrager")
    check = {
        "inschrijfnummer": sig.inschrijfnummer,
        "voornaam": "Jantje",
        "achternaam": "Zwartkruis",
        "geboortedatum": "1987-03-14",
    }

    def blocked() -> bool:
        return tbv.post("/api/v1/match-check", check, format="json").json()["geblokkeerd"]

    assert blocked()  # shared with another corporation: through a concrete applicant only
    owner = api("tiwos-functionaris")
    ended = owner.post(
        f"/api/v1/signaleringen/{sig.pk}/transitions/beeindig",
        {"eindreden": "nieuwe_kans", "reden": "beoordelingsgroep 12-11"},
    )
    assert ended.status_code == 200
    assert ended.json()["inschrijfnummer"] == ""  # unlinked from the registration at once
    assert not blocked()  # sharing stopped
    assert OutboxMessage.objects.filter(template="verwijdering", case_id=sig.pk).exists()
    # Not purged before the person has been told:
    assert owner.post(f"/api/v1/signaleringen/{sig.pk}/transitions/verwijder").status_code == 409
    OutboxMessage.objects.filter(case_id=sig.pk).update(status="sent")
    purged = owner.post(f"/api/v1/signaleringen/{sig.pk}/transitions/verwijder")
    assert purged.status_code == 200
    assert purged.json() | {} == purged.json() and purged.json()["state"] == "verwijderd"
    assert "achternaam" not in purged.json()


def last_read() -> int:
    return Raadpleging.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_every_read_of_personal_data_is_logged(api, make_signalering):
    sig = make_signalering()
    mark = last_read()  # the log only grows: look at what comes after this
    api("tiwos-bevrager").get(f"/api/v1/signaleringen/{sig.pk}")
    api("wiz-privacy_officer").get("/api/v1/signaleringen")
    new = Raadpleging.objects.filter(pk__gt=mark)
    rows = list(new.order_by("tijdstip", "pk").values_list("rol", "actie", "doel"))
    assert rows == [("bevrager", "detail", "beheer"), ("privacy_officer", "lijst", "toezicht")]
    assert set(new.values_list("signalering_id", flat=True)) == {sig.pk}


def test_openapi_document_lists_the_resources(api):
    response = api("tiwos-bevrager").get("/api/v1/openapi.json?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/signaleringen",
        "/api/v1/signaleringen/{id}/transitions/{name}",
        "/api/v1/match-check",
        "/api/v1/outbox",
    ):
        assert path in paths


def test_unauthenticated_requests_are_refused(region):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/signaleringen").status_code in (401, 403)


def test_list_pages_and_filters_and_logs_only_what_it_returns(api, make_signalering):
    ids = [make_signalering().pk for _ in range(3)]
    make_signalering(state="concept")
    mark = last_read()
    client = api("tiwos-functionaris")
    page = client.get("/api/v1/signaleringen?state=geregistreerd&limit=2&offset=1").json()
    assert [row["id"] for row in page] == ids[1:3]
    new = Raadpleging.objects.filter(pk__gt=mark)
    assert sorted(new.values_list("signalering_id", flat=True)) == ids[1:3]
    assert client.get("/api/v1/signaleringen?limit=0").status_code == 400
    assert client.get("/api/v1/signaleringen?state=weg").status_code == 400
