from __future__ import annotations

import csv
from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from states.models import Samenwerkingsverband
from states.policy import PolicyError
from states.roles import Actor, Rol
from states.services.matching import match_check

COLUMNS = ("inschrijfnummer", "voornaam", "achternaam", "geboortedatum")


class Command(BaseCommand):
    help = (
        "Import applicant registrations from the allocation system (CSV with columns "
        "inschrijfnummer, voornaam, achternaam, geboortedatum YYYY-MM-DD) and look for matches. "
        "All or nothing: one bad row and nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv_path")
        parser.add_argument("--regio", default="woning-in-zicht")
        parser.add_argument("--now", help="ISO-8601 instant with time zone (default: the clock)")

    def handle(
        self, *args: Any, csv_path: str, regio: str, now: str | None = None, **options: Any
    ) -> None:
        swv = Samenwerkingsverband.objects.filter(code=regio).first()
        if swv is None:
            raise CommandError(f"Onbekend samenwerkingsverband '{regio}'.")
        actor = Actor(None, Rol.SYSTEEM, swv.pk, None, "import")
        moment = datetime.fromisoformat(now) if now else timezone.now()
        with open(csv_path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = set(COLUMNS) - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"Kolommen ontbreken: {', '.join(sorted(missing))}.")
            rows = list(reader)
        matches = 0
        with transaction.atomic():
            for line, row in enumerate(rows, start=2):
                try:
                    geboren = date.fromisoformat(row["geboortedatum"].strip())
                    result = match_check(
                        actor,
                        row["inschrijfnummer"].strip(),
                        row["voornaam"],
                        row["achternaam"],
                        geboren,
                        moment,
                    )
                except (ValueError, PolicyError) as exc:
                    raise CommandError(f"Regel {line}: {exc}") from exc
                matches += result.nieuwe_matches
        self.stdout.write(f"{len(rows)} inschrijvingen verwerkt, {matches} mogelijke matches.")
