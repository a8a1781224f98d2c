"""Issue 11, target 5: the traffic of one working day, compressed, against the production web
server. Started by benchmarks/test_bench_load.py (a process of its own, headless, bounded in
time); it reads the credentials and the applicants to check from the JSON file named by
LOAD_DATA, and writes every request's time to LOAD_SAMPLES when it stops.

Who comes (weights of the user classes, as shares of the 50 users):

- the allocation system (40%): a match-check per applicant, with an API key, almost no pause;
- staff (40%): their work queue, deadlines, lists, a signalering's page, signed in with both
  factors (sessions made by the benchmark, as after a sign-in), a few seconds between pages;
- people on the list (10%): their own page, signed in;
- the probe (10%): /health/web, the baseline of the same run.

Requests are named "<group> <path>" (group: api, staff, person, health). The TLS proxy's header
(X-Forwarded-Proto: https) goes with every request, as in production behind the proxy.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from typing import Any

from locust import HttpUser, between, constant, events, task

DATA: dict[str, Any] = json.loads(open(os.environ["LOAD_DATA"], encoding="utf-8").read())
PROXY = {"X-Forwarded-Proto": "https"}
TIMEOUT = 10  # seconds; gunicorn replaces a worker after 30
SAMPLES: list[tuple[str, float, bool]] = []
_turn = itertools.count()


@events.request.add_listener
def _sample(name: str, response_time: float, exception: Any, **_: Any) -> None:
    SAMPLES.append((name, response_time, exception is not None))


@events.quitting.add_listener
def _write(**_: Any) -> None:
    with open(os.environ["LOAD_SAMPLES"], "w", encoding="utf-8") as out:
        json.dump(SAMPLES, out)


def _take(pool: list[Any]) -> Any:
    """Credentials are handed out in turn: each simulated user has its own session or key."""
    return pool[next(_turn) % len(pool)]


class _Checked(HttpUser):
    abstract = True
    headers: dict[str, str] = {}

    def get(self, group: str, path: str, marker: str, name: str = "") -> None:
        """A page or document that must come back 200 (no redirect to a sign-in) with `marker`;
        `name` groups paths that differ only by an id."""
        with self.client.get(
            path,
            name=f"{group} {name or path}",
            headers={**PROXY, **self.headers},
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            _judge(response, marker)


def _judge(response: Any, marker: str) -> None:
    if response.status_code != 200:
        response.failure(f"HTTP {response.status_code}")
    elif marker not in response.text:
        response.failure(f"{marker!r} missing")
    else:
        response.success()


class AllocationSystem(HttpUser):
    weight = 4
    wait_time = between(0.1, 0.5)

    def on_start(self) -> None:
        self.headers = {**PROXY, "Authorization": f"Token {_take(DATA['api_keys'])}"}

    @task
    def match_check(self) -> None:
        with self.client.post(
            "/api/v1/match-check",
            json=random.choice(DATA["checks"]),
            name="api /api/v1/match-check",
            headers=self.headers,
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            _judge(response, '"geblokkeerd"')


class Staff(_Checked):
    weight = 4
    wait_time = between(1, 4)

    def on_start(self) -> None:
        member = _take(DATA["staff"])
        self.headers = {"Cookie": member["cookie"]}
        self.pages: list[str] = member["pages"]
        self.detail: list[int] = member["signaleringen"]

    @task(10)
    def page(self) -> None:
        self.get("staff", random.choice(self.pages), "</main>")

    @task(3)
    def signalering(self) -> None:
        if self.detail:
            path = f"/medewerker/signaleringen/{random.choice(self.detail)}"
            self.get("staff", path, "</main>", name="/medewerker/signaleringen/<id>")


class Person(_Checked):
    weight = 1
    wait_time = between(2, 6)

    def on_start(self) -> None:
        self.headers = {"Cookie": _take(DATA["persons"])}

    @task
    def own_page(self) -> None:
        self.get("person", "/mijn", "</main>")


class Probe(_Checked):
    weight = 1
    wait_time = constant(1)

    @task
    def health(self) -> None:
        self.get("health", "/health/web", '"status": "ok"')
