"""Property: whatever sequence of transitions is tried, at whatever moments, a case always has
exactly the deadlines its state requires — never one missing, never a stale one left open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from states.models import Datalek, Deadline, Geschil, Klacht, Verzoek
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, NotPossible
from states.services import datalek, geschil, klacht, verzoek
from states.services.intake import Indiening
from tests.conftest import actor

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STEPS = st.lists(st.tuples(st.integers(0, 9), st.integers(0, 15)), max_size=8)


def assert_deadlines_match_state(case) -> None:
    case.refresh_from_db()
    live = Deadline.objects.filter(case_type=case.CASE_TYPE, case_id=case.pk, closed_at=None)
    assert sorted(d.kind for d in live) == sorted(case.required_deadlines()), case.state
    assert not Deadline.objects.filter(
        case_type=case.CASE_TYPE, case_id=case.pk, status="open", closed_at__isnull=False
    ).exists()


def replay(case, operations, steps, now) -> None:
    assert_deadlines_match_state(case)
    for op_index, days in steps:
        now += timedelta(days=days)
        try:
            operations[op_index % len(operations)](case.pk, now)
        except (NotPossible, PolicyError, NotAllowed):
            pass  # refused: the case must be exactly as before
        assert_deadlines_match_state(case)


def behandelaar() -> Actor:
    return actor("wiz-privacy_officer")


@SETTINGS
@given(steps=STEPS)
def test_verzoek_deadlines_follow_its_state(make_signalering, now, steps):
    sig = make_signalering()
    case = verzoek.dien_in(
        behandelaar(), "inzage", Indiening(naam="J. Zwartkruis", signalering_id=sig.pk), now
    )
    a = behandelaar()
    operations = [
        lambda pk, t: verzoek.neem_in_behandeling(a, pk, t),
        lambda pk, t: verzoek.beslis(a, pk, "toegewezen", "", t),
        lambda pk, t: verzoek.beslis(a, pk, "deels", "Deels.", t),
        lambda pk, t: verzoek.beslis(a, pk, "afgewezen", "Nee.", t),
        lambda pk, t: verzoek.voer_uit(a, pk, t),
        lambda pk, t: verzoek.sluit(a, pk, t),
        lambda pk, t: verzoek.trek_in(a, pk, t),
        lambda pk, t: verzoek.verleng(a, pk, "Complex.", t),
        lambda pk, t: verzoek.beslis(actor("tiwos-bevrager"), pk, "toegewezen", "", t),
        lambda pk, t: verzoek.neem_in_behandeling(actor("tbv-functionaris"), pk, t),
    ]
    replay(case, operations, steps, now)
    assert Verzoek.objects.filter(pk=case.pk).exists()


@SETTINGS
@given(steps=STEPS)
def test_klacht_deadlines_follow_its_state(make_signalering, now, steps):
    sig = make_signalering()
    case = klacht.dien_in(
        behandelaar(),
        "a",
        "Onrechtmatig.",
        Indiening(naam="J. Zwartkruis", signalering_id=sig.pk),
        now,
    )
    d, f = actor("tiwos-directie"), actor("tiwos-functionaris")
    auto = Actor.automaat(case.samenwerkingsverband_id)
    operations = [
        lambda pk, t: klacht.bevestig(d, pk, t),
        lambda pk, t: klacht.neem_in_behandeling(d, pk, t),
        lambda pk, t: klacht.verklaar(
            d, pk, True, "Terecht.", t, adres_gehuurde_woning="Kerkstraat 1, Tilburg"
        ),
        lambda pk, t: klacht.verklaar(
            d, pk, False, "Onterecht.", t, adres_gehuurde_woning="Kerkstraat 1, Tilburg"
        ),
        lambda pk, t: klacht.verstrijk(auto, pk, t),
        lambda pk, t: klacht.herstel(f, pk, "informatie", t),
        lambda pk, t: klacht.sluit(d, pk, t),
        lambda pk, t: klacht.verklaar(
            f, pk, True, "Niet mijn besluit.", t, adres_gehuurde_woning="Kerkstraat 1, Tilburg"
        ),
        lambda pk, t: klacht.verklaar(
            actor("tbv-directie"),
            pk,
            False,
            "Andere corporatie.",
            t,
            adres_gehuurde_woning="Kerkstraat 1, Tilburg",
        ),
        lambda pk, t: klacht.bevestig(actor("tiwos-bevrager"), pk, t),
    ]
    replay(case, operations, steps, now)
    assert Klacht.objects.filter(pk=case.pk).exists()


@SETTINGS
@given(steps=STEPS)
def test_geschil_deadlines_follow_its_state(make_signalering, now, steps):
    sig = make_signalering()
    k = klacht.dien_in(
        behandelaar(),
        "a",
        "Onrechtmatig.",
        Indiening(naam="J. Zwartkruis", signalering_id=sig.pk),
        now,
    )
    klacht.verklaar(
        actor("tiwos-directie"),
        k.pk,
        False,
        "Onterecht.",
        now,
        adres_gehuurde_woning="Kerkstraat 1, Tilburg",
    )
    s = actor("wiz-secretaris_gc")
    case = geschil.dien_in(s, k.pk, "Onbillijk.", Indiening(naam="J. Zwartkruis"), now)
    f = actor("tiwos-functionaris")
    operations = [
        lambda pk, t: geschil.neem_in_behandeling(s, pk, t),
        lambda pk, t: geschil.adviseer(s, pk, True, "Gegrond.", t),
        lambda pk, t: geschil.adviseer(s, pk, False, "Ongegrond.", t),
        lambda pk, t: geschil.herstel(f, pk, "informatie", t),
        lambda pk, t: geschil.sluit(s, pk, t),
        lambda pk, t: geschil.verwijs_door(s, pk, t),
        lambda pk, t: geschil.adviseer(f, pk, True, "Niet de commissie.", t),
        lambda pk, t: geschil.herstel(actor("tbv-functionaris"), pk, "informatie", t),
        lambda pk, t: geschil.neem_in_behandeling(actor("tiwos-directie"), pk, t),
        lambda pk, t: geschil.sluit(f, pk, t),
    ]
    replay(case, operations, steps, now)
    assert Geschil.objects.filter(pk=case.pk).exists()


@SETTINGS
@given(steps=STEPS)
def test_datalek_deadlines_follow_its_state(region, now, steps):
    p = behandelaar()
    case = datalek.meld(actor("tiwos-functionaris"), "Lijst gemaild.", now, now)
    operations = [
        lambda pk, t: datalek.beoordeel(p, pk, "Risico laag.", t),
        lambda pk, t: datalek.meld_ap(p, pk, "AP-1", t),
        lambda pk, t: datalek.niet_meldplichtig(p, pk, "Versleuteld.", t),
        lambda pk, t: datalek.sluit(p, pk, t),
        lambda pk, t: datalek.meld_ap(actor("tiwos-functionaris"), pk, "AP-2", t),
    ]
    replay(case, operations, steps, now)
    assert Datalek.objects.filter(pk=case.pk).exists()
