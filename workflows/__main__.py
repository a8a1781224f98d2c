"""`python -m workflows serve`: serve every flow on its schedule (needs PREFECT_API_URL)."""

from __future__ import annotations

import sys

from prefect import serve
from prefect.client.schemas.schedules import CronSchedule

from workflows import jobs
from workflows.django_setup import setup
from workflows.flows import FLOWS, SCHEDULES, _now


def main(argv: list[str]) -> int:
    if argv[1:] != ["serve"]:
        print("usage: python -m workflows serve", file=sys.stderr)
        return 2
    setup()
    print(f"start-up check: {jobs.startup_check(_now(None))}", flush=True)
    deployments = [
        flow.to_deployment(
            name=name,
            schedule=CronSchedule(cron=SCHEDULES[name], timezone="Europe/Amsterdam"),
            # Enforcement is safe to run twice at once (SKIP LOCKED): two runs halve a catch-up.
            concurrency_limit=2 if name == "enforce-deadlines" else 1,
        )
        for name, flow in FLOWS.items()
    ]
    serve(*deployments, pause_on_shutdown=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
