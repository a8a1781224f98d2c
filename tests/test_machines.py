"""Every transition of every case machine from every state, through the API: allowed → 200,
not from this state → 409, by someone who may see the case but not act → 403.

The tables are written out by hand from the protocol (ch. 15–16) and DESIGN.md §4, not derived
from the code, so a wrongly declared edge fails here."""

from __future__ import annotations

import pytest

from states.services import datalek, geschil, klacht, verzoek
from states.services.intake import Indiening
from tests.conftest import actor

pytestmark = pytest.mark.django_db

PO = "wiz-privacy_officer"
SWV = "wiz-medewerker_swv"  # decides requests; the privacy officer does not (art. 38(6))

VERZOEK_PATHS = {
    "ontvangen": [],
    "in_behandeling": ["neem_in_behandeling"],
    "besloten": ["beslis"],
    "uitgevoerd": ["beslis", "voer_uit"],
    "afgesloten": ["beslis", "voer_uit", "sluit"],
    "ingetrokken": ["trek_in"],
}
VERZOEK_ALLOWED = {
    "ontvangen": {"neem_in_behandeling", "beslis", "trek_in"},
    "in_behandeling": {"beslis", "trek_in"},
    "besloten": {"voer_uit"},  # granted: carry out first, closing it undone is not allowed
    "uitgevoerd": {"sluit"},
    "afgesloten": set(),
    "ingetrokken": set(),
}
# A partial grant of erasure waits for staff to carry it out; a full grant takes effect at once
# (tested in test_verzoek), so the machine's middle states are walked with "deels".
VERZOEK_BODY = {"beslis": {"besluit": "deels", "motivering": "Alleen het adres."}}


def make_verzoek(sig, now, path):
    po = actor(SWV)
    case = verzoek.dien_in(po, "wissing", Indiening(naam="J. Z.", signalering_id=sig.pk), now)
    steps = {
        "neem_in_behandeling": lambda: verzoek.neem_in_behandeling(po, case.pk, now),
        "beslis": lambda: verzoek.beslis(po, case.pk, "deels", "Alleen het adres.", now),
        "voer_uit": lambda: verzoek.voer_uit(po, case.pk, now),
        "sluit": lambda: verzoek.sluit(po, case.pk, now),
        "trek_in": lambda: verzoek.trek_in(po, case.pk, now),
    }
    for step in path:
        steps[step]()
    return case


@pytest.mark.parametrize("state", VERZOEK_PATHS)
@pytest.mark.parametrize("name", ["neem_in_behandeling", "beslis", "voer_uit", "sluit", "trek_in"])
def test_verzoek_transitions(api, make_signalering, now, state, name):
    case = make_verzoek(make_signalering(), now, VERZOEK_PATHS[state])
    url = f"/api/v1/verzoeken/{case.pk}/transitions/{name}"
    assert api("tiwos-directie").post(url, VERZOEK_BODY.get(name, {})).status_code == 403
    response = api(SWV).post(url, VERZOEK_BODY.get(name, {}))
    assert response.status_code == (200 if name in VERZOEK_ALLOWED[state] else 409)


def test_refused_verzoek_closes_without_being_carried_out(api, make_signalering, now):
    po = actor(SWV)
    case = make_verzoek(make_signalering(), now, [])
    verzoek.beslis(po, case.pk, "afgewezen", "Geen grond.", now)
    url = f"/api/v1/verzoeken/{case.pk}/transitions/"
    assert api(SWV).post(url + "voer_uit").status_code == 409
    assert api(SWV).post(url + "sluit").status_code == 200


