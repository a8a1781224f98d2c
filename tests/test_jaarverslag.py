"""Issue 12, the yearly report (ch. 21–22): a year of synthetic activity is built through the
services, with a ledger of what was done; every figure of the report is checked against a count
made here from that ledger or from the raw rows, never from the report's own queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest

from states.clock import AMSTERDAM, local_date
from states.jaarverslag import Bereik, maak
from states.models import (
    Controle,
    Deadline,
    Deelnemer,
    Klacht,
    Medewerker,
    Raadpleging,
    Signalering,
    Toegangstoets,
    Verzoek,
)
from states.models.signalering import Eindreden
from states.services import controle as controle_service
from states.services import datalek as datalek_service
from states.services import enforcement, matching, raadpleging
from states.services import geschil as geschil_service
from states.services import hardheid as hardheid_service
from states.services import klacht as klacht_service
from states.services import signalering as service
from states.services import toegangstoets as toegangstoets_service
from states.services import verzoek as verzoek_service
from states.services import weging as weging_service
from states.services.controle import open_controles
from states.services.intake import Indiening
from states.services.toegangstoets import open_toetsen
from tests.conftest import PERSOON, actor, gegevens

pytestmark = pytest.mark.django_db
JAAR = 2026


@pytest.fixture
def now() -> datetime:
    """The report is made in February of the next year: the year is complete."""
    return datetime(JAAR + 1, 2, 1, 12, 0, tzinfo=AMSTERDAM)


def om(d: date, uur: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, uur, 0, tzinfo=AMSTERDAM)


# (corporation, criteria, date of placement, what happens next); the sixth (index 5) is ended
# and erased in November by _wegingen, after a weighing behind it.
# next: ("blok", day) | ("einde", reason, day) | ("wis", reason, end day, erase day)
#     | ("blok", day, reason, end day, erase day): ended and erased after a weighing (_wegingen)


def einde(p) -> tuple[str, date, date | None] | None:
    """The ledger's end of a plan row: (reason, end day, erase day or None), or None."""
    t = p[3]
    if not t:
        return None
    if t[0] == "einde":
        return t[1], t[2], None
    if t[0] == "wis":
        return t[1], t[2], t[3]
    return (t[2], t[3], t[4]) if len(t) > 2 else None


PLAN = [
    ("tiwos", [("III", "a")], date(2026, 1, 12), None),
    ("tiwos", [("III", "a"), ("VII", "a")], date(2026, 2, 3), ("blok", date(2026, 2, 20))),
    ("tiwos", [("I", "a")], date(2026, 3, 9), ("einde", "nieuwe_kans", date(2026, 6, 1))),
    (
        "tbv",
        [("IV", "a")],
        date(2026, 4, 14),
        ("wis", "onjuist", date(2026, 5, 4), date(2026, 5, 8)),
    ),
    (
        "tbv",
        [("VII", "a")],
        date(2026, 6, 2),
        ("wis", "vordering_voldaan", date(2026, 7, 1), date(2026, 7, 20)),
    ),
    (
        "tbv",
        [("IX", "e-i"), ("III", "a")],
        date(2026, 9, 30),
        ("blok", date(2026, 10, 5), "onjuist", date(2026, 11, 2), date(2026, 11, 3)),
    ),
    ("casade", [("V", "a")], date(2026, 12, 31), None),
    # Outside the year: placed in 2025 and ended in 2026; placed in 2027.
    ("casade", [("II", "a")], date(2025, 12, 15), ("einde", "nieuwe_kans", date(2026, 1, 1))),
    ("tiwos", [("IV", "a")], date(2027, 1, 5), None),
]


@dataclass
class Jaar:
    signaleringen: list[Signalering] = field(default_factory=list)
    verzoeken: list[tuple[Verzoek, str]] = field(default_factory=list)  # (case, outcome label)
    klachten: list[tuple[Klacht, str]] = field(default_factory=list)


