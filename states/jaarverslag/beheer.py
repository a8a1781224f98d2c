"""Who could do what, and whether the periodic duties were done: the year's changes of users and
rights (ch. 14), and the process checks (ch. 8), data verifications (ch. 11) and access reviews
(ch. 14.1) with their findings."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from states.clock import local_date
from states.jaarverslag.bereik import Bereik, Tabel, corporatie
from states.models import Controle, Deadline, Medewerker, ProtocolVersie, Toegangstoets
from states.models.controle import ControleSoort
from states.models.deadline import DeadlineStatus
from states.models.deelname import Deelnamebesluit
from states.models.toegangstoets import Oordeel, ToegangstoetsRegel, ToegangstoetsState
from states.roles import Rol

TERMIJNBEWAKING = "Termijnbewaking"


def _rol(code: str) -> str:
    return Rol(code).label if code in Rol.values else code


def _medewerker_wijzigingen(bereik: Bereik, namen: dict[int, str]) -> list[list[Any]]:
    """Each added, changed and removed role, from the role's history (one query)."""
    history = Medewerker.history.filter(samenwerkingsverband_id=bereik.samenwerkingsverband_id)
    if bereik.deelnemer_id is not None:
        history = history.filter(deelnemer_id=bereik.deelnemer_id)
    ids = history.filter(**bereik.in_jaar("history_date")).values("id")
    rows = (
        Medewerker.history.filter(id__in=ids)
        .select_related("user", "history_user")
        .order_by("id", "history_date", "history_id")
    )
    result, vorige = [], None
    for h in rows:
        eerder = vorige if vorige is not None and vorige.id == h.id else None
        vorige = h
        if not (bereik.begin <= h.history_date < bereik.einde):
            continue
        if bereik.deelnemer_id is not None and h.deelnemer_id != bereik.deelnemer_id:
            continue
        if h.history_type == "+":
            wat = f"Toegevoegd als {_rol(h.rol)}"
        elif h.history_type == "-":
            wat = f"Rol {_rol(h.rol)} verwijderd"
        elif eerder is not None and eerder.rol != h.rol:
            wat = f"Rol gewijzigd van {_rol(eerder.rol)} in {_rol(h.rol)}"
        elif eerder is not None and eerder.deelnemer_id != h.deelnemer_id:
            wat = f"Naar {corporatie(namen, h.deelnemer_id)} overgegaan"
        else:
            continue  # saved without a change of role or corporation
        door = h.history_user.get_username() if h.history_user else "Beheer"
        naam = h.user.get_username() if h.user else f"gebruiker {h.user_id}"
        result.append([h.history_date, naam, corporatie(namen, h.deelnemer_id), wat, door])
    return result


def _toets_intrekkingen(bereik: Bereik, namen: dict[int, str]) -> list[list[Any]]:
    regels = ToegangstoetsRegel.objects.filter(
        toets__samenwerkingsverband_id=bereik.samenwerkingsverband_id
    ).select_related("toets", "medewerker__user", "beoordeeld_door")
    if bereik.deelnemer_id is not None:
        regels = regels.filter(toets__deelnemer_id=bereik.deelnemer_id)
    result = []
    for r in regels.filter(oordeel=Oordeel.INGETROKKEN, **bereik.in_jaar("beoordeeld_op")):
        door = r.beoordeeld_door.get_username() if r.beoordeeld_door else "Beheer"
        wat = f"Toegang ingetrokken bij de toegangstoets {r.toets.periode}"
        result.append(
            [
                r.beoordeeld_op,
                r.medewerker.user.get_username(),
                corporatie(namen, r.toets.deelnemer_id),
                wat,
                door,
            ]
        )
    vervallen = regels.filter(
        oordeel=Oordeel.OPEN,
        toets__state=ToegangstoetsState.VERLOPEN,
        toets__gewijzigd_op__gte=bereik.begin,
        toets__gewijzigd_op__lt=bereik.einde,
    )
    for r in vervallen:
        wat = f"Toegang vervallen: niet bevestigd bij de toegangstoets {r.toets.periode}"
        result.append(
            [
                r.toets.gewijzigd_op,
                r.medewerker.user.get_username(),
                corporatie(namen, r.toets.deelnemer_id),
                wat,
                TERMIJNBEWAKING,
            ]
        )
    return result


