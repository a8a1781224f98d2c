"""Issue 12, ch. 22 driven through time: the yearly report is a duty like the others — opened
by the scheduled flow in January for the year before, reminded, escalated to the privacy
officer and the directies when missed, and brought out: the PDF kept exactly as sent, the
directies and the privacy officer told."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from notifications.models import OutboxMessage
from states.clock import AMSTERDAM
from states.models import Deadline, Jaarverslag
from states.services import enforcement, herinneringen
from states.services.jaarverslag import open_jaarverslagen
from tests.conftest import staff_client, user
from workflows import jobs

pytestmark = pytest.mark.django_db
JANUARI = datetime(2027, 1, 2, 3, 0, tzinfo=AMSTERDAM)


def ontvangers(template: str) -> set[str]:
    from django.contrib.auth import get_user_model

    keys = OutboxMessage.objects.filter(template=template).values_list("idempotency_key", flat=True)
    ids = {int(key.rsplit(":", 1)[1]) for key in keys}  # staff notices end in the user's id

    return set(get_user_model().objects.filter(pk__in=ids).values_list("username", flat=True))


def test_ch22_opened_in_january_for_last_year_once_and_not_in_november(region):
    assert open_jaarverslagen(datetime(2026, 11, 23, 12, tzinfo=AMSTERDAM)) == 0
    assert jobs.open_periodic_reviews(JANUARI)["jaarverslagen"] == 1
    assert jobs.open_periodic_reviews(JANUARI + timedelta(days=1))["jaarverslagen"] == 0
    verslag = Jaarverslag.objects.get()
    assert verslag.jaar == 2026 and verslag.state == "open"
    deadline = Deadline.objects.get(case_type="jaarverslag", case_id=verslag.pk)
    assert (
        deadline.kind == "jaarverslag" and deadline.last_day.isoformat() == "2027-04-05"
    )  # 13 weeks: Sat 3 April, ATW to Monday
    assert ontvangers("jaarverslag_geopend") == {"wiz-medewerker_swv"}


def test_ch22_reminded_then_escalated_to_privacy_officer_and_directies_when_missed(region):
    open_jaarverslagen(JANUARI)
    verslag = Jaarverslag.objects.get()
    deadline = Deadline.objects.get(case_type="jaarverslag", case_id=verslag.pk)
    herinneringen.remind(
        datetime.combine(deadline.internal_target, datetime.min.time(), tzinfo=AMSTERDAM)
        + timedelta(hours=12)
    )
    assert ontvangers("herinnering") == {"wiz-medewerker_swv"}
    enforcement.enforce(deadline.due_at + timedelta(hours=1), batch_size=50)
    deadline.refresh_from_db()
    assert deadline.status == "missed"
    told = ontvangers("escalatie")
    assert {"wiz-medewerker_swv", "wiz-privacy_officer", "tiwos-directie", "tbv-directie"} <= told
    assert not any(n.endswith("-bevrager") for n in told)
    # Still owed: it stays open; next year's report lists the miss as the region's.
    assert Jaarverslag.objects.get().state == "open"
    from states.jaarverslag import Bereik, maak

    later = maak(Bereik(region.pk, 2027), deadline.due_at + timedelta(days=2))
    assert (
        later.tabel("termijnen").waarde(
            "Jaarverslag uitbrengen (jaarlijks, hfst. 22)", "Verstreken"
        )
        == 1
    )
    assert later.tabel("te_laat").rijen[0][:3] == [
        f"Jaarverslag {verslag.pk}",
        "Jaarverslag uitbrengen (jaarlijks, hfst. 22)",
        "Samenwerkingsverband",
    ]


def test_ch22_brought_out_keeps_the_pdf_as_sent_and_tells_the_directies(region, now):
    from states.services.jaarverslag import _open

    _open(region, 2025, now)
    verslag = Jaarverslag.objects.get()
    web = staff_client("wiz-medewerker_swv")
    zonder = web.post(f"/medewerker/jaarverslag/{verslag.pk}/uitbrengen", {})
    assert zonder.status_code == 302 and Jaarverslag.objects.get().state == "open"
    page = web.get("/medewerker/jaarverslag?jaar=2025").content.decode()
    assert "Breng het jaarverslag 2025 uit" in page
    web.post(f"/medewerker/jaarverslag/{verslag.pk}/uitbrengen", {"nagelezen": "on"})
    verslag.refresh_from_db()
    assert verslag.state == "uitgebracht" and verslag.uitgebracht_door == user("wiz-medewerker_swv")
    pdf = bytes(verslag.pdf)
    assert pdf.startswith(b"%PDF-") and verslag.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert Deadline.objects.get(case_type="jaarverslag", case_id=verslag.pk).status == "met"
    told = ontvangers("jaarverslag_uitgebracht")
    assert "wiz-privacy_officer" in told and "casade-directie" in told
    assert "tiwos-functionaris" not in told
    # A directie downloads exactly what was sent; a second bringing-out changes nothing.
    copy = staff_client("casade-directie").get(
        f"/medewerker/jaarverslag/{verslag.pk}/uitgebracht.pdf"
    )
    assert copy.status_code == 200 and copy.content == pdf
    again = web.post(f"/medewerker/jaarverslag/{verslag.pk}/uitbrengen", {"nagelezen": "on"})
    assert again.status_code == 302
    assert bytes(Jaarverslag.objects.get().pdf) == pdf
    assert (
        staff_client("tiwos-functionaris")
        .get(f"/medewerker/jaarverslag/{verslag.pk}/uitgebracht.pdf")
        .status_code
        == 404
    )
