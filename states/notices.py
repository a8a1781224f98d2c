"""The domain's side of the outbox: what must be told to whom, never how it is sent.

A transition calls `request_notice(...)` inside its transaction; the notifications app, which
listens, writes the outbox row in that same transaction. States imports nothing of
notifications: the dependency points the other way. With no listener connected a notice would
be lost, so that raises instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal

notice_requested = Signal()  # sent with `notices`: a list, written in one statement
case_erased = Signal()
contact_known = Signal()


@dataclass(frozen=True)
class Recipient:
    """The person or staff member to tell. No e-mail → a letter; no address → a dated letter."""

    naam: str = ""
    email: str = ""
    adres: str = ""
    is_betrokkene: bool = True
    taal: str = "nl"  # the language the person chose; Dutch is the legal text

    @classmethod
    def staff(cls, user: Any) -> Recipient:
        """A member of staff: by e-mail, never a letter to the person."""
        return cls(naam=user.get_full_name(), email=user.email, is_betrokkene=False)


@dataclass(frozen=True)
class Notice:
    key: str  # idempotency key: one notice per key, ever
    template: str
    case_type: str
    case_id: int
    recipient: Recipient
    now: datetime
    context: dict[str, Any] = field(default_factory=dict)


# Inside `collected()`, notices are gathered and written together by the caller (enforcement
# writes a whole batch's outbox rows in one INSERT instead of one per escalation).
_collecting: ContextVar[list[Notice] | None] = ContextVar("notices_collecting", default=None)


def request_notice(notice: Notice) -> None:
    collecting = _collecting.get()
    if collecting is not None:
        collecting.append(notice)
        return
    request_notices([notice])


def request_notices(notices: Sequence[Notice]) -> None:
    if notices and not notice_requested.send(sender=Notice, notices=notices):
        raise ImproperlyConfigured("No outbox listens for notices: install 'notifications'.")


@contextmanager
def collected() -> Iterator[list[Notice]]:
    """Gather the notices requested inside, instead of writing each; the caller writes them
    with `request_notices` in its own transaction (or drops them when its work failed)."""
    gathered: list[Notice] = []
    token = _collecting.set(gathered)
    try:
        yield gathered
    finally:
        _collecting.reset(token)


@contextmanager
def written_at_once() -> Iterator[None]:
    """Inside a `collected()` block: write notices at once again (a transition that reads
    back its own outbox rows, such as a removal awaiting its letter)."""
    token = _collecting.set(None)
    try:
        yield
    finally:
        _collecting.reset(token)


def erase_case(case_type: str, case_id: int, keep_for_accounts: Sequence[int] = ()) -> None:
    """Tell every holder of copies (the outbox) to erase what it keeps of this case.

    `keep_for_accounts`: portal accounts that keep a copy of the removal letter in their own
    account, no longer linked to the case (ch. 12.4: the person may still read it)."""
    if not case_erased.send(
        sender=Notice, case_type=case_type, case_id=case_id, keep_for_accounts=keep_for_accounts
    ):
        raise ImproperlyConfigured("No outbox listens for erasure: install 'notifications'.")


def new_contact(case_type: str, case_id: int, recipient: Recipient) -> None:
    """An e-mail or address became known: a letter that was only documented can now go out
    (protocol ch. 10, last paragraphs)."""
    contact_known.send(sender=Notice, case_type=case_type, case_id=case_id, recipient=recipient)
