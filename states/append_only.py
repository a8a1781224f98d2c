"""The SQL that makes a history table append-only (the functions are created by migration
0008): UPDATE and DELETE refused outside the logged erasure path, and each erasure statement
written to states_wissingslog. Migrations that add history tables call these."""

from __future__ import annotations

from collections.abc import Sequence

TRIGGERS = ("alleen_toevoegen", "wissing_loggen_update", "wissing_loggen_delete")


def triggers(tables: Sequence[str]) -> str:
    return "".join(
        f"""
CREATE TRIGGER alleen_toevoegen BEFORE UPDATE OR DELETE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION signalering_alleen_toevoegen();
CREATE TRIGGER wissing_loggen_update AFTER UPDATE ON {table}
  REFERENCING OLD TABLE AS oude_rijen FOR EACH STATEMENT
  EXECUTE FUNCTION signalering_wissing_loggen();
CREATE TRIGGER wissing_loggen_delete AFTER DELETE ON {table}
  REFERENCING OLD TABLE AS oude_rijen FOR EACH STATEMENT
  EXECUTE FUNCTION signalering_wissing_loggen();
"""
        for table in tables
    )


def drop(tables: Sequence[str]) -> str:
    return "".join(f"DROP TRIGGER IF EXISTS {n} ON {t};" for t in tables for n in TRIGGERS)
