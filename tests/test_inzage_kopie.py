"""Issue 12: the person's complete data as JSON for an access request (AVG art. 15(3); protocol
ch. 15.2) — complete (every table that refers to a person is in it, checked by introspecting
the models, so a future table cannot be forgotten), and nothing about anyone else (a second
person with records in every one of those tables appears nowhere). Downloaded by the privacy
officer from the request, and logged."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from portal.inzage_export import BRONNEN, voor_verzoek
from states.access import actor_for
from states.models import (
    Betrokkene,
    Geschil,
    Hardheidsverzoek,
    Klacht,
    Raadpleging,
    Signalering,
    Verzoek,
)
from states.services import datalek, weging
from tests.conftest import actor, staff_client

pytestmark = pytest.mark.django_db


def test_every_table_that_refers_to_a_person_is_in_the_copy():
    """Art. 15: a copy of *all* data. Any model with a relation to a signalering, a portal
    account or a filer, or an id reference to a signalering or a case, must be named in the
    export's BRONNEN (history tables are exported as each record's `geschiedenis`)."""
    holders = {"states.Signalering"}
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        for f in model._meta.get_fields(include_hidden=True):
            if f.auto_created and not f.concrete:
                continue  # a reverse relation: the model at its other end is checked there
            if getattr(f, "related_model", None) in (Signalering, Betrokkene):
                holders.add(model._meta.label)
            if f.name in ("indiener", "signalering_id", "case_id"):
                holders.add(model._meta.label)
    assert holders - set(BRONNEN) == set()


def person(make_signalering, betrokkene, now, code, naam, email, api):
    """A person with a record in every table the copy reads."""
    sig = make_signalering(code, "geblokkeerd", voornaam=naam, email=email)
    user, client = betrokkene(sig, username=naam.lower(), email=email)
    other = "leystromen" if code != "leystromen" else "casade"
    weging.leg_vast(
        actor(f"{other}-functionaris"), f"WZ-{sig.pk}", "kandidaat", "geweigerd", "",
        f"Gewogen voor {naam}.", now,
    )  # fmt: skip
    verzoek = client.post(
        "/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json"
    ).json()
    klacht = client.post(
        "/api/v1/klachten",
        {"soort": "a", "signalering": sig.pk, "gronden": f"Klacht van {naam}."},
        format="json",
    ).json()
    api(f"{code}-directie").post(
        f"/api/v1/klachten/{klacht['id']}/transitions/verklaar_ongegrond",
        {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": "Gewogen."},
    )
    geschil = client.post(
        "/api/v1/geschillen",
        {"klacht": klacht["id"], "gronden": f"Geschil van {naam}.", "hardheidsclausule": True},
        format="json",
    ).json()
    assert Hardheidsverzoek.objects.filter(geschil_id=geschil["id"]).exists()
    return sig, user, Verzoek.objects.get(pk=verzoek["id"])


def test_the_copy_holds_all_of_the_person_and_nothing_of_another(
    make_signalering, betrokkene, api, now
):
    sig_a, user_a, verzoek_a = person(
        make_signalering, betrokkene, now, "tiwos", "Jantje", "jantje@example.org", api
    )
    sig_b, user_b, verzoek_b = person(
        make_signalering, betrokkene, now, "tbv", "Pietje", "pietje@example.org", api
    )
    po = actor("wiz-privacy_officer")
    lek = datalek.meld(po, "Lijst gemaild aan een verkeerd adres.", now, now)
    datalek.beoordeel(
        po, lek.pk, "Hoog risico.", now,
        datalek.HoogRisico([sig_a.pk, sig_b.pk], "Uw gegevens gingen naar een derde.",
                           "Mogelijk misbruik.", "De ontvanger heeft de mail gewist."),
    )  # fmt: skip
    datalek.informeer_betrokkenen(po, lek.pk, now)
    kopie = voor_verzoek(verzoek_a, now)
    text = json.dumps(kopie, default=str)
    # All of A: each section holds their records.
    (sig,) = kopie["signaleringen"]
    assert sig["id"] == sig_a.pk and sig["velden"]["Voornaam"] == "Jantje"
    assert sig["matches"] and sig["wegingen"] and sig["geschiedenis"]
    assert sig["wegingen"][0]["motivering"] == "Gewogen voor Jantje."
    for kind in ("verzoek", "klacht", "geschil", "hardheid"):
        assert len(kopie["zaken"][kind]) == 1, kind
    assert kopie["zaken"]["verzoek"][0]["termijnen"]
    assert kopie["datalekken"][0]["wat_er_gebeurde"] == "Uw gegevens gingen naar een derde."
    berichten = {b["bericht"] for b in kopie["berichten"]}
    assert len(berichten) >= 5 and all(b["email"] in ("", "jantje@example.org")
                                       for b in kopie["berichten"])  # fmt: skip
    assert any("datalek" in b.lower() for b in berichten)
    door = {r["door"] for r in kopie["raadplegingen"]}
    assert "Directie, TIWOS, Tilburgse Woonstichting" in door  # who read it, as role and body
    assert kopie["account"]["email"] == "jantje@example.org"
    # Nothing of B, nor of any member of staff by name.
    for forbidden in ("Pietje", "pietje@example.org", "tiwos-functionaris", "wiz-privacy"):
        assert forbidden not in text, forbidden
    ids_b = {
        "verzoek": {verzoek_b.pk},
        "klacht": set(Klacht.objects.filter(indiener=user_b).values_list("pk", flat=True)),
        "geschil": set(Geschil.objects.filter(indiener=user_b).values_list("pk", flat=True)),
        "hardheid": set(
            Hardheidsverzoek.objects.filter(signalering=sig_b).values_list("pk", flat=True)
        ),
    }
    for kind, ids in ids_b.items():
        assert ids and not ids & {z["id"] for z in kopie["zaken"][kind]}, kind
    assert sig_b.pk not in {s["id"] for s in kopie["signaleringen"]}
    assert user_a != user_b


def test_the_privacy_officer_downloads_it_from_the_request_and_it_is_logged(
    make_signalering, betrokkene, api, now
):
    _, _, verzoek = person(
        make_signalering, betrokkene, now, "tiwos", "Jantje", "jantje@example.org", api
    )
    client = staff_client("wiz-privacy_officer")
    page = client.get(f"/medewerker/verzoek/{verzoek.pk}").content.decode()
    assert f"/medewerker/verzoek/{verzoek.pk}/kopie.json" in page
    response = client.get(f"/medewerker/verzoek/{verzoek.pk}/kopie.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content)["formaat"] == "signaleringslijst-inzage/1"
    logged = Raadpleging.objects.filter(actie="kopie", rol="privacy_officer")
    assert logged.filter(case_type="verzoek", case_id=verzoek.pk).exists()
    assert logged.filter(signalering_id=verzoek.signalering_id).exists()


@pytest.mark.parametrize("wie", ["tiwos-functionaris", "tiwos-directie", "wiz-secretaris_gc"])
def test_no_one_else_downloads_it_and_nothing_is_logged(
    make_signalering, betrokkene, api, now, wie
):
    _, _, verzoek = person(
        make_signalering, betrokkene, now, "tiwos", "Jantje", "jantje@example.org", api
    )
    response = staff_client(wie).get(f"/medewerker/verzoek/{verzoek.pk}/kopie.json")
    assert response.status_code == 404
    assert not Raadpleging.objects.filter(actie="kopie").exists()


@pytest.mark.parametrize("pk", ["0", "999999999"])
def test_an_unknown_or_non_access_request_is_not_found(make_signalering, betrokkene, now, pk):
    sig = make_signalering("tiwos", "geregistreerd")
    user, client = betrokkene(sig)
    correctie = client.post(
        "/api/v1/verzoeken",
        {"soort": "wissing", "signalering": sig.pk, "toelichting": "x"},
        format="json",
    ).json()
    po = staff_client("wiz-privacy_officer")
    assert po.get(f"/medewerker/verzoek/{pk}/kopie.json").status_code == 404
    assert po.get(f"/medewerker/verzoek/{correctie['id']}/kopie.json").status_code == 404
    assert get_user_model().objects.filter(pk=user.pk).exists()
    assert actor_for(user).rol == "betrokkene"