def gebruikers(bereik: Bereik, namen: dict[int, str]) -> Tabel:
    rijen = _medewerker_wijzigingen(bereik, namen) + _toets_intrekkingen(bereik, namen)
    rijen.sort(key=lambda r: (r[0], r[1]))
    return Tabel(
        "gebruikers",
        "Wijzigingen in gebruikers en rechten",
        "Toegevoegde, gewijzigde en verwijderde rollen, en de toegang die bij een toegangstoets "
        "(hoofdstuk 14.1) werd ingetrokken of verviel.",
        ["Tijdstip", "Gebruiker", "Corporatie", "Wijziging", "Door"],
        rijen,
        "Geen wijzigingen in gebruikers en rechten.",
    )


def _termijn_stand(deadline: Deadline | None) -> tuple[Any, str]:
    if deadline is None:
        return None, "—"
    laatste = deadline.last_day or local_date(deadline.due_at)
    if deadline.status == DeadlineStatus.MET:
        return laatste, "Te laat afgerond" if deadline.met_late else "Op tijd afgerond"
    if deadline.status == DeadlineStatus.MISSED:
        return laatste, "Verstreken (geëscaleerd)"
    if deadline.status == DeadlineStatus.CANCELLED:
        return laatste, "Vervallen"
    return laatste, "Loopt nog"


def _termijnen(case_type: str, ids: list[int]) -> dict[int, Deadline]:
    found: dict[int, Deadline] = {}
    for d in Deadline.objects.filter(case_type=case_type, case_id__in=ids).order_by("start_at"):
        found[d.case_id] = d  # the last one of the case: a check has only one
    return found


def _bevindingen(controle: Controle) -> str:
    punten = [
        f"{p.get('vraag', p.get('code'))}: {p['aantal']}"
        for p in controle.checklist
        if p.get("aantal")
    ]
    delen = []
    if punten:
        delen.append("Aandachtspunten — " + "; ".join(punten))
    if controle.bevindingen:
        delen.append(controle.bevindingen)
    return " ".join(delen) or "Geen aandachtspunten."


def controles(bereik: Bereik, namen: dict[int, str]) -> Tabel:
    jaar = str(bereik.jaar)
    checks = Controle.objects.filter(
        samenwerkingsverband_id=bereik.samenwerkingsverband_id, periode__startswith=jaar
    ).order_by("periode", "soort", "pk")
    toetsen = Toegangstoets.objects.filter(
        samenwerkingsverband_id=bereik.samenwerkingsverband_id, periode__startswith=jaar
    ).order_by("periode", "pk")
    if bereik.deelnemer_id is not None:
        checks = checks.filter(deelnemer_id=bereik.deelnemer_id)
        toetsen = toetsen.filter(deelnemer_id=bereik.deelnemer_id)
    checks, toetsen = list(checks), list(toetsen)
    termijnen = _termijnen("controle", [c.pk for c in checks])
    rijen = []
    for c in checks:
        laatste, stand = _termijn_stand(termijnen.get(c.pk))
        soort = "Procescontrole" if c.soort == ControleSoort.PROCES else "Verificatie van gegevens"
        rijen.append(
            [
                soort,
                c.periode,
                corporatie(namen, c.deelnemer_id),
                local_date(c.geopend_op),
                laatste,
                local_date(c.afgerond_op) if c.afgerond_op else None,
                stand,
                _bevindingen(c),
            ]
        )
    termijnen = _termijnen("toegangstoets", [t.pk for t in toetsen])
    oordelen = _oordelen([t.pk for t in toetsen])
    for t in toetsen:
        laatste, stand = _termijn_stand(termijnen.get(t.pk))
        o = oordelen.get(t.pk, {})
        telling = (
            f"{o.get(Oordeel.BEVESTIGD, 0)} bevestigd, {o.get(Oordeel.INGETROKKEN, 0)} ingetrokken"
        )
        if t.state == ToegangstoetsState.VERLOPEN:
            telling += f", {o.get(Oordeel.OPEN, 0)} vervallen (niet bevestigd)"
        rijen.append(
            [
                "Toegangstoets",
                t.periode,
                corporatie(namen, t.deelnemer_id),
                local_date(t.geopend_op),
                laatste,
                local_date(t.afgerond_op) if t.afgerond_op else None,
                stand,
                telling,
            ]
        )
    return Tabel(
        "controles",
        "Periodieke controles en hun bevindingen",
        "De halfjaarlijkse procescontrole (hoofdstuk 8), de verificatie van de gegevens per "
        "corporatie (hoofdstuk 11) en de toegangstoets (hoofdstuk 14.1) van het jaar.",
        [
            "Controle",
            "Periode",
            "Corporatie",
            "Geopend",
            "Uiterlijk",
            "Afgerond",
            "Termijn",
            "Bevindingen",
        ],
        rijen,
        "Geen periodieke controles in dit jaar.",
    )


