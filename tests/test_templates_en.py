"""The English message templates: one for every Dutch one, complete, and with every legal item."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from notifications.rendering import render
from states.models.signalering import Eindreden
from states.models.verzoek import Besluit, VerzoekSoort

FOLDER = Path(__file__).resolve().parent.parent / "notifications/templates/notifications"
DUTCH = sorted(p.name.removesuffix(".nl.txt") for p in FOLDER.glob("*.nl.txt"))

TIWOS = {
    "naam": "TIWOS, Tilburgse Woonstichting",
    "adres": "Stationsstraat 24, 5038 ED Tilburg",
    "email": "signalering@tiwos.nl",
}
REDEN = {
    "categorie": "B",
    "categorie_naam": "Gevaarzetting en agressie",
    "categorie_naam_en": "Endangerment and aggression",
    "criterium": "III",
    "criterium_omschrijving": "Bedreiging, geweld, intimidatie of agressie",
    "criterium_omschrijving_en": "Threats, violence, intimidation or aggression",
    "grond": "Rechterlijke uitspraak tot ontruiming of ontbinding, en de woonruimte is ontruimd",
    "grond_en": "A court ruling for eviction or termination of the lease",
}
SIGNALERING = {
    "naam": "Jantje Zwartkruis",
    "adres": "Lindelaan 12, 5038 AB Tilburg",
    "redenen": [REDEN],
    "ingangsdatum": "2026-10-01",
    "einddatum": "2028-10-01",
    "geboortedatum": "1987-03-14",
    "delen": [{"categorie": "B", "reikwijdte": "regio", "einddatum": "2028-10-01"}],
    "primaire_bron": TIWOS,
    "deelnemers_url": "https://www.woninginzicht.nl/signaleringslijst/deelnemers",
}
HUURCOMMISSIE = "Huurcommissie, Postbus 16495, 2500 BL Den Haag, 0800-4887243, www.huurcommissie.nl"

# One context with every variable any template uses, as the services fill it in.
CONTEXT: dict[str, Any] = {
    "datum_brief": "2026-11-23",
    "datum": "2026-11-23",
    "naam": "Jantje Zwartkruis",
    "voorletters": "J.",
    "adres": "Lindelaan 12, 5038 AB Tilburg",
    "zaak": "verzoek #7",
    "case_id": 7,
    "ontvangen_op": "2026-10-26",
    "uiterlijk": "2026-12-21",
    "jaar": 2026,
    "sha256": "0f" * 32,
    "nieuw_uiterlijk": "2027-02-21",
    "streefdatum": "2026-12-14",
    "redenen": [REDEN],
    "ingangsdatum": "2026-10-01",
    "einddatum": "2028-10-01",
    "termijn_maanden": 24,
    "einddatum_regio": "2028-10-01",
    "delen": [
        {
            "categorie": "B",
            "categorie_naam": "Gevaarzetting en agressie",
            "categorie_naam_en": "Endangerment and aggression",
            "reikwijdte": "regio",
            "termijn_maanden": 24,
            "einddatum": "2028-10-01",
        }
    ],
    "termijn_motivering": "Threats against staff; weighed against the time since.",
    "portaal_url": "http://127.0.0.1:8000/inloggen",
    "adres_gehuurde_woning": "Kerkstraat 1, 5038 AA Tilburg",
    "klacht_b_weken": 6,
    "klacht_uiterlijk": "2027-01-04",
    "blokkade_delen": [{"reikwijdte": "regio", "tot": "2028-10-01"}],
    "reikwijdte": "regio",
    "primaire_bron": TIWOS,
    "samenwerkingsverband": "Woning in Zicht",
    "deelnemers_url": "https://www.woninginzicht.nl/signaleringslijst/deelnemers",
    "fg_contact": "Functionaris Gegevensbescherming Woning in Zicht, fg@woninginzicht.nl",
    "protocol_versie": "1.4",
    "portaalcode": "ABCD-EFGH-JKLM",
    "blokkade_start": "2026-11-23",
    "blokkade_eind": "2028-10-01",
    "eindreden": "Uitsluitingstermijn verstreken",
    "soort": "Wissing (art. 17 AVG)",
    "besluit": "afgewezen",
    "besluit_label": "Afgewezen",  # the Dutch label, as verzoek.beslis passes it
    "motivering": "The court ruling of 3 March 2026 is final, so the registration is lawful.",
    "reden": "We need information from the court to decide on your request.",
    "origineel": 5,
    "gegevens": SIGNALERING,
    "signalering": SIGNALERING,
    "invoerdatum": "2026-11-23",
    "besluit_datum": "2026-10-20",
    "gegrond": False,
    "advies": "The committee finds that the housing association weighed all interests with care.",
    "huurcommissie": HUURCOMMISSIE,
    "termijn": "Beslissen op verzoek",
    "aantal": 3,
    "max_uren_te_laat": 5.5,
    "ingetrokken": 2,
    "match_id": 11,
    "signalering_id": 42,
    # ch. 24: the hardship clause
    "door_deelnemer": False,
    "toegewezen": True,
    "afwijking": "De termijn wordt korter",
    "nieuwe_termijnen": {"B": 12},
    "vervallen_categorie": "",
    "uiterlijk_toepassen": "2026-12-07",
    # ch. 17, 20: participation
    "deelnemer": "Stichting TBV",
    "kenmerk": "ALV-2026-07",
}


def english(name: str, **changes: Any) -> str:
    rendered = render(name, {**CONTEXT, **changes}, "en")
    return rendered.subject + "\n" + rendered.body


def variables(source: str) -> set[str]:
    """The context variables a template reads: in {{ }}, and in if/elif/for tags."""
    names = set(re.findall(r"\{\{\s*([a-z_]+)", source))
    for tag in re.findall(r"\{%\s*(?:if|elif|for)\s+(.*?)%\}", source):
        tag = re.sub(r'"[^"]*"', "", tag)
        names |= set(re.findall(r"(?<![.\w])([a-z_]+)", tag))
    return names - {"and", "or", "not", "in", "r"}


def test_every_dutch_template_has_an_english_twin():
    assert DUTCH, "no Dutch templates found"
    missing = [name for name in DUTCH if not (FOLDER / f"{name}.en.txt").is_file()]
    assert missing == []


@pytest.mark.parametrize("name", DUTCH)
def test_english_template_mirrors_the_dutch_one(name):
    dutch = (FOLDER / f"{name}.nl.txt").read_text()
    source = (FOLDER / f"{name}.en.txt").read_text()
    assert source.startswith("{% load berichten %}") == dutch.startswith("{% load berichten %}")
    assert variables(source) == variables(dutch)
    assert "|datum" not in source and "|termijn" not in source  # date_en and term_en instead
    assert ".nl.txt" not in source
    included = re.findall(r'\{% include "notifications/(\w+)\.nl\.txt" %\}', dutch)
    assert re.findall(r'\{% include "notifications/(\w+)\.en\.txt" %\}', source) == included


@pytest.mark.parametrize("name", DUTCH)
def test_english_template_renders_completely(name):
    rendered = render(name, CONTEXT, "en")
    text = rendered.subject + "\n" + rendered.body
    assert rendered.subject
    assert "{{" not in text and "{%" not in text
    assert "november" not in text  # no Dutch month names
    dutch = (FOLDER / f"{name}.nl.txt").read_text()
    if "datum_brief|datum" in dutch or "{{ datum|datum }}" in dutch:
        assert "23 November 2026" in text


def test_english_template_is_used_and_not_the_dutch_fallback():
    assert english("plaatsing").startswith(
        "Your registration on the Signaleringslijst ongewenst huurdersgedrag\n"
    )
    assert render("plaatsing", CONTEXT).subject.startswith("Uw registratie")


def test_placement_notice_has_every_item_of_chapter_10():
    text = english("plaatsing")
    required = {
        "date of the letter": "Date: 23 November 2026",
        "name": "To: Jantje Zwartkruis",
        "address": "Address: Lindelaan 12, 5038 AB Tilburg",
        "reason (category)": "Category B (Endangerment and aggression), criterion III",
        "ground": "Ground: A court ruling for eviction",
        "purpose": "The purpose is to prevent unwanted tenant behaviour",
        "legal basis": "legitimate interest",
        "GDPR article": "GDPR article 6(1)(f)",
        "term per category": "Category B (Endangerment and aggression): 2 years, until 1 October",
        "scope": "cannot rent a home from any of the participating housing associations until",
        "term is a maximum": "only sets a maximum term",
        "portal address": "(http://127.0.0.1:8000/inloggen)",
        "source (art. 14)": "your (former) landlord (GDPR article 14)",
        "participants URL": "At https://www.woninginzicht.nl/signaleringslijst/deelnemers",
        "primaire bron": "TIWOS, Tilburgse Woonstichting, Stationsstraat 24, 5038 ED Tilburg",
        "portal code": "personal code: ABCD-EFGH-JKLM",
        "right to object": "You have the right to object",
        "objection procedure": "This is how the objection procedure works",
        "address for the objection": "Send your objection to:\n"
        "  Directie (management board) TIWOS, Tilburgse Woonstichting\n"
        "  Stationsstraat 24, 5038 ED Tilburg\n"
        "  signalering@tiwos.nl",
        "Geschillencommissie": "Geschillencommissie (disputes committee) of",
        "Huurcommissie": "Huurcommissie (rent tribunal)",
        "right of access": "Right of access",
        "right to rectification": "Right to rectification",
        "right to erasure": "Right to erasure",
        "right to restriction": "Right to restriction",
        "portability has no function (15.6)": "Data portability (GDPR article 20) has no function",
        "right to object (art. 21)": "Right to object",
        "supervisory authority": "Autoriteit Persoonsgegevens (Dutch Data Protection Authority",
        "data protection officer": "Data protection officer (Functionaris Gegevensbescherming)\n"
        "Functionaris Gegevensbescherming Woning in Zicht, fg@woninginzicht.nl",
    }
    missing = [item for item, phrase in required.items() if phrase not in text]
    assert missing == []
    articles = [f"GDPR article {n})" for n in (15, 16, 17, 18, 21)]
    assert [a for a in articles if a not in text] == []


def test_placement_notice_for_one_corporation_names_it():
    text = english("plaatsing", reikwijdte="corporatie", einddatum_regio="")
    assert "cannot rent a home from TIWOS, Tilburgse Woonstichting" in text
    assert "you can still rent from the other housing associations" in text


def test_refusal_names_the_reasons_and_the_three_remedies():
    rendered = render("verzoek_besluit", CONTEXT, "en")
    assert rendered.subject == "Decision on your request (verzoek #7): refused"
    text = rendered.body
    required = {
        "what was asked": "you asked for: erasure of your data (GDPR article 17)",
        "decision": "Our decision: refused.",
        "reasons": "Reasons\nThe court ruling of 3 March 2026 is final",
        "remedies (art. 12(4))": "What you can do if you do not agree (GDPR article 12(4))",
        "complaint to the board": "complaint to the management board (directie) of TIWOS, "
        "Tilburgse Woonstichting, Stationsstraat 24, 5038 ED Tilburg",
        "complaint to the AP": "complaint to the Autoriteit Persoonsgegevens",
        "court": "You can take the matter to court.",
    }
    missing = [item for item, phrase in required.items() if phrase not in text]
    assert missing == []
    assert "within two weeks" not in text


def test_ch12_4_a_grant_says_it_was_carried_out_at_once_and_names_the_complaint_window():
    text = english(
        "verzoek_besluit", besluit="toegewezen", besluit_label="Toegewezen", motivering=""
    )
    assert "Our decision: granted." in text
    assert "We carried out the decision at once" in text
    assert "What you can do if you do not agree" not in text
    assert "until and including 4 January 2027\n(6 weeks after this decision" in text


def test_removal_notice_explains_the_reason_in_english():
    text = english("verwijdering", eindreden="Bezwaar of klacht gegrond verklaard")
    assert "Reason: your objection or complaint was upheld." in text
    assert "erased" in text
    # A reason without a translation is still shown rather than left out.
    assert "Reason: Iets nieuws." in english("verwijdering", eindreden="Iets nieuws")


def test_complaint_reaction_not_upheld_explains_the_appeal():
    text = english("klacht_reactie", zaak="klacht #3")
    required = {
        "subject": "Reply to your complaint (klacht #3): not upheld",
        "name": "Identification: Jantje Zwartkruis",
        "reason (category)": "category B (Endangerment and aggression)",
        "entered": "Date the registration was entered: 23 November 2026",
        "term": "Period of registration: from 1 October 2026; category B until 1 October 2028",
        "rented home": "Address of the home you rented: Kerkstraat 1",
        "decision": "your complaint is not upheld",
        "reasons": "The court ruling of 3 March 2026 is final",
        "appeal": "You can appeal against this decision to the Geschillencommissie",
        "address": "Geschillencommissie Woning in Zicht, c/o TIWOS, Tilburgse Woonstichting",
    }
    assert [item for item, phrase in required.items() if phrase not in text] == []


@pytest.mark.parametrize("soort", VerzoekSoort.labels)
def test_every_kind_of_request_is_named_in_english(soort):
    for name in ("verzoek_ontvangen", "verzoek_besluit", "verzoek_vertraagd", "inzage_afschrift"):
        assert soort not in english(name, soort=soort), name
    assert soort not in english("verzoek_toegewezen_swv", soort=soort)


@pytest.mark.parametrize("besluit", Besluit)
def test_every_decision_is_named_in_english(besluit):
    rendered = render(
        "verzoek_besluit",
        {**CONTEXT, "besluit": besluit.value, "besluit_label": besluit.label},
        "en",
    )
    assert besluit.label.lower() not in rendered.subject


@pytest.mark.parametrize("eindreden", Eindreden.labels)
def test_every_reason_for_removal_is_given_in_english(eindreden):
    assert eindreden not in english("verwijdering", eindreden=eindreden)


def test_every_message_template_has_a_plain_label():
    """Staff lists name a message in words, never by its template's code name."""
    from pathlib import Path

    from notifications.labels import BERICHT_LABELS

    folder = Path(__file__).resolve().parent.parent / "notifications/templates/notifications"
    names = {p.name.split(".")[0] for p in folder.glob("*.nl.txt") if not p.name.startswith("_")}
    assert names <= set(BERICHT_LABELS), sorted(names - set(BERICHT_LABELS))


@pytest.mark.django_db
def test_the_protocols_category_texts_are_english_in_an_english_letter(make_signalering, now):
    from states.protocol_en import TEKSTEN_EN
    from states.protocol_v14 import BELEID
    from states.services.notice_contents import context_for

    # Every category, criterion and ground of v1.4 has its English text.
    for soort in ("categorieen", "criteria", "gronden"):
        assert set(TEKSTEN_EN["1.4"][soort]) == {x["code"] for x in BELEID[soort]}, soort
    sig = make_signalering(criteria=[("III", "a"), ("I", "b")])
    letter = render("plaatsing", context_for(sig, now), "en").body
    assert "Endangerment and aggression" in letter and "Nuisance" in letter
    assert "Threats, violence, intimidation or aggression" in letter
    assert "A summons was served" in letter
    assert "Gevaarzetting" not in letter and "Overlast" not in letter
