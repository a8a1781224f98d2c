from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal import apitokens, clock


class Command(BaseCommand):
    help = (
        "Issue a new API key for USERNAME and print it once (send it as 'Authorization: Token "
        "<key>'). Only its SHA-256 is stored; it ends after --days days or when revoked."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=None, help="validity (default 90)")
        parser.add_argument("--naam", default="", help="what the key is for, e.g. 'WoningNet'")

    def handle(self, *args: Any, username: str, days: int | None, naam: str, **o: Any) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Geen actieve gebruiker '{username}'.")
        try:
            key = apitokens.issue(user, clock.now(), days=days, naam=naam)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(key)
