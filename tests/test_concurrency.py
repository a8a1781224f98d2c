"""Two transitions on one signalering at the same moment: one wins, the other is refused."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from notifications.models import OutboxMessage
from states.models import Signalering
from states.roles import NotPossible
from states.services import signalering as service
from tests.conftest import actor


@pytest.mark.django_db(transaction=True)
def test_concurrent_endings_cannot_both_succeed(make_signalering, now):
    sig = make_signalering("tiwos", "geregistreerd")
    functionaris, swv = actor("tiwos-functionaris"), actor("wiz-medewerker_swv")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def end(who, reason):
        try:
            barrier.wait()
            service.beeindig(who, sig.pk, reason, now)
            outcomes.append("ok")
        except NotPossible:
            outcomes.append("409")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=end, args=(functionaris, "nieuwe_kans")),
        threading.Thread(target=end, args=(swv, "onjuist")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == ["409", "ok"]
    sig.refresh_from_db()
    assert sig.state == "beeindigd"
    assert OutboxMessage.objects.filter(case_id=sig.pk, template="verwijdering").count() == 1
    assert [h.state for h in Signalering.history.filter(id=sig.pk).order_by("history_id")] == [
        "concept",
        "geregistreerd",
        "beeindigd",
    ]


@pytest.mark.django_db(transaction=True)
def test_stale_instance_cannot_overwrite_a_newer_state(make_signalering, now):
    from django_fsm import ConcurrentTransition

    sig = make_signalering("tiwos", "geregistreerd")
    stale = Signalering.objects.get(pk=sig.pk)
    service.beeindig(actor("tiwos-functionaris"), sig.pk, "nieuwe_kans", now)
    stale.beeindig()
    with pytest.raises(ConcurrentTransition):
        stale.save()


def _twice_at_once(call) -> list:
    barrier = threading.Barrier(2)
    results: list = []

    def run():
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test compares
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_identical_requests_at_once_become_one_case_and_a_linked_repeat(make_signalering, now):
    from states.models import Verzoek
    from states.services import verzoek as verzoek_service
    from states.services.intake import Indiening

    sig = make_signalering("tiwos", "geregistreerd")
    filing = Indiening(naam="J. Z.", email="jz@example.org", signalering_id=sig.pk)
    _twice_at_once(
        lambda: verzoek_service.dien_in(actor("wiz-medewerker_swv"), "inzage", filing, now)
    )
    states = sorted(Verzoek.objects.values_list("state", flat=True))
    assert states == ["ontvangen", "samengevoegd"]


@pytest.mark.django_db(transaction=True)
def test_the_same_complaint_twice_at_once_is_one_complaint(make_signalering, now):
    from states.models import Klacht
    from states.services import klacht as klacht_service
    from states.services.intake import Indiening

    sig = make_signalering("tiwos", "geregistreerd")
    filing = Indiening(naam="J. Z.", email="jz@example.org", signalering_id=sig.pk)
    results = _twice_at_once(
        lambda: klacht_service.dien_in(actor("wiz-medewerker_swv"), "a", "Onterecht.", filing, now)
    )
    assert Klacht.objects.count() == 1
    assert results[0].pk == results[1].pk


@pytest.mark.django_db(transaction=True)
def test_one_complaint_never_gets_two_disputes_even_at_once(make_signalering, now):
    from states.models import Geschil
    from states.policy import PolicyError
    from states.services import geschil as geschil_service
    from states.services import klacht as klacht_service
    from states.services.intake import Indiening

    sig = make_signalering("tiwos", "geregistreerd")
    filing = Indiening(naam="J. Z.", signalering_id=sig.pk)
    k = klacht_service.dien_in(actor("wiz-medewerker_swv"), "a", "Onterecht.", filing, now)
    directie = actor("tiwos-directie")
    klacht_service.bevestig(directie, k.pk, now)
    klacht_service.verklaar(
        directie, k.pk, False, "Zorgvuldig.", now, adres_gehuurde_woning="Kerkstraat 1"
    )
    results = _twice_at_once(
        lambda: geschil_service.dien_in(
            actor("wiz-secretaris_gc"), k.pk, "Oneens.", Indiening(naam="J. Z."), now
        )
    )
    assert Geschil.objects.filter(klacht=k).count() == 1
    assert sum(isinstance(r, PolicyError) for r in results) == 1
