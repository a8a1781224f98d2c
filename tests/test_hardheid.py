"""Issue 12, ch. 24 "Hardheidsclausule": asked by a deelnemer or by the person, judged by the
Geschillencommissie (its secretary records the decision), applied by the primaire bron to the
signalering through its own services — driven through time: the four weeks to decide (the
dispute's term, ADR 0013), reminders, escalation, and the two weeks to apply after which the
system applies it itself."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from notifications.models import OutboxMessage
from states.access import actor_for
from states.models import Deadline, Hardheidsverzoek, Signalering, Weging
from states.policy import PolicyError
from states.roles import NotAllowed, NotPossible
from states.services import enforcement, herinneringen
from states.services import hardheid as service
from tests.conftest import actor

pytestmark = pytest.mark.django_db

# Received Monday 23 November 2026: four weeks end Monday 21 December (Algemene termijnenwet).
LAST_DAY = date(2026, 12, 21)
PAST_DUE = datetime.fromisoformat("2026-12-22T00:05:00+01:00")
JUST_BEFORE = datetime.fromisoformat("2026-12-21T23:55:00+01:00")


def told(template: str, case: Hardheidsverzoek) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(template=template, case_id=case.pk))


def deadline(case: Hardheidsverzoek, kind: str) -> Deadline:
    return Deadline.objects.get(case_type="hardheid", case_id=case.pk, kind=kind)


@pytest.fixture
def person_request(make_signalering, betrokkene, now):
    def make(criteria=None) -> tuple[Signalering, Hardheidsverzoek]:
        sig = make_signalering("tiwos", "geregistreerd", criteria=criteria)
        person, _ = betrokkene(sig)
        case = service.vraag_aan_betrokkene(
            actor_for(person), sig.pk, "Mijn kind is ernstig ziek.", now
        )
        return sig, case

    return make


def test_the_person_asks_and_is_told_when_the_committee_decides_ch24(person_request):
    sig, case = person_request()
    assert case.state == "ingediend" and case.verzocht_door_id is None
    termijn = deadline(case, "hardheid_beslissen")
    assert termijn.last_day == LAST_DAY and termijn.status == "open"
    (letter,) = told("hardheid_ontvangen", case)
    assert letter.to_email == "jantje.zwartkruis@example.org"
    assert letter.context["uiterlijk"] == "2026-12-21"
    secretaris = told("hardheid_binnengekomen", case)
    assert [m.to_email for m in secretaris] == ["wiz-secretaris_gc@demo.woninginzicht.nl"]


@pytest.mark.parametrize(
    "wie, eigen, waarom",
    [
        ("tiwos-functionaris", True, "ch. 24: a deelnemer asks — the primaire bron itself"),
        ("tiwos-directie", True, "ch. 24: the deelnemer's board may ask as well"),
        ("tbv-functionaris", False, "another corporation knows no signalering it never weighed"),
    ],
)
def test_a_deelnemer_asks_for_what_it_knows_of_ch24(make_signalering, now, wie, eigen, waarom):
    sig = make_signalering("tiwos", "geregistreerd")
    if eigen:
        case = service.vraag_aan_deelnemer(actor(wie), sig.pk, "Schrijnend geval.", now)
        assert case.verzocht_door.code == wie.split("-")[0], waarom
        assert told("hardheid_ontvangen", case)[0].context["door_deelnemer"] is True
    else:
        with pytest.raises(PolicyError):
            service.vraag_aan_deelnemer(actor(wie), sig.pk, "Schrijnend geval.", now)
        assert not Hardheidsverzoek.objects.exists(), waarom


def test_a_corporation_that_weighed_the_blokkade_may_ask_ch9_ch24(make_signalering, now):
    sig = make_signalering("tiwos", "geblokkeerd")
    tbv = actor("tbv-functionaris")
    weging = Weging.objects.create(
        samenwerkingsverband_id=sig.samenwerkingsverband_id,
        deelnemer_id=tbv.deelnemer_id,
        inschrijving=sig.matches.get().inschrijving,
        moment="kandidaat",
        uitkomst="geweigerd",
        motivering="Gewogen.",
        vastgelegd_op=now,
    )
    weging.signaleringen.add(sig)
    assert [s.pk for s in service.signaleringen_voor_deelnemer(tbv)] == [sig.pk]
    case = service.vraag_aan_deelnemer(tbv, sig.pk, "Zorgkandidaat met begeleiding.", now)
    assert case.primaire_bron_id == sig.primaire_bron_id
    assert service.mag_lezen(tbv, case) and service.mag_lezen(actor("tiwos-directie"), case)
    assert not service.mag_lezen(actor("leystromen-functionaris"), case)


@pytest.mark.parametrize("wie", ["tiwos-bevrager", "wiz-secretaris_gc", "wiz-privacy_officer"])
def test_only_a_deelnemers_functionaris_or_directie_asks_for_it(make_signalering, now, wie):
    sig = make_signalering("tiwos", "geregistreerd")
    with pytest.raises(NotAllowed):
        service.vraag_aan_deelnemer(actor(wie), sig.pk, "x", now)


def test_granted_end_is_applied_by_the_primaire_bron_and_the_person_told_ch24(person_request, now):
    sig, case = person_request()
    with pytest.raises(NotAllowed):  # the committee decides, not the corporation
        service.beslis(actor("tiwos-directie"), case.pk, True, "Ja.", now, "beeindigen")
    case = service.beslis(
        actor("wiz-secretaris_gc"), case.pk, True, "Zeer bijzondere omstandigheden.", now,
        "beeindigen",
    )  # fmt: skip
    assert deadline(case, "hardheid_beslissen").status == "met"
    toepassen = deadline(case, "hardheid_toepassen")
    assert toepassen.last_day == date(2026, 12, 7)  # two weeks, as after an upheld advice
    (brief,) = told("hardheid_besluit", case)
    assert brief.context["toegewezen"] and brief.context["uiterlijk_toepassen"] == "2026-12-07"
    assert "Zeer bijzondere omstandigheden." in brief.context["motivering"]
    bron = {m.to_email for m in told("hardheid_toepassen", case)}
    assert "tiwos-functionaris@demo.woninginzicht.nl" in bron
    assert "tbv-functionaris@demo.woninginzicht.nl" not in bron
    with pytest.raises(NotAllowed):
        service.pas_toe(actor("tbv-functionaris"), case.pk, now)
    case = service.pas_toe(actor("tiwos-functionaris"), case.pk, now)
    sig.refresh_from_db()
    assert case.state == "toegepast" and sig.state == "beeindigd"
    assert sig.eindreden == "hardheidsclausule"
    assert OutboxMessage.objects.filter(template="verwijdering", case_id=sig.pk).exists()
    assert deadline(case, "hardheid_toepassen").status == "met"
    assert "hardheidsclausule" in sig.history.first().history_change_reason


def test_a_shorter_term_is_applied_as_a_correction_the_person_is_told_of(person_request, now):
    sig, case = person_request()
    secretaris = actor("wiz-secretaris_gc")
    for termijnen in ({"B": 30}, {"B": 24}, {"A": 12}, {"B": 0}, {"B": "x"}, "B"):
        with pytest.raises(PolicyError):  # only shorter, for every category, in months
            service.beslis(secretaris, case.pk, True, "Ja.", now, "termijn_verkorten", termijnen)
    case = service.beslis(secretaris, case.pk, True, "Ja.", now, "termijn_verkorten", {"B": 12})
    service.pas_toe(actor("tiwos-functionaris"), case.pk, now)
    sig.refresh_from_db()
    assert sig.termijnen == {"B": 12} and sig.einddatum == date(2027, 10, 1)
    assert OutboxMessage.objects.filter(template="gegevens_gecorrigeerd", case_id=sig.pk).exists()


def test_a_category_is_dropped_and_the_other_keeps_its_term(person_request, now):
    sig, case = person_request(criteria=[("III", "a"), ("I", "a")])
    assert sorted(sig.categorieen) == ["A", "B"]
    secretaris = actor("wiz-secretaris_gc")
    with pytest.raises(PolicyError):
        service.beslis(secretaris, case.pk, True, "Ja.", now, "categorie_vervalt", categorie="C")
    service.beslis(secretaris, case.pk, True, "Ja.", now, "categorie_vervalt", categorie="A")
    service.pas_toe(actor("tiwos-functionaris"), case.pk, now)
    sig.refresh_from_db()
    assert sig.categorieen == ["B"] and sig.termijnen == {"B": 24}


def test_refused_leaves_the_signalering_and_names_the_huurcommissie(person_request, now):
    sig, case = person_request()
    einde = sig.einddatum
    case = service.beslis(actor("wiz-secretaris_gc"), case.pk, False, "Geen onbillijkheid.", now)
    assert case.state == "afgewezen"
    assert not Deadline.objects.filter(case_type="hardheid", case_id=case.pk, status="open")
    (brief,) = told("hardheid_besluit", case)
    assert brief.context["toegewezen"] is False
    sig.refresh_from_db()
    assert sig.state == "geregistreerd" and sig.einddatum == einde
    with pytest.raises(NotPossible):
        service.pas_toe(actor("tiwos-functionaris"), case.pk, now)


def test_undecided_after_four_weeks_reminds_then_escalates_once(person_request):
    _, case = person_request()
    herinneringen.remind(datetime.fromisoformat("2026-12-14T08:00:00+01:00"))
    reminded = {m.to_email for m in told("herinnering", case)}
    assert "wiz-secretaris_gc@demo.woninginzicht.nl" in reminded
    assert enforcement.enforce(JUST_BEFORE).escalated == 0
    assert enforcement.enforce(PAST_DUE).escalated == 1
    alerted = {m.to_email for m in told("escalatie", case)}
    assert alerted >= {
        "wiz-secretaris_gc@demo.woninginzicht.nl",
        "wiz-privacy_officer@demo.woninginzicht.nl",
    }
    assert deadline(case, "hardheid_beslissen").status == "missed"
    # The person is told too, once: the delay, what happens next, whom to ask.
    from notifications.rendering import render

    [brief] = told("hardheid_vertraagd", case)
    tekst = render(brief.template, brief.context, brief.language).body
    assert brief.for_betrokkene and "niet gebeurd" in tekst and "fg@woninginzicht.nl" in tekst
    assert enforcement.enforce(PAST_DUE).escalated == 0
    assert len(told("hardheid_vertraagd", case)) == 1
    # Late, the committee still decides; the missed term stays on record.
    service.beslis(actor("wiz-secretaris_gc"), case.pk, False, "Nee.", PAST_DUE)


def test_not_applied_in_two_weeks_the_system_applies_it_ch24(person_request, now):
    sig, case = person_request()
    service.beslis(actor("wiz-secretaris_gc"), case.pk, True, "Ja.", now, "beeindigen")
    report = enforcement.enforce(datetime.fromisoformat("2026-12-08T00:05:00+01:00"))
    assert report.escalated == 1 and report.failed == 0
    case.refresh_from_db()
    sig.refresh_from_db()
    assert case.state == "toegepast" and sig.state == "beeindigd"
    assert deadline(case, "hardheid_toepassen").status == "missed"


@pytest.mark.parametrize(
    "gronden",
    ["", "   ", "x" * 5001, "\x00"],
    ids=["leeg", "spaties", "5001-tekens", "nul-byte"],
)
def test_odd_grounds_are_refused_and_write_nothing(make_signalering, now, gronden):
    sig = make_signalering("tiwos", "geregistreerd")
    with pytest.raises(PolicyError):
        service.vraag_aan_deelnemer(actor("tiwos-functionaris"), sig.pk, gronden, now)
    assert not Hardheidsverzoek.objects.exists()


@pytest.mark.parametrize("signalering_id", ["abc", None, 99999999, "1\x00"])
def test_an_unknown_signalering_is_refused_as_unknown(region, now, signalering_id):
    with pytest.raises(PolicyError):
        service.vraag_aan_deelnemer(actor("tiwos-functionaris"), signalering_id, "x", now)


def test_the_person_asks_only_about_their_own_registration(make_signalering, betrokkene, now):
    eigen = make_signalering("tiwos", "geregistreerd")
    ander = make_signalering("tbv", "geregistreerd", voornaam="Pietje")
    person, _ = betrokkene(eigen)
    with pytest.raises(PolicyError):
        service.vraag_aan_betrokkene(actor_for(person), ander.pk, "x", now)
    service.vraag_aan_betrokkene(actor_for(person), eigen.pk, "x", now)
    with pytest.raises(PolicyError):  # one running request per signalering
        service.vraag_aan_betrokkene(actor_for(person), eigen.pk, "y", now)


def test_a_geschil_with_the_clause_ticked_opens_the_request_for_the_committee(
    api, make_signalering, betrokkene
):
    from tests.test_klacht_geschil import klacht_a

    sig = make_signalering("tiwos", "geregistreerd")
    _, client = betrokkene(sig)
    klacht = klacht_a(client, sig)
    api("tiwos-directie").post(
        f"/api/v1/klachten/{klacht['id']}/transitions/verklaar_ongegrond",
        {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": "Gewogen."},
    )
    geschil = client.post(
        "/api/v1/geschillen",
        {"klacht": klacht["id"], "gronden": "Onbillijk.", "hardheidsclausule": True},
        format="json",
    ).json()
    case = Hardheidsverzoek.objects.get(geschil_id=geschil["id"])
    assert case.signalering_id == sig.pk and case.gronden == "Onbillijk."
    assert case.indiener.username == "jantje"
