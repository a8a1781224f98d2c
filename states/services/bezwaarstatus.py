"""Whether an objection, complaint or dispute is pending, and its outcome: fields of the
signalering itself (ch. 12.1 "feit of er een bezwaar- of beroepsprocedure aanhangig is",
"uitkomst"; ch. 16.2: complaints are registered with the signalering).

The flag is derived from the cases, not toggled: it is on while any objection (art. 21),
complaint to the directie, dispute at the Geschillencommissie or referral to the Huurcommissie
about the signalering runs, so two running at once never clear each other.
"""

from __future__ import annotations

from django.db.models import Q

from states.models import Geschil, Klacht, Signalering, Verzoek, VerzoekSoort
from states.models.signalering import SignaleringState
from states.models.verzoek import OPEN as VERZOEK_OPEN
from states.roles import Actor
from states.services.common import stamp

KLACHT_LOPEND = ("ontvangen", "bevestigd", "in_behandeling")
# A referral to the Huurcommissie runs until its outcome is registered.
GESCHIL_LOPEND = Q(state__in=("ingediend", "in_behandeling")) | Q(
    state="doorverwezen_huurcommissie", huurcommissie_uitkomst=""
)


def aanhangig(signalering_id: int) -> bool:
    return (
        Verzoek.objects.filter(
            signalering_id=signalering_id, soort=VerzoekSoort.BEZWAAR, state__in=VERZOEK_OPEN
        ).exists()
        or Klacht.objects.filter(signalering_id=signalering_id, state__in=KLACHT_LOPEND).exists()
        or Geschil.objects.filter(GESCHIL_LOPEND, signalering_id=signalering_id).exists()
    )


def werk_bij(signalering_id: int | None, actor: Actor, uitkomst: str = "") -> None:
    """Recompute the flag and record an outcome; call in the case's transaction."""
    if signalering_id is None:
        return
    sig = Signalering.objects.select_for_update().get(pk=signalering_id)
    if sig.state == SignaleringState.VERWIJDERD:
        return
    before = (sig.bezwaar_aanhangig, sig.uitkomst_bezwaar)
    sig.bezwaar_aanhangig = aanhangig(signalering_id)
    if uitkomst:
        sig.uitkomst_bezwaar = uitkomst[:300]
    if (sig.bezwaar_aanhangig, sig.uitkomst_bezwaar) == before:
        return
    stamp(
        sig, actor, "bezwaar of klacht aanhangig" if sig.bezwaar_aanhangig else "uitkomst bezwaar"
    )
    sig.save()
