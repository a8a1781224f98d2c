"""Protocol Signaleringslijst ongewenst huurdersgedrag, Woning in Zicht, v1.4 (13 Dec 2021).

Seeded into `ProtocolVersie.beleid`; every signalering and case records the version it ran under.
Source: shared/seeds/001_62253cf69371ce8d.txt, ch. 5 (criteria, formal grounds), ch. 7 (terms,
scope, brackets), ch. 12.4 (end reasons), ch. 15–16 (deadline lengths).
"""

from __future__ import annotations

from typing import Any

VERSIE = "1.4"

BELEID: dict[str, Any] = {
    "versie": VERSIE,
    "categorieen": [
        {"code": "A", "naam": "Overlast", "reikwijdte": "corporatie", "max_termijn_maanden": 24},
        {
            "code": "B",
            "naam": "Gevaarzetting en agressie",
            "reikwijdte": "regio",
            "max_termijn_maanden": 24,
        },
        {
            "code": "C",
            "naam": "Oneigenlijk gebruik",
            "reikwijdte": "regio",
            "max_termijn_maanden": 24,
        },
        # D's term comes from the bracket of the amount (schijven_d); 60 months is its maximum.
        {
            "code": "D",
            "naam": "Openstaande vordering",
            "reikwijdte": "corporatie",
            "max_termijn_maanden": 60,
        },
        {"code": "E", "naam": "Fraude", "reikwijdte": "regio", "max_termijn_maanden": 24},
    ],
    "criteria": [
        {
            "code": "I",
            "categorie": "A",
            "omschrijving": "Overlast in of nabij de woonruimte",
            "gronden": ["a", "b"],
        },
        {
            "code": "II",
            "categorie": "B",
            "omschrijving": "Gevaarzetting, brandstichting en/of vervuiling",
            "gronden": ["a"],
        },
        {
            "code": "III",
            "categorie": "B",
            "omschrijving": "Bedreiging, geweld, intimidatie of agressie",
            "gronden": ["a"],
        },
        {
            "code": "IV",
            "categorie": "C",
            "omschrijving": "Woonfraude (geen hoofdverblijf, onderhuur)",
            "gronden": ["a"],
        },
        {
            "code": "V",
            "categorie": "C",
            "omschrijving": "Bedrijfsmatig, commercieel of crimineel gebruik",
            "gronden": ["a"],
        },
        {
            "code": "VI",
            "categorie": "C",
            "omschrijving": "Handelen in strijd met de Opiumwet",
            "gronden": ["a", "c"],
        },
        {
            "code": "VII",
            "categorie": "D",
            "omschrijving": "Huurachterstand van minimaal 3 maanden of opeisbare schuld",
            "gronden": ["a"],
        },
        {
            "code": "VIII",
            "categorie": "D",
            "omschrijving": "Schade bij vertrek of oplevering van € 500 of meer",
            "gronden": ["d"],
            "minimum_bedrag": "500.00",
        },
        {
            "code": "IX",
            "categorie": "E",
            "omschrijving": "Onjuiste of misleidende informatie, fraude bij inschrijving of aanbod",
            "gronden": ["e-i", "e-ii", "e-iii"],
        },
    ],
    "gronden": [
        {
            "code": "a",
            "omschrijving": "Rechterlijke uitspraak tot ontruiming of ontbinding, en de "
            "woonruimte is ontruimd of na aanmaning vrijwillig verlaten (I–VII)",
        },
        {
            "code": "b",
            "omschrijving": "Dagvaarding betekend, waarna de huurder vrijwillig is "
            "vertrokken vóór de uitspraak (alleen I)",
        },
        {
            "code": "c",
            "omschrijving": "Aantoonbare overtreding van de Opiumwet, sluiting of "
            "ontbinding, en de woonruimte is ontruimd of verlaten (alleen VI)",
        },
        {
            "code": "d",
            "omschrijving": "Schade aan het gehuurde van ten minste € 500 bij einde huur "
            "of ontruiming (alleen VIII)",
        },
        {
            "code": "e-i",
            "omschrijving": "Fraude leidend tot uitsluiting of wijziging van "
            "inschrijftijd of uitsluiting van een aanbod (IX-i)",
        },
        {"code": "e-ii", "omschrijving": "Vrijwillig vertrek bij aantoonbare fraude (IX-ii)"},
        {"code": "e-iii", "omschrijving": "Rechterlijke uitspraak wegens fraude (IX-iii)"},
    ],
    # ch. 7: "tussen €500 en €1.000: 1 jaar; €1.000–2.000: 2 jaar; …; €10.000 of meer: 5 jaar".
    # A boundary amount belongs to the higher bracket (€1.000 → 2 jaar): "tussen X en Y" read
    # with "€10.000 of meer" as the last, so each bracket includes its lower bound.
    "schijven_d": [
        {"vanaf": "500.00", "tot": "1000.00", "termijn_maanden": 12},
        {"vanaf": "1000.00", "tot": "2000.00", "termijn_maanden": 24},
        {"vanaf": "2000.00", "tot": "5000.00", "termijn_maanden": 36},
        {"vanaf": "5000.00", "tot": "10000.00", "termijn_maanden": 48},
        {"vanaf": "10000.00", "tot": None, "termijn_maanden": 60},
    ],
    # ch. 12.4: "100 procent van de vordering is voldaan of schikking" only when D is the sole
    # category of the signalering.
    "eindredenen_alleen_d": ["vordering_voldaan"],
    "termijnen": {
        "beslissen_verzoek_weken": 4,  # ch. 15
        "uitvoeren_verzoek_weken": 2,
        "klacht_reactie_weken": 4,  # ch. 16.4
        "herstel_weken": 2,  # ch. 16.3, 16.4
        "datalek_melden_uren": 72,  # AVG art. 33
        "datalek_betrokkenen_uren": 72,  # AVG art. 34 "zonder onredelijke vertraging" (ADR 0007)
        # ch. 16.2 refers to a complaints regulation we do not have; one week is our reading
        # (ADR 0002), a question for the protocol owner.
        "klacht_bevestigen_weken": 1,
        # ch. 16.1: "binnen [..] weken na ontvangst van de beslissing": the number is missing in
        # v1.4. Six weeks, as for an objection under the Awb (art. 6:7), until the owner says.
        "klacht_b_venster_weken": 6,
        # ch. 14.1: "Toegangsrechten worden regelmatig getoetst", no term given. Twice a year,
        # four weeks to confirm each user (ADR 0009), a question for the protocol owner.
        "toegangstoets_weken": 4,
        # ch. 8 (process check, half-yearly) and ch. 11 (verification, "periodiek"): four weeks
        # from the opening to record the findings (ADR 0010).
        "controle_weken": 4,
        # ch. 24 (hardship clause) sets no term for the Geschillencommissie: the four weeks of
        # the written reaction in the dispute route (ch. 16.3, 16.4), as read in ADR 0013; it is
        # then applied within the two weeks of an upheld advice (herstel_weken).
        "hardheid_beslissen_weken": 4,
        # ch. 20: a temporarily excluded deelnemer presents an improvement plan "binnen
        # redelijke termijn", no term given. Six weeks is our own default (ADR 0011), a
        # question for the protocol owner; the participants then decide, never the clock.
        "verbeterplan_weken": 6,
        "avg_verlenging_maanden": 2,  # AVG art. 12(3)
        "avg_beslistermijn_maanden": 1,  # AVG art. 12(3): the earlier of this and ch. 15 applies
        # Deadline kinds whose clock may be stopped while waiting for the person's answer.
        # None for v1.4: the AVG's terms do not stop (EDPB 01/2022 allows no suspension).
        "opschorten": [],
        # Reminders before the internal target date (DESIGN §5): a week, and two working days.
        "herinneringen": [{"dagen": 7}, {"werkdagen": 2}],
        # An escalation this much past due is a catch-up after an outage: staff get one summary.
        "inhaal_drempel_minuten": 60,
        # Privacyreglement (003) §6: case files two years after closure; committee files two
        # years after the hearing (we take the date of the advice).
        "bewaartermijn_zaak_maanden": 24,
        "bewaartermijn_geschil_maanden": 24,
    },
}

