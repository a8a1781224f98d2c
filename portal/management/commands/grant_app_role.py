from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand

from portal import approle


class Command(BaseCommand):
    help = (
        "Run as the tables' owner after migrate: create the application's role "
        f"({approle.ROLE}, no superuser, owns nothing) and grant it row access. Idempotent. "
        "Its password comes from DATABASE_ROLE_PASSWORD when set."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        approle.grant(os.environ.get("DATABASE_ROLE_PASSWORD", ""))
        self.stdout.write(f"{approle.ROLE}: rechten op rijen toegekend.")
