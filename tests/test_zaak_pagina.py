"""Issue 10, staff case pages: a case page says what the case is, whom it concerns and who filed
it, the signalering it is about, when it is due and how that date was computed, what happened so
far in plain Dutch, and only the steps the reader may take now; a step that cannot be undone
asks first. Free text of any length and odd input never give a server error."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from states.models import Datalek, Verzoek
from states.services import datalek, verzoek
from states.services.intake import Indiening
from tests.conftest import actor, staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def inzage(make_signalering, now):
    """A request for access about a tiwos signalering, filed by the person's lawyer."""
    sig = make_signalering()
    v = verzoek.dien_in(
        actor("wiz-privacy_officer"),
        "inzage",
        Indiening(naam="Mr. A. Advocaat", kanaal="brief", signalering_id=sig.pk, ontvangen_op=now),
        now,
    )
    return sig, v


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html.split("<main", 1)[-1])


def test_the_case_page_says_what_whom_who_filed_and_when_it_is_due(inzage):
    sig, v = inzage
    html = staff_client("tiwos-functionaris").get(f"/medewerker/verzoek/{v.pk}").content.decode()
    assert f"Verzoek {v.pk}: Inzage en afschrift (art. 15 AVG)" in html
    assert "Mr. A. Advocaat (ingevoerd door een medewerker)" in html
    assert f'href="/medewerker/signaleringen/{sig.pk}"' in html and sig.naam in html
    # Ch. 15: four weeks (earlier than the AVG's month), shown with how it was computed.
    assert "Uiterlijk 21 december 2026" in html
    assert "4 weken na 23 november 2026 = 21 december 2026" in html
    assert "Hoe deze datum is berekend" in html


def test_the_timeline_is_plain_dutch_without_code_names(inzage, now):
    _, v = inzage
    verzoek.neem_in_behandeling(actor("tiwos-functionaris"), v.pk, now)
    text = visible_text(
        staff_client("tiwos-functionaris").get(f"/medewerker/verzoek/{v.pk}").content.decode()
    )
    assert "Ingediend" in text and "Nieuwe toestand: In behandeling" in text
    assert "Bericht: Ontvangstbevestiging van het verzoek" in text
    assert "Door: Geautoriseerd functionaris" in text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.findall(r"\b[a-z]+_[a-z_]+\b", text)
    assert "[functionaris]" not in text


# Who may take which step on an open request (AVG art. 38(6): the privacy officer advises and
# oversees, the controller decides; ch. 15: the primaire bron handles).
STAPPEN_OP_VERZOEK = [
    (
        "tiwos-functionaris",
        {
            "Neem in behandeling",
            "Beslis op het verzoek",
            "Verleng de termijn met twee maanden (art. 12 lid 3 AVG)",
            "Trek in namens de indiener",
        },
    ),
    ("wiz-privacy_officer", {"Neem in behandeling", "Trek in namens de indiener"}),
    ("tiwos-directie", set()),
    ("wiz-secretaris_gc", None),  # does not see requests at all
    ("tbv-functionaris", None),  # another corporation: not found
]


@pytest.mark.parametrize("who,stappen", STAPPEN_OP_VERZOEK)
def test_ch15_a_page_offers_only_the_steps_the_reader_may_take(inzage, who, stappen):
    _, v = inzage
    response = staff_client(who).get(f"/medewerker/verzoek/{v.pk}")
    if stappen is None:
        assert response.status_code == 404
        return
    html = response.content.decode()
    offered = set(re.findall(r'<h3 id="actie-[a-z_]+">([^<]+)</h3>', html))
    assert offered == stappen
    if not stappen:
        assert "Er is nu geen stap die u in deze zaak kunt zetten." in html


def test_art12_3_the_decider_can_extend_an_open_avg_request(inzage, now):
    _, v = inzage
    verzoek.neem_in_behandeling(actor("tiwos-functionaris"), v.pk, now)
    client = staff_client("tiwos-functionaris")
    assert (
        "Verleng de termijn met twee maanden"
        in client.get(f"/medewerker/verzoek/{v.pk}").content.decode()
    )
    client.post(f"/medewerker/verzoek/{v.pk}/verleng", {"verleng-reden": "Complex dossier."})
    html = client.get(f"/medewerker/verzoek/{v.pk}").content.decode()
    assert "Verlengd op 23 november 2026: Complex dossier." in html


def test_a_final_step_asks_first_and_writes_nothing_until_confirmed(inzage):
    _, v = inzage
    client = staff_client("tiwos-functionaris")
    url = f"/medewerker/verzoek/{v.pk}/trek_in"
    ask = client.post(url, {"trek_in-reden": "Telefonisch ingetrokken."})
    html = ask.content.decode()
    assert ask.status_code == 200 and "Trek in namens de indiener?" in html
    assert "krijgt geen besluit meer" in html and "Telefonisch ingetrokken." in html
    assert Verzoek.objects.get(pk=v.pk).state == "ontvangen"
    done = client.post(url, {"trek_in-reden": "Telefonisch ingetrokken.", "bevestigd": "1"})
    assert done.status_code == 302 and Verzoek.objects.get(pk=v.pk).state == "ingetrokken"


def test_a_step_the_case_no_longer_allows_is_a_409_that_writes_nothing(inzage):
    _, v = inzage
    client = staff_client("tiwos-functionaris")
    client.post(f"/medewerker/verzoek/{v.pk}/trek_in", {"bevestigd": "1"})
    again = client.post(f"/medewerker/verzoek/{v.pk}/neem_in_behandeling", {})
    assert again.status_code == 409 and "Er is niets vastgelegd." in again.content.decode()
    assert Verzoek.objects.get(pk=v.pk).state == "ingetrokken"


