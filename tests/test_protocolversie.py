"""Protocol versions (ch. 23): a draft is data, the AP is consulted, the board's decision is
published with an effective date; signaleringen and cases keep the version they were registered
under, new work follows the version in force at `now` (Amsterdam dates). ADR 0012."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta

import pytest

from states.models import ProtocolVersie, Samenwerkingsverband
from states.policy import PolicyError
from states.protocol_v14 import BELEID
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import datalek, protocol, signalering
from states.services.protocol import ApRaadpleging
from states.services.verwerkingsregister import geldend_register, register
from tests.conftest import actor, gegevens

SWV, PO = "wiz-medewerker_swv", "wiz-privacy_officer"
AMS = "+01:00"
NIET_VEREIST = ApRaadpleging("niet_vereist", samenvatting="Alleen een redactionele wijziging.")
INGANG, BESLUIT = date(2026, 12, 1), date(2026, 11, 20)


def ams(moment: str) -> datetime:
    return datetime.fromisoformat(moment + AMS)


def concept(now: datetime, b_max: int = 36, versie: str = "1.5") -> ProtocolVersie:
    """A draft in which category B may last three years instead of two."""
    v = protocol.stel_op(actor(SWV), versie, now)
    data = copy.deepcopy(BELEID)
    next(c for c in data["categorieen"] if c["code"] == "B")["max_termijn_maanden"] = b_max
    data["termijnen"]["bewaartermijn_zaak_maanden"] = 12
    return protocol.bewerk(actor(SWV), v.pk, json.dumps(data), "B langer.", now)


def geen_bezwaar(v: ProtocolVersie, now: datetime) -> ProtocolVersie:
    r = ApRaadpleging(
        "geen_bezwaar", date(2026, 9, 1), date(2026, 10, 15), "z2026-123", "Geen bezwaren."
    )
    return protocol.leg_ap_vast(actor(PO), v.pk, r, now)


def gepubliceerd(now: datetime, ingang: date = date(2026, 12, 1)) -> ProtocolVersie:
    v = geen_bezwaar(concept(now), now)
    return protocol.publiceer(actor(SWV), v.pk, ingang, date(2026, 11, 20), now)


def test_ch23_the_seeded_version_is_published_and_in_force(region, now):
    v14 = region.geldend_protocol(now)
    assert (v14.versie, v14.state) == ("1.4", "gepubliceerd")


def test_ch23_a_draft_is_never_in_force(region, now):
    v = concept(now)
    assert v.state == "concept" and v.ingangsdatum <= now.date()
    assert region.geldend_protocol(now).versie == "1.4"
    assert region.geldend_protocol(now + timedelta(days=3650)).versie == "1.4"


def test_ch23_a_future_dated_version_takes_effect_at_midnight_amsterdam(region, now):
    gepubliceerd(now, date(2026, 12, 1))
    assert region.geldend_protocol(ams("2026-11-30T23:59:59")).versie == "1.4"
    # 1 December 00:00 in Amsterdam is still 30 November in UTC.
    assert region.geldend_protocol(ams("2026-12-01T00:00:00")).versie == "1.5"


def test_ch23_a_signalering_keeps_its_version_and_new_work_uses_the_new_one(
    region, now, make_signalering
):
    oud = make_signalering("tiwos", criteria=[("III", "a")])  # B, under v1.4: at most 24 months
    gepubliceerd(now, date(2026, 12, 1))
    later = ams("2026-12-02T10:00:00")
    tiwos = actor("tiwos-functionaris")
    # The old one keeps v1.4: three years for B is still refused for it.
    with pytest.raises(PolicyError, match="tussen 1 en 24 maanden"):
        signalering.wijzig(tiwos, oud.pk, {}, gegevens([("III", "a")], termijnen={"B": 36}), later)
    oud.refresh_from_db()
    assert (oud.protocol_versie.versie, oud.termijnen) == ("1.4", {"B": 24})
    # A new one after the effective date runs under v1.5 and may take three years.
    nieuw = signalering.maak_concept(
        tiwos, oud.primaire_bron_id, gegevens([("III", "a")], termijnen={"B": 36}), later
    )
    assert (nieuw.protocol_versie.versie, nieuw.termijnen) == ("1.5", {"B": 36})
    # Before the effective date new work still follows v1.4.
    with pytest.raises(PolicyError, match="tussen 1 en 24 maanden"):
        signalering.maak_concept(
            tiwos, oud.primaire_bron_id, gegevens([("III", "a")], termijnen={"B": 36}), now
        )


def test_ch23_a_case_opened_after_the_effective_date_runs_under_the_new_version(region, now):
    gepubliceerd(now, date(2026, 12, 1))
    voor = datalek.meld(actor(PO), "Lijst verkeerd gemaild.", now, now)
    later = ams("2026-12-01T09:00:00")
    na = datalek.meld(actor(PO), "Nog een.", later, later)
    assert (voor.protocol_versie.versie, na.protocol_versie.versie) == ("1.4", "1.5")


def test_ch23_publishing_without_the_ap_consultation_is_refused(region, now):
    v = concept(now)
    with pytest.raises(NotPossible, match="raadpleging van de AP"):
        protocol.publiceer(actor(SWV), v.pk, date(2026, 12, 1), date(2026, 11, 20), now)
    v.refresh_from_db()
    assert v.state == "concept" and region.geldend_protocol(now).versie == "1.4"


def test_ch23_an_ap_objection_blocks_publication(region, now):
    v = concept(now)
    r = ApRaadpleging("bezwaar", date(2026, 9, 1), date(2026, 10, 1), "z1", "Bezwaar tegen B.")
    protocol.leg_ap_vast(actor(PO), v.pk, r, now)
    with pytest.raises(NotPossible, match="bezwaren"):
        protocol.publiceer(actor(SWV), v.pk, date(2026, 12, 1), date(2026, 11, 20), now)


@pytest.mark.parametrize(
    ("raadpleging", "veld", "melding"),
    [
        (ApRaadpleging("geen_reactie", date(2026, 10, 1)), "uitkomst", "acht weken"),
        (ApRaadpleging("geen_reactie", None), "verzonden_op", "gestuurd"),
        (ApRaadpleging("geen_bezwaar", date(2026, 9, 1), None, "", "Ok."),
         "antwoord_op", "Wanneer"),
        (ApRaadpleging("geen_bezwaar", date(2026, 9, 1), date(2026, 8, 1), "", "Ok."),
         "antwoord_op", "na de verzending"),  # fmt: skip
        (ApRaadpleging("geen_bezwaar", date(9999, 1, 1), date(9999, 2, 1), "", "Ok."),
         "verzonden_op", "tot en met vandaag"),  # fmt: skip
        (ApRaadpleging("niet_vereist"), "samenvatting", "waarom"),
        (ApRaadpleging("weet_niet"), "uitkomst", "Kies"),
    ],
    ids=["geen_reactie_voor_8_weken", "zonder_verzenddatum", "zonder_antwoorddatum",
         "antwoord_voor_verzending", "jaar_9999", "niet_vereist_zonder_reden", "onbekend"],
)  # fmt: skip
def test_ch23_the_ap_record_must_hold_together(region, now, raadpleging, veld, melding):
    v = concept(now)
    with pytest.raises(PolicyError) as exc:
        protocol.leg_ap_vast(actor(PO), v.pk, raadpleging, now)
    assert melding in " ".join(exc.value.errors[veld])
    v.refresh_from_db()
    assert v.ap_uitkomst == ""


def test_ch23_no_answer_after_eight_weeks_allows_a_decision_from_then(region, now):
    v = concept(now)
    protocol.leg_ap_vast(actor(PO), v.pk, ApRaadpleging("geen_reactie", date(2026, 9, 1)), now)
    with pytest.raises(PolicyError, match="27-10-2026"):
        protocol.publiceer(actor(SWV), v.pk, date(2026, 12, 1), date(2026, 10, 20), now)
    v = protocol.publiceer(actor(SWV), v.pk, date(2026, 12, 1), date(2026, 10, 27), now)
    assert v.state == "gepubliceerd"


@pytest.mark.parametrize(
    ("ingang", "besluit", "veld"),
    [
        (date(2026, 11, 22), date(2026, 11, 20), "ingangsdatum"),  # before publication
        (date(9999, 12, 31), date(2026, 11, 20), "ingangsdatum"),
        (date(2026, 12, 1), date(2026, 11, 24), "besluit_bestuur_op"),  # tomorrow
        (date(2026, 12, 1), date(2026, 10, 1), "besluit_bestuur_op"),  # before the AP answered
    ],
    ids=["ingang_voor_publicatie", "jaar_9999", "besluit_in_de_toekomst", "besluit_voor_ap"],
)
def test_ch23_the_dates_of_a_publication(region, now, ingang, besluit, veld):
    v = geen_bezwaar(concept(now), now)
    with pytest.raises(PolicyError) as exc:
        protocol.publiceer(actor(SWV), v.pk, ingang, besluit, now)
    assert veld in exc.value.errors
    v.refresh_from_db()
    assert v.state == "concept"


def test_ch23_published_today_is_in_force_from_the_moment_of_publication(region, now):
    v = geen_bezwaar(concept(now), now)
    protocol.publiceer(actor(SWV), v.pk, now.date(), date(2026, 11, 20), now)
    assert region.geldend_protocol(now - timedelta(minutes=1)).versie == "1.4"
    assert region.geldend_protocol(now).versie == "1.5"


def test_ch23_a_published_version_does_not_change(region, now):
    v = gepubliceerd(now)
    with pytest.raises(NotPossible):
        protocol.bewerk(actor(SWV), v.pk, json.dumps(BELEID), "", now)
    with pytest.raises(NotPossible):
        protocol.leg_ap_vast(actor(PO), v.pk, ApRaadpleging("niet_vereist", samenvatting="x"), now)


@pytest.mark.parametrize(
    ("wie", "stap"),
    [
        (PO, lambda a, v, now: protocol.stel_op(a, "2.0", now)),
        (PO, lambda a, v, now: protocol.bewerk(a, v.pk, json.dumps(BELEID), "", now)),
        (SWV, lambda a, v, now: protocol.leg_ap_vast(a, v.pk, NIET_VEREIST, now)),
        (PO, lambda a, v, now: protocol.publiceer(a, v.pk, INGANG, BESLUIT, now)),
        ("tiwos-directie", lambda a, v, now: protocol.stel_op(a, "2.0", now)),
    ],
    ids=["po_stelt_op", "po_bewerkt", "swv_legt_ap_vast", "po_publiceert", "directie_stelt_op"],
)  # fmt: skip
def test_ch23_each_step_belongs_to_one_role(region, now, wie, stap):
    v = concept(now)
    with pytest.raises(NotAllowed):
        stap(actor(wie), v, now)


def test_ch23_another_regions_staff_cannot_reach_a_version(region, now):
    v = concept(now)
    ander = Samenwerkingsverband.objects.create(code="elders", naam="Elders")
    vreemd = Actor(actor(SWV).user_id, Rol.MEDEWERKER_SWV, ander.pk)
    with pytest.raises(LookupError):
        protocol.bewerk(vreemd, v.pk, json.dumps(BELEID), "", now)
    with pytest.raises(NotPossible):  # and it has no version to copy from
        protocol.stel_op(vreemd, "1.0", now)


def test_ch23_one_draft_at_a_time_and_version_numbers_are_unique(region, now):
    concept(now)
    with pytest.raises(NotPossible, match="al een concept"):
        protocol.stel_op(actor(SWV), "1.6", now)
    with pytest.raises(PolicyError, match="bestaat al"):
        protocol.stel_op(actor(SWV), "1.4", now)
    with pytest.raises(PolicyError, match="versienummer"):
        protocol.stel_op(actor(SWV), "1.5\x00", now)


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("{", "Geen geldige JSON"),
        ("[1, 2]", "JSON-object"),
        ('{"x": "\x00"}', "NUL"),
        ("{" + " " * 200_001 + "}", "te lang"),
        ("[" * 50_000 + "]" * 50_000, "te diep genest"),
        ("{}", "Ontbrekend onderdeel: categorieen"),
        ("GEEN_B_TERMIJN", "Categorie B: de maximale termijn"),
        ("REIKWIJDTE", "'regio' of 'corporatie'"),
        ("GAT", "sluiten niet aan"),
        ("TERMIJN_TEKST", "Termijn beslissen_verzoek_weken: een heel getal"),
        ("ZONDER_TERMIJN", "Termijn herstel_weken ontbreekt"),
        ("ONBEKENDE_CATEGORIE", "onbekende categorie"),
    ],
)
def test_ch23_the_editor_explains_what_is_wrong(region, now, tekst, melding):
    data = copy.deepcopy(BELEID)
    cat_b = next(c for c in data["categorieen"] if c["code"] == "B")
    if tekst == "GEEN_B_TERMIJN":
        cat_b["max_termijn_maanden"] = "36"
    elif tekst == "REIKWIJDTE":
        cat_b["reikwijdte"] = "land"
    elif tekst == "GAT":
        data["schijven_d"][1]["vanaf"] = "1100.00"
    elif tekst == "TERMIJN_TEKST":
        data["termijnen"]["beslissen_verzoek_weken"] = "vier"
    elif tekst == "ZONDER_TERMIJN":
        del data["termijnen"]["herstel_weken"]
    elif tekst == "ONBEKENDE_CATEGORIE":
        data["criteria"][0]["categorie"] = "Z"
    if tekst.isupper():
        tekst = json.dumps(data)
    v = concept(now)
    with pytest.raises(PolicyError) as exc:
        protocol.bewerk(actor(SWV), v.pk, tekst, "", now)
    assert melding in " ".join(exc.value.errors["beleid_data"])
    v.refresh_from_db()
    assert (
        next(c for c in v.beleid_data["categorieen"] if c["code"] == "B")["max_termijn_maanden"]
        == 36
    )


def test_art30_the_register_is_generated_from_the_version_in_force(region, now):
    voor = geldend_register(region, now)
    assert any("Categorie B (Gevaarzetting en agressie): tot het einde van de uitsluiting, "
               "hoogstens 24 maanden" in b for b in voor.bewaartermijnen)  # fmt: skip
    assert "Bewaartermijn van een afgerond zaakdossier: 24 maanden." in voor.bewaartermijnen
    gepubliceerd(now, date(2026, 12, 1))
    assert geldend_register(region, now) == voor  # not yet in force
    na = geldend_register(region, ams("2026-12-01T08:00:00"))
    assert na.protocolversie == "1.5"
    assert any("hoogstens 36 maanden" in b for b in na.bewaartermijnen)
    assert "Bewaartermijn van een afgerond zaakdossier: 12 maanden." in na.bewaartermijnen
    assert "6 lid 1 onder f" in na.grondslag and na.fg_contact == region.fg_contact
    assert any(r.startswith("Stichting Casade") for r in na.ontvangers)


def test_art30_a_corporation_that_left_is_no_longer_a_controller_or_recipient(region, now, tbv):
    tbv.status = "uitgetreden"
    tbv.save()
    r = register(region, region.geldend_protocol(now))
    assert not any("TBV" in x for x in (*r.verantwoordelijken, *r.ontvangers))
    assert any("TIWOS" in x for x in r.verantwoordelijken)


def test_ch23_those_who_apply_the_protocol_are_told_of_a_new_version(region, now):
    from notifications.models import OutboxMessage
    from states.models import Medewerker

    gepubliceerd(now, date(2026, 12, 1))
    told = OutboxMessage.objects.filter(template="protocol_gepubliceerd")
    users = set(told.values_list("to_email", flat=True))
    expected = set(
        Medewerker.objects.filter(
            samenwerkingsverband=region, rol__in=["directie", "functionaris", "privacy_officer"]
        ).values_list("user__email", flat=True)
    )
    assert users == expected and len(expected) >= 11
    assert not told.filter(to_email__contains="bevrager").exists()
    assert told.filter(for_betrokkene=True).count() == 0
