"""What each message is, in plain Dutch, for the pages that list messages (never the code name)."""

from __future__ import annotations

BERICHT_LABELS = {
    "achterstand_samenvatting": "Overzicht van te laat afgehandelde termijnen",
    "advies_primaire_bron": "Advies van de Geschillencommissie (aan de corporatie)",
    "advies_uitkomst": "Advies van de Geschillencommissie",
    "blokkade": "Brief over de blokkade van de inschrijving",
    "brief_niet_geprint": "Waarschuwing: brief niet geprint",
    "controle_geopend": "Periodieke controle geopend",
    "jaarverslag_geopend": "Jaarverslag uitbrengen",
    "jaarverslag_uitgebracht": "Jaarverslag uitgebracht",
    "protocol_gepubliceerd": "Nieuwe protocolversie gepubliceerd",
    "datalek_betrokkene": "Melding van een datalek aan de betrokkene",
    "datalek_gemeld": "Nieuw datalek gemeld",
    "escalatie": "Termijn verstreken (escalatie)",
    "escalatie_verzoek": "Besluit op verzoek te laat",
    "gegevens_gecorrigeerd": "Gegevens gecorrigeerd",
    "geschil_binnengekomen": "Nieuw geschil binnengekomen",
    "geschil_ontvangen": "Ontvangstbevestiging van het geschil",
    "geschillencommissie_route": "Uitleg: naar de Geschillencommissie",
    "herinnering": "Herinnering aan een termijn",
    "huurcommissie_informatie": "Uitleg: naar de Huurcommissie",
    "inzage_afschrift": "Afschrift van de gegevens (inzage)",
    "klacht_binnengekomen": "Nieuwe klacht binnengekomen",
    "klacht_ontvangstbevestiging": "Ontvangstbevestiging van de klacht",
    "klacht_reactie": "Reactie op de klacht",
    "match_afwijking": "Afwijkende identiteit bij een controle",
    "match_melding": "Mogelijke match om te beoordelen",
    "plaatsing": "Brief over de plaatsing op de signaleringslijst",
    "regio_vervallen": "Regionale deel van de signalering vervallen",
    "hardheid_ontvangen": "Verzoek hardheidsclausule ontvangen (aan de betrokkene)",
    "hardheid_binnengekomen": "Nieuw verzoek hardheidsclausule (aan de secretaris)",
    "hardheid_besluit": "Besluit over de hardheidsclausule (aan de betrokkene)",
    "hardheid_vertraagd": "Besluit over de hardheidsclausule te laat (aan de betrokkene)",
    "hardheid_toepassen": "Hardheidsclausule toegewezen: toepassen op de signalering",
    "toegangstoets_geopend": "Toegangstoets geopend: bevestig wie toegang houdt",
    "toegangstoets_verlopen": "Toegangstoets niet afgerond: toegang ingetrokken",
    "verwijdering": "Brief over de verwijdering van de signaleringslijst",
    "verzoek_besluit": "Besluit op het verzoek",
    "verzoek_ontvangen": "Ontvangstbevestiging van het verzoek",
    "verzoek_samengevoegd": "Verzoek samengevoegd met een lopend verzoek",
    "verzoek_toegewezen_swv": "Verzoek toegewezen aan het samenwerkingsverband",
    "verzoek_verlenging": "Verlenging van de beslistermijn",
    "verzoek_vertraagd": "Besluit op het verzoek vertraagd",
}


def bericht_label(template: str) -> str:
    return BERICHT_LABELS.get(template, template.replace("_", " ").capitalize())
