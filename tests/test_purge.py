"""Purge means gone from every table, history and copies included (ch. 12.4, AVG art. 17)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test import override_settings

from notifications.delivery import deliver_pending
from notifications.purging import purge_told
from states.clock import AMSTERDAM
from states.models import Signalering
from states.services import signalering as service
from tests.conftest import actor, open_categorie

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
    assert open_categorie(
        "tbv-bevrager",
        sig,
        "W-1",
        now,
        voornaam=NAAM,
        achternaam=ACHTERNAAM,
        geboortedatum=GEBOORTEDATUM,
    )
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


def references_to(pk: int) -> list[tuple[str, int]]:
    """(model, count) of every row, in any table, that points at signalering `pk`: foreign keys
    (history tables and the account's link table included) and plain id columns."""
    from django.apps import apps

    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            points_here = (
                field.is_relation and field.related_model is Signalering
            ) or field.attname == "signalering_id"
            if points_here and model is not Signalering:
                count = model._default_manager.filter(**{field.attname: pk}).count()
                if count:
                    found.append((model._meta.label, count))
    return found


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
def test_ch12_4_art17_after_purge_nothing_of_the_person_points_at_the_tombstone(
    make_signalering, betrokkene, api, now
):
    from notifications.models import OutboxMessage
    from states.models import Raadpleging, Verzoek

    sig = make_signalering("tiwos", "geblokkeerd", achternaam=ACHTERNAAM)
    person, client = betrokkene(sig)
    client.get("/api/v1/verzoeken")  # the person's own reads
    filed = client.post(
        "/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json"
    )
    assert filed.status_code == 201, filed.json()
    api("tiwos-functionaris").get(f"/api/v1/verzoeken/{filed.json()['id']}")
    assert open_categorie("tbv-bevrager", sig, "W-1", now, achternaam=ACHTERNAAM)
    check = {"inschrijfnummer": sig.inschrijfnummer, "voornaam": "Jantje"}
    check |= {"achternaam": ACHTERNAAM, "geboortedatum": "1987-03-14"}
    assert (
        api("tbv-bevrager").post("/api/v1/match-check", check, format="json").json()["geblokkeerd"]
    )
    assert Raadpleging.objects.filter(signalering_id=sig.pk, kenmerk__startswith="WZ-").exists()
    functionaris = actor("tiwos-functionaris")
    service.beeindig(functionaris, sig.pk, "nieuwe_kans", now)
    deliver_pending(now)
    assert purge_told(now) == [sig.pk]

    # Only the read log of staff consultations still names the tombstone, without a reference.
    assert [label for label, _ in references_to(sig.pk)] == ["states.Raadpleging"]
    # No text anywhere ties the tombstone to a key, a letter or the applicant's registration
    # (the allocation system's own registration record keeps its number, unlinked).
    assert rows_mentioning(f"signalering:{sig.pk}:") == []
    assert [t for t, _ in rows_mentioning(check["inschrijfnummer"])] == ["states_inschrijving"]
    for row in Raadpleging.objects.filter(signalering_id=sig.pk):
        assert row.rol != "betrokkene" and row.case_type == "" and row.kenmerk == ""
    assert not OutboxMessage.objects.filter(case_type="signalering", case_id=sig.pk).exists()
    assert not OutboxMessage.objects.filter(idempotency_key__contains=f"signalering:{sig.pk}:")
    # The case about it stays the person's, detached.
    verzoek = Verzoek.objects.get(pk=filed.json()["id"])
    assert verzoek.signalering_id is None and verzoek.indiener_id == person.pk
    # The tombstone keeps month and year of start and end, nothing exact.
    tombstone = Signalering.objects.get(pk=sig.pk)
    assert (tombstone.ingangsdatum, tombstone.einddatum) == (date(2026, 10, 1), date(2028, 10, 1))
    # The first of the month at midnight in Amsterdam (the yearly report counts Dutch months).
    for moment in (tombstone.beeindigd_op, tombstone.verwijderd_op):
        here = moment.astimezone(AMSTERDAM)
        assert (here.day, here.hour, here.minute) == (1, 0, 0)
    assert tombstone.blokkade_start.day == 1  # only its month, for the yearly report
    for name in ("datum_uitzetting", "invoerdatum", "blokkade_eind"):
        assert getattr(tombstone, name) is None, name
    assert tombstone.termijn_motivering == "" and tombstone.portaalcode_hash == ""


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
def test_ch12_4_the_person_still_sees_that_it_ended_and_the_removal_letter(
    make_signalering, betrokkene, now
):
    from django.test import Client

    sig = make_signalering("tiwos", "geregistreerd", achternaam=ACHTERNAAM)
    person, _ = betrokkene(sig)
    service.beeindig(actor("tiwos-functionaris"), sig.pk, "termijn_verstreken", later_day())
    deliver_pending(later_day())
    assert purge_told(later_day()) == [sig.pk]
    web = Client()
    web.force_login(person)
    page = web.get("/mijn").content.decode()
    assert "Uw registratie is beëindigd" in page
    href = re.search(r'href="(/mijn/brief/\d+)"', page).group(1)
    letter = web.get(href).content.decode()
    assert "niet meer op de Signaleringslijst" in letter
    other = make_signalering("tiwos", "geregistreerd", achternaam="Anders")
    _, _ = betrokkene(other, username="iemand-anders", email="anders@example.org")
    stranger = Client()
    from django.contrib.auth import get_user_model

    stranger.force_login(get_user_model().objects.get(username="iemand-anders"))
    assert stranger.get(href).status_code == 404


def later_day():
    from datetime import datetime

    return datetime.fromisoformat("2028-10-01T12:00:00+02:00")