def _signalering(i: int, code: str, criteria, placed: date, then) -> Signalering:
    f = actor(f"{code}-functionaris")
    deelnemer = Deelnemer.objects.get(code=code)
    naam = f"Jaarverslag{i}"
    bedrag = "3000" if any(c == "VII" for c, _ in criteria) else None  # D needs its amount
    data = gegevens(criteria, ingangsdatum=placed, achternaam=naam, bedrag=bedrag)
    sig = service.maak_concept(f, deelnemer.pk, data, om(placed))
    service.registreer(f, sig.pk, om(placed))
    if then and then[0] == "blok":
        matching.match_check(
            actor("wiz-systeem"),
            f"WZ-J{i}",
            PERSOON["voornaam"],
            naam,
            PERSOON["geboortedatum"],
            om(then[1]),
        )
        match = sig.matches.get(status="mogelijk", inschrijving__inschrijfnummer=f"WZ-J{i}")
        matching.beoordeel_match(f, match.pk, True, om(then[1]), blokkeren=True)
    if then and then[0] in ("einde", "wis"):
        service.beeindig(f, sig.pk, then[1], om(then[2], 0) + timedelta(minutes=30))
    if then and then[0] == "wis":
        service.verwijder(f, sig.pk, om(then[3], 23))
    sig.refresh_from_db()
    return sig


def _verzoek(sig, soort: str, received: datetime, besluit: str | None, decided: datetime | None):
    filing = Indiening(
        naam="Mr. A. Advocaat", kanaal="brief", signalering_id=sig.pk, toelichting="Mijn situatie."
    )
    filing.ontvangen_op = received
    v = verzoek_service.dien_in(actor("wiz-privacy_officer"), soort, filing, received)
    if besluit:
        verzoek_service.beslis(actor("tiwos-functionaris"), v.pk, besluit, "Besloten.", decided)
    return v


@pytest.fixture
def jaar(region, now) -> Jaar:
    j = Jaar()
    for i, (code, criteria, placed, then) in enumerate(PLAN):
        if placed > local_date(now):
            continue
        j.signaleringen.append(_signalering(i, code, criteria, placed, then))
    # Requests about the first (still running) signalering of tiwos.
    sig = j.signaleringen[0]
    plan = [
        ("inzage", om(date(2026, 2, 2)), "toegewezen", om(date(2026, 2, 10))),  # on time
        (
            "inzage",
            om(date(2026, 3, 2)),
            "afgewezen",
            om(date(2026, 4, 20)),
        ),  # late, after escalation
        ("beperking", om(date(2026, 5, 4)), "deels", om(date(2026, 5, 6))),
        ("wissing", om(date(2026, 11, 2)), None, None),  # not decided yet
        ("bezwaar", om(date(2025, 11, 2)), "afgewezen", om(date(2025, 11, 10))),  # last year
    ]
    for soort, received, besluit, decided in plan:
        if decided and decided > om(date(2026, 4, 1)) and received < om(date(2026, 4, 1)):
            enforcement.enforce(om(date(2026, 4, 15)), batch_size=50)
        v = _verzoek(sig, soort, received, besluit, decided)
        label = {"toegewezen": "Toegewezen", "afgewezen": "Afgewezen", "deels": "Deels toegewezen"}
        j.verzoeken.append((v, label.get(besluit, "Nog niet beslist")))
    # Complaints: one upheld, one rejected, one left to pass its four weeks.
    directie = actor("tiwos-directie")
    for gegrond, received in (
        (True, date(2026, 6, 1)),
        (False, date(2026, 7, 1)),
        (None, date(2026, 8, 3)),
    ):
        filing = Indiening(naam="J. Z.", signalering_id=sig.pk)
        k = klacht_service.dien_in(
            actor("wiz-medewerker_swv"), "a", "Onterecht.", filing, om(received)
        )
        if gegrond is not None:
            klacht_service.bevestig(directie, k.pk, om(received + timedelta(days=1)))
            klacht_service.verklaar(
                directie,
                k.pk,
                gegrond,
                "Gewogen.",
                om(received + timedelta(days=7)),
                herstel="informatie" if gegrond else "",
                adres_gehuurde_woning="Kerkstraat 1",
            )
        j.klachten.append(
            (
                k,
                {True: "Gegrond", False: "Ongegrond"}.get(
                    gegrond, "Geen schriftelijke reactie binnen vier weken"
                ),
            )
        )
    _commissie_en_datalekken(j)
    _lezen(j)
    _wegingen(j)
    _periodieke_controles()
    enforcement.enforce(om(date(2026, 12, 1)), batch_size=50)
    return j


