"""When each flow runs. Plain data, without Prefect: the web process reads it for /health/flows
and /metrics."""

# Schedules (cron, Europe/Amsterdam). Every flow is idempotent, so runs missed during an outage
# are simply caught up.
SCHEDULES = {
    "dispatch-outbox": "* * * * *",
    "enforce-deadlines": "*/5 * * * *",
    "send-reminders": "0 7 * * *",
    "expire-signaleringen": "5 * * * *",
    "retention-purge": "30 2 * * *",
    "failure-digest": "0 8 * * *",
    "open-periodic-reviews": "15 6 * * *",
}
