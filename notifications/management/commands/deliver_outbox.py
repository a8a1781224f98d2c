from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from notifications.delivery import deliver_pending
from notifications.purging import purge_told


class Command(BaseCommand):
    help = "Deliver pending e-mail from the outbox, then purge ended signaleringen once told."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="ISO-8601 instant to act at (default: the clock)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = datetime.fromisoformat(options["now"]) if options["now"] else timezone.now()
        if timezone.is_naive(now):
            raise SystemExit("--now needs a time zone, e.g. 2026-11-23T09:00:00+01:00")
        report = deliver_pending(now)
        purged = purge_told(now)
        self.stdout.write(
            f"verzonden {report.sent}, opnieuw te proberen {report.retried}, "
            f"mislukt {report.failed}, gewist {len(purged)}"
        )
