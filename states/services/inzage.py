"""The copy of AVG art. 15: every field stored about the person, and what the article requires
beside it — purposes, recipients (from the read log), retention, source, the rights, the
Autoriteit Persoonsgegevens, and that no automated decision is taken (protocol ch. 15.2).

Built once, as plain data, for the letter; the template only lays it out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max

from states.clock import local_date
from states.models import Deelnemer, Raadpleging, Signalering
from states.policy import add_months
from states.roles import Rol
from states.services.notice_contents import deelnemers_url

# ch. 12.1, "Gebruik van gegevens": what each group of data is used for.
DOELEN = [
    "Identificatiegegevens: een mogelijke match maken met een inschrijving als woningzoekende, "
    "en de communicatie van de primaire bron met u over de signalering.",
    "Adresgegevens: de communicatie van de primaire bron met u over de signalering.",
    "Signaleringsgegevens: als u tijdens de signalering een woning aangeboden krijgt, gebruikt "
    "de corporatie ze voor aanvullende voorwaarden in het huurcontract of passende begeleiding.",
]

DOELEN_EN = [
    "Identification data: to find a possible match with a registration as a home seeker, and "
    "for the primaire bron's communication with you about the registration.",
    "Address: for the primaire bron's communication with you about the registration.",
    "Registration data: if you are offered a home during the registration, the housing "
    "association uses it for additional conditions in the tenancy or suitable support.",
]

LABEL_EN = {
    "Voornaam": "First name",
    "Voorletters": "Initials",
    "Achternaam": "Surname",
    "Geboortedatum": "Date of birth",
    "Geslacht": "Sex",
    "E-mailadres": "E-mail address",
    "Inschrijfnummer": "Registration number (home seeker)",
    "Adres": "Address",
    "Stand": "Status",
    "Invoerdatum": "Date entered",
    "Ingangsdatum (moment van plaatsing)": "Start date (moment of placement)",
    "Einddatum": "End date",
    "Einde uitsluiting in de hele regio": "End of the exclusion across the region",
    "Datum uitzetting": "Date of eviction",
    "Waarom deze termijn": "Why this term",
    "Bezwaar of klacht aanhangig": "Objection or complaint pending",
    "Uitkomst bezwaar of klacht": "Outcome of objection or complaint",
    "Verwerking beperkt (art. 18 AVG)": "Processing restricted (GDPR art. 18)",
    "Blokkade vanaf": "Block from",
    "Blokkade tot": "Block until",
    "Primaire bron": "Primaire bron (who registered you)",
    "Reden": "Reason",
}

ROL_ONTVANGER = {
    Rol.SYSTEEM: "het toewijzingssysteem van het samenwerkingsverband",
    Rol.MEDEWERKER_SWV: "het samenwerkingsverband",
    Rol.PRIVACY_OFFICER: "de privacy officer (toezicht)",
}


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def velden(sig: Signalering) -> list[dict[str, str]]:
    """Every stored field about the person, labelled as in ch. 12.1; nothing left out."""
    beleid = sig.protocol_versie.beleid
    rows = [
        ("Voornaam", sig.voornaam),
        ("Voorletters", sig.voorletters),
        ("Achternaam", sig.achternaam),
        ("Geboortedatum", _d(sig.geboortedatum)),
        ("Geslacht", sig.get_geslacht_display() if sig.geslacht else ""),
        ("E-mailadres", sig.email),
        ("Inschrijfnummer", sig.inschrijfnummer),
        ("Adres", sig.adres),
        ("Stand", sig.get_state_display()),
        ("Invoerdatum", _d(sig.invoerdatum)),
        ("Ingangsdatum (moment van plaatsing)", _d(sig.ingangsdatum)),
        ("Einddatum", _d(sig.einddatum)),
        ("Einde uitsluiting in de hele regio", _d(sig.einddatum_regio)),
        ("Datum uitzetting", _d(sig.datum_uitzetting)),
        ("Waarom deze termijn", sig.termijn_motivering),
        ("Bezwaar of klacht aanhangig", "ja" if sig.bezwaar_aanhangig else "nee"),
        ("Uitkomst bezwaar of klacht", sig.uitkomst_bezwaar),
        ("Verwerking beperkt (art. 18 AVG)", "ja" if sig.beperkt else "nee"),
        ("Blokkade vanaf", _d(sig.blokkade_start)),
        ("Blokkade tot", _d(sig.blokkade_eind)),
        ("Primaire bron", sig.primaire_bron.naam),
    ]
    for reden in sig.redenen:
        crit = beleid.criteria[reden["criterium"]]
        rows.append(
            (
                "Reden",
                f"categorie {crit.categorie} ({beleid.categorieen[crit.categorie].naam}), "
                f"criterium {crit.code}: {crit.omschrijving}; grond: "
                f"{beleid.gronden[reden['grond']].omschrijving}",
            )
        )
    for code, maanden in sorted(sig.termijnen.items()):
        scope = beleid.categorieen[code].reikwijdte
        rows.append(
            (
                f"Termijn categorie {code}",
                f"{maanden} maanden, tot {_d(add_months(sig.ingangsdatum, maanden))}, "
                + ("in de hele regio" if scope == "regio" else "alleen bij de primaire bron"),
            )
        )
    return [
        {
            "label": label,
            "label_en": LABEL_EN.get(label, label.replace("Termijn categorie", "Term category")),
            "waarde": value or "—",
        }
        for label, value in rows
    ]


def ontvangers(sig: Signalering) -> list[dict[str, Any]]:
    """Who consulted the record, from the read log (art. 15(1)(c)): each corporation other than
    the primaire bron, the allocation system, the samenwerkingsverband, the privacy officer."""
    log = (
        Raadpleging.objects.filter(signalering_id=sig.pk)
        .exclude(rol=Rol.BETROKKENE)
        .values("deelnemer_id", "rol")
        .annotate(aantal=Count("id"), laatst=Max("tijdstip"))
    )
    namen = dict(Deelnemer.objects.values_list("pk", "naam"))
    per_ontvanger: dict[str, dict[str, Any]] = {}
    for row in log:
        if row["deelnemer_id"] == sig.primaire_bron_id:
            continue  # the primaire bron holds the record; it is not a recipient
        naam = namen.get(row["deelnemer_id"]) or ROL_ONTVANGER.get(row["rol"], "")
        if not naam:
            continue
        entry = per_ontvanger.setdefault(naam, {"naam": naam, "aantal": 0, "laatst": ""})
        entry["aantal"] += row["aantal"]
        entry["laatst"] = max(entry["laatst"], row["laatst"].date().isoformat())
    return sorted(per_ontvanger.values(), key=lambda e: e["naam"])


def afschrift(sig: Signalering | None) -> dict[str, Any]:
    """The whole art. 15 copy for one signalering; None: we hold nothing about the person."""
    if sig is None:
        return {"gevonden": False}
    return {
        "gevonden": True,
        "velden": velden(sig),
        "doelen": DOELEN,
        "doelen_en": DOELEN_EN,
        "ontvangers": ontvangers(sig),
        "bewaartermijn": _d(sig.einddatum),
        "bron": f"{sig.primaire_bron.naam}, uw (voormalige) verhuurder",
        "primaire_bron": {"naam": sig.primaire_bron.naam, "adres": sig.primaire_bron.adres},
        "deelnemers_url": deelnemers_url(sig.samenwerkingsverband),
        "wegingen": wegingen(sig),
    }


MOMENT_EN = {
    "kandidaat": "candidate for a home after responding to an offer",
    "urgentie": "application for urgency",
    "bemiddeling": "direct placement (for example from a shelter)",
    "inschrijving": "registration as a home seeker",
}


def wegingen(sig: Signalering) -> list[dict[str, str]]:
    """Each corporation's weighing when the person was a candidate (ch. 9): part of the data
    held about them (art. 15), with who weighed, when, the outcome and the reasons."""
    return [
        {
            "datum": local_date(w.vastgelegd_op).isoformat(),
            "deelnemer": w.deelnemer.naam,
            "moment": w.get_moment_display(),
            "moment_en": MOMENT_EN.get(w.moment, w.moment),
            "uitkomst": w.uitkomst,
            "voorwaarden": w.voorwaarden,
            "motivering": w.motivering,
        }
        for w in sig.wegingen.select_related("deelnemer").order_by("vastgelegd_op", "pk")
    ]
