from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from states.demo import DEMO_EMAIL, build_demo_data
from states.seeding import DEMO_PASSWORD, seed_demo_users, seed_region


class Command(BaseCommand):
    help = (
        "Seed the Woning in Zicht region, protocol v1.4, one demo user per role and demo cases "
        "in every state. Idempotent: a second run creates nothing new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-demo-data",
            action="store_true",
            help="Only the region, its protocol and the users; no signaleringen or cases.",
        )

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
        if options["no_demo_data"]:
            return
        built = build_demo_data(swv, timezone.now())  # the demo is dated around today
        self.stdout.write(
            ("Demodata aangemaakt" if built else "Demodata was er al")
            + f"; betrokkene logt in op het portaal met {DEMO_EMAIL}."
        )
