"""Issue 12, ch. 24 over the API: a corporation asks for the hardship clause, the committee's
secretary decides, the primaire bron applies it — with the same rules as the pages: only those
involved see the request, a deviation is only ever in the person's favour, odd input is a 400."""

from __future__ import annotations

import pytest

from states.models import Hardheidsverzoek, Signalering

pytestmark = pytest.mark.django_db
URL = "/api/v1/hardheidsverzoeken"


@pytest.fixture
def sig(make_signalering) -> Signalering:
    return make_signalering("tiwos", "geregistreerd", criteria=[("III", "a"), ("IV", "a")])


def test_ch24_asked_decided_and_applied_through_the_api(api, sig):
    asked = api("tiwos-directie").post(
        URL, {"signalering": sig.pk, "gronden": "Ernstig ziek kind."}
    )
    assert asked.status_code == 201, asked.json()
    pk = asked.json()["id"]
    assert (
        asked.json()["state"] == "ingediend"
        and asked.json()["deadlines"][0]["kind"] == "hardheid_beslissen"
    )
    secretaris = api("wiz-secretaris_gc")
    assert [c["id"] for c in secretaris.get(URL).json()] == [pk]
    langer = {k: v + 1 for k, v in sig.termijnen.items()}
    harder = secretaris.post(
        f"{URL}/{pk}/transitions/beslis_toe",
        {"motivering": "Onbillijk.", "afwijking": "termijn_verkorten", "termijnen": langer},
        format="json",
    )
    assert harder.status_code == 400 and "gunste" in str(harder.json())  # never harsher
    korter = {k: v - 6 for k, v in sig.termijnen.items()}
    besluit = secretaris.post(
        f"{URL}/{pk}/transitions/beslis_toe",
        {"motivering": "Onbillijk.", "afwijking": "termijn_verkorten", "termijnen": korter},
        format="json",
    )
    assert besluit.status_code == 200 and besluit.json()["state"] == "toegewezen"
    toegepast = api("tiwos-functionaris").post(f"{URL}/{pk}/transitions/pas_toe")
    assert toegepast.status_code == 200 and toegepast.json()["state"] == "toegepast"
    sig.refresh_from_db()
    assert sig.termijnen == korter


def test_ch24_another_corporation_neither_sees_nor_asks(api, sig):
    pk = (
        api("tiwos-functionaris")
        .post(URL, {"signalering": sig.pk, "gronden": "Ziek."})
        .json()["id"]
    )
    ander = api("tbv-functionaris")
    assert ander.get(URL).json() == []
    assert ander.get(f"{URL}/{pk}").status_code == 404
    assert ander.post(f"{URL}/{pk}/transitions/pas_toe").status_code == 404
    asked = ander.post(URL, {"signalering": sig.pk, "gronden": "Ziek."})
    assert asked.status_code == 400 and "Onbekende signalering" in str(asked.json())
    assert (
        api("tiwos-bevrager").post(URL, {"signalering": sig.pk, "gronden": "Ziek."}).status_code
        == 403
    )
    assert Hardheidsverzoek.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"signalering": "abc", "gronden": "Ziek."},
        {"signalering": 2**63, "gronden": "Ziek."},
        {"gronden": "Ziek."},
        {"signalering": 1, "gronden": ""},
        {"signalering": 1, "gronden": "x" * 5001},
        {"signalering": 1, "gronden": "Ziek\x00"},
    ],
    ids=["tekst", "te-groot", "zonder", "leeg", "5001", "nul"],
)
def test_odd_input_is_a_400_and_writes_nothing(api, sig, body):
    if body.get("signalering") == 1:
        body = {**body, "signalering": sig.pk}
    answer = api("tiwos-functionaris").post(URL, body, format="json")
    assert answer.status_code == 400
    assert not Hardheidsverzoek.objects.exists()


def test_a_deviation_with_odd_terms_is_a_400(api, sig):
    pk = (
        api("tiwos-functionaris")
        .post(URL, {"signalering": sig.pk, "gronden": "Ziek."})
        .json()["id"]
    )
    for termijnen in ({"B": "veel"}, {"B": 2**40}, {"Z": 3}):
        answer = api("wiz-secretaris_gc").post(
            f"{URL}/{pk}/transitions/beslis_toe",
            {"motivering": "Onbillijk.", "afwijking": "termijn_verkorten", "termijnen": termijnen},
            format="json",
        )
        assert answer.status_code == 400, termijnen
    assert Hardheidsverzoek.objects.get().state == "ingediend"
