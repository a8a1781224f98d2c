"""Issue 12, ch. 14.1: the access review's pages for the directie and the privacy officer —
used as they would, and tried as another corporation's staff, another role, with ids that are
not theirs and with odd input: a 4xx or an error that writes nothing, never a 500."""

from __future__ import annotations

import pytest

from states.models import Oordeel, Toegangstoets
from tests.conftest import staff_client, user
from tests.test_toegangstoets import OPENING
from workflows import jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def toets(region) -> Toegangstoets:
    jobs.JOBS["open-periodic-reviews"](OPENING)
    return Toegangstoets.objects.get(deelnemer__code="tiwos")


def regel(toets: Toegangstoets, username: str):
    return toets.regels.get(medewerker__user__username=username)


def test_the_directie_finds_the_review_on_the_start_page_and_judges_everyone(toets):
    client = staff_client("tiwos-directie")
    start = client.get("/medewerker").content.decode()
    assert "Toegangstoets" in start and f"/medewerker/toegangstoetsen/{toets.pk}" in start
    page = client.get(f"/medewerker/toegangstoetsen/{toets.pk}").content.decode()
    assert "<h1>Toegangstoets eerste halfjaar 2027: " in page
    assert "uiterlijk <strong>29 januari 2027</strong>" in page
    assert "Nog te beoordelen: 3 van 3" in page
    functionaris, bevrager = regel(toets, "tiwos-functionaris"), regel(toets, "tiwos-bevrager")
    url = f"/medewerker/toegangstoetsen/{toets.pk}"
    assert client.post(url, {"regel": functionaris.pk, "oordeel": "bevestigd"}).status_code == 302
    # Withdrawing first asks: nothing is written until confirmed.
    asked = client.post(url, {"regel": bevrager.pk, "oordeel": "ingetrokken"})
    assert asked.status_code == 200 and "intrekken?" in asked.content.decode()
    assert user("tiwos-bevrager").is_active
    done = client.post(url, {"regel": bevrager.pk, "oordeel": "ingetrokken", "bevestigd": "1"})
    assert done.status_code == 302 and not user("tiwos-bevrager").is_active
    early = client.post(url, {"rond_af": "1"})
    assert early.status_code == 200
    assert "Beoordeel eerst iedere medewerker" in early.content.decode()
    client.post(url, {"regel": regel(toets, "tiwos-directie").pk, "oordeel": "bevestigd"})
    assert client.post(url, {"rond_af": "1"}).status_code == 302
    toets.refresh_from_db()
    assert toets.state == "afgerond"
    listing = client.get("/medewerker/toegangstoetsen").content.decode()
    assert "Afgerond" in listing


def test_the_directie_is_never_offered_to_withdraw_their_own_access(toets):
    page = staff_client("tiwos-directie").get(f"/medewerker/toegangstoetsen/{toets.pk}")
    html = page.content.decode()
    assert html.count('value="ingetrokken"') == 2  # the bevrager and the functionaris only


@pytest.mark.parametrize("who", ["tbv-directie", "tiwos-functionaris", "tiwos-bevrager"])
def test_other_staff_cannot_see_or_judge_the_review(toets, who):
    client = staff_client(who)
    url = f"/medewerker/toegangstoetsen/{toets.pk}"
    assert client.get(url).status_code == 404
    target = regel(toets, "tiwos-bevrager")
    posted = client.post(url, {"regel": target.pk, "oordeel": "ingetrokken", "bevestigd": "1"})
    assert posted.status_code == 404
    target.refresh_from_db()
    assert target.oordeel == "open" and user("tiwos-bevrager").is_active


def test_the_privacy_officer_reads_every_review_but_judges_only_the_regions_own(toets):
    client = staff_client("wiz-privacy_officer")
    url = f"/medewerker/toegangstoetsen/{toets.pk}"
    html = client.get(url).content.decode()
    assert "tiwos-bevrager@demo.woninginzicht.nl" in html and "Rond de toets af" not in html
    refused = client.post(url, {"regel": regel(toets, "tiwos-bevrager").pk, "oordeel": "bevestigd"})
    assert refused.status_code == 403 and "Deze stap mag u niet zetten" in refused.content.decode()
    assert set(toets.regels.values_list("oordeel", flat=True)) == {Oordeel.OPEN}
    eigen = Toegangstoets.objects.get(deelnemer__isnull=True)
    eigen_page = client.get(f"/medewerker/toegangstoetsen/{eigen.pk}").content.decode()
    assert "Rond de toets af" in eigen_page


@pytest.mark.parametrize(
    "data",
    [
        {"regel": "x" * 5000, "oordeel": "bevestigd"},
        {"regel": "1\x00", "oordeel": "bevestigd"},
        {"regel": "99999999999999999999", "oordeel": "bevestigd"},
        {"regel": "", "oordeel": "ingetrokken", "bevestigd": "1"},
        {"oordeel": "misschien"},
        {"oordeel": "\x00" * 10},
        {},
    ],
)
def test_odd_input_gives_an_error_and_writes_nothing(toets, data):
    client = staff_client("tiwos-directie")
    response = client.post(f"/medewerker/toegangstoetsen/{toets.pk}", data)
    assert response.status_code in (200, 400, 404)
    if response.status_code == 200:
        assert "Dit lukte niet" in response.content.decode()
    assert set(toets.regels.values_list("oordeel", flat=True)) == {Oordeel.OPEN}


def test_an_id_from_another_review_is_not_found(toets):
    other = Toegangstoets.objects.get(deelnemer__code="tbv")
    client = staff_client("tiwos-directie")
    response = client.post(
        f"/medewerker/toegangstoetsen/{toets.pk}",
        {"regel": regel(other, "tbv-bevrager").pk, "oordeel": "ingetrokken", "bevestigd": "1"},
    )
    assert response.status_code == 200 and "staat niet in de toets" in response.content.decode()
    assert user("tbv-bevrager").is_active
    assert client.get(f"/medewerker/toegangstoetsen/{other.pk}").status_code == 404


def test_a_withdrawal_ends_a_session_that_is_open(toets):
    bevrager = staff_client("tiwos-bevrager")
    assert bevrager.get("/medewerker").status_code == 200
    staff_client("tiwos-directie").post(
        f"/medewerker/toegangstoetsen/{toets.pk}",
        {"regel": regel(toets, "tiwos-bevrager").pk, "oordeel": "ingetrokken", "bevestigd": "1"},
    )
    after = bevrager.get("/medewerker")
    assert after.status_code == 302 and "inloggen" in after["Location"]
