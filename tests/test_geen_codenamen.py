"""Issue 10: staff read plain Dutch. Every page a role reaches from its start page by following
links (demo data: cases in every state) is crawled, and no visible text shows a machine name
(a snake_case word such as 'neem_in_behandeling' or 'klacht_reactie') or a server error."""

from __future__ import annotations

import re
from datetime import datetime
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import staff_client

pytestmark = pytest.mark.django_db

CODENAAM = re.compile(r"\b[a-z]+_[a-z_]+\b")
# Dutch words that must not appear on an English page (outside letter subjects, names).
NEDERLANDS = re.compile(
    r"\b(Ontvangen|Ingediend|Ongegrond|Gegrond|wacht op verzending|Verzonden)\b"
)
ROLLEN = [
    "tiwos-functionaris",
    "wonenbreburg-functionaris",
    "tiwos-directie",
    "tbv-bevrager",
    "wiz-privacy_officer",
    "wiz-medewerker_swv",
    "wiz-secretaris_gc",
]


@pytest.fixture
def now() -> datetime:
    return timezone.now()


def zichtbaar(html: str) -> str:
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    return re.sub(r"<[^>]+>", " ", main)


@pytest.mark.parametrize("who", ROLLEN)
def test_no_page_a_role_reaches_shows_a_code_name(region, who):
    call_command("seed_demo", stdout=StringIO())
    client = staff_client(who)
    todo, seen, found = ["/medewerker"], set(), []
    while todo and len(seen) < 120:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        found += [(url, w) for w in CODENAAM.findall(zichtbaar(html))]
        for href in re.findall(r'href="(/medewerker[^"#]*)"', html):
            path = urlsplit(href.replace("&amp;", "&"))
            if "pagina=" not in path.query and "sorteer=" not in path.query:
                todo.append(href.replace("&amp;", "&"))
    assert len(seen) > 3
    assert found == []


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_no_page_the_person_reaches_shows_a_code_name(region, taal):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from states.demo import DEMO_EMAIL

    call_command("seed_demo", stdout=StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(email=DEMO_EMAIL))
    client.post("/i18n/setlang/", {"language": taal, "next": "/mijn"})
    todo, seen, found = ["/mijn"], set(), []
    while todo and len(seen) < 60:
        url = todo.pop(0)
        if url in seen or "pdf=" in url:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        if response.status_code == 200:
            html = response.content.decode()
            found += [(url, w) for w in CODENAAM.findall(zichtbaar(html))]
            if taal == "en" and not url.startswith("/mijn/brief/"):  # a letter keeps its language
                found += [(url, w) for w in NEDERLANDS.findall(zichtbaar(html))]
            todo += re.findall(r'href="(/mijn[^"#]*)"', html)
    assert len(seen) > 5
    assert found == []