def _commissie_en_datalekken(j: Jaar) -> None:
    """The rejected complaint goes to the Geschillencommissie (advice: unfounded); a corporation
    asks for the hardship clause (refused); two breaches, one reported to the AP."""
    secretaris = actor("wiz-secretaris_gc")
    afgewezen = j.klachten[1][0]
    g = geschil_service.dien_in(
        secretaris, afgewezen.pk, "Oneens.", Indiening(naam="J. Z."), om(date(2026, 7, 20))
    )
    geschil_service.neem_in_behandeling(secretaris, g.pk, om(date(2026, 7, 21)))
    geschil_service.adviseer(secretaris, g.pk, False, "Zorgvuldig gewogen.", om(date(2026, 8, 10)))
    h = hardheid_service.vraag_aan_deelnemer(
        actor("tiwos-functionaris"), j.signaleringen[0].pk, "Ernstig ziek.", om(date(2026, 9, 1))
    )
    hardheid_service.beslis(secretaris, h.pk, False, "Geen onbillijkheid.", om(date(2026, 9, 14)))
    po = actor("wiz-privacy_officer")
    for dag, meldplichtig in ((date(2026, 5, 10), True), (date(2026, 8, 1), False)):
        lek = datalek_service.meld(actor("tiwos-functionaris"), "Lijst gemaild.", om(dag), om(dag))
        datalek_service.beoordeel(po, lek.pk, "Beperkt risico.", om(dag) + timedelta(hours=2))
        if meldplichtig:
            datalek_service.meld_ap(po, lek.pk, "AP-2026-1", om(dag) + timedelta(hours=3))
        else:
            datalek_service.niet_meldplichtig(
                po, lek.pk, "Versleuteld.", om(dag) + timedelta(hours=3)
            )


def _lezen(j: Jaar) -> None:
    """Reads at known moments: what the read-log section must find, and what it must not."""
    eigen, geblokkeerd = j.signaleringen[0], j.signaleringen[1]  # tiwos; tiwos, blocked
    functionaris = actor("tiwos-functionaris")
    for minuut in range(30):  # 30 records opened one by one on a Tuesday morning
        raadpleging.lees(
            functionaris, eigen.pk, om(date(2026, 3, 10), 9) + timedelta(minutes=minuut)
        )
    raadpleging.lees(functionaris, eigen.pk, om(date(2026, 3, 14), 11))  # a Saturday
    raadpleging.lees(functionaris, eigen.pk, om(date(2026, 4, 27), 11))  # Koningsdag
    raadpleging.lees(functionaris, eigen.pk, om(date(2026, 4, 28), 6))  # 6:00, before hours
    for minuut in range(20):  # many list rows in a day are not "opened one by one"
        raadpleging.lijst(functionaris, om(date(2026, 3, 11), 10) + timedelta(minutes=minuut))
    # Another corporation's reads without a candidacy: the services refuse them (a blokkade
    # opens only for a candidacy, ch. 13.3), so they are written as another path would log them:
    # the audit must find them whatever wrote them.
    bevrager = actor("tbv-bevrager")
    for moment in (om(date(2026, 3, 3), 22), om(date(2026, 3, 4), 10)):
        Raadpleging.objects.create(
            tijdstip=moment,
            user_id=bevrager.user_id,
            rol=bevrager.rol,
            deelnemer_id=bevrager.deelnemer_id,
            signalering_id=geblokkeerd.pk,
            actie="detail",
            doel="beheer",
        )
    aanvrager = raadpleging.Aanvrager(
        "WZ-J1", PERSOON["voornaam"], "Jaarverslag1", PERSOON["geboortedatum"]
    )
    assert raadpleging.open_categorie(
        bevrager, aanvrager, "kandidaatstelling", "KAND-7", om(date(2026, 3, 5), 10)
    )
    # The allocation system's checks at night are not a colleague's reads.
    matching.match_check(
        actor("wiz-systeem"), "WZ-N", "Iemand", "Anders", date(1990, 1, 1), om(date(2026, 3, 6), 23)
    )


