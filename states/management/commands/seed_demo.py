from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from states.seeding import DEMO_PASSWORD, seed_demo_users, seed_region


class Command(BaseCommand):
    help = "Seed the Woning in Zicht region, protocol v1.4 and one demo user per role. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        swv = seed_region()
        users = seed_demo_users(swv)
        self.stdout.write(
            f"{swv.naam}: {swv.deelnemers.count()} deelnemers, protocol "
            f"{swv.geldend_protocol().versie}"
        )
        self.stdout.write(f"{len(users)} demo-gebruikers, wachtwoord '{DEMO_PASSWORD}':")
        for name in users:
            self.stdout.write(f"  {name}")
