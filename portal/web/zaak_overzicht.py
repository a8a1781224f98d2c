"""What a staff case page tells: who filed it and whom it concerns, the signalering it is about,
its deadlines with how each was computed, and what happened so far in plain Dutch."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.urls import reverse

from notifications.labels import bericht_label
from notifications.models import OutboxMessage
from notifications.templatetags.berichten import datum
from states.calendar import RULES
from states.clock import AMSTERDAM
from states.models import Deadline, DeadlineKind
from states.roles import Actor, Rol
from states.visibility import ziet_volledig

SOORT_ZAAK = {"verzoek": "Verzoek", "klacht": "Klacht", "geschil": "Geschil", "datalek": "Datalek"}
GEEN_KOPPELING = "Geen gekoppelde signalering"


def titel(case: Any, case_type: str) -> str:
    """'Verzoek 12: Inzage en afschrift (art. 15 AVG)'."""
    naam = f"{SOORT_ZAAK[case_type]} {case.pk}"
    return f"{naam}: {case.get_soort_display()}" if getattr(case, "soort", "") else naam


def _moment(value: Any) -> str:
    local = value.astimezone(AMSTERDAM)
    return f"{datum(local.date())} om {local:%H:%M}"


def feiten(case: Any, case_type: str, actor: Actor) -> list[dict[str, Any]]:
    """The facts at the top of the page, as label and value (and a link where there is one)."""
    if case_type == "datalek":
        return _feiten_datalek(case)
    rows = [
        {"label": "Toestand", "waarde": case.get_state_display()},
        {
            "label": "Ontvangen",
            "waarde": f"{_moment(case.ontvangen_op)}, {case.get_kanaal_display().lower()}",
        },
        {"label": "Ingediend door", "waarde": _indiener(case)},
        _betreft(case, actor),
    ]
    if case.primaire_bron_id:
        rows.append({"label": "Primaire bron", "waarde": case.primaire_bron.naam})
    rows += _verwijzingen(case, case_type)
    return rows + _inhoud(case)


def _verwijzingen(case: Any, case_type: str) -> list[dict[str, Any]]:
    """The request a complaint is about, the complaint a dispute is about."""
    if case_type == "klacht" and case.verzoek_id:
        return [_link("Over verzoek", "verzoek", case.verzoek_id)]
    if case_type != "geschil":
        return []
    rows = [_link("Over klacht", "klacht", case.klacht_id)]
    if case.hardheidsclausule:
        waarde = "Ja: beroep op hoofdstuk 24 van het protocol"
        rows.append({"label": "Hardheidsclausule", "waarde": waarde})
    return rows


def _inhoud(case: Any) -> list[dict[str, Any]]:
    """What was asked and what was decided; free text shown whole."""
    rows = []
    for veld, label in (("gronden", "Gronden"), ("toelichting", "Toelichting")):
        if getattr(case, veld, ""):
            rows.append({"label": label, "waarde": getattr(case, veld), "lang": True})
    for veld, label in (("besluit", "Besluit"), ("besloten_herstel", "Besloten herstel")):
        if getattr(case, veld, ""):
            rows.append({"label": label, "waarde": getattr(case, f"get_{veld}_display")()})
    for veld, label in (("motivering", "Redenen"), ("advies", "Advies")):
        if getattr(case, veld, ""):
            rows.append({"label": label, "waarde": getattr(case, veld), "lang": True})
    return rows


def _indiener(case: Any) -> str:
    wie = case.indiener_naam or "Onbekend"
    if case.indiener_id:
        return f"{wie} (via het portaal, als betrokkene)"
    if case.geregistreerd_door_id:
        return f"{wie} (ingevoerd door een medewerker)"
    return wie


def _betreft(case: Any, actor: Actor) -> dict[str, Any]:
    sig = case.signalering
    if sig is None:
        return {"label": "Betreft", "waarde": GEEN_KOPPELING}
    if not ziet_volledig(actor, sig):
        return {"label": "Betreft", "waarde": "Een signalering die uw rol niet kan inzien"}
    return {
        "label": "Betreft",
        "waarde": f"Signalering {sig.pk}: {sig.naam or 'naam gewist'} ({sig.get_state_display()})",
        "href": reverse("signalering_detail", kwargs={"pk": sig.pk}),
    }


def _link(label: str, case_type: str, pk: int) -> dict[str, Any]:
    return {
        "label": label,
        "waarde": f"{SOORT_ZAAK[case_type]} {pk}",
        "href": reverse("medewerker_zaak", kwargs={"case_type": case_type, "pk": pk}),
    }


def _feiten_datalek(case: Any) -> list[dict[str, Any]]:
    rows = [
        {"label": "Toestand", "waarde": case.get_state_display()},
        {"label": "Ontdekt", "waarde": _moment(case.ontdekt_op)},
        {"label": "Gemeld in het systeem", "waarde": _moment(case.geregistreerd_op)},
        {"label": "Omschrijving", "waarde": case.omschrijving, "lang": True},
    ]
    if case.beoordeling:
        rows.append({"label": "Beoordeling", "waarde": case.beoordeling, "lang": True})
    rows.append(
        {"label": "Hoog risico voor betrokkenen", "waarde": "Ja" if case.hoog_risico else "Nee"}
    )
    if case.ap_kenmerk:
        rows.append({"label": "Kenmerk bij de AP", "waarde": case.ap_kenmerk})
    if case.betrokkenen_geinformeerd_op:
        rows.append(
            {"label": "Betrokkenen ingelicht", "waarde": _moment(case.betrokkenen_geinformeerd_op)}
        )
    return rows


def termijnen(deadlines: list[Deadline]) -> list[dict[str, Any]]:
    """Each deadline with its due day and, in words, how that day was computed."""
    return [
        {
            "soort": DeadlineKind(d.kind).label,
            "status": d.get_status_display(),
            "open": d.status == "open",
            "uiterlijk": datum(d.last_day) if d.last_day else _moment(d.due_at),
            "streef": datum(d.internal_target) if d.internal_target else "",
            "berekening": berekening(d.computation),
            "journaal": [r for r in map(_journaalregel, d.journal) if r],
        }
        for d in deadlines
    ]


def berekening(c: dict[str, Any]) -> str:
    """'4 weken na 23 november 2026 = 21 december 2026 (Protocol: weken; ...)'."""
    if not c.get("rule"):
        return ""
    start = date.fromisoformat(c["start"][:10])
    text = f"{c['amount']} {c['unit']} na {datum(start)}"
    if c.get("raw_end"):
        text += f" = {datum(c['raw_end'])}"
    for skip in c.get("skipped", []):
        text += f"; {datum(skip['day'])} telt niet mee ({skip['reason']})"
    if c.get("last_day") and c.get("raw_end") and c["last_day"] != c["raw_end"]:
        text += f"; daarom uiterlijk {datum(c['last_day'])}"
    return f"{text}. Regel: {RULES.get(c['rule'], ('', c['rule']))[1]}."


JOURNAAL = {"verlenging": "Verlengd", "opschorting": "Opgeschort", "hervat": "Hervat"}


def _journaalregel(entry: dict[str, Any]) -> str:
    """'Verlengd op 1 december 2026: <reason>'; an escalation is in the timeline already."""
    wat = JOURNAAL.get(entry.get("type", ""), "")
    if not wat:
        return ""
    at = entry.get("at", "")[:10]
    reden = entry.get("reason", "")
    return f"{wat} op {datum(at)}" + (f": {reden}" if reden else "")


def tijdlijn(case: Any, case_type: str, deadlines: list[Deadline]) -> list[dict[str, Any]]:
    items, vorige = [], None
    for h in case.history.order_by("history_date", "history_id"):
        wat = "Ingediend" if vorige is None else f"Nieuwe toestand: {h.get_state_display()}"
        if vorige is not None and h.state == vorige:
            wat = "Gegevens bijgewerkt"
        # The case starts when it was really received (a letter entered later counts from then).
        at = getattr(case, "ontvangen_op", None) if vorige is None else None
        detail = _reden(h.history_change_reason)
        items.append({"at": at or h.history_date, "wat": wat, "detail": detail})
        vorige = h.state
    for m in OutboxMessage.objects.filter(case_type=case_type, case_id=case.pk):
        status = m.get_status_display().lower()
        detail = f"{m.get_channel_display()}, {status}"
        items.append(
            {"at": m.created_at, "wat": f"Bericht: {bericht_label(m.template)}", "detail": detail}
        )
    for d in deadlines:
        label = DeadlineKind(d.kind).label
        items.append({"at": d.start_at, "wat": f"Termijn gestart: {label}", "detail": ""})
        if d.escalated_at:
            items.append(
                {"at": d.escalated_at, "wat": f"Termijn verstreken: {label}", "detail": ""}
            )
        elif d.closed_at and d.status == "met":
            items.append({"at": d.closed_at, "wat": f"Termijn gehaald: {label}", "detail": ""})
    for i in items:
        i["wanneer"] = _moment(i["at"])
    return sorted(items, key=lambda i: i["at"])


def _reden(reason: str | None) -> str:
    """'[functionaris] afgewezen' → 'Door: geautoriseerd functionaris. afgewezen'."""
    if not reason:
        return ""
    if reason.startswith("[") and "]" in reason:
        rol, _, rest = reason[1:].partition("]")
        if rol in Rol.values:
            label = Rol(rol).label
            rest = rest.strip()
            if re.fullmatch(r"[a-z_]+", rest):  # a step's code name: the new state says it
                rest = ""
            return f"Door: {label}" + (f". {rest[:1].upper()}{rest[1:]}" if rest else "")
    return reason
