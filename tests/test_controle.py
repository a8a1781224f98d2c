"""Issue 12, ch. 8 and ch. 11: the half-yearly process check (by the samenwerkingsverband) and
the data verification (by each corporation) driven through time — opened with a checklist
built from the data (each figure checked against a count made here), reminded, finished with
findings, and when missed escalated and still open until done."""

from __future__ import annotations

from datetime import datetime

import pytest

from notifications.models import OutboxMessage
from states.models import Bijlage, Controle, Deadline, Signalering
from states.roles import NotAllowed, NotPossible
from states.services import controle as service
from states.services import enforcement, herinneringen
from tests.conftest import actor
from tests.test_toegangstoets import OPENING, PAST_DUE
from workflows import jobs

pytestmark = pytest.mark.django_db


def verificatie(code: str) -> Controle:
    return Controle.objects.get(soort="verificatie", deelnemer__code=code)


def vraag(controle: Controle, code: str) -> dict:
    [item] = [v for v in controle.checklist if v["code"] == code]
    return item


def test_the_flow_opens_one_process_check_and_one_verification_per_corporation(region):
    assert jobs.JOBS["open-periodic-reviews"](OPENING)["controles"] == 6
    assert jobs.JOBS["open-periodic-reviews"](OPENING)["controles"] == 0  # idempotent
    proces = Controle.objects.get(soort="proces")
    assert proces.deelnemer is None and proces.periode == "2027-1"
    [termijn] = Deadline.objects.filter(case_type="controle", case_id=proces.pk)
    assert termijn.kind == "controle_proces" and str(termijn.last_day) == "2027-01-29"
    told = OutboxMessage.objects.filter(template="controle_geopend", case_id=proces.pk)
    assert list(told.values_list("to_email", flat=True)) == [
        "wiz-medewerker_swv@demo.woninginzicht.nl"
    ]
    tiwos = verificatie("tiwos")
    told = OutboxMessage.objects.filter(template="controle_geopend", case_id=tiwos.pk)
    assert list(told.values_list("to_email", flat=True)) == [
        "tiwos-functionaris@demo.woninginzicht.nl"
    ]


def test_the_checklist_counts_what_the_data_holds_ch8_ch11(region, make_signalering, now):
    make_signalering("tiwos", "concept")  # 39 days old at the opening: an old concept
    zonder = make_signalering("tiwos", "geregistreerd")
    met = make_signalering("tiwos", "geregistreerd")
    Bijlage.objects.create(
        case_type="signalering", case_id=met.pk, naam="vonnis.pdf", mime_type="application/pdf",
        grootte=10, inhoud=b"%PDF", toegevoegd_op=now,
    )  # fmt: skip
    make_signalering("tbv", "geregistreerd")  # another corporation's: not on TIWOS's list
    service.open_controles(OPENING)
    tiwos = verificatie("tiwos")
    # Counted here independently: TIWOS's active signaleringen without any attachment.
    actief = Signalering.objects.filter(
        primaire_bron__code="tiwos", state__in=["geregistreerd", "geblokkeerd"]
    )
    bewijs = set(Bijlage.objects.filter(case_type="signalering").values_list("case_id", flat=True))
    expected = sorted(s.pk for s in actief if s.pk not in bewijs)
    assert zonder.pk in expected and met.pk not in expected
    assert vraag(tiwos, "zonder_bron")["zaken"] == expected
    assert vraag(tiwos, "zonder_bron")["aantal"] == len(expected)
    concepts = Signalering.objects.filter(primaire_bron__code="tiwos", state="concept")
    assert vraag(tiwos, "oude_concepten")["aantal"] == concepts.count() == 1
    # The region's process check sees every corporation.
    proces = Controle.objects.get(soort="proces")
    regio_actief = Signalering.objects.filter(state__in=["geregistreerd", "geblokkeerd"])
    regio_zonder = [s.pk for s in regio_actief if s.pk not in bewijs]
    assert vraag(proces, "zonder_bron")["aantal"] == len(regio_zonder) == len(expected) + 1
    assert "Jantje" not in str(tiwos.checklist) and "Zwartkruis" not in str(tiwos.checklist)


