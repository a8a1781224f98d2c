"""Issue 12, ch. 20 "Uitsluiting deelname" driven through time: the participants' decision to
exclude temporarily suspends the authorisations and starts the improvement-plan term; the
corporation is reminded; when the term passes the region is asked to decide (the corporation is
still only suspended); the definitive decision withdraws the accounts and ends the signaleringen,
each person told. The other branch: the plan accepted restores the participation and meets the
term. ADR 0011."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model

from notifications.models import OutboxMessage
from states.access import actor_for
from states.models import Deadline, Deelnamebesluit, Deelnemer, UitsluitingDeelname
from states.models.signalering import Eindreden
from states.policy import PolicyError
from states.roles import NotAllowed, NotPossible
from states.services import enforcement, herinneringen
from states.services import uitsluiting_deelname as service
from states.services.deelname import wijzig_deelname
from states.services.matching import ACTIEF
from states.services.uitsluiting_deelname import Besluit
from tests.conftest import actor, user

pytestmark = pytest.mark.django_db
SWV = "wiz-medewerker_swv"
BESLUIT = Besluit(date(2026, 11, 20), "ALV-2026-07", "Signaleringen zonder vastgelegde grond.")
# Recorded Monday 23 November 2026: six weeks (our default, ADR 0011) end Monday 4 January 2027.
LAST_DAY = date(2027, 1, 4)
REMINDER = datetime.fromisoformat("2026-12-28T07:00:00+01:00")  # a week before the target
PAST_DUE = datetime.fromisoformat("2027-01-05T00:05:00+01:00")
DEFINITIEF = Besluit(date(2027, 1, 8), "ALV-2027-01", "Geen verbeterplan voorgelegd.")


def ontvangers(template: str, case_type: str = "deelname_uitsluiting") -> set[str]:
    rows = OutboxMessage.objects.filter(template=template, case_type=case_type)
    return set(rows.values_list("to_email", flat=True))


def tiwos_staf() -> set[str]:
    return {f"tiwos-{r}@demo.woninginzicht.nl" for r in ("directie", "functionaris", "bevrager")}


def termijn(case: UitsluitingDeelname) -> Deadline:
    return Deadline.objects.get(case_type=case.CASE_TYPE, case_id=case.pk)


def test_ch20_missed_plan_term_prompts_the_region_then_the_definitive_decision_ends_it(
    make_signalering, betrokkene, tiwos, now
):
    sig = make_signalering("tiwos")
    betrokkene(sig)
    case = service.sluit_tijdelijk_uit(actor(SWV), tiwos.pk, BESLUIT, now)

    tiwos.refresh_from_db()
    assert tiwos.status == Deelnemer.Status.OPGESCHORT
    with pytest.raises(NotAllowed):  # ch. 20 para 2: authorisations suspended at once
        actor_for(user("tiwos-functionaris"))
    assert user("tiwos-functionaris").is_active  # suspended, not withdrawn
    deadline = termijn(case)
    assert (deadline.kind, deadline.status, deadline.last_day) == (
        "deelname_verbeterplan",
        "open",
        LAST_DAY,
    )
    assert ontvangers("deelname_tijdelijk") == tiwos_staf()
    told = OutboxMessage.objects.filter(template="deelname_tijdelijk").first()
    assert told.context["uiterlijk"] == "2027-01-04" and told.context["kenmerk"] == "ALV-2026-07"

    herinneringen.remind(REMINDER)
    assert ontvangers("herinnering") == {
        "tiwos-directie@demo.woninginzicht.nl",
        "wiz-medewerker_swv@demo.woninginzicht.nl",
    }  # the corporation that owes the plan and the region; no other corporation
    with pytest.raises(NotPossible, match="loopt nog"):  # not while the term runs
        service.sluit_definitief_uit(actor(SWV), case.pk, BESLUIT, REMINDER)

    assert enforcement.enforce(PAST_DUE).escalated == 1
    assert termijn(case).status == "missed"
    assert ontvangers("deelname_besluit_gevraagd") == {
        "wiz-medewerker_swv@demo.woninginzicht.nl",
        "wiz-privacy_officer@demo.woninginzicht.nl",
    }
    tiwos.refresh_from_db()
    sig.refresh_from_db()
    assert tiwos.status == Deelnemer.Status.OPGESCHORT  # never excluded by the clock
    assert sig.state in ACTIEF and user("tiwos-directie").is_active
    assert enforcement.enforce(PAST_DUE).escalated == 0  # prompted once

    decided = datetime.fromisoformat("2027-01-08T10:00:00+01:00")
    before = OutboxMessage.objects.filter(case_type="signalering", case_id=sig.pk).count()
    service.sluit_definitief_uit(actor(SWV), case.pk, DEFINITIEF, decided)

    case.refresh_from_db()
    tiwos.refresh_from_db()
    sig.refresh_from_db()
    assert case.state == "definitief" and tiwos.status == Deelnemer.Status.UITGESLOTEN
    accounts = get_user_model().objects.filter(medewerker__deelnemer=tiwos)
    assert not accounts.filter(is_active=True).exists()  # withdrawn
    assert sig.eindreden == Eindreden.DEELNEMER_UITGETREDEN  # ended
    assert OutboxMessage.objects.filter(case_type="signalering", case_id=sig.pk).count() > before
    assert ontvangers("deelname_definitief") == tiwos_staf()  # told before the accounts closed
    assert list(tiwos.besluiten.order_by("pk").values_list("soort", "kenmerk")) == [
        ("tijdelijk", "ALV-2026-07"),
        ("definitief", "ALV-2027-01"),
    ]


def test_ch20_plan_accepted_restores_participation_and_meets_the_term(tiwos, now):
    case = service.sluit_tijdelijk_uit(actor(SWV), tiwos.pk, BESLUIT, now)
    accepted = datetime.fromisoformat("2026-12-15T11:00:00+01:00")
    plan = Besluit(date(2026, 12, 14), "", "Plan met vier-ogencontrole op elke registratie.")
    service.aanvaard_verbeterplan(actor(SWV), case.pk, plan, accepted)

    case.refresh_from_db()
    tiwos.refresh_from_db()
    assert case.state == "opgeheven" and tiwos.status == Deelnemer.Status.ACTIEF
    assert actor_for(user("tiwos-functionaris")).deelnemer_id == tiwos.pk
    deadline = termijn(case)
    assert deadline.status == "met" and not deadline.met_late
    assert ontvangers("deelname_plan_aanvaard") == tiwos_staf()
    assert list(tiwos.besluiten.order_by("pk").values_list("soort", flat=True)) == [
        "tijdelijk",
        "plan_aanvaard",
    ]
    assert enforcement.enforce(PAST_DUE).escalated == 0


def test_ch20_a_plan_accepted_after_the_prompt_still_restores(tiwos, now):
    case = service.sluit_tijdelijk_uit(actor(SWV), tiwos.pk, BESLUIT, now)
    enforcement.enforce(PAST_DUE)
    plan = Besluit(date(2027, 1, 6), "ALV-2027-02", "Plan alsnog afdoende bevonden.")
    service.aanvaard_verbeterplan(actor(SWV), case.pk, plan, PAST_DUE.replace(day=6))
    tiwos.refresh_from_db()
    assert tiwos.status == Deelnemer.Status.ACTIEF
    assert termijn(case).status == "missed"  # it was missed; the record says so


@pytest.mark.parametrize(
    ("wie", "waarom"),
    [
        ("tiwos-functionaris", "the excluded corporation itself"),
        ("tbv-directie", "another corporation"),
        ("wiz-privacy_officer", "oversees; the samenwerkingsverband records (ch. 20)"),
    ],
)
def test_ch20_only_the_regions_staff_record_the_decisions(tiwos, now, wie, waarom):
    with pytest.raises(NotAllowed):
        service.sluit_tijdelijk_uit(actor(wie), tiwos.pk, BESLUIT, now)
    tiwos.refresh_from_db()
    assert tiwos.status == Deelnemer.Status.ACTIEF
    assert not UitsluitingDeelname.objects.exists() and not Deelnamebesluit.objects.exists()


@pytest.mark.parametrize(
    ("besluit", "veld"),
    [
        (Besluit(date(2026, 11, 24), "K-1", "Redenen."), "besloten_op"),  # tomorrow
        (Besluit(date(1999, 12, 31), "K-1", "Redenen."), "besloten_op"),
        (Besluit(date(2026, 11, 20), "", "Redenen."), "kenmerk"),
        (Besluit(date(2026, 11, 20), "K-1", "   "), "redenen"),
        (Besluit(date(2026, 11, 20), "K-1", "x" * 5001), "redenen"),
        (Besluit(date(2026, 11, 20), "K\x00", "Redenen."), "kenmerk"),
        (Besluit(date(2026, 11, 20), "K-1", "Rede\x00nen."), "redenen"),
        (Besluit(date(2026, 11, 20), "K" * 101, "Redenen."), "kenmerk"),
    ],
)
def test_ch20_a_decision_without_date_reference_or_reasons_is_refused(tiwos, now, besluit, veld):
    with pytest.raises(PolicyError) as refused:
        service.sluit_tijdelijk_uit(actor(SWV), tiwos.pk, besluit, now)
    assert veld in refused.value.errors
    tiwos.refresh_from_db()
    assert tiwos.status == Deelnemer.Status.ACTIEF and not Deelnamebesluit.objects.exists()


def test_ch20_one_exclusion_at_a_time_and_no_way_around_the_decisions(api, tiwos, now):
    case = service.sluit_tijdelijk_uit(actor(SWV), tiwos.pk, BESLUIT, now)
    with pytest.raises(NotPossible, match="loopt al"):
        service.sluit_tijdelijk_uit(actor(SWV), tiwos.pk, BESLUIT, now)
    with pytest.raises(NotPossible, match="verbeterplan"):  # reactivation is the plan's decision
        wijzig_deelname(actor(SWV), tiwos.pk, Deelnemer.Status.ACTIEF, now)
    swv = api(SWV)
    assert swv.post("/api/v1/deelnemers/tiwos/transitions/heractiveren").status_code == 409
    assert swv.post("/api/v1/deelnemers/tiwos/transitions/uitsluiten").status_code == 409
    with pytest.raises(PolicyError):  # a plan accepted before the exclusion was decided
        service.aanvaard_verbeterplan(
            actor(SWV), case.pk, Besluit(date(2026, 11, 19), "", "Te vroeg."), now
        )
    with pytest.raises(PolicyError):  # the definitive decision must follow the term
        service.sluit_definitief_uit(actor(SWV), case.pk, Besluit(LAST_DAY, "K", "R"), PAST_DUE)
    tiwos.refresh_from_db()
    assert tiwos.status == Deelnemer.Status.OPGESCHORT
    assert Deelnamebesluit.objects.filter(deelnemer=tiwos).count() == 1


def test_ch17_leaving_while_excluded_ends_the_exclusion_and_its_term(tiwos, now):
    case = service.sluit_tijdelijk_uit(actor(SWV), tiwos.pk, BESLUIT, now)
    wijzig_deelname(actor(SWV), tiwos.pk, Deelnemer.Status.UITGETREDEN, now)
    case.refresh_from_db()
    assert case.state == "vervallen" and termijn(case).status == "cancelled"
    assert enforcement.enforce(PAST_DUE).escalated == 0


def test_ch20_a_suspension_without_a_recorded_decision_can_get_one(tiwos, now):
    """A suspension set before decisions were recorded (the API's opschorten) gets its
    decision and term afterwards, without a second status change."""
    wijzig_deelname(actor(SWV), tiwos.pk, Deelnemer.Status.OPGESCHORT, now)
    case = service.sluit_tijdelijk_uit(actor(SWV), tiwos.pk, BESLUIT, now)
    assert termijn(case).status == "open"
    assert tiwos.history.filter(status="opgeschort").count() == 1


def test_ch21_the_yearly_report_lists_the_decisions_and_the_missed_plan_term(tiwos, now):
    """The report of 2026 names the temporary exclusion; 2027's the missed term and the
    definitive exclusion, in TIWOS's own report too (ch. 17, 20, 21)."""
    from states.jaarverslag import Bereik, maak

    case = service.sluit_tijdelijk_uit(actor(SWV), tiwos.pk, BESLUIT, now)
    enforcement.enforce(PAST_DUE)
    service.sluit_definitief_uit(
        actor(SWV), case.pk, DEFINITIEF, datetime.fromisoformat("2027-01-08T10:00:00+01:00")
    )
    later = datetime.fromisoformat("2027-02-01T12:00:00+01:00")
    swv = tiwos.samenwerkingsverband_id
    rijen_2026 = maak(Bereik(swv, 2026), later).tabel("deelname").rijen
    assert [(r[0], r[1], r[2], r[3]) for r in rijen_2026] == [
        (date(2026, 11, 20), tiwos.naam, "Tijdelijk uitgesloten", "ALV-2026-07")
    ]
    verslag = maak(Bereik(swv, 2027, tiwos.pk), later)
    assert [r[2] for r in verslag.tabel("deelname").rijen] == ["Definitief uitgesloten"]
    termijnen = verslag.tabel("termijnen")
    label = Deadline._meta.get_field("kind").choices
    kind = dict(label)["deelname_verbeterplan"]
    assert termijnen.waarde(kind, "Verstreken") == 1
