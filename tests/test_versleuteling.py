"""Issue 9, data at rest: the identification fields of a signalering and every attachment are
encrypted in the database (history included); matching still works through keyed hashes; keys
rotate without losing a value."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from states.models import Bijlage, Signalering
from states.services import dossier
from tests.conftest import actor

pytestmark = pytest.mark.django_db

IN_CLEAR = ["Quirijntje", "Vlaskampenaar", "q.vlaskampenaar@example.net", "1979-08-23",
            "Beukenhof", "5038 KL", "Tilburg"]  # fmt: skip


def raw(table: str, where: str, params: list) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT t::text FROM {table} AS t WHERE {where}", params)  # noqa: S608
        return " ".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def sig(make_signalering):
    return make_signalering(
        "tiwos",
        "geblokkeerd",  # registered, matched and blocked: the match-check used the keyed hash
        voornaam="Quirijntje",
        achternaam="Vlaskampenaar",
        email="q.vlaskampenaar@example.net",
        geboortedatum=date(1979, 8, 23),
        straat="Beukenhof",
        postcode="5038 KL",
        woonplaats="Tilburg",
    )


def test_no_identification_field_is_in_clear_in_the_table_or_its_history(sig):
    stored = raw("states_signalering", "id = %s", [sig.pk])
    history = raw("states_historicalsignalering", "id = %s", [sig.pk])
    assert stored and history
    for value in IN_CLEAR:
        assert value not in stored and value not in history, value
    fresh = Signalering.objects.get(pk=sig.pk)
    assert (fresh.achternaam, fresh.geboortedatum) == ("Vlaskampenaar", date(1979, 8, 23))
    assert sig.history.earliest().email == "q.vlaskampenaar@example.net"
    assert sig.state == "geblokkeerd" and sig.matches.count() == 1


def test_an_attachment_is_encrypted_and_comes_back_whole(sig, now):
    from states.models import Verzoek
    from states.services import verzoek as verzoek_service
    from states.services.intake import Indiening

    case = verzoek_service.dien_in(
        actor("wiz-medewerker_swv"), "inzage", Indiening(naam="Q. V.", signalering_id=sig.pk), now
    )
    content = b"%PDF-1.4 vonnis kantonrechter Vlaskampenaar"
    bijlage = dossier.voeg_bijlage_toe(
        actor("wiz-medewerker_swv"), Verzoek.objects.get(pk=case.pk), "v.pdf",
        "application/pdf", content, now,
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT inhoud FROM states_bijlage WHERE id = %s", [bijlage.pk])
        stored = bytes(cursor.fetchone()[0])
    assert b"Vlaskampenaar" not in stored and b"%PDF" not in stored
    assert bytes(Bijlage.objects.get(pk=bijlage.pk).inhoud) == content


def test_keys_rotate_without_losing_a_value_and_the_old_key_can_go(sig, settings):
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    new = Fernet.generate_key().decode()
    before = raw("states_signalering", "id = %s", [sig.pk])
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        out = StringIO()
        call_command("rotate_field_keys", stdout=out)
        assert "opnieuw versleuteld" in out.getvalue()
    assert raw("states_signalering", "id = %s", [sig.pk]) != before
    with override_settings(FIELD_ENCRYPTION_KEYS=[new]):  # the old key removed
        assert Signalering.objects.get(pk=sig.pk).achternaam == "Vlaskampenaar"
        assert sig.history.earliest().voornaam == "Quirijntje"
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]), pytest.raises(ValueError):
        Signalering.objects.get(pk=sig.pk)  # only the new key reads it now


def test_rotation_is_written_to_the_wissingslog_without_personal_data(sig, settings):
    from states.models import Wissingslog

    new = Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, *settings.FIELD_ENCRYPTION_KEYS]):
        call_command("rotate_field_keys", stdout=StringIO())
    rows = list(Wissingslog.objects.values_list("tabel", "bewerking", "reden"))
    assert ("states_historicalsignalering", "UPDATE", "sleutelrotatie") in rows


def test_a_new_key_is_printed_on_request():
    out = StringIO()
    call_command("rotate_field_keys", "--new-key", stdout=out)
    assert Fernet(out.getvalue().strip().encode())


@pytest.mark.django_db(transaction=True)
def test_migration_encrypts_values_stored_in_clear_before_it(region, now):
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        ("states", "0008_leeslog_en_historie_alleen_toevoegen"),
        (
            "states",
            "0009_persoonsgegevens_versleuteld",
        ),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    try:
        old = executor.loader.project_state([before]).apps.get_model("states", "Signalering")
        swv_id, pv_id, bron_id = _ids()
        row = old.objects.create(
            samenwerkingsverband_id=swv_id, protocol_versie_id=pv_id, primaire_bron_id=bron_id,
            achternaam="Vlaskampenaar", geboortedatum=date(1979, 8, 23), aangemaakt_op=now,
            gewijzigd_op=now,
        )  # fmt: skip
        assert "Vlaskampenaar" in raw("states_signalering", "id = %s", [row.pk])
        executor = MigrationExecutor(connection)
        executor.migrate([after])
        # Read with the model as it stood then: later migrations add columns.
        then = executor.loader.project_state([after]).apps.get_model("states", "Signalering")
        assert "Vlaskampenaar" not in raw("states_signalering", "id = %s", [row.pk])
        fresh = then.objects.get(pk=row.pk)
        assert (fresh.achternaam, fresh.geboortedatum) == ("Vlaskampenaar", date(1979, 8, 23))
    finally:  # back to the newest schema, whatever happened: the next tests need it
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def _ids() -> tuple[int, int, int]:
    from states.models import Deelnemer, ProtocolVersie, Samenwerkingsverband

    swv = Samenwerkingsverband.objects.get(code="woning-in-zicht")
    return (
        swv.pk,
        # Only the id: at the old migration state the newer columns do not exist yet.
        ProtocolVersie.objects.filter(samenwerkingsverband=swv).values_list("pk", flat=True)[0],
        Deelnemer.objects.filter(code="tiwos").values_list("pk", flat=True)[0],
    )