def _oordelen(toets_ids: list[int]) -> dict[int, dict[str, int]]:

    found: dict[int, dict[str, int]] = {}
    rows = (
        ToegangstoetsRegel.objects.filter(toets_id__in=toets_ids)
        .values("toets_id", "oordeel")
        .annotate(n=Count("pk"))
    )
    for r in rows:
        found.setdefault(r["toets_id"], {})[r["oordeel"]] = r["n"]
    return found


def protocolversies(bereik: Bereik) -> Tabel:
    """Ch. 23: the versions published in the year, the board's decision and the AP's answer."""
    versies = ProtocolVersie.objects.filter(
        samenwerkingsverband_id=bereik.samenwerkingsverband_id,
        gepubliceerd_op__gte=bereik.begin,
        gepubliceerd_op__lt=bereik.einde,
    ).order_by("gepubliceerd_op")
    rijen = [
        [
            v.versie,
            local_date(v.gepubliceerd_op),
            v.ingangsdatum,
            v.besluit_bestuur_op,
            v.get_ap_uitkomst_display() if v.ap_uitkomst else "Niet vastgelegd",
            v.toelichting,
        ]
        for v in versies
    ]
    return Tabel(
        "protocolversies",
        "Wijzigingen van het protocol",
        "Protocolversies die in het jaar zijn gepubliceerd (hoofdstuk 23), met het besluit van "
        "het bestuur en de uitkomst van de raadpleging van de Autoriteit Persoonsgegevens.",
        [
            "Versie",
            "Gepubliceerd",
            "Geldt vanaf",
            "Besluit bestuur",
            "Autoriteit Persoonsgegevens",
            "Wat verandert",
        ],
        rijen,
        "Het protocol is in dit jaar niet gewijzigd.",
    )


def deelname(bereik: Bereik, namen: dict[int, str]) -> Tabel:
    """Ch. 17 and 20: admissions, temporary and definitive exclusions and accepted improvement
    plans decided in the year, from the participants' decision journal."""
    besluiten = Deelnamebesluit.objects.filter(
        samenwerkingsverband_id=bereik.samenwerkingsverband_id,
        besloten_op__gte=bereik.eerste_dag,
        besloten_op__lte=bereik.laatste_dag,
    ).order_by("besloten_op", "pk")
    if bereik.deelnemer_id is not None:
        besluiten = besluiten.filter(deelnemer_id=bereik.deelnemer_id)
    rijen = [
        [
            b.besloten_op,
            corporatie(namen, b.deelnemer_id),
            b.get_soort_display(),
            b.kenmerk,
            b.toelichting,
        ]
        for b in besluiten
    ]
    return Tabel(
        "deelname",
        "Besluiten over deelname",
        "Toetreding met de getekende verklaring (hoofdstuk 17), tijdelijke en definitieve "
        "uitsluiting en aanvaarde verbeterplannen (hoofdstuk 20), op de datum van het besluit.",
        ["Besloten op", "Corporatie", "Besluit", "Kenmerk", "Redenen of toelichting"],
        rijen,
        "Geen besluiten over deelname in dit jaar.",
    )
