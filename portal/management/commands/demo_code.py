from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import twofactor


class Command(BaseCommand):
    help = (
        "Development only: print the current second-factor code of a demo staff user, as an "
        "authenticator app would show it (creates the user's device when it has none)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEVELOPMENT:
            raise CommandError("Only in development: real staff use their own authenticator app.")
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None or not twofactor.is_staff(user):
            raise CommandError(f"No member of staff called {options['username']!r}.")
        device = (
            twofactor.confirmed_device(user)
            or TOTPDevice.objects.filter(user=user, confirmed=False).first()
            or twofactor.seed_device(user)
        )
        self.stdout.write(twofactor.current_code(device))
