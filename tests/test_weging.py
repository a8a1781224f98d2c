"""Issue 12, ch. 9: when a blocked applicant becomes a candidate, the corporation records its
weighing — refused, or accepted under additional conditions — with reasons; the primaire bron
sees it, the person finds it in their inzage, and the purge takes it with the signalering."""

from __future__ import annotations

import pytest

from states.models import Signalering, Weging
from states.policy import PolicyError
from states.roles import NotAllowed, NotPossible
from states.services import inzage
from states.services import weging as service
from tests.conftest import actor, staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def geblokkeerd(make_signalering) -> Signalering:
    sig = make_signalering("tiwos", "geblokkeerd", criteria=[("II", "a")])  # region-wide (B)
    return sig


def leg_vast(who: str, sig: Signalering, now, **kw) -> Weging:
    velden = {
        "moment": "kandidaat",
        "uitkomst": "voorwaarden",
        "voorwaarden": "Begeleiding door het wijkteam gedurende een jaar.",
        "motivering": "Betalingsregeling loopt en wordt nagekomen.",
        **kw,
    }
    return service.leg_vast(actor(who), f"WZ-{sig.pk}", now=now, **velden)


def test_another_corporation_weighs_a_blocked_candidate_ch9(geblokkeerd, now):
    weging = leg_vast("tbv-functionaris", geblokkeerd, now)
    assert weging.deelnemer.code == "tbv" and list(weging.signaleringen.all()) == [geblokkeerd]
    assert weging.uitkomst == "voorwaarden" and weging.vastgelegd_op == now
    # The primaire bron sees it on the signalering.
    page = staff_client("tiwos-functionaris").get(f"/medewerker/signaleringen/{geblokkeerd.pk}")
    html = page.content.decode()
    assert "Afwegingen bij kandidaatstelling" in html and "Begeleiding door het wijkteam" in html
    # The person finds it in their inzage (art. 15).
    [item] = inzage.afschrift(geblokkeerd)["wegingen"]
    assert item["deelnemer"].startswith("TBV") or "TBV" in item["deelnemer"]
    assert item["uitkomst"] == "voorwaarden" and "wijkteam" in item["voorwaarden"]


def test_a_refusal_keeps_no_conditions(geblokkeerd, now):
    weging = leg_vast("tbv-functionaris", geblokkeerd, now, uitkomst="geweigerd")
    assert weging.voorwaarden == ""


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"uitkomst": "voorwaarden", "voorwaarden": " "}, "voorwaarden"),
        ({"motivering": "\x00"}, "motivering"),
        ({"moment": "ooit"}, "moment"),
        ({"uitkomst": "misschien"}, "uitkomst"),
        ({"motivering": "x" * 2001}, "motivering"),
    ],
)
def test_incomplete_weighing_is_refused_and_nothing_is_written(geblokkeerd, now, kw, field):
    with pytest.raises(PolicyError) as refused:
        leg_vast("tbv-functionaris", geblokkeerd, now, **kw)
    assert field in refused.value.errors
    assert not Weging.objects.exists()


def test_only_a_functionaris_weighs_and_only_a_blocked_candidate(geblokkeerd, now):
    with pytest.raises(NotAllowed):
        leg_vast("tbv-bevrager", geblokkeerd, now)
    with pytest.raises(NotPossible, match="niet geblokkeerd"):
        service.leg_vast(
            actor("tbv-functionaris"), "WZ-onbekend", "kandidaat", "geweigerd", "", "Reden.", now
        )
    assert not Weging.objects.exists()


def test_the_purge_takes_the_weighing_with_it_ch12_4(geblokkeerd, now):
    from states.services import signalering as signalering_service

    weging = leg_vast("tbv-functionaris", geblokkeerd, now)
    functionaris = actor("tiwos-functionaris")
    signalering_service.beeindig(functionaris, geblokkeerd.pk, "nieuwe_kans", now)
    signalering_service.verwijder(functionaris, geblokkeerd.pk, now)
    assert not Weging.objects.filter(pk=weging.pk).exists()
    assert not Weging.history.filter(id=weging.pk).exists()


def test_the_weighing_page_for_the_functionaris(geblokkeerd):
    client = staff_client("tbv-functionaris")
    form = client.get(f"/medewerker/weging?inschrijfnummer=WZ-{geblokkeerd.pk}")
    assert form.status_code == 200 and f'value="WZ-{geblokkeerd.pk}"' in form.content.decode()
    done = client.post(
        "/medewerker/weging",
        {
            "inschrijfnummer": f"WZ-{geblokkeerd.pk}",
            "moment": "urgentie",
            "uitkomst": "geweigerd",
            "motivering": "Recente agressie tegen een medewerker.",
        },
    )
    assert done.status_code == 302 and Weging.objects.get().moment == "urgentie"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"inschrijfnummer": "x" * 5000, "moment": "kandidaat", "uitkomst": "geweigerd"},
        {"inschrijfnummer": "WZ-1\x00", "moment": "kandidaat", "uitkomst": "geweigerd",
         "motivering": "r"},
        {"inschrijfnummer": "WZ-999999", "moment": "kandidaat", "uitkomst": "geweigerd",
         "motivering": "Geen blokkade bij ons."},
    ],
)  # fmt: skip
def test_odd_input_on_the_page_gives_errors_and_writes_nothing(geblokkeerd, data):
    response = staff_client("tbv-functionaris").post("/medewerker/weging", data)
    assert response.status_code == 200 and "Er is een probleem" in response.content.decode()
    assert not Weging.objects.exists()


@pytest.mark.parametrize("who", ["tbv-bevrager", "tbv-directie", "wiz-privacy_officer"])
def test_other_roles_do_not_have_the_page(geblokkeerd, who):
    client = staff_client(who)
    assert client.get("/medewerker/weging").status_code == 404
    posted = client.post(
        "/medewerker/weging",
        {"inschrijfnummer": f"WZ-{geblokkeerd.pk}", "moment": "kandidaat",
         "uitkomst": "geweigerd", "motivering": "r"},
    )  # fmt: skip
    assert posted.status_code == 404 and not Weging.objects.exists()
