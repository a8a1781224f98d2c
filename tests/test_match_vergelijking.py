"""Issue 10, match judgement (ch. 6.5): the functionaris sees what the applicant gave at the
check next to the signalering's identity data, field by field; what the applicant gave is kept
encrypted, outside the history, and only until the match is judged (ch. 12.1)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from states.models import Match
from states.services import matching
from tests.conftest import actor, staff_client

pytestmark = pytest.mark.django_db


def check(now, voornaam: str, nummer: str = "WZ-1") -> None:
    matching.match_check(
        actor("wiz-systeem"), nummer, voornaam, "Zwartkruis", date(1987, 3, 14), now
    )


def rows(html: str) -> dict[str, tuple[str, str, str]]:
    import re

    found = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td><td>.*?>([^<]+)</',
        html,
    )
    return {veld: (sig, opgegeven, oordeel) for veld, sig, opgegeven, oordeel in found}


def test_ch6_5_the_functionaris_compares_field_by_field(make_signalering, now):
    sig = make_signalering()
    check(now, "Jan")  # same initial, surname and birth date: a possible match
    html = staff_client("tiwos-functionaris").get(f"/medewerker/signaleringen/{sig.pk}")
    table = rows(html.content.decode())
    assert table["Voornaam"] == ("Jantje", "Jan", "Wijkt af")
    assert table["Achternaam"] == ("Zwartkruis", "Zwartkruis", "Komt overeen")
    assert table["Geboortedatum"] == ("14 maart 1987", "14 maart 1987", "Komt overeen")
    assert table["Inschrijfnummer"][1] == "WZ-1"


def test_ch12_1_what_the_applicant_gave_is_encrypted_and_gone_once_judged(make_signalering, now):
    sig = make_signalering()
    check(now, "Jan")
    match = Match.objects.get(signalering=sig)
    with connection.cursor() as cursor:
        cursor.execute("SELECT opgegeven_voornaam FROM states_match WHERE id = %s", [match.pk])
        assert cursor.fetchone()[0] not in ("Jan", "")
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'states_historicalmatch' AND column_name LIKE 'opgegeven%%'"
        )
        assert cursor.fetchall() == []  # never copied into the history
    matching.beoordeel_match(actor("tiwos-functionaris"), match.pk, False, now)
    match.refresh_from_db()
    assert (match.opgegeven_voornaam, match.opgegeven_geboortedatum) == ("", None)


def test_a_registration_found_at_entry_explains_what_can_be_compared(region, now, make_signalering):
    check(now, "Jantje", nummer="WZ-9")  # the registration exists before the signalering
    sig = make_signalering()
    html = staff_client("tiwos-functionaris").get(f"/medewerker/signaleringen/{sig.pk}")
    text = html.content.decode()
    assert "Mogelijke match met inschrijving WZ-9" in text
    assert "Vergelijk naam, adres en geboortedatum in het woonruimteverdeelsysteem" in text


def test_another_corporation_never_sees_the_comparison(make_signalering, now):
    sig = make_signalering()
    check(now, "Jan")
    assert (
        staff_client("tbv-functionaris").get(f"/medewerker/signaleringen/{sig.pk}").status_code
        == 404
    )
