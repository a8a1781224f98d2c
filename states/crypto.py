"""Personal fields encrypted at rest (Fernet: AES-128-CBC with HMAC-SHA256), so a copy of the
database — a dump, a replica, a disk — shows no name, birth date, address, e-mail or attachment.

Keys come from settings.FIELD_ENCRYPTION_KEYS: the first encrypts, every key decrypts, so a
new key is put first and `manage.py rotate_field_keys` re-encrypts every value under it; the old
key can then be removed. Matching never decrypts in the database: it compares keyed hashes
(`match_sleutel`). Nothing may filter on these columns: each encryption is randomised."""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken as exc:  # a key was removed before rotation finished, or tampering
        raise ValueError("Versleutelde waarde niet te lezen met de huidige sleutels.") from exc


def rotate(token: bytes) -> bytes:
    """The same value, encrypted under the first (newest) key."""
    return fernet().rotate(token)


class EncryptedMixin:
    """Stored as text (base64 Fernet token); the empty value stays empty, None stays None."""

    def db_type(self, connection: Any) -> str:
        return "text"

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or value == "":
            return value
        text = value.isoformat() if isinstance(value, datetime.date) else str(value)
        return encrypt(text.encode()).decode()

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return self.to_python(decrypt(value.encode()).decode())


class EncryptedCharField(EncryptedMixin, models.CharField):
    pass


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass


class EncryptedDateField(EncryptedMixin, models.DateField):
    pass


class EncryptedBinaryField(models.BinaryField):
    """File contents: the token as bytes (bytea)."""

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None:
            return None
        return super().get_db_prep_value(encrypt(bytes(value)), connection, prepared)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else decrypt(bytes(value))


# Where the encrypted values live: table, primary key, text columns, binary columns.
ENCRYPTED_COLUMNS: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    (
        table,
        pk,
        (
            "voornaam",
            "voorletters",
            "achternaam",
            "geboortedatum",
            "email",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
        ),
        (),
    )
    for table, pk in (("states_signalering", "id"), ("states_historicalsignalering", "history_id"))
] + [("states_bijlage", "id", (), ("inhoud",))]


def rewrite_all(cursor: Any, change: Any, batch: int = 500) -> int:
    """Apply `change(token_or_plain: bytes) -> bytes` to every stored value, table by table in
    batches (a migration encrypting, a rotation re-encrypting); returns the values rewritten.
    The history table only opens inside the erasure path, which logs it (states.wissing)."""
    cursor.execute("SELECT set_config('signalering.wissing', 'sleutelrotatie', true)")
    count = sum(
        _rewrite_table(cursor, table, pk, texts, binaries, change, batch)
        for table, pk, texts, binaries in ENCRYPTED_COLUMNS
    )
    cursor.execute("SELECT set_config('signalering.wissing', '', true)")
    return count


def _rewrite_table(
    cursor: Any, table: str, pk: str, texts: tuple, binaries: tuple, change: Any, batch: int
) -> int:
    columns = [*texts, *binaries]
    select = (
        f"SELECT {pk}, {', '.join(columns)} FROM {table} WHERE {pk} > %s ORDER BY {pk} LIMIT %s"
    )
    update = f"UPDATE {table} SET {', '.join(f'{c} = %s' for c in columns)} WHERE {pk} = %s"
    count, last = 0, 0
    while True:
        cursor.execute(select, [last, batch])
        rows = cursor.fetchall()
        if not rows:
            return count
        for row in rows:
            last = row[0]
            pairs = zip(columns, row[1:], strict=True)
            cursor.execute(update, [*(_change(v, change, c in binaries) for c, v in pairs), last])
            count += sum(1 for v in row[1:] if v not in (None, ""))


def _change(value: Any, change: Any, binary: bool) -> Any:
    if value is None or value == "":
        return value
    if binary:
        return change(bytes(value))
    return change(value.encode()).decode()