KLACHT_PATHS = {
    "ontvangen": [],
    "bevestigd": ["bevestig"],
    "in_behandeling": ["bevestig", "neem_in_behandeling"],
    "gegrond": ["verklaar_gegrond"],
    "ongegrond": ["verklaar_ongegrond"],
    "hersteld": ["verklaar_gegrond", "herstel"],
    "afgesloten": ["verklaar_ongegrond", "sluit"],
}
KLACHT_ALLOWED = {
    "ontvangen": {"bevestig", "neem_in_behandeling", "verklaar_gegrond", "verklaar_ongegrond"},
    "bevestigd": {"neem_in_behandeling", "verklaar_gegrond", "verklaar_ongegrond"},
    "in_behandeling": {"verklaar_gegrond", "verklaar_ongegrond"},
    "gegrond": {"herstel"},
    "ongegrond": {"sluit"},
    "hersteld": {"sluit"},
    "afgesloten": set(),
}
KLACHT_BODY = {
    "verklaar_gegrond": {
        "adres_gehuurde_woning": "Kerkstraat 1, Tilburg",
        "motivering": "Terecht.",
    },
    "verklaar_ongegrond": {
        "adres_gehuurde_woning": "Kerkstraat 1, Tilburg",
        "motivering": "Onterecht.",
    },
    "herstel": {"herstel": "informatie"},
}
KLACHT_ACTOR = {"herstel": "tiwos-functionaris", "sluit": "tiwos-directie"}


def make_klacht(sig, now, path):
    d = actor("tiwos-directie")
    case = klacht.dien_in(
        actor(PO), "a", "Onrechtmatig.", Indiening(naam="J. Z.", signalering_id=sig.pk), now
    )
    steps = {
        "bevestig": lambda: klacht.bevestig(d, case.pk, now),
        "neem_in_behandeling": lambda: klacht.neem_in_behandeling(d, case.pk, now),
        "verklaar_gegrond": lambda: klacht.verklaar(
            d, case.pk, True, "Terecht.", now, adres_gehuurde_woning="Kerkstraat 1, Tilburg"
        ),
        "verklaar_ongegrond": lambda: klacht.verklaar(
            d, case.pk, False, "Onterecht.", now, adres_gehuurde_woning="Kerkstraat 1, Tilburg"
        ),
        "herstel": lambda: klacht.herstel(d, case.pk, "informatie", now),
        "sluit": lambda: klacht.sluit(d, case.pk, now),
    }
    for step in path:
        steps[step]()
    return case


@pytest.mark.parametrize("state", KLACHT_PATHS)
@pytest.mark.parametrize(
    "name",
    [
        "bevestig",
        "neem_in_behandeling",
        "verklaar_gegrond",
        "verklaar_ongegrond",
        "herstel",
        "sluit",
    ],
)
def test_klacht_transitions(api, make_signalering, now, state, name):
    case = make_klacht(make_signalering(), now, KLACHT_PATHS[state])
    url = f"/api/v1/klachten/{case.pk}/transitions/{name}"
    body = KLACHT_BODY.get(name, {})
    assert api("tiwos-bevrager").post(url, body).status_code == 404  # may not even see it
    if name.startswith("verklaar"):
        assert api("tiwos-functionaris").post(url, body).status_code == 403  # directie decides
    response = api(KLACHT_ACTOR.get(name, "tiwos-directie")).post(url, body)
    assert response.status_code == (200 if name in KLACHT_ALLOWED[state] else 409)


GESCHIL_PATHS = {
    "ingediend": [],
    "in_behandeling": ["neem_in_behandeling"],
    "advies_gegrond": ["neem_in_behandeling", "adviseer_gegrond"],
    "advies_ongegrond": ["neem_in_behandeling", "adviseer_ongegrond"],
    "hersteld": ["neem_in_behandeling", "adviseer_gegrond", "herstel"],
    "afgesloten": ["neem_in_behandeling", "adviseer_ongegrond", "sluit"],
    "doorverwezen_huurcommissie": ["neem_in_behandeling", "adviseer_ongegrond", "verwijs_door"],
}
GESCHIL_ALLOWED = {
    "ingediend": {"neem_in_behandeling"},
    "in_behandeling": {"adviseer_gegrond", "adviseer_ongegrond"},
    "advies_gegrond": {"herstel"},
    "advies_ongegrond": {"sluit", "verwijs_door"},
    "hersteld": {"sluit", "verwijs_door"},
    "afgesloten": {"verwijs_door"},
    "doorverwezen_huurcommissie": set(),
}
GESCHIL_BODY = {
    "adviseer_gegrond": {"advies": "Ja."},
    "adviseer_ongegrond": {"advies": "Nee."},
    "herstel": {"herstel": "informatie"},
}


