"""The list of signaleringen counts at most a thousand (one LIMITed count), so a region with a
million costs what one with a thousand does; beyond it the page says so and how to narrow."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.web import medewerker_signaleringen
from tests.conftest import staff_client

pytestmark = pytest.mark.django_db
PAGE = "/medewerker/signaleringen"


def test_beyond_the_cap_the_list_says_more_and_how_to_narrow(monkeypatch, make_signalering):
    monkeypatch.setattr(medewerker_signaleringen, "TELLEN_TOT", 3)
    for _ in range(5):
        make_signalering("tiwos", "geregistreerd")
    client = staff_client("tiwos-functionaris")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(PAGE).content.decode()
    assert "Meer dan 3 signaleringen" in html
    assert "Zoek op nummer, of kies een corporatie, categorie of toestand" in html
    counts = [q["sql"] for q in queries if "COUNT(*)" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts)


def test_under_the_cap_the_list_gives_the_exact_count(monkeypatch, make_signalering):
    monkeypatch.setattr(medewerker_signaleringen, "TELLEN_TOT", 3)
    for _ in range(2):
        make_signalering("tiwos", "geregistreerd")
    html = staff_client("tiwos-functionaris").get(PAGE).content.decode()
    assert "2 signaleringen" in html and "Meer dan" not in html


def test_the_capped_count_is_one_query(monkeypatch, make_signalering):
    monkeypatch.setattr(medewerker_signaleringen, "TELLEN_TOT", 3)
    for _ in range(5):
        make_signalering("tiwos", "geregistreerd")
    client = staff_client("tiwos-functionaris")
    client.get(PAGE)
    with CaptureQueriesContext(connection) as queries:
        client.get(PAGE)
    # Whether there are more comes with the count (LIMIT cap + 1), not from a second query.
    on_the_list = [q["sql"] for q in queries if '"states_signalering"' in q["sql"]]
    counting = [sql for sql in on_the_list if "COUNT(*)" in sql.upper() or "LIMIT 1" in sql]
    assert len(counting) == 1
