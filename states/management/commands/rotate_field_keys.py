from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from states import crypto


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted personal field under the first key of "
        "FIELD_ENCRYPTION_KEYS (put the new key first; remove the old one afterwards). "
        "With --new-key: only print a new key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--new-key", action="store_true", help="print a fresh key and stop")

    def handle(self, *args: Any, new_key: bool, **options: Any) -> None:
        if new_key:
            self.stdout.write(Fernet.generate_key().decode())
            return
        with transaction.atomic(), connection.cursor() as cursor:
            count = crypto.rewrite_all(cursor, crypto.rotate)
        self.stdout.write(f"{count} waarden opnieuw versleuteld onder de eerste sleutel.")