def make_geschil(sig, now, path):
    s, f = actor("wiz-secretaris_gc"), actor("tiwos-functionaris")
    k = klacht.dien_in(actor(PO), "a", "x", Indiening(naam="J. Z.", signalering_id=sig.pk), now)
    klacht.verklaar(
        actor("tiwos-directie"),
        k.pk,
        False,
        "Onterecht.",
        now,
        adres_gehuurde_woning="Kerkstraat 1, Tilburg",
    )
    case = geschil.dien_in(s, k.pk, "Onbillijk.", Indiening(naam="J. Z."), now)
    steps = {
        "neem_in_behandeling": lambda: geschil.neem_in_behandeling(s, case.pk, now),
        "adviseer_gegrond": lambda: geschil.adviseer(s, case.pk, True, "Ja.", now),
        "adviseer_ongegrond": lambda: geschil.adviseer(s, case.pk, False, "Nee.", now),
        "herstel": lambda: geschil.herstel(f, case.pk, "informatie", now),
        "sluit": lambda: geschil.sluit(s, case.pk, now),
        "verwijs_door": lambda: geschil.verwijs_door(s, case.pk, now),
    }
    for step in path:
        steps[step]()
    return case


@pytest.mark.parametrize("state", GESCHIL_PATHS)
@pytest.mark.parametrize(
    "name",
    [
        "neem_in_behandeling",
        "adviseer_gegrond",
        "adviseer_ongegrond",
        "herstel",
        "sluit",
        "verwijs_door",
    ],
)
def test_geschil_transitions(api, make_signalering, now, state, name):
    case = make_geschil(make_signalering(), now, GESCHIL_PATHS[state])
    url = f"/api/v1/geschillen/{case.pk}/transitions/{name}"
    body = GESCHIL_BODY.get(name, {})
    unauthorised = "tiwos-bevrager" if name == "herstel" else "tiwos-directie"
    assert api(unauthorised).post(url, body).status_code in (403, 404)
    if name != "herstel":
        assert api("tiwos-directie").post(url, body).status_code == 403
    who = "tiwos-functionaris" if name == "herstel" else "wiz-secretaris_gc"
    response = api(who).post(url, body)
    assert response.status_code == (200 if name in GESCHIL_ALLOWED[state] else 409)


DATALEK_PATHS = {
    "gemeld": [],
    "beoordeeld": ["beoordeel"],
    "gemeld_ap": ["meld_ap"],
    "niet_meldplichtig": ["niet_meldplichtig"],
    "afgesloten": ["meld_ap", "sluit"],
}
DATALEK_ALLOWED = {
    "gemeld": {"beoordeel", "meld_ap", "niet_meldplichtig"},
    "beoordeeld": {"meld_ap", "niet_meldplichtig"},
    "gemeld_ap": {"sluit"},
    "niet_meldplichtig": {"sluit"},
    "afgesloten": set(),
}
DATALEK_BODY = {
    "beoordeel": {"beoordeling": "Laag risico."},
    "meld_ap": {"ap_kenmerk": "AP-1"},
    "niet_meldplichtig": {"beoordeling": "Versleuteld."},
}


@pytest.mark.parametrize("state", DATALEK_PATHS)
@pytest.mark.parametrize("name", ["beoordeel", "meld_ap", "niet_meldplichtig", "sluit"])
def test_datalek_transitions(api, region, now, state, name):
    po = actor(PO)
    case = datalek.meld(actor("tiwos-functionaris"), "Lek.", now, now)
    steps = {
        "beoordeel": lambda: datalek.beoordeel(po, case.pk, "Laag.", now),
        "meld_ap": lambda: datalek.meld_ap(po, case.pk, "AP-0", now),
        "niet_meldplichtig": lambda: datalek.niet_meldplichtig(po, case.pk, "Versleuteld.", now),
        "sluit": lambda: datalek.sluit(po, case.pk, now),
    }
    for step in DATALEK_PATHS[state]:
        steps[step]()
    url = f"/api/v1/datalekken/{case.pk}/transitions/{name}"
    body = DATALEK_BODY.get(name, {})
    assert api("tiwos-functionaris").post(url, body).status_code == 403
    response = api(PO).post(url, body)
    assert response.status_code == (200 if name in DATALEK_ALLOWED[state] else 409)