WEGINGEN = [  # (who weighs, which blocked applicant, when, outcome)
    ("tbv", "WZ-J1", date(2026, 3, 5), "voorwaarden"),
    ("casade", "WZ-J5", date(2026, 10, 6), "geweigerd"),
    ("casade", "WZ-J1", date(2026, 10, 7), "geweigerd"),
]


def _wegingen(j: Jaar) -> None:
    """Ch. 9: blocked candidates weighed; then the signalering behind one is erased, which
    erases that weighing (ch. 12.4) but not its count."""
    for code, nummer, dag, uitkomst in WEGINGEN:
        weging_service.leg_vast(
            actor(f"{code}-functionaris"),
            nummer,
            "kandidaat",
            uitkomst,
            "Begeleiding door het wijkteam." if uitkomst == "voorwaarden" else "",
            "Afgewogen.",
            om(dag),
        )
    for i, p in enumerate(PLAN):
        if p[3] and p[3][0] == "blok" and len(p[3]) > 2:
            reden, eind, wis = einde(p)
            f = actor(f"{p[0]}-functionaris")
            service.beeindig(f, j.signaleringen[i].pk, reden, om(eind))
            service.verwijder(f, j.signaleringen[i].pk, om(wis))


def _periodieke_controles() -> None:
    """The half year's reviews opened on 1 July; the region's process check done with findings,
    TIWOS's access review done with one withdrawal; the rest left to expire."""
    wanneer = om(date(2026, 7, 1), 2)
    open_toetsen(wanneer)
    open_controles(wanneer)
    proces = Controle.objects.get(soort="proces", periode="2026-2")
    controle_service.rond_af(
        actor("wiz-medewerker_swv"), proces.pk, "Twee concepten besproken.", om(date(2026, 7, 10))
    )
    toets = Toegangstoets.objects.get(deelnemer__code="tiwos", periode="2026-2")
    directie = actor("tiwos-directie")
    for regel in toets.regels.select_related("medewerker__user"):
        naam = regel.medewerker.user.username
        oordeel = "ingetrokken" if naam == "tiwos-bevrager" else "bevestigd"
        toegangstoets_service.beoordeel(directie, toets.pk, regel.pk, oordeel, om(date(2026, 7, 3)))
    toegangstoets_service.rond_af(directie, toets.pk, om(date(2026, 7, 3)))
    # A colleague added on 1 August as bevrager, made functionaris on 1 September.
    from django.contrib.auth import get_user_model

    tbv = Deelnemer.objects.get(code="tbv")
    nieuw = get_user_model().objects.create_user("tbv-nieuw")
    m = Medewerker(user=nieuw, samenwerkingsverband=tbv.samenwerkingsverband, deelnemer=tbv)
    m.rol, m._history_date = "bevrager", om(date(2026, 8, 1))
    m.save()
    m.rol, m._history_date = "functionaris", om(date(2026, 9, 1))
    m.save()


