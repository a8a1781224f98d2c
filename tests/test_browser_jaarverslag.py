"""Issue 12, the yearly report in Chromium: the privacy officer opens it from the work queue,
picks a year, sees the charts and tables at 1280 and 320 px without horizontal scrolling, and
axe finds nothing; a wrong year is said plainly next to the field."""

from __future__ import annotations

import pytest

from states.demo.builder import build_demo_data
from tests.test_browser import staff_login
from tests.test_browser_medewerker import page, strict  # noqa: F401 - the fixture and the check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_privacy_officer_reads_the_yearly_report(page, live_server, region, now):  # noqa: F811
    build_demo_data(region, now)
    staff_login(page, live_server, "wiz-privacy_officer")
    page.goto(f"{live_server.url}/medewerker")
    page.get_by_role("link", name="Jaarverslag").click()
    page.get_by_label("Jaar").fill("2026")
    page.get_by_role("button", name="Toon het verslag").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Jaarverslag 2026: Woning in Zicht"
    assert page.get_by_role("img", name="Termijnen per maand").is_visible()
    assert page.get_by_role("link", name="Download als PDF").is_visible()
    strict(page, "jaarverslag")
    page.get_by_label("Jaar").fill("9999")
    page.get_by_role("button", name="Toon het verslag").click()
    assert "Kies een jaar van 2000 tot en met 2026." in page.content()
    strict(page, "jaarverslag-fout")