SAMENWERKINGSVERBAND = {
    "code": "woning-in-zicht",
    "naam": "Woning in Zicht",
    "fg_contact": "Functionaris Gegevensbescherming Woning in Zicht, fg@woninginzicht.nl",
    "deelnemers_url": "https://www.woninginzicht.nl/signaleringslijst/deelnemers",
}

# ch. 2: the five participants, with the office address to which an objection may be sent.
DEELNEMERS = [
    {
        "code": "tiwos",
        "naam": "TIWOS, Tilburgse Woonstichting",
        "adres": "Stationsstraat 24, 5038 ED Tilburg",
        "email": "signalering@tiwos.nl",
    },
    {
        "code": "tbv",
        "naam": "Stichting TBV",
        "adres": "Spoorlaan 430, 5038 CG Tilburg",
        "email": "signalering@tbv.nl",
    },
    {
        "code": "wonenbreburg",
        "naam": "Stichting WonenBreburg",
        "adres": "Johannes van Oisterwijkstraat 35, 5041 AB Tilburg",
        "email": "signalering@wonenbreburg.nl",
    },
    {
        "code": "leystromen",
        "naam": "Stichting Leystromen",
        "adres": "Julianastraat 51, 5121 LN Rijen",
        "email": "signalering@leystromen.nl",
    },
    {
        "code": "casade",
        "naam": "Stichting Casade",
        "adres": "Min. Goselinglaan 8, 5103 BJ Dongen",
        "email": "signalering@casade.nl",
    },
]
