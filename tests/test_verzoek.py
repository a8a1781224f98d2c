"""Verzoeken: intake, the four-week decision, carrying out a grant and its effect."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from notifications.models import OutboxMessage
from notifications.rendering import render
from states.models import Deadline, Signalering, Verzoek
from states.services import verzoek as service
from tests.conftest import actor, later, open_categorie

pytestmark = pytest.mark.django_db


def text(template: str, case_id: int) -> str:
    row = OutboxMessage.objects.get(template=template, case_id=case_id, case_type="verzoek")
    rendered = render(row.template, row.context)
    return rendered.subject + "\n" + rendered.body


def file(client, sig, soort="bezwaar", **extra):
    extra.setdefault("toelichting", "Mijn situatie is veranderd.")
    response = client.post(
        "/api/v1/verzoeken", {"soort": soort, "signalering": sig.pk, **extra}, format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_person_files_objection_and_is_told_the_date_of_the_answer(make_signalering, betrokkene):
    sig = make_signalering()
    _, client = betrokkene(sig)
    body = file(client, sig, toelichting="Ik ben niet ontruimd wegens overlast.")
    assert body["state"] == "ontvangen"
    [deadline] = body["deadlines"]
    assert deadline["kind"] == "verzoek_beslissen"
    assert deadline["last_day"] == str(date(2026, 12, 21))  # 4 weeks from Monday 23 November
    assert "Algemene termijnenwet" in deadline["computation"]["explanation"]
    # ch. 15 and AVG art. 12(3): both computations, the earlier applies
    assert [c["last_day"] for c in deadline["computation"]["compared"]] == [
        "2026-12-21",
        "2026-12-23",
    ]
    assert "21 december 2026" in text("verzoek_ontvangen", body["id"])
    assert Signalering.objects.get(pk=sig.pk).bezwaar_aanhangig is True
    # Shown to the person, with its history:
    detail = client.get(f"/api/v1/verzoeken/{body['id']}").json()
    assert detail["history"][0]["state"] == "ontvangen"


def test_letter_received_earlier_starts_the_clock_at_receipt(api, make_signalering, now):
    sig = make_signalering()
    response = api("tiwos-functionaris").post(
        "/api/v1/verzoeken",
        {
            "soort": "inzage",
            "signalering": sig.pk,
            "kanaal": "brief",
            "naam": "J. Zwartkruis",
            "adres": "Lindelaan 12, 5038 AB Tilburg",
            "ontvangen_op": "2026-11-16T09:00:00+01:00",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["deadlines"][0]["last_day"] == str(date(2026, 12, 14))
    row = OutboxMessage.objects.get(template="verzoek_ontvangen", case_id=response.json()["id"])
    assert row.channel == "brief"  # no e-mail: the required letter is still produced
    future = api("tiwos-functionaris").post(
        "/api/v1/verzoeken",
        {
            "soort": "inzage",
            "signalering": sig.pk,
            "kanaal": "brief",
            "naam": "J. Z.",
            "ontvangen_op": "2026-12-01T09:00:00+01:00",
        },
        format="json",
    )
    assert future.status_code == 400 and "ontvangen_op" in future.json()


def test_repeated_request_is_linked_not_double_counted(make_signalering, betrokkene):
    sig = make_signalering()
    _, client = betrokkene(sig)
    first = file(client, sig, soort="inzage")
    second = file(client, sig, soort="inzage")
    assert second["state"] == "samengevoegd" and second["duplicaat_van_id"] == first["id"]
    assert second["deadlines"] == []
    assert Deadline.objects.filter(case_type="verzoek", status="open").count() == 1


def test_refusal_needs_reasons_and_tells_the_remedies(api, make_signalering, betrokkene):
    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig)
    staff = api("tiwos-functionaris")
    url = f"/api/v1/verzoeken/{case['id']}/transitions/beslis"
    assert staff.post(url, {"besluit": "afgewezen"}).status_code == 400
    response = staff.post(url, {"besluit": "afgewezen", "motivering": "Vonnis van 3 maart 2026."})
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "besloten"
    assert [(d["kind"], d["status"]) for d in body["deadlines"]] == [("verzoek_beslissen", "met")]
    letter = text("verzoek_besluit", case["id"])
    # ch. 16.1 (b): the complaint window with its last day (six weeks after 23 Nov 2026)
    assert "tot en met 4 januari 2027\n(6 weken na deze beslissing)" in letter
    for phrase in (
        "Vonnis van 3 maart 2026",
        "klacht indienen bij de directie",
        "Autoriteit Persoonsgegevens",
        "rechter",
    ):
        assert phrase in letter
    sig.refresh_from_db()
    assert (sig.bezwaar_aanhangig, sig.uitkomst_bezwaar) == (
        False,
        "Bezwaar (art. 21 AVG): Afgewezen",
    )
    assert staff.post(f"/api/v1/verzoeken/{case['id']}/transitions/voer_uit").status_code == 409
    assert staff.post(f"/api/v1/verzoeken/{case['id']}/transitions/sluit").status_code == 200


def test_granted_access_is_carried_out_with_a_copy_of_the_data(api, make_signalering, betrokkene):
    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort="inzage")
    staff = api("tiwos-functionaris")
    done = staff.post(
        f"/api/v1/verzoeken/{case['id']}/transitions/beslis", {"besluit": "toegewezen"}
    ).json()
    assert done["state"] == "uitgevoerd"  # ch. 15.2: the decision and the copy go together
    deadlines = Deadline.objects.filter(case_id=case["id"], case_type="verzoek")
    assert deadlines.get(kind="verzoek_uitvoeren").status == "met"
    assert OutboxMessage.objects.filter(template="verzoek_toegewezen_swv").exists()
    copy = text("inzage_afschrift", case["id"])
    assert "Achternaam: Zwartkruis" in copy and "Primaire bron: TIWOS" in copy


def test_ch15_2_art15_copy_holds_every_stored_field_and_who_consulted_it(
    api, make_signalering, betrokkene, now
):

    sig = make_signalering("tiwos", "geblokkeerd", bedrag=None)
    open_categorie("tbv-bevrager", sig, "W-9", now)
    open_categorie("casade-functionaris", sig, "W-10", now)
    check = {"inschrijfnummer": sig.inschrijfnummer, "voornaam": "Jantje"}
    check |= {"achternaam": "Zwartkruis", "geboortedatum": "1987-03-14"}
    api("wiz-systeem").post("/api/v1/match-check", check, format="json")
    _, client = betrokkene(sig)
    case = file(client, sig, soort="inzage")
    api("tiwos-functionaris").post(
        f"/api/v1/verzoeken/{case['id']}/transitions/beslis", {"besluit": "toegewezen"}
    )
    copy = text("inzage_afschrift", case["id"])
    sig.refresh_from_db()
    every_field = {
        "Geboortedatum: 1987-03-14",
        "Geslacht: Man",
        "E-mailadres: jantje.zwartkruis@example.org",
        f"Inschrijfnummer: {sig.inschrijfnummer}",
        "Invoerdatum: 2026-11-23",
        "Datum uitzetting: 2026-10-01",
        "Bezwaar of klacht aanhangig: nee",
        "Blokkade vanaf: 2026-11-23",
        "Blokkade tot: 2028-10-01",
        "Termijn categorie B: 24 maanden, tot 2028-10-01, in de hele regio",
        "Waarom deze termijn: Ernst en gevolgen gewogen",
        "criterium III",
    }
    assert {f for f in every_field if f not in copy} == set()
    # Recipients from the read log: the corporations that consulted it, and the system.
    assert "Stichting TBV: 1 keer" in copy
    assert "het toewijzingssysteem van het samenwerkingsverband" in copy
    assert "Stichting Casade: 1 keer" in copy
    assert "Stichting Leystromen" not in copy  # never consulted it
    for item in (
        "doelen",
        "Hoe lang wij ze bewaren",
        "vandaan komen",
        "Autoriteit Persoonsgegevens",
    ):
        assert item.lower() in copy.lower(), item


@pytest.mark.parametrize(
    ("soort", "extra", "check"),
    [
        (
            "rectificatie",
            {"correctie": {"achternaam": "Zwartkruis-de Wit"}},
            lambda s: s.achternaam == "Zwartkruis-de Wit" and s.state == "geregistreerd",
        ),
        ("bezwaar", {}, lambda s: (s.state, s.eindreden) == ("beeindigd", "bezwaar_gegrond")),
        ("wissing", {}, lambda s: (s.state, s.eindreden) == ("beeindigd", "wissing")),
        ("nieuwe_kans", {}, lambda s: (s.state, s.eindreden) == ("beeindigd", "nieuwe_kans")),
        ("beperking", {}, lambda s: s.beperkt and s.state == "geregistreerd"),
    ],
)
def test_ch12_4_a_grant_takes_effect_in_the_decisions_own_request(
    api, make_signalering, betrokkene, soort, extra, check
):
    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort=soort, **extra)
    staff = api("tiwos-functionaris")
    decided = staff.post(
        f"/api/v1/verzoeken/{case['id']}/transitions/beslis", {"besluit": "toegewezen"}
    )
    assert decided.status_code == 200 and decided.json()["state"] == "uitgevoerd"
    assert check(Signalering.objects.get(pk=sig.pk))  # "direct": no clerk in between
    assert staff.post(f"/api/v1/verzoeken/{case['id']}/transitions/voer_uit").status_code == 409


def test_ch12_4_a_partial_grant_of_erasure_waits_for_staff_within_two_weeks(
    api, make_signalering, betrokkene, now
):
    from workflows import jobs

    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort="wissing")
    staff = api("tiwos-functionaris")
    body = {"besluit": "deels", "motivering": "Alleen het e-mailadres wordt gewist."}
    decided = staff.post(f"/api/v1/verzoeken/{case['id']}/transitions/beslis", body).json()
    assert decided["state"] == "besloten"
    deadline = Deadline.objects.get(case_id=case["id"], kind="verzoek_uitvoeren")
    assert deadline.last_day == date(2026, 12, 7)  # two weeks, the outer limit
    jobs.enforce_deadlines(later(deadline.due_at, minutes=5))
    deadline.refresh_from_db()
    assert deadline.status == "missed"  # escalated to the privacy officer and functionaris
    assert OutboxMessage.objects.filter(case_id=case["id"], template="escalatie").exists()


def test_restriction_suspends_sharing_and_matching(api, make_signalering, now):
    from states.services import signalering as sig_service

    sig = make_signalering("tiwos", "geblokkeerd")
    assert open_categorie("tbv-bevrager", sig, "W-1", now)  # shared while it blocks
    sig_service.beperk(actor("tiwos-functionaris"), sig.pk, True, now, "juistheid betwist")
    assert open_categorie("tbv-bevrager", sig, "W-2", now) == []  # art. 18: shared with no one
    check = {
        "inschrijfnummer": sig.inschrijfnummer,
        "voornaam": "Jantje",
        "achternaam": "Zwartkruis",
        "geboortedatum": "1987-03-14",
    }
    assert (
        api("wiz-systeem").post("/api/v1/match-check", check, format="json").json()["geblokkeerd"]
        is False
    )
    sig_service.beperk(actor("tiwos-functionaris"), sig.pk, False, now, "juist bevonden")
    assert open_categorie("tbv-bevrager", sig, "W-3", now)


def test_forbidden_and_unauthorised_transitions(api, make_signalering, betrokkene):
    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig)
    url = f"/api/v1/verzoeken/{case['id']}/transitions/"
    assert api("tiwos-functionaris").post(url + "voer_uit").status_code == 409
    assert api("tiwos-functionaris").post(url + "sluit").status_code == 409
    assert api("tiwos-bevrager").post(url + "beslis", {"besluit": "toegewezen"}).status_code == 404
    assert api("tiwos-directie").post(url + "beslis", {"besluit": "toegewezen"}).status_code == 403
    assert (
        api("tbv-functionaris").post(url + "beslis", {"besluit": "toegewezen"}).status_code == 404
    )
    assert client.post(url + "beslis", {"besluit": "toegewezen"}).status_code == 403
    assert client.post(url + "trek_in").status_code == 200  # the person may withdraw
    assert Deadline.objects.get(case_id=case["id"], case_type="verzoek").status == "cancelled"


def test_a_person_never_reaches_another_persons_case(make_signalering, betrokkene):
    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort="inzage")
    _, other = betrokkene(None, username="iemand-anders", email="anders@example.org")
    assert other.get(f"/api/v1/verzoeken/{case['id']}").status_code == 404
    assert other.get("/api/v1/verzoeken").json() == []
    # Nor can they file about a signalering that is not theirs.
    response = other.post(
        "/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json"
    )
    assert response.status_code == 400


def test_avg_extension_needs_reasons_moves_the_date_and_writes_the_letter(
    api, make_signalering, betrokkene, monkeypatch, now
):
    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort="inzage")
    staff = api("tiwos-functionaris")
    url = f"/api/v1/verzoeken/{case['id']}/transitions/verleng"
    assert staff.post(url, {"reden": ""}).status_code == 409
    response = staff.post(url, {"reden": "Gegevens bij drie corporaties opvragen."})
    assert response.status_code == 200
    [deadline] = response.json()["deadlines"]
    # Received 23 November 2026: one month and two further months end 23 February 2027.
    assert deadline["last_day"] == str(date(2027, 2, 23))
    assert deadline["internal_target"] == str(date(2026, 12, 21))  # never moves later
    assert deadline["journal"][0]["type"] == "verlenging"
    assert "Gegevens bij drie corporaties" in text("verzoek_verlenging", case["id"])
    assert staff.post(url, {"reden": "nogmaals"}).status_code == 409


def test_nieuwe_kans_cannot_be_extended_and_extension_only_within_the_term(
    api, make_signalering, betrokkene, monkeypatch, now
):
    sig = make_signalering()
    _, client = betrokkene(sig)
    kans = file(client, sig, soort="nieuwe_kans")
    staff = api("tiwos-functionaris")
    assert (
        staff.post(
            f"/api/v1/verzoeken/{kans['id']}/transitions/verleng", {"reden": "x"}
        ).status_code
        == 409
    )
    inzage = file(client, sig, soort="inzage")
    monkeypatch.setattr("portal.clock.now", lambda: later(now, weeks=5))
    assert (
        staff.post(
            f"/api/v1/verzoeken/{inzage['id']}/transitions/verleng", {"reden": "te laat"}
        ).status_code
        == 409
    )


def test_suspension_is_off_by_default_and_moves_the_date_when_allowed(
    api, make_signalering, betrokkene, monkeypatch, now
):
    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort="inzage")
    deadline = Deadline.objects.get(case_id=case["id"], case_type="verzoek")
    staff = api("wiz-privacy_officer")
    url = f"/api/v1/deadlines/{deadline.pk}/transitions/"
    assert staff.post(url + "opschorten", {"reden": "identiteit"}).status_code == 409
    versie = sig.protocol_versie
    versie.beleid_data["termijnen"]["opschorten"] = ["verzoek_beslissen"]
    versie.save()
    assert staff.post(url + "opschorten", {"reden": "wacht op kopie ID"}).status_code == 200
    monkeypatch.setattr("portal.clock.now", lambda: later(now, days=3, hours=2))
    body = staff.post(url + "hervatten").json()
    assert body["last_day"] == str(
        date(2026, 12, 28)
    )  # 21 Dec + 4 days = 25 Dec: Christmas → Mon 28
    assert [e["type"] for e in body["journal"]] == ["opschorting", "hervat"]


def test_verzoek_service_refuses_unknown_kind(now, make_signalering):
    from states.policy import PolicyError
    from states.services.intake import Indiening

    with pytest.raises(PolicyError):
        service.dien_in(actor("tiwos-functionaris"), "klacht", Indiening(naam="X"), now)
    assert not Verzoek.objects.exists()


def test_deadline_list_shows_open_deadlines_to_the_privacy_officer(
    api, make_signalering, betrokkene
):
    sig = make_signalering()
    _, client = betrokkene(sig)
    file(client, sig, soort="inzage")
    rows = api("wiz-privacy_officer").get("/api/v1/deadlines").json()
    assert [(r["case_type"], r["kind"]) for r in rows] == [("verzoek", "verzoek_beslissen")]
    assert api("tbv-functionaris").get("/api/v1/deadlines").json() == []
    assert isinstance(datetime.fromisoformat(rows[0]["due_at"].replace("Z", "+00:00")), datetime)


def test_unanswered_request_tells_person_reasons_and_remedies_and_alerts_staff(
    make_signalering, betrokkene, now
):
    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort="inzage")
    service.uitblijven_besluit(Verzoek.objects.get(pk=case["id"]), later(now, weeks=4, days=1))
    letter = text("verzoek_vertraagd", case["id"])
    for phrase in (
        "Binnen vier weken",
        "Redenen",
        "klacht indienen bij de directie",
        "Autoriteit Persoonsgegevens",
        "rechter",
    ):
        assert phrase in letter
    alerted = set(
        OutboxMessage.objects.filter(template="escalatie_verzoek").values_list(
            "to_email", flat=True
        )
    )
    assert alerted == {
        "wiz-privacy_officer@demo.woninginzicht.nl",
        "tiwos-directie@demo.woninginzicht.nl",
    }


def test_reading_cases_is_logged_with_purpose(api, make_signalering, betrokkene):
    from states.models import Raadpleging

    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort="inzage")
    before = Raadpleging.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    api("wiz-privacy_officer").get("/api/v1/verzoeken")
    api("tiwos-functionaris").get(f"/api/v1/verzoeken/{case['id']}")
    rows = list(
        Raadpleging.objects.filter(pk__gt=before)
        .order_by("pk")
        .values_list("rol", "actie", "doel", "case_id")
    )
    assert rows == [
        ("privacy_officer", "lijst", "toezicht", case["id"]),
        ("functionaris", "detail", "beheer", case["id"]),
    ]


def test_art18_a_restricted_signalering_raises_no_match_alert(api, make_signalering, now):
    from states.models import Match
    from states.services import signalering as sig_service

    sig = make_signalering("tiwos", "geregistreerd")
    sig_service.beperk(actor("tiwos-functionaris"), sig.pk, True, now, "juistheid betwist")
    check = {
        "inschrijfnummer": "WZ-NIEUW-1",
        "voornaam": "Jantje",
        "achternaam": "Zwartkruis",
        "geboortedatum": "1987-03-14",
    }
    answer = api("wiz-systeem").post("/api/v1/match-check", check, format="json").json()
    assert answer["geblokkeerd"] is False
    assert not Match.objects.filter(signalering=sig, inschrijving__inschrijfnummer="WZ-NIEUW-1")
    assert not OutboxMessage.objects.filter(template="match_melding", case_id=sig.pk).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("wiz-privacy_officer", 403),  # art. 38(6): advises and oversees, does not decide
        ("tbv-functionaris", 404),  # another corporation's request is not even visible
        ("tiwos-directie", 403),
        ("tiwos-functionaris", 200),  # the primaire bron decides
    ],
)
def test_art38_6_the_privacy_officer_does_not_decide_requests(
    api, make_signalering, betrokkene, who, status
):
    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort="inzage")
    url = f"/api/v1/verzoeken/{case['id']}/transitions/beslis"
    assert api(who).post(url, {"besluit": "afgewezen", "motivering": "x"}).status_code == status


def test_art12_3_a_request_both_extended_and_then_late_escalates_only_at_the_extended_end(
    api, make_signalering, betrokkene, now
):
    from workflows import jobs

    sig = make_signalering()
    _, client = betrokkene(sig)
    case = file(client, sig, soort="inzage")
    staff = api("tiwos-functionaris")
    url = f"/api/v1/verzoeken/{case['id']}/transitions/"
    staff.post(url + "verleng", {"reden": "Gegevens bij drie corporaties opvragen."})
    deadline = Deadline.objects.get(case_id=case["id"], kind="verzoek_beslissen")
    # The first term (21 December, the earlier of four weeks and a month) passes: no escalation.
    assert jobs.enforce_deadlines(later(now, weeks=5))["escalated"] == 0
    jobs.enforce_deadlines(later(deadline.due_at, minutes=5))  # the extended end passes
    deadline.refresh_from_db()
    assert deadline.status == "missed" and deadline.last_day == date(2027, 2, 23)
    assert OutboxMessage.objects.filter(case_id=case["id"], template="verzoek_vertraagd").exists()
    decided = staff.post(url + "beslis", {"besluit": "toegewezen"}, format="json").json()
    assert decided["state"] == "uitgevoerd"  # late, but still decided and carried out at once
