"""Corrections (ch. 12.3; AVG art. 16; remedy after an upheld complaint, ch. 16.3): category,
term and dates too, through the registration's own rules, validated when asked for, applied
with history and told to the person in a letter."""

from __future__ import annotations

from datetime import date

import pytest

from notifications.models import OutboxMessage
from notifications.rendering import render
from states.models import Signalering, Verzoek

pytestmark = pytest.mark.django_db


def file_rectification(client, sig, correctie):
    return client.post(
        "/api/v1/verzoeken",
        {"soort": "rectificatie", "signalering": sig.pk, "correctie": correctie},
        format="json",
    )


@pytest.mark.parametrize(
    ("correctie", "field"),
    [
        ({"email": "geen-adres"}, "email"),
        ({"achternaam": "x" * 5000}, "achternaam"),
        ({"voornaam": "Jan\x00tje"}, "voornaam"),
        ({"geboortedatum": "1987-02-31"}, "geboortedatum"),
        ({"geboortedatum": "9999-01-01"}, "geboortedatum"),
        ({"termijnen": {"B": 25}}, "termijnen"),  # above the category maximum (ch. 7)
        ({"ingangsdatum": "2026-12-24"}, "ingangsdatum"),  # placement in the future
        ({"redenen": [{"criterium": "II", "grond": "b"}]}, "redenen"),  # ground does not fit
        ({"bsn": "123456782"}, "correctie"),  # not a field of ch. 12.1
        ({}, "correctie"),
        # the wrong shapes are a clear 400 too, never a 500
        ({"achternaam": ["Zwart"]}, "achternaam"),
        ({"geboortedatum": {"jaar": 1987}}, "geboortedatum"),
        ({"redenen": "III"}, "redenen"),
        ({"termijnen": [24]}, "termijnen"),
        ({"termijnen": {"B": "twee jaar"}}, "termijnen"),
        ({"bedrag": "NaN", "redenen": [{"criterium": "VIII", "grond": "d"}]}, "bedrag"),
        ({"ingangsdatum": 12345}, "ingangsdatum"),
    ],
)
def test_art16_a_rectification_is_validated_when_it_is_asked_for(
    make_signalering, betrokkene, correctie, field
):
    sig = make_signalering()
    _, client = betrokkene(sig)
    response = file_rectification(client, sig, correctie)
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert not Verzoek.objects.exists()
    assert Signalering.objects.get(pk=sig.pk).achternaam == "Zwartkruis"


def test_art16_a_granted_correction_of_term_and_dates_applies_at_once_and_is_told(
    api, make_signalering, betrokkene
):
    sig = make_signalering()
    _, client = betrokkene(sig)
    correctie = {"termijnen": {"B": 12}, "ingangsdatum": "2026-10-15", "datum_uitzetting": None}
    filed = file_rectification(client, sig, correctie)
    assert filed.status_code == 201, filed.json()
    decided = api("tiwos-functionaris").post(
        f"/api/v1/verzoeken/{filed.json()['id']}/transitions/beslis", {"besluit": "toegewezen"}
    )
    assert decided.json()["state"] == "uitgevoerd"
    sig.refresh_from_db()
    assert sig.termijnen == {"B": 12} and sig.ingangsdatum == date(2026, 10, 15)
    assert sig.einddatum == date(2027, 10, 15) == sig.einddatum_regio
    assert sig.termijn_motivering  # the earlier reasons stay unless new ones are given
    assert "rectificatie na verzoek" in sig.history.first().history_change_reason
    row = OutboxMessage.objects.get(case_id=sig.pk, template="gegevens_gecorrigeerd")
    letter = render(row.template, row.context).body
    assert "Gewijzigd: datum uitzetting, datum van plaatsing, termijn per categorie" in letter
    assert "1 jaar, tot 15 oktober 2027" in letter


def test_ch16_3_an_upheld_complaint_corrects_the_category_through_the_same_rules(
    api, make_signalering, betrokkene
):
    sig = make_signalering("tiwos", "geregistreerd", criteria=[("III", "a"), ("I", "a")])
    _, client = betrokkene(sig)
    klacht = client.post(
        "/api/v1/klachten",
        {"soort": "a", "signalering": sig.pk, "gronden": "Geen agressie, alleen overlast."},
        format="json",
    ).json()
    url = f"/api/v1/klachten/{klacht['id']}/transitions/"
    directie = api("tiwos-directie")
    directie.post(
        url + "verklaar_gegrond",
        {
            "motivering": "Alleen overlast.",
            "herstel": "gecorrigeerd",
            "adres_gehuurde_woning": "Kerkstraat 1, Tilburg",
        },
    )
    bad = directie.post(
        url + "herstel",
        {
            "herstel": "gecorrigeerd",
            "correctie": {"termijnen": {"A": 30}, "redenen": [{"criterium": "I", "grond": "a"}]},
        },
        format="json",
    )
    assert bad.status_code == 400 and "termijnen" in bad.json()
    good = directie.post(
        url + "herstel",
        {
            "herstel": "gecorrigeerd",
            "correctie": {"redenen": [{"criterium": "I", "grond": "a"}], "termijnen": {"A": 24}},
        },
        format="json",
    )
    assert good.status_code == 200, good.json()
    sig.refresh_from_db()
    # Only A is left: corporation scope, no longer region-wide (ch. 7).
    assert sig.categorieen == ["A"] and sig.reikwijdte == "corporatie"
    assert sig.einddatum_regio is None
    assert OutboxMessage.objects.filter(case_id=sig.pk, template="gegevens_gecorrigeerd").exists()


def test_art16_correcting_the_dates_of_a_d_signalering_needs_no_amount(
    api, make_signalering, betrokkene
):
    # The amount is never stored (ch. 12.1); D's chosen term keeps the bracket that allowed it.
    sig = make_signalering("tiwos", "geregistreerd", criteria=[("VIII", "d")], bedrag="3000")
    _, client = betrokkene(sig)
    filed = file_rectification(client, sig, {"ingangsdatum": "2026-10-20"})
    assert filed.status_code == 201, filed.json()
    api("tiwos-functionaris").post(
        f"/api/v1/verzoeken/{filed.json()['id']}/transitions/beslis", {"besluit": "toegewezen"}
    )
    sig.refresh_from_db()
    assert sig.termijnen == {"D": 36} and sig.einddatum == date(2029, 10, 20)
    too_long = file_rectification(client, sig, {"termijnen": {"D": 48}})
    assert too_long.status_code == 400  # a longer D term needs the amount again
