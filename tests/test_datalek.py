"""Datalekken: 72 hours to notify the Autoriteit Persoonsgegevens, or reasons why not."""

from __future__ import annotations

import pytest

from states.models import Deadline

pytestmark = pytest.mark.django_db


def test_breach_has_72_hours_and_notification_meets_it(api):
    reporter = api("tiwos-functionaris")
    response = reporter.post(
        "/api/v1/datalekken",
        {"omschrijving": "Lijst per abuis gemaild.", "ontdekt_op": "2026-11-23T09:00:00+01:00"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    [deadline] = body["deadlines"]
    assert deadline["kind"] == "datalek_melden"
    assert deadline["due_at"].startswith("2026-11-26T08:00:00")  # 72 hours, in UTC
    privacy = api("wiz-privacy_officer")
    url = f"/api/v1/datalekken/{body['id']}/transitions/"
    assert reporter.post(url + "meld_ap", {"ap_kenmerk": "X"}).status_code == 403
    assert privacy.post(url + "meld_ap", {"ap_kenmerk": ""}).status_code == 400
    body = privacy.post(url + "meld_ap", {"ap_kenmerk": "AP-2026-123"}).json()
    assert body["state"] == "gemeld_ap"
    assert Deadline.objects.get(case_type="datalek", case_id=body["id"]).status == "met"


def test_not_notifiable_needs_reasons(api):
    body = (
        api("wiz-privacy_officer")
        .post(
            "/api/v1/datalekken",
            {
                "omschrijving": "Versleutelde laptop kwijt.",
                "ontdekt_op": "2026-11-23T08:00:00+01:00",
            },
            format="json",
        )
        .json()
    )
    privacy = api("wiz-privacy_officer")
    url = f"/api/v1/datalekken/{body['id']}/transitions/"
    assert privacy.post(url + "niet_meldplichtig", {"beoordeling": ""}).status_code == 400
    body = privacy.post(
        url + "niet_meldplichtig", {"beoordeling": "Volledig versleuteld; geen risico."}
    ).json()
    assert body["state"] == "niet_meldplichtig"
    assert privacy.post(url + "meld_ap", {"ap_kenmerk": "x"}).status_code == 409
    assert privacy.post(url + "sluit").json()["state"] == "afgesloten"


def test_discovery_in_the_future_is_refused(api):
    response = api("wiz-privacy_officer").post(
        "/api/v1/datalekken",
        {"omschrijving": "x", "ontdekt_op": "2027-01-01T00:00:00+01:00"},
        format="json",
    )
    assert response.status_code == 400 and "ontdekt_op" in response.json()
