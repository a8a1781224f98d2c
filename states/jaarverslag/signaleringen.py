"""The year's signaleringen: registered, blocked, ended by reason, erased on time, per category
and corporation (ch. 21–22). Counted from the rows themselves, tombstones included: an erased
signalering keeps its categories, corporation, end reason and the month of each date (ADR 0005)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet

from states.clock import local_date
from states.jaarverslag.bereik import Bereik, Tabel
from states.models import Deelnemer, Signalering
from states.models.signalering import Eindreden, SignaleringState

# Erased "on time": within a week of the end. Erasure waits for the removal notice (ch. 12.4);
# a letter still unprinted after a week is escalated (notifications.purging.UNPRINTED_AFTER).
OP_TIJD_VERWIJDERD_DAGEN = 7


def _signaleringen(bereik: Bereik) -> QuerySet[Signalering]:
    qs = Signalering.objects.filter(samenwerkingsverband_id=bereik.samenwerkingsverband_id)
    if bereik.deelnemer_id is not None:
        qs = qs.filter(primaire_bron_id=bereik.deelnemer_id)
    return qs.exclude(state=SignaleringState.CONCEPT)


def geregistreerd(bereik: Bereik) -> QuerySet[Signalering]:
    """Placed on the list in the year (the date of placement; a tombstone keeps its month)."""
    return _signaleringen(bereik).filter(
        ingangsdatum__gte=bereik.eerste_dag, ingangsdatum__lte=bereik.laatste_dag
    )


def kerncijfers(bereik: Bereik, peil: datetime) -> Tabel:
    jaar = bereik.jaar
    qs = _signaleringen(bereik)
    moment = min(peil, bereik.einde)
    peildag = local_date(moment - timedelta(microseconds=1))
    in_jaar = Q(verwijderd_op__gte=bereik.begin, verwijderd_op__lt=bereik.einde)
    c = qs.aggregate(
        geregistreerd=Count(
            "pk",
            filter=Q(ingangsdatum__gte=bereik.eerste_dag, ingangsdatum__lte=bereik.laatste_dag),
        ),
        geblokkeerd=Count(
            "pk",
            filter=Q(blokkade_start__gte=bereik.eerste_dag, blokkade_start__lte=bereik.laatste_dag),
        ),
        beeindigd=Count(
            "pk", filter=Q(beeindigd_op__gte=bereik.begin, beeindigd_op__lt=bereik.einde)
        ),
        verwijderd=Count("pk", filter=in_jaar),
        op_tijd=Count("pk", filter=in_jaar & Q(verwijderd_na_dagen__lte=OP_TIJD_VERWIJDERD_DAGEN)),
        te_laat=Count("pk", filter=in_jaar & Q(verwijderd_na_dagen__gt=OP_TIJD_VERWIJDERD_DAGEN)),
        lopend=Count(
            "pk",
            filter=Q(ingangsdatum__lte=peildag)
            & (Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gte=moment)),
        ),
    )
    onbekend = c["verwijderd"] - c["op_tijd"] - c["te_laat"]
    rijen = [
        ["Geregistreerd (datum van plaatsing in het jaar)", c["geregistreerd"]],
        ["Geblokkeerd (blokkade gestart in het jaar)", c["geblokkeerd"]],
        ["Beëindigd", c["beeindigd"]],
        ["Verwijderd (persoonsgegevens gewist)", c["verwijderd"]],
        [f"waarvan binnen {OP_TIJD_VERWIJDERD_DAGEN} dagen na het einde", c["op_tijd"]],
        [f"waarvan later dan {OP_TIJD_VERWIJDERD_DAGEN} dagen na het einde", c["te_laat"]],
    ]
    if onbekend:
        rijen.append(["waarvan de duur niet is vastgelegd (gewist vóór deze telling)", onbekend])
    rijen.append(["Lopend aan het eind van de periode", c["lopend"]])
    return Tabel(
        "signaleringen",
        f"Signaleringen in {jaar}",
        "Een signalering met meer categorieën telt hier één keer. Verwijderd op tijd: binnen "
        f"{OP_TIJD_VERWIJDERD_DAGEN} dagen na het einde (de verwijdering wacht op de brief aan "
        "betrokkene; een brief die na een week niet is gedrukt, wordt geëscaleerd).",
        ["Omschrijving", "Aantal"],
        rijen,
    )


def eindredenen(bereik: Bereik) -> Tabel:
    rows = (
        _signaleringen(bereik)
        .filter(beeindigd_op__gte=bereik.begin, beeindigd_op__lt=bereik.einde)
        .values("eindreden")
        .annotate(n=Count("pk"))
    )
    per = {r["eindreden"]: r["n"] for r in rows}
    rijen = [[reden.label, per[reden.value]] for reden in Eindreden if per.get(reden.value)]
    if per.get(""):
        rijen.append(["Zonder vastgelegde reden", per[""]])
    if rijen:
        rijen.append(["Totaal", sum(per.values())])
    return Tabel(
        "eindredenen",
        "Beëindigd naar reden",
        "Signaleringen die in het jaar eindigden, naar de reden van het einde.",
        ["Reden", "Aantal"],
        rijen,
        "Geen signalering eindigde in dit jaar.",
    )


def per_categorie(bereik: Bereik, deelnemers: list[Deelnemer], namen: dict[str, str]) -> Tabel:
    """Registrations per category and corporation; one with several categories counts in each."""
    per: Counter[tuple[str, int]] = Counter()
    signaleringen: Counter[int] = Counter()
    for categorieen, bron in geregistreerd(bereik).values_list("categorieen", "primaire_bron_id"):
        signaleringen[bron] += 1
        for code in set(categorieen):
            per[code, bron] += 1
    codes = sorted({code for code, _ in per} | set(namen))
    rijen = []
    for code in codes:
        cellen = [per[code, d.pk] for d in deelnemers]
        rijen.append([f"{code}: {namen.get(code, 'categorie ' + code)}", *cellen, sum(cellen)])
    totaal = [signaleringen[d.pk] for d in deelnemers]
    rijen.append(["Signaleringen (elk één keer)", *totaal, sum(totaal)])
    return Tabel(
        "categorieen",
        "Geregistreerd per categorie en corporatie",
        "Een signalering met meer categorieën telt bij elke categorie; de laatste regel telt "
        "elke signalering één keer.",
        ["Categorie", *[d.naam for d in deelnemers], "Totaal"],
        rijen,
    )
