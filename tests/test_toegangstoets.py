"""Issue 12, ch. 14.1 "Toegangsrechten worden regelmatig getoetst": the half-yearly access
review driven through time — opened by the flow, reminded, judged, finished, and when missed,
escalated with its effect applied: whoever was not confirmed loses access."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model

from notifications.models import OutboxMessage
from states.access import actor_for
from states.models import Deadline, Oordeel, Toegangstoets
from states.roles import NotAllowed, NotPossible
from states.services import enforcement, herinneringen
from states.services import toegangstoets as service
from tests.conftest import actor, user
from workflows import jobs

pytestmark = pytest.mark.django_db

OPENING = datetime.fromisoformat("2027-01-01T07:15:00+01:00")  # Friday, New Year's Day
# Four weeks from Friday 1 January 2027 end on Friday 29 January (Algemene termijnenwet).
LAST_DAY = date(2027, 1, 29)
PAST_DUE = datetime.fromisoformat("2027-01-30T00:05:00+01:00")


def toets_van(code: str | None) -> Toegangstoets:
    return Toegangstoets.objects.get(deelnemer__code=code) if code else (
        Toegangstoets.objects.get(deelnemer__isnull=True)
    )  # fmt: skip


def regel_van(toets: Toegangstoets, username: str):
    return toets.regels.get(medewerker__user__username=username)


def judge(toets: Toegangstoets, by: str, oordelen: dict[str, str], now: datetime) -> None:
    for username, oordeel in oordelen.items():
        service.beoordeel(actor(by), toets.pk, regel_van(toets, username).pk, oordeel, now)


def test_the_flow_opens_one_review_per_corporation_and_one_for_the_region_once(region):
    assert jobs.JOBS["open-periodic-reviews"](OPENING)["toegangstoetsen"] == 6
    assert jobs.JOBS["open-periodic-reviews"](OPENING)["toegangstoetsen"] == 0  # idempotent
    tiwos = toets_van("tiwos")
    assert tiwos.periode == "2027-1" and tiwos.state == "open"
    assert sorted(tiwos.regels.values_list("medewerker__user__username", flat=True)) == [
        "tiwos-bevrager",
        "tiwos-directie",
        "tiwos-functionaris",
    ]
    regio = toets_van(None)
    assert "wiz-privacy_officer" in regio.regels.values_list(
        "medewerker__user__username", flat=True
    )
    [termijn] = Deadline.objects.filter(case_type="toegangstoets", case_id=tiwos.pk)
    assert termijn.kind == "toegangstoets" and termijn.last_day == LAST_DAY
    told = OutboxMessage.objects.filter(template="toegangstoets_geopend", case_id=tiwos.pk)
    assert list(told.values_list("to_email", flat=True)) == ["tiwos-directie@demo.woninginzicht.nl"]
    assert told.get().context["uiterlijk"] == "2027-01-29" and told.get().context["aantal"] == 3
    region_told = OutboxMessage.objects.filter(template="toegangstoets_geopend", case_id=regio.pk)
    assert list(region_told.values_list("to_email", flat=True)) == [
        "wiz-privacy_officer@demo.woninginzicht.nl"
    ]
    # Half a year on, the next review opens; the first stays as it was.
    juli = datetime.fromisoformat("2027-07-01T08:00+02:00")
    assert jobs.JOBS["open-periodic-reviews"](juli)["toegangstoetsen"] == 6


def test_the_reviewer_is_reminded_before_the_target(region):
    service.open_toetsen(OPENING)
    herinneringen.remind(datetime.fromisoformat("2027-01-27T07:00:00+01:00"))
    tiwos = toets_van("tiwos")
    reminded = OutboxMessage.objects.filter(template="herinnering", case_type="toegangstoets")
    assert set(reminded.filter(case_id=tiwos.pk).values_list("to_email", flat=True)) == {
        "tiwos-directie@demo.woninginzicht.nl"
    }


def test_a_withdrawal_takes_effect_at_once_and_finishing_meets_the_deadline(region):
    service.open_toetsen(OPENING)
    toets = toets_van("tiwos")
    later = datetime.fromisoformat("2027-01-12T10:00:00+01:00")
    judge(toets, "tiwos-directie", {"tiwos-bevrager": Oordeel.INGETROKKEN}, later)
    with pytest.raises(NotAllowed):  # ch. 14.1, 17: the bevrager's access ended at once
        actor_for(get_user_model().objects.get(username="tiwos-bevrager"))
    with pytest.raises(NotPossible, match="Beoordeel eerst iedere medewerker"):
        service.rond_af(actor("tiwos-directie"), toets.pk, later)
    judge(
        toets,
        "tiwos-directie",
        {"tiwos-directie": Oordeel.BEVESTIGD, "tiwos-functionaris": Oordeel.BEVESTIGD},
        later,
    )
    service.rond_af(actor("tiwos-directie"), toets.pk, later)
    toets.refresh_from_db()
    assert toets.state == "afgerond" and toets.afgerond_op == later
    termijn = Deadline.objects.get(case_type="toegangstoets", case_id=toets.pk)
    assert termijn.status == "met" and not termijn.met_late
    assert user("tiwos-functionaris").is_active
    assert enforcement.enforce(PAST_DUE).escalated == 5  # the other five, not this one


@pytest.mark.parametrize(
    ("by", "why"),
    [
        ("tbv-directie", "another corporation's directie"),
        ("tiwos-functionaris", "not the directie"),
        ("wiz-privacy_officer", "oversees, does not judge a corporation's staff"),
    ],
)
def test_only_the_corporations_directie_judges_its_staff_ch14(region, by, why):
    service.open_toetsen(OPENING)
    toets = toets_van("tiwos")
    regel = regel_van(toets, "tiwos-bevrager")
    with pytest.raises(NotAllowed):
        service.beoordeel(actor(by), toets.pk, regel.pk, Oordeel.INGETROKKEN, OPENING)
    regel.refresh_from_db()
    assert regel.oordeel == "open" and user("tiwos-bevrager").is_active


def test_no_one_withdraws_their_own_access_and_bad_input_writes_nothing(region):
    service.open_toetsen(OPENING)
    toets = toets_van("tiwos")
    own = regel_van(toets, "tiwos-directie")
    with pytest.raises(NotPossible, match="eigen toegang"):
        service.beoordeel(actor("tiwos-directie"), toets.pk, own.pk, Oordeel.INGETROKKEN, OPENING)
    with pytest.raises(NotPossible):
        service.beoordeel(actor("tiwos-directie"), toets.pk, own.pk, "misschien", OPENING)
    other = regel_van(toets_van("tbv"), "tbv-bevrager")  # an id from another review
    with pytest.raises(LookupError):
        service.beoordeel(actor("tiwos-directie"), toets.pk, other.pk, Oordeel.BEVESTIGD, OPENING)
    assert set(toets.regels.values_list("oordeel", flat=True)) == {"open"}
    assert user("tiwos-directie").is_active and user("tbv-bevrager").is_active


def test_missed_review_escalates_and_the_unconfirmed_lose_access_ch14(region):
    service.open_toetsen(OPENING)
    toets = toets_van("tiwos")
    judge(toets, "tiwos-directie", {"tiwos-functionaris": Oordeel.BEVESTIGD}, OPENING)
    regio = toets_van(None)
    judge(regio, "wiz-privacy_officer", {"wiz-privacy_officer": Oordeel.BEVESTIGD}, OPENING)
    just_before = datetime.fromisoformat("2027-01-29T23:55:00+01:00")
    assert enforcement.enforce(just_before).escalated == 0
    report = enforcement.enforce(PAST_DUE)
    assert report.escalated == 6 and report.failed == 0
    toets.refresh_from_db()
    assert toets.state == "verlopen"
    assert user("tiwos-functionaris").is_active  # confirmed: keeps access
    assert not user("tiwos-bevrager").is_active and not user("tiwos-directie").is_active
    assert not user("wiz-medewerker_swv").is_active  # the region's own review was missed too
    told = OutboxMessage.objects.filter(template="toegangstoets_verlopen", case_id=toets.pk)
    assert set(told.values_list("to_email", flat=True)) == {
        "tiwos-directie@demo.woninginzicht.nl",
        "wiz-privacy_officer@demo.woninginzicht.nl",
    }
    assert told.first().context["ingetrokken"] == 2
    # The region's own review lapsed too: its privacy officer, confirmed, keeps access and is
    # told; whoever was not confirmed there lost it.
    assert user("wiz-privacy_officer").is_active
    regio_told = OutboxMessage.objects.filter(template="toegangstoets_verlopen", case_id=regio.pk)
    assert list(regio_told.values_list("to_email", flat=True)) == [
        "wiz-privacy_officer@demo.woninginzicht.nl"
    ]
    termijn = Deadline.objects.get(case_type="toegangstoets", case_id=toets.pk)
    assert termijn.status == "missed"
    assert enforcement.enforce(PAST_DUE).escalated == 0  # once
