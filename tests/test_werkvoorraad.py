"""Issue 10, staff back office: the start page is each role's work queue, and every case list can
be searched, filtered, sorted and paged, with a count — at a cost that does not grow with the
number of open cases."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import OutboxMessage
from states.models import Deelnemer, Verzoek
from tests.conftest import staff_client
from tests.test_enforcement_load import due_requests

pytestmark = pytest.mark.django_db


def numbers(html: str, kind: str = "Verzoek") -> list[int]:
    return [int(n) for n in re.findall(rf">{kind} (\d+)</a>", html)]


def test_the_privacy_officer_starts_at_the_queue_earliest_due_first(region, now):
    late = due_requests(region, 2, now - timedelta(days=2))
    soon = due_requests(region, 3, now + timedelta(days=3))
    page = staff_client("wiz-privacy_officer").get("/medewerker").content.decode()
    assert "Verzoeken" in page and ">5</span>" in page  # the count
    shown = numbers(page)
    assert shown[:2] == sorted(late) and set(shown[2:5]) == set(soon)
    assert "verstreken, uiterlijk" in page


def test_each_role_sees_its_own_queue_and_not_another_corporations(region, now):
    due_requests(region, 2, now + timedelta(days=3))  # requests about tiwos
    mine = staff_client("tiwos-functionaris").get("/medewerker").content.decode()
    other = staff_client("tbv-functionaris").get("/medewerker").content.decode()
    assert len(numbers(mine)) == 2 and numbers(other) == []
    assert "Mogelijke matches om te beoordelen" in mine
    directie = staff_client("tiwos-directie").get("/medewerker").content.decode()
    assert "Klachten om te beslissen" in directie
    secretaris = staff_client("wiz-secretaris_gc").get("/medewerker").content.decode()
    assert "Geschillen" in secretaris


def test_the_queue_costs_the_same_queries_for_5_or_60_open_cases(region, now):
    client = staff_client("wiz-privacy_officer")
    due_requests(region, 5, now + timedelta(days=3))
    client.get("/medewerker")  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get("/medewerker")
    due_requests(region, 55, now + timedelta(days=3))
    with CaptureQueriesContext(connection) as many:
        client.get("/medewerker")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_list_pages_by_25_with_a_count_and_a_constant_query_count(region, now):
    client = staff_client("wiz-privacy_officer")
    due_requests(region, 30, now + timedelta(days=3))
    with CaptureQueriesContext(connection) as few:
        first = client.get("/medewerker/verzoeken").content.decode()
    second = client.get("/medewerker/verzoeken?p=2").content.decode()
    assert "30 zaken, pagina 1 van 2" in first and len(numbers(first)) == 25
    assert len(numbers(second)) == 5 and not set(numbers(first)) & set(numbers(second))
    due_requests(region, 30, now + timedelta(days=9))
    with CaptureQueriesContext(connection) as many:
        client.get("/medewerker/verzoeken")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_filters_by_due_state_kind_corporation_and_search_by_number(region, now):
    client = staff_client("wiz-privacy_officer")
    late = due_requests(region, 2, now - timedelta(days=1))
    soon = due_requests(region, 2, now + timedelta(days=2))
    later = due_requests(region, 1, now + timedelta(days=20))
    Verzoek.objects.filter(pk=later[0]).update(soort="bezwaar", state="in_behandeling")
    get = lambda q: numbers(client.get(f"/medewerker/verzoeken?{q}").content.decode())  # noqa: E731
    assert sorted(get("termijn=verstreken")) == sorted(late)
    assert sorted(get("termijn=week")) == sorted(soon)
    assert get("termijn=later") == later
    assert get("soort=bezwaar") == later and get("state=in_behandeling") == later
    tiwos = Deelnemer.objects.get(code="tiwos").pk
    assert len(get(f"corporatie={tiwos}")) == 5
    tbv = Deelnemer.objects.get(code="tbv").pk
    assert get(f"corporatie={tbv}") == []
    assert get(f"q={soon[1]}") == [soon[1]] and get("q=Aanvrager") == []  # numbers, not names
    assert get("sorteer=-nummer")[0] == later[0]


@pytest.mark.parametrize(
    "query",
    ["q=" + "x" * 5000, "q=%00", "termijn=ooit", "corporatie=999999", "p=99999999999999999999",
     "sorteer=wachtwoord", "state=%00", "corporatie=abc"],
)  # fmt: skip
def test_bad_filters_never_break_the_list(region, now, query):
    due_requests(region, 1, now + timedelta(days=2))
    response = staff_client("wiz-privacy_officer").get(f"/medewerker/verzoeken?{query}")
    assert response.status_code == 200


def test_a_corporation_sees_no_corporation_filter_and_no_other_corporations_cases(region, now):
    due_requests(region, 2, now + timedelta(days=2))
    page = staff_client("tbv-directie").get("/medewerker/verzoeken").content.decode()
    assert 'name="corporatie"' not in page and numbers(page) == [] and "0 zaken" in page


def test_failed_messages_are_listed_by_what_they_are_not_by_code_name(region, now):
    [case_id] = due_requests(region, 1, now + timedelta(days=2))
    OutboxMessage.objects.create(
        idempotency_key="x", template="verzoek_ontvangen", case_type="verzoek", case_id=case_id,
        channel="email", status="failed", to_email="a@example.org", created_at=now, attempts=3,
    )  # fmt: skip
    page = staff_client("wiz-privacy_officer").get("/medewerker/berichten").content.decode()
    assert "Ontvangstbevestiging van het verzoek" in page and "verzoek_ontvangen" not in page
    assert f"Verzoek {case_id}" in page and "3 pogingen" in page and "a@example.org" not in page
    start = staff_client("wiz-privacy_officer").get("/medewerker").content.decode()
    assert "Mislukte berichten" in start


@pytest.mark.parametrize(
    ("who", "home"),
    [("wiz-privacy_officer", "/medewerker"), ("tiwos-bevrager", "/medewerker")],
)
def test_the_header_link_takes_staff_to_their_work_queue(region, who, home):
    response = staff_client(who).get("/")
    assert response.status_code == 302 and response["Location"] == home
