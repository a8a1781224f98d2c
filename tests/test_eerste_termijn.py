"""Issue 11, target 3: each case carries its earliest open deadline, and each deadline its case's
region and corporation, kept by the database in the statement that changes them (migration 0015)
— whichever code path writes: a service, the enforcement batch's bulk UPDATE, a purge. The lists
and the deadline page read these instead of a subquery per case; here they are checked against
the deadlines themselves."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.db import connection

from portal.api.case_views import RESOURCES, visible
from portal.web.termijnen import RESOURCE_OF, ROLLEN, _zichtbaar
from states.models import Deadline, Deelnemer, Klacht, Verzoek
from states.services import deadlines, enforcement
from states.services import klacht as klacht_service
from states.services import verzoek as verzoek_service
from states.services.intake import Indiening
from tests.conftest import actor, later, staff_client
from tests.test_enforcement_load import due_requests

pytestmark = pytest.mark.django_db


def assert_summary(case) -> None:
    """The case row's summary equals its earliest pending deadline (open, or missed and not yet
    fulfilled), read independently."""
    row = (
        type(case).objects.values("termijn_due", "termijn_kind", "termijn_last_day").get(pk=case.pk)
    )
    first = (
        Deadline.objects.filter(
            case_type=case.CASE_TYPE,
            case_id=case.pk,
            status__in=("open", "missed"),
            closed_at__isnull=True,
        )
        .order_by("due_at", "pk")
        .first()
    )
    expected = (
        {
            "termijn_due": first.due_at,
            "termijn_kind": first.kind,
            "termijn_last_day": first.last_day,
        }
        if first
        else {"termijn_due": None, "termijn_kind": "", "termijn_last_day": None}
    )
    assert row == expected


def verzoek(sig, now, soort: str = "inzage") -> Verzoek:
    filing = Indiening(naam="Mr. A. Advocaat", kanaal="brief", signalering_id=sig.pk)
    filing.ontvangen_op = now
    return verzoek_service.dien_in(actor("wiz-privacy_officer"), soort, filing, now)


def test_ch15_a_request_carries_its_deadline_through_extension_decision_and_escalation(
    make_signalering, now
):
    case = verzoek(make_signalering(), now, "wissing")
    assert_summary(case)
    assert Verzoek.objects.get(pk=case.pk).termijn_kind == "verzoek_beslissen"
    before = Verzoek.objects.get(pk=case.pk).termijn_due
    verzoek_service.verleng(
        actor("tiwos-functionaris"), case.pk, "Veel stukken.", later(now, days=1)
    )
    assert Verzoek.objects.get(pk=case.pk).termijn_due > before  # art. 12(3): the clock moved
    assert_summary(case)
    verzoek_service.beslis(
        actor("tiwos-functionaris"), case.pk, "deels", "Deels.", later(now, days=2)
    )
    assert Verzoek.objects.get(pk=case.pk).termijn_kind == "verzoek_uitvoeren"
    assert_summary(case)
    # The two weeks pass: the enforcement batch escalates in one bulk UPDATE.
    enforcement.enforce(later(now, weeks=8), batch_size=200)
    assert Deadline.objects.get(case_id=case.pk, kind="verzoek_uitvoeren").status == "missed"
    assert_summary(case)  # still overdue in the lists: escalated is not fulfilled
    assert Verzoek.objects.get(pk=case.pk).termijn_kind == "verzoek_uitvoeren"
    verzoek_service.voer_uit(actor("tiwos-functionaris"), case.pk, later(now, weeks=9))
    assert Verzoek.objects.get(pk=case.pk).termijn_due is None
    assert_summary(case)


def test_ch16_a_complaint_with_two_open_deadlines_shows_the_earlier(make_signalering, now):
    sig = make_signalering("tiwos", "geregistreerd")
    filing = Indiening(naam="J. Z.", kanaal="brief", signalering_id=sig.pk, ontvangen_op=now)
    case = klacht_service.dien_in(actor("wiz-privacy_officer"), "a", "Ten onrechte.", filing, now)
    open_kinds = set(
        Deadline.objects.filter(case_type="klacht", case_id=case.pk, status="open").values_list(
            "kind", flat=True
        )
    )
    assert {"klacht_bevestigen", "klacht_reageren"} <= open_kinds
    assert Klacht.objects.get(pk=case.pk).termijn_kind == "klacht_bevestigen"
    assert_summary(case)


def test_a_stale_save_of_the_case_cannot_overwrite_its_deadline(make_signalering, now):
    case = verzoek(make_signalering(), now)
    stale = Verzoek.objects.get(pk=case.pk)
    deadlines.extend(Verzoek.objects.get(pk=case.pk), "verzoek_beslissen", 1, "Druk.", now)
    stale.toelichting = "Aangevuld."
    stale.save()  # carries the old termijn_due in memory
    assert_summary(case)


def test_a_purge_that_deletes_the_deadlines_empties_the_summary(make_signalering, now):
    case = verzoek(make_signalering(), now)
    Deadline.objects.filter(case_type="verzoek", case_id=case.pk).delete()
    assert_summary(case)


def test_deadlines_follow_their_case_to_another_corporation(region, now):
    [pk] = due_requests(region, 1, now + timedelta(days=3))
    deadline = Deadline.objects.get(case_type="verzoek", case_id=pk)
    assert deadline.samenwerkingsverband_id == region.pk
    assert deadline.primaire_bron == Deelnemer.objects.get(code="tiwos")
    # A request without a linked code, later linked to another corporation's signalering.
    Verzoek.objects.filter(pk=pk).update(primaire_bron=None)
    assert Deadline.objects.get(pk=deadline.pk).primaire_bron_id is None
    Verzoek.objects.filter(pk=pk).update(primaire_bron=Deelnemer.objects.get(code="tbv"))
    assert Deadline.objects.get(pk=deadline.pk).primaire_bron.code == "tbv"


@pytest.mark.parametrize(
    "who",
    ["wiz-privacy_officer", "wiz-medewerker_swv", "tiwos-directie", "tiwos-functionaris",
     "tbv-functionaris"],
)  # fmt: skip
def test_the_deadline_page_sees_exactly_the_cases_the_api_lets_each_role_see(
    who, region, make_signalering, now
):
    due_requests(region, 3, now + timedelta(days=3))
    tbv = due_requests(region, 2, now + timedelta(days=4))
    Verzoek.objects.filter(pk__in=tbv).update(primaire_bron=Deelnemer.objects.get(code="tbv"))
    regio = due_requests(region, 1, now + timedelta(days=5))
    Verzoek.objects.filter(pk__in=regio).update(primaire_bron=None)
    verzoek(make_signalering("tbv"), now)
    who_ = actor(who)
    assert who_.rol in ROLLEN
    expected = set()
    for case_type, resource in RESOURCE_OF.items():
        ids = visible(RESOURCES[resource], who_).values("pk")
        expected |= set(
            Deadline.objects.filter(case_type=case_type, case_id__in=ids).values_list(
                "pk", flat=True
            )
        )
    seen = set(Deadline.objects.filter(_zichtbaar(who_)).values_list("pk", flat=True))
    assert seen == expected and seen


def test_the_application_cannot_write_the_summary(make_signalering, now):
    case = verzoek(make_signalering(), now)
    Verzoek.objects.filter(pk=case.pk).update(termijn_due=None, termijn_kind="geknoeid")
    assert_summary(case)


def test_the_migration_backfills_cases_and_deadlines_written_before_it(region, now):
    """Rows as they were before migration 0015 (no summaries): the backfill computes them."""
    backfill = importlib.import_module("states.migrations.0015_eerste_termijn").BACKFILL
    ids = due_requests(region, 3, now + timedelta(days=3))
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # as if no triggers yet
        try:
            cursor.execute("UPDATE states_verzoek SET termijn_due = NULL, termijn_kind = ''")
            cursor.execute("UPDATE states_deadline SET primaire_bron_id = NULL")
            assert Verzoek.objects.filter(termijn_due__isnull=False).count() == 0
            cursor.execute(backfill)
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    for pk in ids:
        assert_summary(Verzoek.objects.get(pk=pk))
    assert Deadline.objects.filter(case_id__in=ids, primaire_bron__code="tiwos").count() == 3


def test_an_escalated_request_stays_first_and_overdue_in_its_list(region, now):
    later_one = due_requests(region, 1, now + timedelta(weeks=2))
    [overdue] = due_requests(region, 1, now - timedelta(days=2))
    enforcement.enforce(now)
    assert Deadline.objects.get(case_type="verzoek", case_id=overdue).status == "missed"
    client = staff_client("wiz-privacy_officer")
    html = client.get("/medewerker/verzoeken").content.decode()
    assert html.index(f">Verzoek {overdue}<") < html.index(f">Verzoek {later_one[0]}<")
    verstreken = client.get("/medewerker/verzoeken?termijn=verstreken").content.decode()
    assert f">Verzoek {overdue}<" in verstreken and f">Verzoek {later_one[0]}<" not in verstreken
