"""Issue 9, audit: the read log and every history table only grow, enforced by PostgreSQL; only
the erasure path changes them, and it logs itself without personal data; the application's
role is no superuser and cannot switch the protection off."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.utils import DatabaseError

from notifications.delivery import deliver_pending
from notifications.purging import purge_told
from portal import approle
from states.models import Deelnamebesluit, Raadpleging, Wissingslog
from states.services import signalering as service
from tests.conftest import actor, open_categorie

pytestmark = pytest.mark.django_db

# The read log, the participants' decision journal (ch. 17, 20) and every history table.
JOURNALS = [Raadpleging._meta.db_table, Deelnamebesluit._meta.db_table]
APPEND_ONLY = sorted(
    JOURNALS + [m._meta.db_table for m in apps.get_models() if m.__name__.startswith("Historical")]
)


def refused(sql: str, params: list | None = None) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params or [])
    except DatabaseError:
        return True
    return False


def as_app_role() -> None:
    approle.grant()
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {approle.ROLE}")  # until the test's transaction ends


def test_every_history_table_and_the_read_log_carry_the_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'alleen_toevoegen' AND c.relname <> 'states_wissingslog'"
        )
        guarded = sorted(row[0] for row in cursor.fetchall())
    assert guarded == APPEND_ONLY  # a new history model without the trigger fails here


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_update_and_delete_are_refused_outside_the_erasure_path(make_signalering, table):
    make_signalering("tiwos", "geblokkeerd")  # history rows, read-log rows
    before = count(table)
    assert refused(f"UPDATE {table} SET {pk(table)} = {pk(table)}")
    assert refused(f"DELETE FROM {table}")  # refused even where no row would match
    assert count(table) == before


def pk(table: str) -> str:
    return "id" if table in JOURNALS else "history_id"


def count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def test_the_wissingslog_itself_cannot_be_changed_even_during_erasure(make_signalering, now):
    from states.wissing import wissing

    Wissingslog.objects.create(tijdstip=now, tabel="x", bewerking="DELETE", aantal=1, reden="t")
    with wissing("purge"):
        assert refused("DELETE FROM states_wissingslog")
        assert refused("UPDATE states_wissingslog SET aantal = 0")


def test_an_unknown_reason_opens_nothing():
    from states.wissing import wissing

    with pytest.raises(ValueError):
        with wissing("opruimen"):
            pass


def test_the_purge_runs_as_the_app_role_and_logs_itself_without_personal_data(
    make_signalering, now
):
    sig = make_signalering("tiwos", "geblokkeerd", achternaam="Vlaskampenaar")
    assert open_categorie("tbv-bevrager", sig, "W-1", now, achternaam="Vlaskampenaar")
    deliver_pending(now)
    as_app_role()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (approle.ROLE, False)
    service.beeindig(actor("tiwos-functionaris"), sig.pk, "onjuist", now, "ten onrechte")
    deliver_pending(now)
    assert purge_told(now) == [sig.pk]
    log = list(Wissingslog.objects.values_list("tabel", "bewerking", "reden"))
    assert ("states_historicalsignalering", "DELETE", "purge") in log
    assert ("states_raadpleging", "UPDATE", "purge") in log
    text = " ".join(str(row) for row in Wissingslog.objects.values_list())
    assert "Vlaskampenaar" not in text and str(sig.inschrijfnummer or "@@") not in text


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE states_raadpleging SET kenmerk = ''",
        "SET session_replication_role = replica",
        "ALTER TABLE states_raadpleging DISABLE TRIGGER alleen_toevoegen",
        "DROP TRIGGER alleen_toevoegen ON states_raadpleging",
        "TRUNCATE states_raadpleging",
        "TRUNCATE states_historicalsignalering",
        "CREATE TABLE sluiproute (id int)",
        "DELETE FROM django_migrations",
        "ALTER ROLE signalering_app SUPERUSER",
    ],
)
def test_the_app_role_cannot_switch_the_protection_off(region, sql):
    as_app_role()
    assert refused(sql)


def test_the_app_role_can_do_its_work(region, make_signalering, now):
    as_app_role()
    sig = make_signalering("tbv", "geblokkeerd")  # register, match, block: rows and history
    assert sig.history.count() >= 3
    assert sig.matches.count() == 1


def test_every_history_table_only_grows():
    """A migration that adds a history table gives it the triggers too (states.append_only)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' "
            "AND c.relname LIKE 'states_historical%%' "
            "AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid "
            "AND t.tgname = 'alleen_toevoegen')"
        )
        assert cursor.fetchall() == []
