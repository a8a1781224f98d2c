"""The visibility matrix (ch. 6, 8, 13, 14): role × own/other corporation × state × scope.

Each row states what a user sees through the API: 'volledig' (the whole record), 'restant' (the
anonymous tombstone) or nothing (404). Another corporation never reads a signalering by id or in a
list: it learns of a blokkade only by checking a concrete applicant (ch. 13; issue 9).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

STATES = ["concept", "geregistreerd", "geblokkeerd", "beeindigd", "verwijderd"]
SCOPES = {"regio": [("III", "a")], "corporatie": [("I", "a")]}  # B is region-wide, A is not


def expected(role: str, own: bool, state: str, scope: str) -> str | None:
    # The matrix written out as rules a privacy officer would read off the protocol.
    if role in ("medewerker_swv", "privacy_officer"):
        return "restant" if state == "verwijderd" else "volledig"
    if role in ("secretaris_gc", "systeem"):
        return None  # no list access; the allocation system uses match-check
    if own:
        return None if state == "verwijderd" else "volledig"
    return None  # not even a blocked one: the list cannot be harvested by id


CASES = [
    (role, own, state, scope)
    for state in STATES
    for scope in SCOPES
    for role, own in [
        ("functionaris", True),
        ("bevrager", True),
        ("directie", True),
        ("functionaris", False),
        ("bevrager", False),
        ("directie", False),
        ("medewerker_swv", None),
        ("privacy_officer", None),
        ("secretaris_gc", None),
        ("systeem", None),
    ]
]


@pytest.mark.parametrize(("role", "own", "state", "scope"), CASES)
def test_visibility_matrix(api, make_signalering, role, own, state, scope):
    sig = make_signalering("tiwos", state, criteria=SCOPES[scope])
    username = f"wiz-{role}" if own is None else f"{'tiwos' if own else 'tbv'}-{role}"
    client = api(username)
    want = expected(role, bool(own), state, scope)

    detail = client.get(f"/api/v1/signaleringen/{sig.pk}")
    listed = client.get("/api/v1/signaleringen")
    ids = [row["id"] for row in listed.json()] if listed.status_code == 200 else []
    if want is None:
        assert detail.status_code in (403, 404)
        assert sig.pk not in ids
        return
    assert detail.status_code == 200
    body = detail.json()
    assert body["zicht"] == want
    assert sig.pk in ids
    if want == "blokkade":
        assert set(body) == {"id", "inschrijfnummer", "geblokkeerd", "tot", "reikwijdte", "zicht"}
        assert body["geblokkeerd"] is True and body["reikwijdte"] == "regio"
    if want == "restant":
        assert "achternaam" not in body and "geboortedatum" not in body
        # ch. 12.4: month and year of start and end only
        assert body["begin_maand"] == "2026-10" and "ingangsdatum" not in body
    if want == "volledig":
        assert body["achternaam"] == "Zwartkruis"


def test_blokkade_is_shared_only_while_it_runs(api, make_signalering, now):
    from datetime import date

    from states.models import Signalering

    sig = make_signalering("tiwos", "geblokkeerd", criteria=SCOPES["regio"])
    Signalering.objects.filter(pk=sig.pk).update(blokkade_eind=date(2026, 11, 23))
    # The blokkade ends on 23 November ("tot"): that day it no longer blocks.
    assert api("tbv-bevrager").get(f"/api/v1/signaleringen/{sig.pk}").status_code == 404


def test_ch13_the_category_is_opened_for_a_concrete_applicant_with_a_purpose_and_logged(
    api, make_signalering
):
    from states.models import Raadpleging

    sig = make_signalering("tiwos", "geblokkeerd", criteria=[("III", "a"), ("I", "a")])
    client = api("tbv-bevrager")
    applicant = {
        "inschrijfnummer": sig.inschrijfnummer,
        "voornaam": "Jantje",
        "achternaam": "Zwartkruis",
        "geboortedatum": "1987-03-14",
    }
    url = "/api/v1/categorie"
    bad = {**applicant, "doel": "nieuwsgierigheid", "kenmerk": "K-1"}
    assert client.post(url, bad, format="json").status_code == 400
    assert (
        client.post(url, {**applicant, "doel": "kandidaatstelling"}, format="json").status_code
        == 400
    )
    body = {**applicant, "doel": "kandidaatstelling", "kenmerk": "Woning 4411"}
    response = client.post(url, body, format="json")
    assert response.status_code == 200
    # At another corporation only the region-wide category applies (A blocks at TIWOS only).
    assert response.json()["blokkades"] == [
        {"reikwijdte": "regio", "tot": "2028-10-01", "categorieen": ["B"]}
    ]
    log = Raadpleging.objects.get(actie="categorie")
    assert (log.doel, log.kenmerk, log.rol) == ("kandidaatstelling", "Woning 4411", "bevrager")
    # The number without the identity opens nothing, and the old id route is gone.
    wrong = client.post(url, {**body, "achternaam": "Anders"}, format="json").json()
    assert wrong["blokkades"] == []
    assert client.post(f"/api/v1/signaleringen/{sig.pk}/categorie", body).status_code == 404
