"""The two Python halves of bin/restore-drill: make open cases with deadlines, then — after
the database was dumped, wiped and restored — show that nothing was lost and the deadlines
carry on, each escalated exactly once."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

TABLES = [
    "states_signalering",
    "states_historicalsignalering",
    "states_verzoek",
    "states_deadline",
    "states_raadpleging",
    "notifications_outboxmessage",
    "auth_user",
]


def counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        result = {}
        for table in TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
            result[table] = cursor.fetchone()[0]
    return result


class Command(BaseCommand):
    help = "bin/restore-drill: `prepare N --now T` before the dump, `verify N --now T` after."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("step", choices=["prepare", "verify"])
        parser.add_argument("cases", type=int)
        parser.add_argument("--now", required=True, help="ISO moment with a time zone")

    def handle(self, *args: Any, step: str, cases: int, now: str, **options: Any) -> None:
        moment = datetime.fromisoformat(now)
        result = _prepare(cases, moment) if step == "prepare" else _verify(cases, moment)
        self.stdout.write(json.dumps(result, default=str))


def _prepare(n: int, now: datetime) -> dict[str, Any]:
    """`n` requests received four weeks ago (their decision is due) and one signalering."""
    from states.access import actor_for
    from states.models import Medewerker
    from states.policy import Beleid, Reden, maxima
    from states.protocol_v14 import BELEID
    from states.services import signalering, verzoek
    from states.services.intake import Indiening
    from states.services.signalering import Gegevens

    swv = actor_for(Medewerker.objects.get(user__username="wiz-medewerker_swv").user)
    received = now - timedelta(weeks=4, days=3)
    for i in range(n):
        filing = Indiening(naam=f"Aanvrager {i}", email=f"drill{i}@example.org",
                           ontvangen_op=received, kanaal="post")  # fmt: skip
        verzoek.dien_in(swv, "inzage", filing, received)
    functionaris = actor_for(Medewerker.objects.get(user__username="tiwos-functionaris").user)
    redenen = [Reden("III", "a")]
    invoer = Gegevens(
        redenen=redenen,
        ingangsdatum=now.date() - timedelta(days=30),
        datum_uitzetting=now.date() - timedelta(days=30),
        bedrag=None,
        termijnen=maxima(Beleid.from_data(BELEID), redenen, None),
        termijn_maanden=None,
        termijn_motivering="Oefening: herstel uit een back-up.",
        persoon={"voornaam": "Oefen", "achternaam": "Drill-Vlaskampenaar"},
    )
    sig = signalering.maak_concept(functionaris, functionaris.deelnemer_id, invoer, now)
    return {"prepared": n, "signalering": sig.pk, "counts": counts()}


def _verify(n: int, now: datetime) -> dict[str, Any]:
    from states.models import Deadline, Signalering
    from states.services.enforcement import enforce

    restored = counts()
    names = [s.achternaam for s in Signalering.objects.all()]  # decrypts: the key survived
    if "Drill-Vlaskampenaar" not in names:
        raise CommandError("The restored signalering cannot be read.")
    first, second = enforce(now), enforce(now + timedelta(minutes=5))
    missed = Deadline.objects.filter(kind="verzoek_beslissen", status="missed").count()
    if (first.escalated, second.escalated, missed) != (n, 0, n):
        raise CommandError(f"Deadlines did not carry on: {first}, {second}, {missed}")
    return {
        "restored_counts": restored,
        "escalated_first_run": first.escalated,
        "escalated_second_run": second.escalated,
        "failed": first.failed,
        "counts_after": counts(),
    }
