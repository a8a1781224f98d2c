"""Matching registrations to signaleringen, the blokkade, and the match-check (ch. 6, 12.1)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import OutboxMessage
from states.models import Inschrijving, Match, Signalering
from states.services import matching
from states.services import signalering as service
from tests.conftest import actor

pytestmark = pytest.mark.django_db

CHECK = {
    "inschrijfnummer": "WZ-77001",
    "voornaam": "Jantje",
    "achternaam": "Zwartkruis",
    "geboortedatum": "1987-03-14",
}


def test_a_new_registration_matching_a_signalering_notifies_the_primaire_bron(
    api, make_signalering
):
    sig = make_signalering("tiwos", "geregistreerd")
    response = api("wiz-systeem").post(
        "/api/v1/match-check", {**CHECK, "achternaam": "ZWÁRTKRUIS "}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "inschrijfnummer": "WZ-77001",
        "geblokkeerd": False,
        "blokkades": [],
        "identiteit_wijkt_af": False,
    }
    match = Match.objects.get(signalering=sig)
    assert match.status == "mogelijk"
    melding = OutboxMessage.objects.get(template="match_melding")
    assert melding.to_email == "tiwos-functionaris@demo.woninginzicht.nl"
    assert "Zwartkruis" not in str(melding.context)  # staff alert names no one
    # The registration itself is stored without name or birth date.
    inschrijving = Inschrijving.objects.get(inschrijfnummer="WZ-77001")
    assert "zwartkruis" not in inschrijving.match_sleutel.lower()
    assert {f.name for f in Inschrijving._meta.fields} == {
        "id",
        "samenwerkingsverband",
        "inschrijfnummer",
        "match_sleutel",
        "bijgewerkt_op",
    }


def test_registering_a_signalering_matches_an_existing_registration(api, make_signalering):
    api("wiz-systeem").post("/api/v1/match-check", CHECK, format="json")
    sig = make_signalering("tbv", "geregistreerd")
    assert Match.objects.filter(signalering=sig, status="mogelijk").count() == 1


def test_other_person_with_same_name_but_other_birth_date_does_not_match(api, make_signalering):
    make_signalering("tiwos", "geregistreerd")
    api("wiz-systeem").post(
        "/api/v1/match-check", {**CHECK, "geboortedatum": "1987-03-15"}, format="json"
    )
    assert not Match.objects.exists()


def test_confirmed_match_with_decision_blocks_region_wide(api, make_signalering):
    sig = make_signalering("tiwos", "geregistreerd", criteria=[("III", "a")])
    api("wiz-systeem").post("/api/v1/match-check", CHECK, format="json")
    match = Match.objects.get(signalering=sig)
    response = api("tiwos-functionaris").post(
        f"/api/v1/matches/{match.pk}/transitions/bevestig",
        {"blokkeren": True, "blokkade_start": "2026-11-23", "reden": "terechte match"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "bevestigd"
    sig.refresh_from_db()
    assert sig.state == "geblokkeerd" and sig.inschrijfnummer == "WZ-77001"
    assert (sig.blokkade_start, sig.blokkade_eind) == (date(2026, 11, 23), sig.einddatum)
    assert OutboxMessage.objects.filter(template="blokkade", case_id=sig.pk).count() == 1

    for who in ("wiz-systeem", "tbv-bevrager", "tiwos-bevrager"):
        answer = api(who).post("/api/v1/match-check", CHECK, format="json").json()
        assert answer["geblokkeerd"] is True, who
        assert answer["blokkades"] == [
            {"reikwijdte": "regio", "tot": sig.einddatum.isoformat(), "deelnemer": None}
        ]


def test_corporation_scope_blocks_only_at_the_primaire_bron(api, make_signalering):
    sig = make_signalering("tiwos", "geblokkeerd", criteria=[("I", "a")])
    check = {**CHECK, "inschrijfnummer": sig.inschrijfnummer}
    assert (
        api("tbv-bevrager").post("/api/v1/match-check", check, format="json").json()["geblokkeerd"]
        is False
    )
    own = api("tiwos-bevrager").post("/api/v1/match-check", check, format="json").json()
    assert own["geblokkeerd"] is True and own["blokkades"][0]["deelnemer"] == "tiwos"
    system = api("wiz-systeem").post("/api/v1/match-check", check, format="json").json()
    assert system["blokkades"] == [
        {"reikwijdte": "corporatie", "tot": sig.blokkade_eind.isoformat(), "deelnemer": "tiwos"}
    ]


def test_rejected_match_blocks_nothing_and_cannot_be_judged_twice(api, make_signalering):
    sig = make_signalering("tiwos", "geregistreerd")
    api("wiz-systeem").post("/api/v1/match-check", CHECK, format="json")
    match = Match.objects.get(signalering=sig)
    client = api("tiwos-functionaris")
    assert client.post(f"/api/v1/matches/{match.pk}/transitions/wijs_af").status_code == 200
    assert client.post(f"/api/v1/matches/{match.pk}/transitions/bevestig").status_code == 409
    sig.refresh_from_db()
    assert sig.state == "geregistreerd" and sig.inschrijfnummer == ""


def test_only_the_primaire_bron_judges_a_match(api, make_signalering):
    sig = make_signalering("tiwos", "geregistreerd")
    api("wiz-systeem").post("/api/v1/match-check", CHECK, format="json")
    match = Match.objects.get(signalering=sig)
    assert (
        api("tbv-functionaris").post(f"/api/v1/matches/{match.pk}/transitions/bevestig").status_code
        == 404
    )
    assert (
        api("tiwos-bevrager").post(f"/api/v1/matches/{match.pk}/transitions/bevestig").status_code
        == 403
    )


def test_blokkade_may_not_outlast_the_signalering(api, make_signalering):
    sig = make_signalering("tiwos", "geregistreerd")
    api("wiz-systeem").post("/api/v1/match-check", CHECK, format="json")
    match = Match.objects.get(signalering=sig)
    response = api("tiwos-functionaris").post(
        f"/api/v1/matches/{match.pk}/transitions/bevestig",
        {"blokkeren": True, "blokkade_eind": "2040-01-01"},
        format="json",
    )
    assert response.status_code == 400 and "blokkade_eind" in response.json()
    match.refresh_from_db()
    assert match.status == "mogelijk"  # nothing half-done
    assert Signalering.objects.get(pk=sig.pk).state == "geregistreerd"


def test_after_the_end_the_link_is_removed_and_nobody_is_blocked(api, make_signalering, now):
    sig = make_signalering("tiwos", "geblokkeerd", criteria=[("III", "a")])
    check = {**CHECK, "inschrijfnummer": sig.inschrijfnummer}
    service.beeindig(actor("tiwos-functionaris"), sig.pk, "nieuwe_kans", now)
    answer = api("wiz-systeem").post("/api/v1/match-check", check, format="json").json()
    assert answer["geblokkeerd"] is False
    assert not Match.objects.filter(signalering=sig).exists()


def test_match_check_bad_input_is_400(api):
    response = api("wiz-systeem").post(
        "/api/v1/match-check",
        {"inschrijfnummer": "X", "geboortedatum": "14-03-1987"},
        format="json",
    )
    assert response.status_code == 400
    assert {"voornaam", "achternaam", "geboortedatum"} <= set(response.json())


def test_directie_may_not_run_match_checks(api):
    assert (
        api("tiwos-directie").post("/api/v1/match-check", CHECK, format="json").status_code == 403
    )


def test_expired_signaleringen_end_automatically(make_signalering, now):
    from datetime import datetime

    sig = make_signalering("tiwos", "geblokkeerd", ingangsdatum=date(2024, 12, 1))
    assert sig.einddatum == date(2026, 12, 1)
    day_before = datetime.fromisoformat("2026-11-30T23:30:00+01:00")
    assert service.beeindig_verlopen(sig.samenwerkingsverband_id, day_before) == []
    # 00:30 in Amsterdam on the end date is still 23:30 UTC the day before: local days count.
    end_day = datetime.fromisoformat("2026-11-30T23:30:00+00:00")
    assert service.beeindig_verlopen(sig.samenwerkingsverband_id, end_day) == [sig.pk]
    sig.refresh_from_db()
    assert (sig.state, sig.eindreden) == ("beeindigd", "termijn_verstreken")
    assert service.beeindig_verlopen(sig.samenwerkingsverband_id, end_day) == []
    assert matching.Match.objects.filter(signalering=sig).count() == 0


def test_a_signalering_whose_term_has_already_run_out_cannot_be_registered(make_signalering, now):
    from states.policy import PolicyError

    sig = make_signalering("tiwos", "concept", ingangsdatum=date(2024, 11, 1))
    with pytest.raises(PolicyError) as err:
        service.registreer(actor("tiwos-functionaris"), sig.pk, now)
    assert "einddatum" in err.value.errors


def test_import_registrations_from_csv_finds_matches_all_or_nothing(make_signalering, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    sig = make_signalering("tiwos", "geregistreerd")
    good = tmp_path / "inschrijvingen.csv"
    good.write_text(
        "inschrijfnummer,voornaam,achternaam,geboortedatum\n"
        "WZ-1,Jantje,Zwartkruis,1987-03-14\n"
        "WZ-2,Piet,Anders,1990-01-01\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_inschrijvingen", str(good), stdout=out)
    assert "2 inschrijvingen verwerkt, 1 mogelijke matches" in out.getvalue()
    assert Match.objects.filter(signalering=sig).count() == 1

    bad = tmp_path / "fout.csv"
    bad.write_text(
        "inschrijfnummer,voornaam,achternaam,geboortedatum\n"
        "WZ-3,Kees,Goed,1970-01-01\n"
        "WZ-4,Klaas,Fout,31-12-1970\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Regel 3"):
        call_command("import_inschrijvingen", str(bad))
    assert not Inschrijving.objects.filter(inschrijfnummer="WZ-3").exists()


def _queries(check: dict, now) -> int:
    geboortedatum = date.fromisoformat(check["geboortedatum"])
    systeem = actor("wiz-systeem")
    with CaptureQueriesContext(connection) as ctx:
        matching.match_check(systeem, now=now, **{**check, "geboortedatum": geboortedatum})
    # The savepoint pair is the test's own transaction around the check's (BEGIN/COMMIT live).
    return sum(not q["sql"].startswith(("SAVEPOINT", "RELEASE")) for q in ctx.captured_queries)


def test_a_match_check_costs_the_same_few_queries_however_long_the_list(make_signalering, now):
    """Issue 11: a check is one registration upsert and one indexed read (plus, when blocked,
    the match it already has and the read-log row), whether 5 or 50 signaleringen are listed."""
    sig = make_signalering(state="geblokkeerd")
    geblokkeerd = {**CHECK, "inschrijfnummer": sig.inschrijfnummer}
    nieuw = {**CHECK, "achternaam": "Niemand"}

    def counts(extra: int, start: int) -> tuple[int, int, int]:
        for i in range(start, start + extra):
            make_signalering(
                state="beeindigd" if i % 5 == 0 else "geregistreerd", achternaam=f"Ander{i}"
            )
        assert Signalering.objects.count() == start + extra + 1
        nummer = {**nieuw, "inschrijfnummer": f"WZ-nieuw-{start}"}
        return _queries(nummer, now), _queries(nummer, now), _queries(geblokkeerd, now)

    assert counts(4, 0) == counts(45, 4) == (2, 2, 4)
