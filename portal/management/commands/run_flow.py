from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run one flow once, the same code Prefect schedules: run_flow NAME [--now ISO-8601]."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--now", help="ISO-8601 instant with time zone (default: the clock)")

    def handle(self, *args: Any, name: str, now: str | None, **options: Any) -> None:
        from workflows.flows import FLOWS, EscalationFailed  # prefect: never in the web process

        if name not in FLOWS:
            raise CommandError(f"Onbekende flow '{name}'; kies uit {', '.join(sorted(FLOWS))}.")
        try:
            # .fn runs the flow body in this process, with no Prefect server needed.
            result = FLOWS[name].fn(now=now)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except EscalationFailed as exc:  # what succeeded is shown, and the command fails
            self.stdout.write(f"{name}: {exc.report}")
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{name}: {result}")
