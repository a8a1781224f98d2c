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
