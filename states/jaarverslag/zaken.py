"""The year's cases by kind and outcome: requests (AVG art. 15–21, ch. 4.4), complaints (ch. 16),
disputes (ch. 16.4), hardship requests (ch. 24) and breaches (art. 33). A case counts in the year
it was received; its outcome is where it stands when the report is made."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Case as Als
from django.db.models import Count, Q, QuerySet, Value, When

from states.jaarverslag.bereik import Bereik, Tabel
from states.models import (
    Datalek,
    Geschil,
    Hardheidsverzoek,
    Klacht,
    Verzoek,
    Wegingstelling,
    WegingUitkomst,
)
from states.models.datalek import DatalekState
from states.models.geschil import GeschilState
from states.models.hardheid import HardheidState
from states.models.klacht import KlachtSoort, KlachtState
from states.models.verzoek import Besluit, VerzoekSoort, VerzoekState

OPEN = "Nog niet beslist"
GEGROND, ONGEGROND = "Gegrond", "Ongegrond"

VERZOEK_UITKOMST = Als(
    *(When(besluit=b.value, then=Value(b.label)) for b in Besluit),
    When(state=VerzoekState.INGETROKKEN, then=Value("Ingetrokken")),
    When(state=VerzoekState.SAMENGEVOEGD, then=Value("Samengevoegd met een eerder verzoek")),
    default=Value(OPEN),
)
_AFGESLOTEN = Q(state=KlachtState.AFGESLOTEN)
KLACHT_UITKOMST = Als(
    When(
        Q(state__in=[KlachtState.GEGROND, KlachtState.HERSTELD])
        | (_AFGESLOTEN & ~Q(besloten_herstel="")),
        then=Value(GEGROND),
    ),
    When(
        Q(state=KlachtState.ONGEGROND) | (_AFGESLOTEN & Q(beslist_op__isnull=False)),
        then=Value(ONGEGROND),
    ),
    When(
        Q(state=KlachtState.TERMIJN_VERSTREKEN) | _AFGESLOTEN,
        then=Value("Geen schriftelijke reactie binnen vier weken"),
    ),
    default=Value(OPEN),
)
_NA_ADVIES = Q(state__in=[GeschilState.AFGESLOTEN, GeschilState.DOORVERWEZEN])
GESCHIL_UITKOMST = Als(
    When(
        Q(state__in=[GeschilState.ADVIES_GEGROND, GeschilState.HERSTELD])
        | (_NA_ADVIES & ~Q(besloten_herstel="")),
        then=Value("Advies: gegrond"),
    ),
    When(
        Q(state=GeschilState.ADVIES_ONGEGROND) | (_NA_ADVIES & Q(advies_op__isnull=False)),
        then=Value("Advies: ongegrond"),
    ),
    default=Value("Nog geen advies"),
)
HARDHEID_UITKOMST = Als(
    When(state__in=[HardheidState.TOEGEWEZEN, HardheidState.TOEGEPAST], then=Value("Toegewezen")),
    When(state=HardheidState.AFGEWEZEN, then=Value("Afgewezen")),
    default=Value(OPEN),
)


def _scoped(model: Any, bereik: Bereik, bron: str = "primaire_bron_id") -> QuerySet[Any]:
    qs = model.objects.filter(samenwerkingsverband_id=bereik.samenwerkingsverband_id)
    if bereik.deelnemer_id is not None:
        qs = qs.filter(**{bron: bereik.deelnemer_id})
    return qs


def _ontvangen(model: Any, bereik: Bereik) -> QuerySet[Any]:
    return _scoped(model, bereik).filter(**bereik.in_jaar("ontvangen_op"))


def _kruistabel(
    sleutel: str, titel: str, uitleg: str, rows: Any, soorten: list[tuple[str, str]]
) -> Tabel:
    """Kinds down, outcomes across, with totals; `rows` yields (soort, uitkomst, n)."""
    per: Counter[tuple[str, str]] = Counter()
    for soort, uitkomst, n in rows:
        per[soort, uitkomst] += n
    uitkomsten = sorted({u for _, u in per}, key=lambda u: (u == OPEN, u))
    rijen = []
    for code, label in soorten:
        cellen = [per[code, u] for u in uitkomsten]
        if any(cellen):
            rijen.append([label, *cellen, sum(cellen)])
    if rijen:
        kolomtotalen = [sum(per[c, u] for c, _ in soorten) for u in uitkomsten]
        rijen.append(["Totaal", *kolomtotalen, sum(kolomtotalen)])
    return Tabel(sleutel, titel, uitleg, ["Soort", *uitkomsten, "Totaal"], rijen)


def _per(qs: QuerySet[Any], soort: str, uitkomst: Any) -> Any:
    return qs.annotate(u=uitkomst).values_list(soort, "u").annotate(n=Count("pk"))


def verzoeken(bereik: Bereik) -> Tabel:
    return _kruistabel(
        "verzoeken",
        "Verzoeken van betrokkenen naar soort en besluit",
        "Verzoeken ontvangen in het jaar (AVG art. 15–21 en nieuwe kans, hoofdstuk 4.4), naar "
        "het besluit zoals het nu staat.",
        _per(_ontvangen(Verzoek, bereik), "soort", VERZOEK_UITKOMST),
        list(VerzoekSoort.choices),
    )


def klachten(bereik: Bereik) -> Tabel:
    return _kruistabel(
        "klachten",
        "Klachten naar soort en uitkomst",
        "Klachten ontvangen in het jaar (hoofdstuk 16): over de rechtmatigheid van een "
        "signalering (a) of over een beslissing op een verzoek (b).",
        _per(_ontvangen(Klacht, bereik), "soort", KLACHT_UITKOMST),
        list(KlachtSoort.choices),
    )


def geschillen(bereik: Bereik) -> Tabel:
    """Disputes (ch. 16.4) and hardship requests (ch. 24), both decided by the committee."""
    rows = [
        ("geschil", u, n)
        for _, u, n in _per(_ontvangen(Geschil, bereik), "state", GESCHIL_UITKOMST)
    ]
    rows += [
        ("hardheid", u, n)
        for _, u, n in _per(_ontvangen(Hardheidsverzoek, bereik), "state", HARDHEID_UITKOMST)
    ]
    tabel = _kruistabel(
        "geschillen",
        "Geschillencommissie: geschillen en hardheidsclausule",
        "Geschillen (hoofdstuk 16.4) en verzoeken om de hardheidsclausule (hoofdstuk 24) "
        "ontvangen in het jaar, naar het advies of besluit zoals het nu staat.",
        rows,
        [("geschil", "Geschil"), ("hardheid", "Hardheidsclausule")],
    )
    doorverwezen = _ontvangen(Geschil, bereik).filter(state=GeschilState.DOORVERWEZEN).count()
    if doorverwezen:
        tabel.uitleg += f" Doorverwezen naar de Huurcommissie: {doorverwezen}."
    return tabel


def datalekken(bereik: Bereik) -> Tabel:
    qs = _scoped(Datalek, bereik, "deelnemer_id").filter(**bereik.in_jaar("ontdekt_op"))
    c = qs.aggregate(
        totaal=Count("pk"),
        gemeld=Count("pk", filter=Q(gemeld_ap_op__isnull=False)),
        niet=Count(
            "pk",
            filter=Q(
                gemeld_ap_op__isnull=True,
                state__in=[DatalekState.NIET_MELDPLICHTIG, DatalekState.AFGESLOTEN],
            ),
        ),
        hoog=Count("pk", filter=Q(hoog_risico=True)),
        ingelicht=Count("pk", filter=Q(betrokkenen_geinformeerd_op__isnull=False)),
    )
    rijen = [
        ["Datalekken ontdekt in het jaar", c["totaal"]],
        ["gemeld bij de Autoriteit Persoonsgegevens", c["gemeld"]],
        ["niet meldplichtig (met redenen)", c["niet"]],
        ["met hoog risico voor betrokkenen", c["hoog"]],
        ["waarbij betrokkenen zijn ingelicht", c["ingelicht"]],
    ]
    return Tabel(
        "datalekken",
        "Datalekken",
        "Uit het datalekkenregister (AVG art. 33 lid 5); de feiten staan in het register zelf.",
        ["Omschrijving", "Aantal"],
        rijen,
    )


def wegingen(bereik: Bereik, deelnemers: list[Any]) -> Tabel:
    """Ch. 9: how often each corporation weighed a blocked candidate, and how (counted from the
    anonymous tally, which stays when a weighing is erased with its signalering)."""
    qs = Wegingstelling.objects.filter(
        samenwerkingsverband_id=bereik.samenwerkingsverband_id,
        maand__gte=bereik.eerste_dag,
        maand__lte=bereik.laatste_dag,
    )
    if bereik.deelnemer_id is not None:
        qs = qs.filter(deelnemer_id=bereik.deelnemer_id)
    per = Counter()
    for deelnemer_id, uitkomst, n in qs.values_list("deelnemer_id", "uitkomst").annotate(
        n=Count("pk")
    ):
        per[deelnemer_id, uitkomst] += n
    rijen = []
    for d in deelnemers:
        cellen = [per[d.pk, u.value] for u in WegingUitkomst]
        if any(cellen):
            rijen.append([d.naam, *cellen, sum(cellen)])
    if rijen:
        totalen = [sum(r[i] for r in rijen) for i in range(1, len(WegingUitkomst) + 2)]
        rijen.append(["Totaal", *totalen])
    return Tabel(
        "wegingen",
        "Afwegingen bij een kandidaat met een blokkade",
        "Hoe vaak een corporatie afwoog of een geblokkeerde kandidaat werd geweigerd of onder "
        "aanvullende voorwaarden geaccepteerd (hoofdstuk 9), naar de maand van vastleggen.",
        ["Corporatie", *WegingUitkomst.labels, "Totaal"],
        rijen,
        "Geen afwegingen vastgelegd in dit jaar.",
    )