def test_a_step_another_role_may_take_is_refused_with_403(inzage):
    _, v = inzage
    response = staff_client("tiwos-directie").post(
        f"/medewerker/verzoek/{v.pk}/neem_in_behandeling", {}
    )
    assert response.status_code == 403
    assert Verzoek.objects.get(pk=v.pk).state == "ontvangen"


@pytest.fixture
def lek(region, now) -> Datalek:
    return datalek.meld(
        actor("wiz-privacy_officer"), "USB-stick met lijst verloren.", now - timedelta(hours=2), now
    )


def test_art33_the_breach_has_a_case_page_with_its_72_hours(lek):
    client = staff_client("wiz-privacy_officer")
    html = client.get(f"/medewerker/datalek/{lek.pk}").content.decode()
    assert f"Datalek {lek.pk}" in html and "USB-stick met lijst verloren." in html
    assert "72 uur" in html
    offered = set(re.findall(r'<h3 id="actie-[a-z_]+">([^<]+)</h3>', html))
    assert offered == {
        "Leg de beoordeling van het risico vast",
        "Leg de melding bij de Autoriteit Persoonsgegevens vast",
        "Leg vast dat het lek niet meldplichtig is",
    }
    assert (
        staff_client("tiwos-functionaris").get(f"/medewerker/datalek/{lek.pk}").status_code == 404
    )


def test_art33_reporting_to_the_ap_is_confirmed_then_recorded(lek):
    client = staff_client("wiz-privacy_officer")
    url = f"/medewerker/datalek/{lek.pk}/meld_ap"
    assert "Kenmerk" in client.post(url, {"meld_ap-ap_kenmerk": "AP-2026-1"}).content.decode()
    assert Datalek.objects.get(pk=lek.pk).state == "gemeld"
    client.post(url, {"meld_ap-ap_kenmerk": "AP-2026-1", "bevestigd": "1"})
    assert Datalek.objects.get(pk=lek.pk).ap_kenmerk == "AP-2026-1"


LANG = "Overwogen is dat " + "de betrokkene – €, „citaat” en ë – " * 150  # > 5,000 characters

VREEMDE_INVOER = [
    ("verleng", {"verleng-reden": LANG}),
    ("verleng", {"verleng-reden": "nul\x00byte"}),
    ("trek_in", {"trek_in-reden": LANG, "bevestigd": "1"}),
    ("trek_in", {"trek_in-reden": "nul\x00byte", "bevestigd": "1"}),
]


@pytest.mark.parametrize("action,data", VREEMDE_INVOER)
def test_long_text_and_nul_bytes_give_success_or_a_field_error(inzage, action, data):
    _, v = inzage
    client = staff_client("tiwos-functionaris")
    response = client.post(f"/medewerker/verzoek/{v.pk}/{action}", data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:  # the form came back: with the error next to the field
        html = response.content.decode()
        assert 'class="error"' in html and "Er is niets vastgelegd" in html
        assert Verzoek.objects.get(pk=v.pk).state == "ontvangen"
    else:
        page = client.get(f"/medewerker/verzoek/{v.pk}").content.decode()
        assert LANG.strip()[-40:] in page  # kept whole


def test_the_breach_assessment_with_unknown_signalering_numbers_is_a_field_error(lek):
    client = staff_client("wiz-privacy_officer")
    response = client.post(
        f"/medewerker/datalek/{lek.pk}/beoordeel",
        {
            "beoordeel-beoordeling": "Lijst met namen.",
            "beoordeel-hoog_risico": "on",
            "beoordeel-signaleringen": "99999999, abc",
        },
    )
    assert (
        response.status_code == 200
        and "Vul nummers van signaleringen in" in response.content.decode()
    )
    assert Datalek.objects.get(pk=lek.pk).state == "gemeld"


def test_dates_on_the_case_page_are_amsterdam_time(inzage):
    _, v = inzage
    html = staff_client("tiwos-functionaris").get(f"/medewerker/verzoek/{v.pk}").content.decode()
    received = datetime.fromisoformat("2026-11-23T12:00:00+01:00")
    assert f"23 november 2026 om {received:%H:%M}" in html


@pytest.mark.parametrize(
    "action", ["koppel", "zoek_identiteit", "verklaar_gegrond", "verstrijk", "beoordeel", "x"]
)
def test_steps_not_offered_on_the_case_page_are_not_found(inzage, action):
    _, v = inzage
    client = staff_client("wiz-privacy_officer")
    assert (
        client.post(f"/medewerker/verzoek/{v.pk}/{action}", {"koppel-signalering": "1"}).status_code
        == 404
    )
    assert Verzoek.objects.get(pk=v.pk).signalering_id is not None


def test_the_timeline_starts_when_the_case_was_really_received(make_signalering, now):
    sig = make_signalering()
    received = now - timedelta(days=9)  # a letter that arrived nine days before it was entered
    v = verzoek.dien_in(
        actor("wiz-privacy_officer"),
        "inzage",
        Indiening(naam="J. Z.", kanaal="brief", signalering_id=sig.pk, ontvangen_op=received),
        now,
    )
    text = visible_text(
        staff_client("tiwos-functionaris").get(f"/medewerker/verzoek/{v.pk}").content.decode()
    )
    timeline = text.split("Wat er tot nu toe gebeurde", 1)[1]
    first = re.sub(r"\s+", " ", timeline).strip()
    assert first.startswith("14 november 2026 om 12:00 : Ingediend"), first[:80]
