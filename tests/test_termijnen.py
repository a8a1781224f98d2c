"""Issue 10: the deadline page counts in SQL, pages its table, draws two readable charts, speaks
Dutch numbers and dates, and exports a CSV Excel NL opens directly."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from states.models import Deadline, Deelnemer, Verzoek
from tests.conftest import staff_client
from tests.test_browser import ARTIFACTS, page, staff_login  # noqa: F401 (page is a fixture)
from tests.test_enforcement_load import due_requests

pytestmark = pytest.mark.django_db
PAGE = "/medewerker/termijnen"


def requests_of(region, code: str, n: int, due_at: datetime) -> list[int]:
    """`n` open requests of corporation `code`, due at `due_at`."""
    ids = due_requests(region, n, due_at)
    Verzoek.objects.filter(pk__in=ids).update(primaire_bron=Deelnemer.objects.get(code=code))
    return ids


def closed(region, now: datetime, status: str, late: bool = False) -> None:
    [case_id] = due_requests(region, 1, now + timedelta(days=3))
    Deadline.objects.filter(case_id=case_id, case_type="verzoek").update(
        status=status,
        closed_at=now if status == "met" else None,
        escalated_at=now if status == "missed" else None,
        met_late=late,
    )


def page_queries(n_open: int, region, now: datetime) -> int:
    Deadline.objects.all().delete()
    due_requests(region, n_open, now + timedelta(days=3))
    client = staff_client("wiz-privacy_officer")
    client.get(PAGE)  # warm the session and the sign-in bookkeeping
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(PAGE).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_open_cases(region, now):
    assert page_queries(3, region, now) == page_queries(40, region, now)


def test_counts_come_from_all_cases_while_the_table_shows_25_per_page(region, now):
    due_requests(region, 20, now - timedelta(days=1))
    due_requests(region, 20, now + timedelta(days=3))
    due_requests(region, 4, now + timedelta(days=30))
    client = staff_client("wiz-privacy_officer")
    first = client.get(PAGE).content.decode()
    assert re.search(r"<strong class=\"overdue\">20</strong>Verstreken", first)
    assert "<strong>20</strong>Deze week" in first and "<strong>4</strong>Later" in first
    assert "Tilburgse Woonstichting: 44" in first and "44 open termijnen, pagina 1 van 2" in first
    assert first.count('href="/medewerker/verzoek/') == 25
    assert 'rel="next"' in first
    second = client.get(PAGE + "?p=2").content.decode()
    assert second.count('href="/medewerker/verzoek/') == 19


def test_a_functionaris_counts_only_the_cases_of_their_corporation(region, now):
    requests_of(region, "tiwos", 2, now + timedelta(days=3))
    tbv = requests_of(region, "tbv", 3, now + timedelta(days=3))
    html = staff_client("tiwos-functionaris").get(PAGE).content.decode()
    assert "2 open termijnen" in html and "TBV" not in html.split("Per corporatie")[1][:200]
    assert f"/medewerker/verzoek/{tbv[0]}" not in html


def test_the_bar_chart_puts_labels_above_bars_and_has_a_table(region, now):
    due_requests(region, 3, now + timedelta(days=3))
    html = staff_client("wiz-privacy_officer").get(PAGE).content.decode()
    svg = html.split('class="chart-svg chart-soort"')[1].split("</svg>")[0]
    assert 'viewBox="-2 0 322' in svg and 'width="640"' not in svg
    label_y = float(re.search(r'class="label" x="0" y="([\d.]+)"', svg).group(1))
    bar_y = float(re.search(r'<rect x="0" y="([\d.]+)"', svg).group(1))
    assert label_y <= bar_y  # the label's baseline sits above the bar, not beside it
    assert "Beslissen op verzoek (4 weken)" in svg  # never truncated
    assert '<th scope="row">Beslissen op verzoek (4 weken)</th><td class="num">3</td>' in html


def test_the_monthly_chart_counts_on_time_and_late_per_amsterdam_month(region, now):
    closed(region, now, "met")
    closed(region, now, "met")
    closed(region, now, "met", late=True)
    closed(region, now, "missed")
    closed(region, now - timedelta(days=400), "met")  # older than twelve months: left out
    html = staff_client("wiz-privacy_officer").get(PAGE).content.decode()
    row = '<th scope="row">november 2026</th><td class="num">2</td><td class="num">2</td>'
    assert row in html
    svg = html.split('class="chart-svg chart-maand"')[1].split("</svg>")[0]
    assert not re.search(r'(x|y|height)="[\d.]*,', svg)  # coordinates never in Dutch format
    assert "december 2025" in html and "november 2025" not in html
    assert (
        html.count('<th scope="row">')
        - html.split("Op tijd afgehandeld")[0].count('<th scope="row">')
        == 12
    )


def test_counts_and_months_are_written_the_dutch_way():
    tpl = Template("{% load berichten %}{{ n|aantal }} · {{ d|date:'j F Y' }} · {{ d|datum }}")
    with translation.override("nl"):
        text = tpl.render(Context({"n": 1234567, "d": datetime(2026, 3, 5).date()}))
    assert text == "1.234.567 · 5 maart 2026 · 5 maart 2026"


def test_a_long_staff_list_counts_with_a_thousands_dot(region, now):
    due_requests(region, 1001, now + timedelta(days=3))
    html = staff_client("wiz-privacy_officer").get("/medewerker/verzoeken").content.decode()
    assert "1.001 zaken, pagina 1 van" in html


def test_the_csv_opens_in_excel_nl_and_keeps_other_corporations_out(region, now):
    [mine] = requests_of(region, "tiwos", 1, now + timedelta(days=3))
    [theirs] = requests_of(region, "tbv", 1, now + timedelta(days=3))
    Deadline.objects.filter(case_id=mine).update(last_day=now.date() + timedelta(days=2))
    response = staff_client("tiwos-functionaris").get(PAGE + ".csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Zaak", "Soort termijn", "Corporatie", "Uiterlijk", "Streefdatum", "Stand"]
    assert rows[1][:4] == [
        f"Verzoek {mine}",
        "Beslissen op verzoek (4 weken)",
        "TIWOS, Tilburgse Woonstichting",
        "25-11-2026",
    ]
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4}", r[3]) for r in rows[1:])
    assert f"Verzoek {theirs}" not in {r[0] for r in rows} and len(rows) == 2


OVERLAPS = """svg => {
  // In the chart's own units (no transforms inside): what a person sees, at any width.
  const boxes = sel => [...svg.querySelectorAll(sel)].map(e => {
    const b = e.getBBox();
    return {left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height,
            text: e.textContent};
  });
  const rects = boxes('rect'), labels = boxes('text');
  const hit = (a, b) => a.left < b.right - 0.1 && b.left < a.right - 0.1
    && a.top < b.bottom - 0.1 && b.top < a.bottom - 0.1;
  const v = svg.viewBox.baseVal;
  const outside = labels.filter(t => t.left < v.x || t.right > v.x + v.width);
  return {overlaps: labels.filter(t => rects.some(r => hit(t, r))).map(t => t.text),
          outside: outside.map(t => t.text), labels: labels.length};
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_charts_read_well_on_a_desktop_and_at_320_px(page, live_server, region, now):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    due_requests(region, 30, now + timedelta(days=3))
    due_requests(region, 7, now - timedelta(days=2))
    for status, late in (("met", False), ("met", False), ("met", True), ("missed", False)):
        closed(region, now, status, late)
    staff_login(page, live_server, "wiz-privacy_officer")
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{PAGE}")
        for chart in page.locator("svg.chart-svg").all():
            found = chart.evaluate(OVERLAPS)
            assert found["labels"] > 0 and found["overlaps"] == found["outside"] == [], found
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, width
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"termijnen-{width}.png"), full_page=True)
        assert Axe().run(page).response["violations"] == [], width
