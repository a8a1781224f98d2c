"""Issue 10, first run: bin/run brings every component up, says so in one line each, and
Ctrl-C stops all it started — the embedded PostgreSQL included."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import psutil
import pytest

from states.demo import DEMO_EMAIL

ROOT = Path(__file__).resolve().parent.parent
UP_LINES = ("Prefect UI:", "Web:", "API:", "Flow server:", "All up.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_until(proc: subprocess.Popen, marker: str, timeout: float) -> list[str]:
    """bin/run's console lines up to the one starting with `marker`."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            seen.append(lines.get(timeout=1))
        except queue.Empty:
            assert proc.poll() is None, "bin/run stopped:\n" + "".join(seen)
            continue
        if seen[-1].startswith(marker):
            return seen
    raise AssertionError("bin/run did not come up:\n" + "".join(seen))


def processes_of(proc: subprocess.Popen, pgdata: Path) -> list[psutil.Process]:
    """bin/run's descendants, and the embedded server (pg_ctl detaches it from its parent)."""
    found = psutil.Process(proc.pid).children(recursive=True)
    for p in psutil.process_iter(["cmdline"]):
        if str(pgdata) in " ".join(p.info["cmdline"] or []):
            found.append(p)
    return found


def get(url: str, opener: Any = None, data: dict[str, str] | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with (opener or urllib.request.build_opener()).open(url, body, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def sign_in_as_the_demo_person(base: str, web_log: Path) -> None:
    """As the README says: ask a code at /inloggen, read it in var/log/web.log, see /mijn."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    status, page = get(f"{base}/inloggen", opener)
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "email": DEMO_EMAIL}
    status, page = get(f"{base}/inloggen", opener, form)
    assert status == 200
    code = re.findall(r"Uw inlogcode is (\d{6})", web_log.read_text())[-1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "email": DEMO_EMAIL, "code": code}
    status, page = get(f"{base}/inloggen/code", opener, form)
    assert status == 200 and "/mijn/geschil/" in page and "/mijn/brief/" in page


@pytest.mark.system
def test_bin_run_comes_up_and_ctrl_c_stops_everything():
    # Under the project, not /tmp: as root the embedded server runs as its own user, which must
    # be able to reach the folder.
    scratch = Path(tempfile.mkdtemp(prefix="run-test-", dir=ROOT / "var"))
    pgdata, web, prefect = scratch / "pgdata", f"127.0.0.1:{free_port()}", free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_ROLE")}
    env.update(
        SIGNALERING_ENV="development",
        EMBEDDED_PG_DIR=str(pgdata),
        WEB_ADDRESS=web,
        PREFECT_PORT=str(prefect),
        LOG_DIR=str(scratch / "log"),
        PREFECT_HOME=str(scratch / "prefect"),
        WEB_CONCURRENCY="1",
    )
    proc = subprocess.Popen(
        [str(ROOT / "bin" / "run")], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        lines = read_until(proc, "All up.", 90)
        shown = "".join(lines)
        for up in UP_LINES:
            assert up in shown
        assert f"http://{web}/" in shown and f"http://127.0.0.1:{prefect}/" in shown
        assert f"log: {scratch / 'log'}" in shown  # where the logs went instead
        assert "GET" not in shown and "INFO" not in shown  # no flood of request or Prefect logs
        sign_in_as_the_demo_person(f"http://{web}", scratch / "log" / "web.log")
        assert get(f"http://127.0.0.1:{prefect}/api/health")[0] == 200
        started = processes_of(proc, pgdata)
        assert any("postgres" in p.name() for p in started)

        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        assert proc.wait(timeout=30) == 130
        gone, alive = psutil.wait_procs(started, timeout=10)
        assert alive == [], f"still running after Ctrl-C: {[p.cmdline() for p in alive]}"
        assert not (pgdata / "postmaster.pid").exists()
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://{web}/", timeout=2)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        subprocess.run(
            [str(ROOT / ".venv/bin/python"), "-m", "portal.database", "stop"],
            env=env, cwd=ROOT, capture_output=True,
        )  # fmt: skip
        shutil.rmtree(scratch, ignore_errors=True)