def test_ch21_signaleringen_registered_blocked_ended_and_erased_match_the_ledger(jaar, region, now):
    verslag = maak(Bereik(region.pk, JAAR), now)
    t = verslag.tabel("signaleringen")
    in_jaar = [p for p in PLAN if p[2].year == JAAR]
    assert t.waarde("Geregistreerd (datum van plaatsing in het jaar)", "Aantal") == len(in_jaar)
    blokken = [p for p in PLAN if p[3] and p[3][0] == "blok" and p[3][1].year == JAAR]
    assert t.waarde("Geblokkeerd (blokkade gestart in het jaar)", "Aantal") == len(blokken)
    einden = [p for p in PLAN if einde(p) and einde(p)[1].year == JAAR]
    assert t.waarde("Beëindigd", "Aantal") == len(einden)
    wissen = [p for p in PLAN if einde(p) and einde(p)[2]]
    assert t.waarde("Verwijderd (persoonsgegevens gewist)", "Aantal") == len(wissen)
    op_tijd = [p for p in wissen if (einde(p)[2] - einde(p)[1]).days <= 7]
    assert t.waarde("waarvan binnen 7 dagen na het einde", "Aantal") == len(op_tijd) == 2
    assert t.waarde("waarvan later dan 7 dagen na het einde", "Aantal") == len(wissen) - len(
        op_tijd
    )
    lopend = [p for p in PLAN if p[2].year <= JAAR and not einde(p)]
    assert t.waarde("Lopend aan het eind van de periode", "Aantal") == len(lopend)
    redenen = Counter(Eindreden(einde(p)[0]).label for p in einden)
    e = verslag.tabel("eindredenen")
    assert {r[0]: r[1] for r in e.rijen if r[0] != "Totaal"} == redenen
    assert e.waarde("Totaal", "Aantal") == len(einden)


def test_ch21_per_category_and_corporation_counts_each_category_of_a_signalering(jaar, region, now):
    verslag = maak(Bereik(region.pk, JAAR), now)
    t = verslag.tabel("categorieen")
    from states.protocol_v14 import BELEID

    categorie = {c["code"]: c["categorie"] for c in BELEID["criteria"]}
    namen = {d.code: d.naam for d in Deelnemer.objects.all()}
    expected: Counter[tuple[str, str]] = Counter()
    for code, criteria, placed, _ in PLAN:
        if placed.year == JAAR:
            for cat in {categorie[c] for c, _ in criteria}:
                expected[cat, namen[code]] += 1
    for row in t.rijen[:-1]:
        cat = row[0].split(":")[0]
        for naam in namen.values():
            assert t.waarde(row[0], naam) == expected[cat, naam], (cat, naam)
        assert row[-1] == sum(n for (c, _), n in expected.items() if c == cat)
    # The last line counts each signalering once: B + D of tiwos is one.
    assert t.rijen[-1][-1] == len([p for p in PLAN if p[2].year == JAAR])
    assert t.waarde("Signaleringen (elk één keer)", namen["tiwos"]) == 3


def test_ch15_ch16_requests_and_complaints_by_kind_and_outcome(jaar, region, now):
    verslag = maak(Bereik(region.pk, JAAR), now)
    v = verslag.tabel("verzoeken")
    expected: Counter[tuple[str, str]] = Counter()
    for case, label in jaar.verzoeken:
        if case.ontvangen_op.astimezone(AMSTERDAM).year == JAAR:
            expected[case.get_soort_display(), label] += 1
    got = Counter()
    for row in v.rijen[:-1]:
        for kolom, n in zip(v.kolommen[1:-1], row[1:-1], strict=True):
            if n:
                got[row[0], kolom] = n
    assert got == expected
    assert v.waarde("Totaal", "Totaal") == sum(expected.values()) == 4
    k = verslag.tabel("klachten")
    assert Counter({label: 1 for _, label in jaar.klachten}) == Counter(
        {kolom: k.waarde("Totaal", kolom) for kolom in k.kolommen[1:-1]}
    )