def test_the_checker_is_reminded_and_finishes_with_findings(region):
    service.open_controles(OPENING)
    herinneringen.remind(datetime.fromisoformat("2027-01-27T07:00:00+01:00"))
    tiwos = verificatie("tiwos")
    reminded = OutboxMessage.objects.filter(
        template="herinnering", case_type="controle", case_id=tiwos.pk
    )
    assert set(reminded.values_list("to_email", flat=True)) == {
        "tiwos-functionaris@demo.woninginzicht.nl"
    }
    klaar = datetime.fromisoformat("2027-01-20T10:00:00+01:00")
    with pytest.raises(NotPossible, match="Beschrijf de bevindingen"):
        service.rond_af(actor("tiwos-functionaris"), tiwos.pk, " \x00 ", klaar)
    with pytest.raises(NotPossible, match="te lang"):
        service.rond_af(actor("tiwos-functionaris"), tiwos.pk, "x" * 5001, klaar)
    service.rond_af(actor("tiwos-functionaris"), tiwos.pk, "Twee dossiers\x00 aangevuld.", klaar)
    tiwos.refresh_from_db()
    assert (tiwos.state, tiwos.bevindingen) == ("afgerond", "Twee dossiers aangevuld.")
    termijn = Deadline.objects.get(case_type="controle", case_id=tiwos.pk)
    assert termijn.status == "met" and not termijn.met_late


@pytest.mark.parametrize(
    "who", ["tbv-functionaris", "tiwos-directie", "tiwos-bevrager", "wiz-privacy_officer"]
)
def test_only_the_corporations_functionaris_verifies_its_data_ch11(region, who):
    service.open_controles(OPENING)
    tiwos = verificatie("tiwos")
    with pytest.raises(NotAllowed):
        service.rond_af(actor(who), tiwos.pk, "Alles in orde.", OPENING)
    tiwos.refresh_from_db()
    assert tiwos.state == "open" and tiwos.bevindingen == ""


def test_only_the_regions_own_colleague_does_the_process_check_ch8(region):
    service.open_controles(OPENING)
    proces = Controle.objects.get(soort="proces")
    with pytest.raises(NotAllowed):
        service.rond_af(actor("wiz-privacy_officer"), proces.pk, "In orde.", OPENING)
    service.rond_af(actor("wiz-medewerker_swv"), proces.pk, "In orde.", OPENING)
    assert Controle.objects.get(pk=proces.pk).state == "afgerond"


def test_a_missed_check_is_escalated_and_can_still_be_finished(region):
    service.open_controles(OPENING)
    tiwos = verificatie("tiwos")
    report = enforcement.enforce(PAST_DUE)
    assert report.failed == 0 and report.escalated == 6
    termijn = Deadline.objects.get(case_type="controle", case_id=tiwos.pk)
    assert termijn.status == "missed"
    alerted = OutboxMessage.objects.filter(template="escalatie", case_type="controle")
    assert set(alerted.filter(case_id=tiwos.pk).values_list("to_email", flat=True)) == {
        "tiwos-functionaris@demo.woninginzicht.nl",
        "tiwos-directie@demo.woninginzicht.nl",
        "wiz-privacy_officer@demo.woninginzicht.nl",
    }
    assert Controle.objects.get(pk=tiwos.pk).state == "open"  # still to be done
    service.rond_af(actor("tiwos-functionaris"), tiwos.pk, "Laat, maar gedaan.", PAST_DUE)
    termijn.refresh_from_db()
    assert termijn.status == "missed" and termijn.closed_at == PAST_DUE
    assert enforcement.enforce(PAST_DUE).escalated == 0
