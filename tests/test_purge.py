"""Purge means gone from every table, history and copies included (ch. 12.4, AVG art. 17)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import override_settings

from notifications.delivery import deliver_pending
from notifications.purging import purge_told
from states.models import Signalering
from states.services import raadpleging
from states.services import signalering as service
from tests.conftest import actor

pytestmark = pytest.mark.django_db

NAAM = "Quirijntje"
ACHTERNAAM = "Vlaskampenaar"
EMAIL = "q.vlaskampenaar@example.net"
GEBOORTEDATUM = date(1979, 8, 23)
SPOREN = [NAAM, ACHTERNAAM, EMAIL, "1979-08-23", "23-08-1979", "23 augustus 1979", "Beukenhof"]


def rows_mentioning(needle: str) -> list[tuple[str, str]]:
    """Every row of every table whose text form contains `needle` (case-insensitive)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(
                f'SELECT t::text FROM "{table}" AS t WHERE t::text ILIKE %s',  # noqa: S608
                [f"%{needle}%"],
            )
            found += [(table, row[0]) for row in cursor.fetchall()]
    return found


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
def test_after_purge_no_table_holds_the_person(make_signalering, now):
    sig = make_signalering(
        "tiwos",
        "geblokkeerd",
        voornaam=NAAM,
        achternaam=ACHTERNAAM,
        email=EMAIL,
        geboortedatum=GEBOORTEDATUM,
        straat="Beukenhof",
    )
    functionaris = actor("tiwos-functionaris")
    service.wijzig(functionaris, sig.pk, {"straat": "Beukenhof", "huisnummer": "3"}, None, now)
    raadpleging.lees(actor("tbv-bevrager"), sig.pk, now)
    raadpleging.open_categorie(actor("tbv-bevrager"), sig.pk, "kandidaatstelling", "W-1", now)
    deliver_pending(now)
    assert rows_mentioning(ACHTERNAAM)  # the test can see the person before the purge

    service.beeindig(functionaris, sig.pk, "onjuist", now, f"ten onrechte: {ACHTERNAAM}")
    deliver_pending(now)
    assert purge_told(now) == [sig.pk]

    for spoor in SPOREN:
        assert rows_mentioning(spoor) == [], spoor
    tombstone = Signalering.objects.get(pk=sig.pk)
    assert tombstone.state == "verwijderd"
    assert (tombstone.categorieen, tombstone.eindreden) == (["B"], "onjuist")
    assert tombstone.primaire_bron.code == "tiwos" and tombstone.einddatum is not None
    assert tombstone.history.count() == 0
    assert tombstone.matches.count() == 0


def test_a_discarded_concept_leaves_nothing(make_signalering):
    sig = make_signalering("tiwos", "concept", achternaam=ACHTERNAAM)
    service.verwerp_concept(actor("tiwos-functionaris"), sig.pk)
    assert rows_mentioning(ACHTERNAAM) == []
    assert not Signalering.objects.filter(pk=sig.pk).exists()


def test_each_personal_data_model_has_empty_history_after_erasure(make_signalering, now):
    from states.models import Match

    sig = make_signalering("tiwos", "geblokkeerd")
    assert Match.history.filter(signalering_id=sig.pk).exists()
    service.beeindig(actor("tiwos-functionaris"), sig.pk, "nieuwe_kans", now)
    service.verwijder(actor("tiwos-functionaris"), sig.pk, now)
    assert Signalering.history.filter(id=sig.pk).count() == 0
    assert Match.history.filter(signalering_id=sig.pk).count() == 0
