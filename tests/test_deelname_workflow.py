"""Participation ends or is suspended (ch. 17 "Uittreding", ch. 20 "Uitsluiting deelname").

Driven through the existing service `wijzig_deelname`: definitive exclusion withdraws every
authorisation and ends every signalering of which the deelnemer is the primaire bron (the person
is told); a temporary exclusion only suspends.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from notifications.models import OutboxMessage
from states.models import Deelnemer, Signalering
from states.models.signalering import Eindreden
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services.deelname import wijzig_deelname
from states.services.matching import ACTIEF
from tests.conftest import actor

pytestmark = pytest.mark.django_db
SWV = "wiz-medewerker_swv"


@pytest.mark.parametrize("status", [Deelnemer.Status.UITGESLOTEN, Deelnemer.Status.UITGETREDEN])
def test_ch20_ch17_definitive_end_withdraws_accounts_and_ends_signaleringen(
    status, make_signalering, betrokkene, tiwos, tbv, now
):
    eigen = make_signalering("tiwos", email="jantje.zwartkruis@example.org")
    betrokkene(eigen)
    concept = make_signalering("tiwos", state="concept", achternaam="Anders")
    ander = make_signalering("tbv", achternaam="Derde")
    voor = OutboxMessage.objects.count()

    wijzig_deelname(actor(SWV), tiwos.pk, status, now)

    accounts = get_user_model().objects.filter(medewerker__deelnemer=tiwos)
    assert accounts.exists() and not accounts.filter(is_active=True).exists()
    assert not Signalering.objects.filter(primaire_bron=tiwos, state__in=ACTIEF).exists()
    eigen.refresh_from_db()
    assert eigen.eindreden == Eindreden.DEELNEMER_UITGETREDEN
    assert not Signalering.objects.filter(pk=concept.pk, state="concept").exists()
    assert OutboxMessage.objects.count() > voor  # the person hears of the end (ch. 10, 20)
    ander.refresh_from_db()
    assert ander.state in ACTIEF  # another deelnemer's signalering stays
    assert get_user_model().objects.filter(medewerker__deelnemer=tbv, is_active=True).exists()
    tiwos.refresh_from_db()
    assert tiwos.status == status and tiwos.status_sinds == now
    assert tiwos.history.filter(status=status).exists()  # journalled


def test_ch20_temporary_exclusion_only_suspends(make_signalering, tiwos, now):
    sig = make_signalering("tiwos")
    wijzig_deelname(actor(SWV), tiwos.pk, Deelnemer.Status.OPGESCHORT, now)
    sig.refresh_from_db()
    assert sig.state in ACTIEF
    assert get_user_model().objects.filter(medewerker__deelnemer=tiwos, is_active=True).exists()
    wijzig_deelname(actor(SWV), tiwos.pk, Deelnemer.Status.ACTIEF, now)  # plan accepted
    tiwos.refresh_from_db()
    assert tiwos.status == Deelnemer.Status.ACTIEF


def test_ch20_ended_participation_cannot_be_restored(tiwos, now):
    wijzig_deelname(actor(SWV), tiwos.pk, Deelnemer.Status.UITGESLOTEN, now)
    with pytest.raises(NotPossible):
        wijzig_deelname(actor(SWV), tiwos.pk, Deelnemer.Status.ACTIEF, now)


def test_ch20_only_the_regions_staff_decide(region, tiwos, now):
    from states.models import Samenwerkingsverband

    elders = Samenwerkingsverband.objects.create(code="elders", naam="Elders")
    vreemd = Actor(actor(SWV).user_id, Rol.MEDEWERKER_SWV, elders.pk)
    for wie in (vreemd, actor("tiwos-functionaris")):
        with pytest.raises(NotAllowed):
            wijzig_deelname(wie, tiwos.pk, Deelnemer.Status.UITGESLOTEN, now)
    tiwos.refresh_from_db()
    assert tiwos.status == Deelnemer.Status.ACTIEF


def test_ch20_signaleringen_of_an_excluded_deelnemer_are_purged_once_told(
    make_signalering, tiwos, now
):
    from notifications.purging import purge_told

    sig = make_signalering("tiwos")
    wijzig_deelname(actor(SWV), tiwos.pk, Deelnemer.Status.UITGESLOTEN, now)
    assert sig.pk not in purge_told(now)  # not before the person has been told (ch. 10)
    OutboxMessage.objects.filter(case_type="signalering", case_id=sig.pk).update(
        status=OutboxMessage.Status.SENT
    )
    assert sig.pk in purge_told(now)
    sig.refresh_from_db()
    assert sig.state == "verwijderd"
