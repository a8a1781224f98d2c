"""Protocol ch. 7 in combination: a scope and a term per category, through match-check, the
blokkade, the API, the letters and expiry. B + D (€12,000) blocks region-wide for two years and
at the primaire bron alone for five; never the widest scope for the longest term."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from notifications.models import OutboxMessage
from notifications.rendering import render
from states.models import Signalering
from workflows import jobs

pytestmark = pytest.mark.django_db

START = date(2026, 10, 1)  # the helper's moment of placement
REGIO_EIND = date(2028, 10, 1)  # B: +24 months
BRON_EIND = date(2031, 10, 1)  # D with €12,000 open: +60 months
PLUS_30_MAANDEN = datetime.fromisoformat("2029-04-01T12:00:00+02:00")


@pytest.fixture
def b_plus_d(make_signalering) -> Signalering:
    return make_signalering(
        "tiwos", "geblokkeerd", criteria=[("III", "a"), ("VIII", "d")], bedrag="12000"
    )


def check(api, who: str, sig: Signalering) -> dict:
    body = {
        "inschrijfnummer": sig.inschrijfnummer,
        "voornaam": "Jantje",
        "achternaam": "Zwartkruis",
        "geboortedatum": "1987-03-14",
    }
    response = api(who).post("/api/v1/match-check", body, format="json")
    assert response.status_code == 200
    return response.json()


def at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr("portal.clock.now", lambda: moment)


def test_ch7_b_plus_d_stores_a_term_and_scope_per_category(b_plus_d):
    assert b_plus_d.termijnen == {"B": 24, "D": 60}
    assert (b_plus_d.einddatum_regio, b_plus_d.einddatum) == (REGIO_EIND, BRON_EIND)
    assert b_plus_d.blokkade_eind == BRON_EIND


def test_ch7_b_plus_d_today_blocks_region_wide_until_24_months(api, b_plus_d):
    other = check(api, "tbv-bevrager", b_plus_d)
    assert other["geblokkeerd"] is True
    assert other["blokkades"] == [{"reikwijdte": "regio", "tot": "2028-10-01", "deelnemer": None}]
    system = check(api, "wiz-systeem", b_plus_d)
    assert system["blokkades"] == [
        {"reikwijdte": "regio", "tot": "2028-10-01", "deelnemer": None},
        {"reikwijdte": "corporatie", "tot": "2031-10-01", "deelnemer": "tiwos"},
    ]


def test_ch7_b_plus_d_at_30_months_another_corporation_is_told_not_blocked(
    api, b_plus_d, monkeypatch
):
    at(monkeypatch, PLUS_30_MAANDEN)
    other = check(api, "tbv-bevrager", b_plus_d)
    assert (other["geblokkeerd"], other["blokkades"]) == (False, [])
    own = check(api, "tiwos-bevrager", b_plus_d)
    assert own["blokkades"] == [
        {"reikwijdte": "corporatie", "tot": "2031-10-01", "deelnemer": "tiwos"}
    ]


def test_ch7_another_corporation_sees_only_the_region_part_and_only_while_it_runs(
    api, b_plus_d, monkeypatch
):
    body = {
        "inschrijfnummer": b_plus_d.inschrijfnummer,
        "voornaam": "Jantje",
        "achternaam": "Zwartkruis",
        "geboortedatum": "1987-03-14",
        "doel": "kandidaatstelling",
        "kenmerk": "Woning 7",
    }
    opened = api("tbv-functionaris").post("/api/v1/categorie", body, format="json").json()
    assert opened["blokkades"] == [
        {"reikwijdte": "regio", "tot": "2028-10-01", "categorieen": ["B"]}  # never D
    ]
    assert api("tbv-functionaris").get(f"/api/v1/signaleringen/{b_plus_d.pk}").status_code == 404
    at(monkeypatch, PLUS_30_MAANDEN)
    later = api("tbv-functionaris").post("/api/v1/categorie", body, format="json").json()
    assert later["blokkades"] == []
    listed = api("tbv-functionaris").get("/api/v1/signaleringen").json()
    assert b_plus_d.pk not in [row["id"] for row in listed]


def test_ch7_primaire_bron_api_shows_the_end_date_per_scope(api, b_plus_d):
    body = api("tiwos-functionaris").get(f"/api/v1/signaleringen/{b_plus_d.pk}").json()
    assert body["termijnen"] == {"B": 24, "D": 60}
    assert (body["einddatum_regio"], body["einddatum"]) == ("2028-10-01", "2031-10-01")
    assert body["termijn_motivering"]


def letter(sig: Signalering, template: str) -> str:
    row = OutboxMessage.objects.get(case_id=sig.pk, case_type="signalering", template=template)
    return render(row.template, row.context).body


def test_ch7_placement_and_blokkade_letters_give_each_scope_its_own_end(b_plus_d):
    text = letter(b_plus_d, "plaatsing")
    assert (
        "Categorie B (Gevaarzetting en agressie): 2 jaar, tot 1 oktober 2028, uitsluiting bij alle"
        in text
    )
    assert (
        "Categorie D (Openstaande vordering): 5 jaar, tot 1 oktober 2031, uitsluiting alleen bij"
        in text
    )
    assert "tot 1 oktober 2028 bij geen van de deelnemende corporaties" in text
    assert "daarna tot 1 oktober 2031 alleen niet bij TIWOS" in text
    assert "alleen een maximale termijn" in text  # the term is a maximum, chosen with reasons
    blokkade = letter(b_plus_d, "blokkade")
    assert "Bij alle deelnemende corporaties tot 1 oktober 2028" in blokkade
    assert "Bij TIWOS, Tilburgse Woonstichting tot 1 oktober 2031" in blokkade
    assert "criterium III" in blokkade and "criterium VIII" in blokkade  # the reason (ch. 6.5)


def test_ch7_region_part_ends_on_its_own_date_with_a_notice(b_plus_d):
    day_before = datetime.fromisoformat("2028-09-30T23:00:00+02:00")
    assert jobs.expire_signaleringen(day_before) == {"ended": 0, "region_parts_ended": 0}
    end_day = datetime.fromisoformat("2028-10-01T00:30:00+02:00")
    assert jobs.expire_signaleringen(end_day) == {"ended": 0, "region_parts_ended": 1}
    assert jobs.expire_signaleringen(end_day) == {"ended": 0, "region_parts_ended": 0}
    b_plus_d.refresh_from_db()
    assert b_plus_d.state == "geblokkeerd" and b_plus_d.reikwijdte == "corporatie"
    text = letter(b_plus_d, "regio_vervallen")
    assert "weer bij elke deelnemende corporatie een woning huren" in text
    assert "Categorie D (Openstaande vordering) tot 1 oktober 2031" in text
    final = datetime.fromisoformat("2031-10-01T00:30:00+02:00")
    assert jobs.expire_signaleringen(final) == {"ended": 1, "region_parts_ended": 0}


def test_ch7_a_single_region_category_ends_once_without_a_separate_region_notice(
    make_signalering,
):
    sig = make_signalering("tiwos", "geblokkeerd", criteria=[("III", "a")])
    end_day = datetime.fromisoformat("2028-10-01T00:30:00+02:00")
    assert jobs.expire_signaleringen(end_day) == {"ended": 1, "region_parts_ended": 0}
    assert not OutboxMessage.objects.filter(case_id=sig.pk, template="regio_vervallen").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"termijnen": {"B": 25, "D": 60}}, "termijnen"),  # region part above its maximum
        ({"termijnen": {"B": 24}}, "termijnen"),  # D needs its own term
        ({"ingangsdatum": "2026-12-01"}, "ingangsdatum"),  # in the future
        ({"ingangsdatum": "1987-03-14"}, "ingangsdatum"),  # the day the person was born
    ],
)
def test_ch12_3_corrections_pass_the_registration_rules(api, b_plus_d, change, field):
    response = api("tiwos-functionaris").patch(
        f"/api/v1/signaleringen/{b_plus_d.pk}", {**change, "bedrag": "12000"}, format="json"
    )
    assert response.status_code == 400 and field in response.json()
    b_plus_d.refresh_from_db()
    assert b_plus_d.termijnen == {"B": 24, "D": 60} and b_plus_d.ingangsdatum == START


def test_ch12_3_a_shorter_region_term_is_corrected_with_history(api, b_plus_d):
    response = api("tiwos-functionaris").patch(
        f"/api/v1/signaleringen/{b_plus_d.pk}",
        {
            "termijnen": {"B": 12, "D": 60},
            "bedrag": "12000",
            "termijn_motivering": "Na herbeoordeling: eenmalig incident.",
            "reden": "rectificatie termijn",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    b_plus_d.refresh_from_db()
    assert b_plus_d.einddatum_regio == date(2027, 10, 1) and b_plus_d.einddatum == BRON_EIND
    assert b_plus_d.history.first().history_change_reason.endswith("rectificatie termijn")
    text = letter(b_plus_d, "gegevens_gecorrigeerd")  # the person is told in writing
    assert "Gewijzigd: termijn per categorie" in text and "tot 1 oktober 2027" in text


def test_ch7_migration_gives_existing_combined_signaleringen_their_region_end(make_signalering):
    """Data exists in deployments: a B + D registered under the old rule (five years for the
    widest scope) gets its region part cut back to two years by migration 0002."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("states.migrations.0002_uitsluiting_per_categorie")
    sig = make_signalering(
        "tiwos", "geblokkeerd", criteria=[("III", "a"), ("VIII", "d")], bedrag="12000"
    )
    Signalering.objects.filter(pk=sig.pk).update(
        termijnen={}, einddatum_regio=None, reikwijdte="regio", termijn_maanden=60
    )
    migration.per_categorie(apps, None)
    sig.refresh_from_db()
    assert sig.termijnen == {"B": 24, "D": 60}
    assert (sig.einddatum_regio, sig.einddatum) == (REGIO_EIND, BRON_EIND)
