"""The made-up people of the demo: who they are and what a functionaris enters about them."""

from __future__ import annotations

from datetime import date
from typing import Any

from states.policy import Beleid, Reden, maxima
from states.protocol_v14 import BELEID
from states.services.signalering import Gegevens

DEMO_EMAIL = "demi.demo@example.org"

DEMI = {
    "voornaam": "Demi",
    "voorletters": "D.",
    "achternaam": "Demo",
    "geboortedatum": date(1990, 5, 17),
    "geslacht": "vrouw",
    "email": DEMO_EMAIL,
    "straat": "Voorbeeldstraat",
    "huisnummer": "7",
    "postcode": "5041 AA",
    "woonplaats": "Tilburg",
}


def persoon(voornaam: str, achternaam: str, geboren: date, woonplaats: str) -> dict[str, Any]:
    slug = f"{voornaam}.{achternaam}".lower().replace(" ", "")
    return {
        "voornaam": voornaam,
        "voorletters": f"{voornaam[0]}.",
        "achternaam": achternaam,
        "geboortedatum": geboren,
        "geslacht": "onbekend",
        "email": f"{slug}@example.org",
        "straat": "Dorpsstraat",
        "huisnummer": str(geboren.day),
        "postcode": "5000 AA",
        "woonplaats": woonplaats,
    }


# (key, corporation, what happens to it, the person): one line per demo signalering.
SIGNALERINGEN = [
    ("demi", "tbv", "geregistreerd", DEMI),
    ("concept", "tiwos", "concept", persoon("Kees", "Concept", date(1978, 2, 3), "Tilburg")),
    ("actief", "tiwos", "geregistreerd", persoon("Anna", "Actief", date(1985, 6, 9), "Tilburg")),
    (
        "leystromen",
        "leystromen",
        "geregistreerd",
        persoon("Lars", "Ley", date(1992, 1, 21), "Oisterwijk"),
    ),
    (
        "blokkade",
        "wonenbreburg",
        "geblokkeerd",
        persoon("Bram", "Blok", date(1981, 11, 30), "Breda"),
    ),
    ("beeindigd", "casade", "beeindigd", persoon("Eva", "Einde", date(1975, 8, 12), "Waalwijk")),
]


def gegevens(who: dict[str, Any], ingangsdatum: date) -> Gegevens:
    """Category III a with the policy's maximum term, weighed and explained."""
    redenen = [Reden("III", "a")]
    return Gegevens(
        redenen=redenen,
        ingangsdatum=ingangsdatum,
        datum_uitzetting=ingangsdatum,
        bedrag=None,
        termijnen=maxima(Beleid.from_data(BELEID), redenen, None),
        termijn_maanden=None,
        termijn_motivering="Ernst en gevolgen gewogen (demo).",
        persoon=dict(who),
    )
