from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from states import protocol_v14
from states.demo import DEMO_EMAIL, build_demo_data
from states.seeding import DEMO_PASSWORD, seed_demo_users, seed_region


class Command(BaseCommand):
    help = (
        "Seed the Woning in Zicht region, protocol v1.4, one demo user per role and demo cases "
        "in every state. Idempotent: a second run creates nothing new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            type=datetime.fromisoformat,
            default=None,
            help="The moment the demo is dated around (ISO-8601 with zone); default: now.",
        )
        parser.add_argument(
            "--no-demo-data",
            action="store_true",
            help="Only the region, its protocol and the users; no signaleringen or cases.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        swv = seed_region()
        users = seed_demo_users(swv)
        versie = swv.protocolversies.filter(versie=protocol_v14.VERSIE).first()
        self.stdout.write(
            f"{swv.naam}: {swv.deelnemers.count()} deelnemers, protocol {versie and versie.versie}"
        )
        self.stdout.write(f"{len(users)} demo-gebruikers, wachtwoord '{DEMO_PASSWORD}':")
        for name in users:
            self.stdout.write(f"  {name}")
        if options["no_demo_data"]:
            return
        # The command is the edge: the clock is read here, or the moment given, never below.
        now = options["now"] or timezone.now()
        if timezone.is_naive(now):
            raise CommandError("--now needs a time zone, e.g. 2026-11-23T09:00:00+01:00")
        built = build_demo_data(swv, now)
        self.stdout.write(
            ("Demodata aangemaakt" if built else "Demodata was er al")
            + f"; betrokkene logt in op het portaal met {DEMO_EMAIL}."
        )