def test_ch21_deadlines_share_on_time_and_the_late_ones_without_personal_data(jaar, region, now):
    verslag = maak(Bereik(region.pk, JAAR), now)
    begin, einde = (
        datetime(JAAR, 1, 1, tzinfo=AMSTERDAM),
        datetime(JAAR + 1, 1, 1, tzinfo=AMSTERDAM),
    )
    expected: Counter[tuple[str, str]] = Counter()
    late = []
    for d in Deadline.objects.all():  # every deadline, judged here one by one
        if d.status == "met" and begin <= d.closed_at < einde:
            expected[d.get_kind_display(), "Te laat gehaald" if d.met_late else "Op tijd"] += 1
            if d.met_late:
                late.append(d)
        elif d.status == "missed" and begin <= d.escalated_at < einde:
            expected[d.get_kind_display(), "Verstreken"] += 1
            late.append(d)
    t = verslag.tabel("termijnen")
    for (kind, kolom), n in expected.items():
        assert t.waarde(kind, kolom) == n, (kind, kolom)
    assert t.waarde("Alle termijnen", "Totaal") == sum(expected.values())
    for kind in {k for k, _ in expected}:  # the share met on time, as a reader would work it out
        totaal = sum(n for (k, _), n in expected.items() if k == kind)
        assert (
            t.waarde(kind, "Op tijd (%)") == f"{round(100 * expected[kind, 'Op tijd'] / totaal)}%"
        )
    assert any(kolom == "Verstreken" for _, kolom in expected), "the year has a missed deadline"
    lijst = verslag.tabel("te_laat")
    assert sorted(lijst.kolom("Zaak")) == sorted(
        f"{d.case_type.capitalize()} {d.case_id}" for d in late
    )
    tekst = repr(lijst.rijen)
    for persoonlijk in ("Jaarverslag", PERSOON["voornaam"], "Advocaat", "J. Z."):
        assert persoonlijk not in tekst
    # The monthly chart adds up to the same deadlines.
    assert sum(m["op_tijd"] + m["te_laat"] for m in verslag.per_maand) == sum(expected.values())


def test_ch13_ch21_read_log_anomalies_name_who_and_when_not_whom(jaar, region, now):
    verslag = maak(Bereik(region.pk, JAAR), now)
    veel = verslag.tabel("veel_raadplegingen")
    assert veel.rijen == [
        ["tiwos-functionaris", "TIWOS, Tilburgse Woonstichting", date(2026, 3, 10), 30]
    ]
    zonder = verslag.tabel("zonder_kandidatuur")
    assert [(r[0], r[2]) for r in zonder.rijen] == [("tbv-bevrager", 2)]
    buiten = {r[0]: (r[2], r[3]) for r in verslag.tabel("buiten_kantoortijd").rijen}
    # Saturday, Koningsdag, 6:00 for the functionaris; 22:00 for the bevrager; never the system.
    assert buiten == {"tiwos-functionaris": (3, 3), "tbv-bevrager": (1, 1)}


def test_ch14_changes_of_users_and_rights_and_ch8_ch11_checks_with_findings(jaar, region, now):
    from states.models.toegangstoets import ToegangstoetsRegel

    verslag = maak(Bereik(region.pk, JAAR), now)
    rijen = verslag.tabel("gebruikers").rijen
    wat = [(r[1], r[3], r[4]) for r in rijen]
    assert ("tbv-nieuw", "Toegevoegd als Bevrager", "Beheer") in wat
    assert (
        "tbv-nieuw",
        "Rol gewijzigd van Bevrager in Geautoriseerd functionaris",
        "Beheer",
    ) in wat
    assert (
        "tiwos-bevrager",
        "Toegang ingetrokken bij de toegangstoets 2026-2",
        "tiwos-directie",
    ) in wat
    vervallen = ToegangstoetsRegel.objects.filter(oordeel="open", toets__state="verlopen").count()
    assert vervallen and sum("Toegang vervallen" in r[3] for r in rijen) == vervallen
    toegevoegd = [
        h
        for h in Medewerker.history.filter(history_type="+")
        if h.history_date.astimezone(AMSTERDAM).year == JAAR
    ]
    assert sum(r[3].startswith("Toegevoegd als") for r in rijen) == len(toegevoegd)
    controles = verslag.tabel("controles")
    proces = [r for r in controles.rijen if r[0] == "Procescontrole"]
    assert len(proces) == 1 and proces[0][6] == "Op tijd afgerond"
    assert "Twee concepten besproken." in proces[0][7]
    verificaties = [r for r in controles.rijen if r[0] == "Verificatie van gegevens"]
    assert len(verificaties) == Deelnemer.objects.count()
    assert {r[6] for r in verificaties} == {"Verstreken (geëscaleerd)"}
    toetsen = {r[2]: r for r in controles.rijen if r[0] == "Toegangstoets"}
    assert toetsen["TIWOS, Tilburgse Woonstichting"][6] == "Op tijd afgerond"
    assert toetsen["TIWOS, Tilburgse Woonstichting"][7].endswith("bevestigd, 1 ingetrokken")
    assert "vervallen" in toetsen["Stichting TBV"][7]


