"""The entry for the list in the register of processing activities (art. 30(1) AVG), generated
from the protocol version in force: change a term in the policy and the register changes.

Each part answers one point of art. 30(1): (a) the controllers and the FG, (b) the purposes,
(c) the categories of persons and of data, (d) the recipients, (e) transfers, (f) the retention
terms, (g) the security measures. The legal basis (art. 6(1)(f), the legitimate interest of ch.
4) is added because the AP asks for it with every entry. ADR 0012.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from states.models import Deelnemer, ProtocolVersie, Samenwerkingsverband
from states.policy import REGIO, Beleid
from states.protocol_diff import euro, maanden, termijn_naam, termijn_waarde

DOELEN = (
    "Voorkomen dat huurders met ongewenst huurdersgedrag uitwijken naar een andere corporatie in "
    "de regio en daar dezelfde problemen veroorzaken (protocol 1, 3).",
    "Huurders, medewerkers en de woningen van de deelnemers beschermen tegen overlast, agressie, "
    "fraude en financiële schade (protocol 4).",
    "Onder voorwaarden en met begeleiding een nieuwe kans bieden (protocol 4.4).",
)
GRONDSLAG = (
    "Artikel 6 lid 1 onder f AVG: het gerechtvaardigd belang van de deelnemers en van derden "
    "(huurders die overlast, hinder of nadeel ondervinden), afgewogen tegen het belang van "
    "betrokkene (protocol 4). Geen bijzondere of strafrechtelijke persoonsgegevens (protocol 4)."
)
PERSONEN = (
    "(Ex-)huurders en medehuurders die zijn ontruimd of vertrokken wegens ongewenst "
    "huurdersgedrag (protocol 5).",
    "Woningzoekenden bij fraude bij inschrijving of aanbod (protocol 5, criterium IX).",
    "Medewerkers van de deelnemers en het samenwerkingsverband die de lijst gebruiken "
    "(protocol 14).",
)
# ch. 12.1: the most that is ever recorded.
GEGEVENS = (
    "Identificatiegegevens: naam (voornaam, voorletters, achternaam), geboortedatum, geslacht, "
    "e-mailadres, zo bekend het inschrijfnummer.",
    "Contactgegevens: adres.",
    "Signaleringsgegevens: de reden (categorie, zie hieronder), invoerdatum, einddatum, datum "
    "uitzetting, of een bezwaar- of beroepsprocedure loopt en de uitkomst.",
    "Gegevens van de primaire bron: naam van de deelnemer en van de functionaris die opvoert.",
)
# Documented measures (art. 32 AVG; protocol 14.2): each is enforced in the code and its ADR.
BEVEILIGING = (
    "Toegang alleen voor geautoriseerde functionarissen en bevragers per deelnemer, met rollen "
    "naar taak (protocol 14.1).",
    "Inloggen voor medewerkers met een tweede factor.",
    "Halfjaarlijkse toegangstoets; wie niet wordt bevestigd verliest de toegang (ADR 0009).",
    "Persoonsgegevens en bijlagen versleuteld opgeslagen; sleutels te roteren (ADR 0008).",
    "Elke inzage van persoonsgegevens wordt gelogd; historie en leeslog zijn niet te wijzigen, "
    "wissen gebeurt alleen langs één gelogde weg (ADR 0008).",
    "Automatische wissing bij het einde van de uitsluiting en na de bewaartermijnen (ADR 0005).",
    "Periodieke controle van het proces en verificatie van de gegevens (protocol 8, 11; ADR 0010).",
    "Een jaarlijkse audit (protocol 21).",
)


@dataclass(frozen=True)
class Register:
    naam: str
    samenwerkingsverband: str
    protocolversie: str
    ingangsdatum: str
    verantwoordelijken: tuple[str, ...]
    fg_contact: str
    doelen: tuple[str, ...]
    grondslag: str
    personen: tuple[str, ...]
    gegevens: tuple[str, ...]
    ontvangers: tuple[str, ...]
    doorgifte: str
    bewaartermijnen: tuple[str, ...]
    beveiliging: tuple[str, ...]


def _categorieen(beleid: Beleid) -> str:
    return (
        "Categorieën van de reden: "
        + "; ".join(f"{c.code} {c.naam}" for c in beleid.categorieen.values())
        + "."
    )


def bewaartermijnen(beleid: Beleid) -> tuple[str, ...]:
    """Per category its maximum and scope (ch. 7), D by bracket, then the case files."""
    regels = []
    for c in beleid.categorieen.values():
        waar = "in de hele regio" if c.reikwijdte == REGIO else "bij de primaire bron"
        regels.append(
            f"Categorie {c.code} ({c.naam}): tot het einde van de uitsluiting, hoogstens "
            f"{maanden(c.max_termijn_maanden)} na plaatsing ({waar}); daarna gewist."
        )
    for s in beleid.schijven_d:
        tot = f"tot {euro(s.tot)}" if s.tot is not None else "en meer"
        regels.append(
            f"Categorie D, vordering vanaf {euro(s.vanaf)} {tot}: {maanden(s.termijn_maanden)}."
        )
    for key in ("bewaartermijn_zaak_maanden", "bewaartermijn_geschil_maanden"):
        if key in beleid.termijnen:
            regels.append(f"{termijn_naam(key)}: {termijn_waarde(key, beleid.termijnen[key])}.")
    return tuple(regels)


def register(swv: Samenwerkingsverband, versie: ProtocolVersie) -> Register:
    beleid = versie.beleid
    deelnemers = list(
        swv.deelnemers.filter(status=Deelnemer.Status.ACTIEF)
        .order_by("naam")
        .values_list("naam", flat=True)
    )
    return Register(
        naam="Signaleringslijst ongewenst huurdersgedrag",
        samenwerkingsverband=swv.naam,
        protocolversie=versie.versie,
        ingangsdatum=f"{versie.ingangsdatum:%d-%m-%Y}",
        verantwoordelijken=tuple(
            f"{naam} (gezamenlijk verwerkingsverantwoordelijke, art. 26 AVG)" for naam in deelnemers
        ),
        fg_contact=swv.fg_contact or "Niet vastgelegd: vul de FG van het samenwerkingsverband in.",
        doelen=DOELEN,
        grondslag=GRONDSLAG,
        personen=PERSONEN,
        gegevens=(*GEGEVENS, _categorieen(beleid)),
        ontvangers=(
            *(
                f"{naam}: geautoriseerde functionarissen en bevragers (protocol 13)"
                for naam in deelnemers
            ),
            f"{swv.naam}: medewerkers van het samenwerkingsverband (protocol 14.1)",
            "De leverancier van het systeem als verwerker, voor beheer, audit en ondersteuning "
            "(protocol 13.5)",
            "De Geschillencommissie, bij een geschil (protocol 16)",
        ),
        doorgifte="Geen doorgifte aan landen buiten de EER of aan internationale organisaties.",
        bewaartermijnen=bewaartermijnen(beleid),
        beveiliging=BEVEILIGING,
    )


def geldend_register(swv: Samenwerkingsverband, now: datetime) -> Register | None:
    versie = swv.geldend_protocol(now)
    return register(swv, versie) if versie is not None else None
