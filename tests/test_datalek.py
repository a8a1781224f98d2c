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


def high_risk_breach(api, sig_ids: list[int]) -> tuple[object, str, dict]:
    privacy = api("wiz-privacy_officer")
    body = privacy.post(
        "/api/v1/datalekken",
        {"omschrijving": "Export op open share.", "ontdekt_op": "2026-11-23T09:00:00+01:00"},
        format="json",
    ).json()
    url = f"/api/v1/datalekken/{body['id']}/transitions/"
    return privacy, url, body


def test_art34_a_high_risk_breach_tells_the_people_concerned_within_its_own_deadline(
    api, make_signalering
):
    from notifications.models import OutboxMessage
    from notifications.rendering import render

    sig = make_signalering()
    privacy, url, body = high_risk_breach(api, [sig.pk])
    incomplete = privacy.post(url + "beoordeel", {"beoordeling": "Hoog.", "hoog_risico": True})
    assert incomplete.status_code == 400
    assert {"uitleg_betrokkenen", "gevolgen", "maatregelen", "signaleringen"} <= set(
        incomplete.json()
    )
    assessed = privacy.post(
        url + "beoordeel",
        {
            "beoordeling": "Namen en categorieën leesbaar voor derden.",
            "hoog_risico": True,
            "signaleringen": [sig.pk],
            "uitleg_betrokkenen": "Een bestand met uw naam stond een dag open op internet.",
            "gevolgen": "Anderen kunnen weten dat u op de lijst staat.",
            "maatregelen": "Het bestand is verwijderd; wij controleren de toegang.",
        },
        format="json",
    )
    assert assessed.status_code == 200, assessed.json()
    kinds = {d["kind"]: d["status"] for d in assessed.json()["deadlines"]}
    assert kinds["datalek_betrokkenen"] == "open"
    assert privacy.post(url + "meld_ap", {"ap_kenmerk": "AP-1"}).status_code == 200
    assert privacy.post(url + "sluit").status_code == 409  # not before the people are told
    told = privacy.post(url + "informeer_betrokkenen").json()
    assert {d["kind"]: d["status"] for d in told["deadlines"]}["datalek_betrokkenen"] == "met"
    row = OutboxMessage.objects.get(template="datalek_betrokkene", case_id=body["id"])
    assert row.to_email == "jantje.zwartkruis@example.org"
    letter = render(row.template, row.context).body
    for item in (
        "Wat er is gebeurd",
        "open op internet",
        "Wat dit voor u kan betekenen",
        "Het bestand is verwijderd",
        "Functionaris Gegevensbescherming",
    ):
        assert item in letter, item
    assert privacy.post(url + "informeer_betrokkenen").status_code == 409  # once
    assert privacy.post(url + "sluit").status_code == 200


def test_art34_an_untold_high_risk_escalates_at_72_hours(api, make_signalering, now):
    from datetime import timedelta

    from workflows import jobs

    sig = make_signalering()
    privacy, url, body = high_risk_breach(api, [sig.pk])
    privacy.post(
        url + "beoordeel",
        {
            "beoordeling": "Hoog.",
            "hoog_risico": True,
            "signaleringen": [sig.pk],
            "uitleg_betrokkenen": "x",
            "gevolgen": "y",
            "maatregelen": "z",
        },
        format="json",
    )
    deadline = Deadline.objects.get(case_id=body["id"], kind="datalek_betrokkenen")
    assert deadline.due_at == now + timedelta(hours=72)
    jobs.enforce_deadlines(deadline.due_at + timedelta(minutes=1))
    deadline.refresh_from_db()
    assert deadline.status == "missed"