def test_ch21_a_corporation_report_holds_only_that_corporation(jaar, region, now):
    tbv = Deelnemer.objects.get(code="tbv")
    verslag = maak(Bereik(region.pk, JAAR, tbv.pk), now)
    t = verslag.tabel("signaleringen")
    ledger = [p for p in PLAN if p[0] == "tbv" and p[2].year == JAAR]
    assert t.waarde("Geregistreerd (datum van plaatsing in het jaar)", "Aantal") == len(ledger)
    assert verslag.tabel("categorieen").kolommen == ["Categorie", tbv.naam, "Totaal"]
    # TIWOS's requests, deadlines and reads are not TBV's.
    assert verslag.tabel("verzoeken").rijen == []
    assert "TIWOS" not in repr([t.rijen for t in verslag.tabellen])


def test_ch12_4_a_tombstone_keeps_amsterdam_months_the_blokkade_month_and_the_days_to_erasure(
    region, now
):
    """Ended at 00:30 on 1 January in Amsterdam (still 31 December in UTC): the tombstone says
    January, so the report counts it in the new year; the erasure's delay survives the purge."""
    sig = _signalering(90, "tiwos", [("III", "a")], date(2025, 12, 1), ("blok", date(2025, 12, 5)))
    f = actor("tiwos-functionaris")
    service.beeindig(f, sig.pk, "nieuwe_kans", om(date(2026, 1, 1), 0) + timedelta(minutes=30))
    service.verwijder(f, sig.pk, om(date(2026, 1, 3), 9))
    tombstone = Signalering.objects.get(pk=sig.pk)
    assert local_date(tombstone.beeindigd_op) == date(2026, 1, 1)
    assert tombstone.blokkade_start == date(2025, 12, 1) and tombstone.blokkade_eind is None
    assert tombstone.verwijderd_na_dagen == 2
    t = maak(Bereik(region.pk, 2026), now).tabel("signaleringen")
    assert t.waarde("Beëindigd", "Aantal") == 1
    assert t.waarde("waarvan binnen 7 dagen na het einde", "Aantal") == 1
    assert (
        maak(Bereik(region.pk, 2025), now)
        .tabel("signaleringen")
        .waarde("Geblokkeerd (blokkade gestart in het jaar)", "Aantal")
        == 1
    )


