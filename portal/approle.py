"""The role the application runs as: it may read and write rows, nothing more.

Migrations run as the owner of the tables (in development the embedded server's superuser);
the web app and the flows connect as `signalering_app`, which is no superuser and owns nothing.
So it cannot disable the append-only triggers of the read log and the history tables, cannot set
`session_replication_role` to skip them, cannot TRUNCATE, and cannot change the schema."""

from __future__ import annotations

from django.db import connection

ROLE = "signalering_app"

CREATE = f"""
DO $$ BEGIN
  CREATE ROLE {ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
EXCEPTION WHEN duplicate_object THEN NULL;  -- another process made it first: fine
END $$;
"""


def grant(password: str = "") -> list[str]:
    """Create the role if needed and give it row access to every table there is now (run after
    each migrate); returns the statements run, for the operator's log."""
    statements = [
        CREATE,
        f"ALTER ROLE {ROLE} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS",
        f'GRANT CONNECT ON DATABASE "{connection.settings_dict["NAME"]}" TO {ROLE}',
        f"GRANT USAGE ON SCHEMA public TO {ROLE}",
        f"REVOKE CREATE ON SCHEMA public FROM {ROLE}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ROLE}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {ROLE}",
        f"REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM {ROLE}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {ROLE}",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
        if password:
            cursor.execute(f"ALTER ROLE {ROLE} PASSWORD %s", [password])
    return [s.strip().splitlines()[0] for s in statements]
