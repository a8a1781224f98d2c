from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal import apitokens, clock


class Command(BaseCommand):
    help = "Revoke USERNAME's API keys at once (all, or one with --id)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--id", type=int, default=None, dest="token_id")

    def handle(self, *args: Any, username: str, token_id: int | None, **o: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Geen gebruiker '{username}'.")
        count = apitokens.revoke(user, clock.now(), token_id)
        self.stdout.write(f"{count} sleutel(s) ingetrokken.")