def test_the_report_does_not_query_per_record(jaar, region, now):
    """Bounded by the kinds of things, not their number: a busy year costs what an empty one
    does, give or take one query per kind of case with a late deadline."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as leeg:
        maak(Bereik(region.pk, 2024), now)
    with CaptureQueriesContext(connection) as vol:
        maak(Bereik(region.pk, JAAR), now)
    assert len(leeg) <= len(vol) <= len(leeg) + 7, (len(leeg), len(vol))
    print(f"queries: empty year {len(leeg)}, busy year {len(vol)}")


def test_ch9_weighings_are_counted_per_corporation_and_outcome_even_once_erased(jaar, region, now):
    from states.models import Weging

    assert Weging.objects.count() < len(WEGINGEN)  # one went with its signalering
    t = maak(Bereik(region.pk, JAAR), now).tabel("wegingen")
    namen = {d.code: d.naam for d in Deelnemer.objects.all()}
    expected = Counter((namen[code], uitkomst) for code, _, _, uitkomst in WEGINGEN)
    for (naam, uitkomst), n in expected.items():
        label = {
            "voorwaarden": "Geaccepteerd onder aanvullende voorwaarden",
            "geweigerd": "Geweigerd",
        }
        assert t.waarde(naam, label[uitkomst]) == n
    assert t.waarde("Totaal", "Totaal") == len(WEGINGEN)


def test_ch23_the_protocol_versions_published_in_the_year_with_the_aps_answer(region, now):
    from tests.test_protocolversie import gepubliceerd

    versie = gepubliceerd(datetime(2026, 11, 21, 12, tzinfo=AMSTERDAM))
    rijen = maak(Bereik(region.pk, JAAR), now).tabel("protocolversies").rijen
    assert rijen == [
        [
            versie.versie,
            date(2026, 11, 21),
            date(2026, 12, 1),
            date(2026, 11, 20),
            "De AP heeft geen bezwaren",
            versie.toelichting,
        ]
    ]
    assert maak(Bereik(region.pk, JAAR + 1), now).tabel("protocolversies").rijen == []


def test_ch16_ch24_art33_committee_and_breaches_match_the_ledger(jaar, region, now):
    verslag = maak(Bereik(region.pk, JAAR), now)
    g = verslag.tabel("geschillen")
    assert g.waarde("Geschil", "Advies: ongegrond") == 1
    assert g.waarde("Hardheidsclausule", "Afgewezen") == 1
    assert g.waarde("Totaal", "Totaal") == 2
    d = verslag.tabel("datalekken")
    assert d.waarde("Datalekken ontdekt in het jaar", "Aantal") == 2
    assert d.waarde("gemeld bij de Autoriteit Persoonsgegevens", "Aantal") == 1
    assert d.waarde("niet meldplichtig (met redenen)", "Aantal") == 1


def _maand(moment: datetime) -> int:
    return moment.astimezone(AMSTERDAM).month


def test_ch21_the_charts_figures_are_the_deadlines_counted_one_by_one(jaar, region, now):
    """Deadlines per month (by when they were met or escalated) and open cases at each month's
    end, counted here from every deadline row in Python."""
    verslag = maak(Bereik(region.pk, JAAR), now)
    op_tijd, te_laat = Counter(), Counter()
    for d in Deadline.objects.all():
        moment = d.escalated_at if d.status == "missed" else d.closed_at
        if d.status not in ("met", "missed") or moment.astimezone(AMSTERDAM).year != JAAR:
            continue
        (op_tijd if d.status == "met" and not d.met_late else te_laat)[_maand(moment)] += 1
    assert [(m["op_tijd"], m["te_laat"]) for m in verslag.per_maand] == [
        (op_tijd[m], te_laat[m]) for m in range(1, 13)
    ]
    reeksen = {"verzoek": 0, "klacht": 1, "geschil": 2, "hardheid": 2}
    rows = list(Deadline.objects.filter(case_type__in=list(reeksen)))
    for i, maand in enumerate(verslag.open_per_maand):
        grens = datetime(JAAR + (i == 11), i % 12 + 2 if i < 11 else 1, 1, tzinfo=AMSTERDAM)
        open_ = [set(), set(), set()]
        for d in rows:
            if d.start_at < grens and (d.closed_at is None or d.closed_at >= grens):
                open_[reeksen[d.case_type]].add((d.case_type, d.case_id))
        assert maand["reeksen"] == [len(s) for s in open_], maand["maand"]
    assert any(sum(m["reeksen"]) for m in verslag.open_per_maand)
