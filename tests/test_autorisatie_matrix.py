"""Issue 9, "Show": the authorisation matrix. Every route × every subject (anonymous, each role
of the own and of another corporation, the region's roles, the allocation system, the person
and another person), as declared once in tests/autorisatie.py. A refused request is a 401, 403
or 404 and writes nothing; a route without a row fails the completeness test."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from notifications.models import OutboxMessage
from portal import apitokens
from states.services import dossier
from tests.autorisatie import PAGINAS, REGELS, SUBJECTS
from tests.conftest import actor, staff_client, user
from tests.test_klacht_geschil import klacht_a

pytestmark = pytest.mark.django_db

USERNAMES = {
    "functionaris": "tiwos-functionaris", "bevrager": "tiwos-bevrager",
    "directie": "tiwos-directie", "functionaris_ander": "tbv-functionaris",
    "bevrager_ander": "tbv-bevrager", "directie_ander": "tbv-directie",
    "medewerker_swv": "wiz-medewerker_swv", "privacy_officer": "wiz-privacy_officer",
    "secretaris_gc": "wiz-secretaris_gc", "systeem": "wiz-systeem",
}  # fmt: skip
FINGERPRINTED = [
    "states_signalering", "states_historicalsignalering", "states_match", "states_verzoek",
    "states_klacht", "states_geschil", "states_datalek", "states_deadline", "states_bijlage",
    "states_deelnemer", "states_raadpleging", "notifications_outboxmessage",
    "states_protocolversie", "states_uitsluitingdeelname", "states_toetreding",
    "states_deelnamebesluit",
]  # fmt: skip


class Rollback(Exception):
    pass


@pytest.fixture
def wereld(region, make_signalering, betrokkene, api, now):
    sig = make_signalering("tiwos", "geblokkeerd")
    person, persoon_api = betrokkene(sig)
    ander, ander_api = betrokkene(None, username="pietje", email="pietje@example.org")
    ongekoppeld = ander_api.post(
        "/api/v1/verzoeken",
        {
            "soort": "inzage",
            "voornaam": "Piet",
            "achternaam": "Zand",
            "geboortedatum": "1980-01-01",
        },
        format="json",
    ).json()
    verzoek = persoon_api.post(
        "/api/v1/verzoeken", {"soort": "inzage", "signalering": sig.pk}, format="json"
    ).json()
    klacht = klacht_a(persoon_api, sig)
    api("tiwos-directie").post(
        f"/api/v1/klachten/{klacht['id']}/transitions/verklaar_ongegrond",
        {"adres_gehuurde_woning": "Kerkstraat 1, Tilburg", "motivering": "Gewogen."},
    )
    geschil = persoon_api.post(
        "/api/v1/geschillen", {"klacht": klacht["id"], "gronden": "Onbillijk."}, format="json"
    ).json()
    datalek = (
        api("tiwos-functionaris")
        .post(
            "/api/v1/datalekken",
            {"omschrijving": "Lijst gemaild aan verkeerde adres.", "ontdekt_op": now.isoformat()},
            format="json",
        )
        .json()
    )
    records = {
        "sig": sig.pk, "match": sig.matches.get().pk, "verzoeken": verzoek["id"],
        "klachten": klacht["id"], "geschillen": geschil["id"], "datalekken": datalek["id"],
    }  # fmt: skip
    from states.models import Datalek, Deadline, Geschil, Klacht, Verzoek

    for kind, model in (("verzoeken", Verzoek), ("klachten", Klacht), ("geschillen", Geschil),
                        ("datalekken", Datalek)):  # fmt: skip
        case = model.objects.get(pk=records[kind])
        records[f"bijlage_{kind}"] = dossier.voeg_bijlage_toe(
            actor("wiz-medewerker_swv"), case, "b.pdf", "application/pdf", b"%PDF-1.4 x", now
        ).pk
    records["deadline"] = (
        Deadline.objects.filter(case_type="verzoek", case_id=verzoek["id"]).first().pk
    )
    records["brief"] = OutboxMessage.objects.create(
        idempotency_key="matrix-brief", template="verzoek_vertraagd", case_type="verzoek",
        case_id=verzoek["id"], channel="brief", status="print_queue", to_name="J. Zwartkruis",
        to_address="Lindelaan 12", for_betrokkene=True, context={}, created_at=now,
        next_attempt_at=now, pdf=b"%PDF-1.4 brief",
    ).pk  # fmt: skip
    records["verzoek_ongekoppeld"] = ongekoppeld["id"]
    from states.models import Toegangstoets
    from states.services import toegangstoets

    toegangstoets.open_toetsen(now)  # ch. 14.1: the half-yearly access review
    records["toegangstoets"] = Toegangstoets.objects.get(deelnemer__code="tiwos").pk
    from states.models import Controle, Jaarverslag
    from states.services import controle

    controle.open_controles(now)  # ch. 8 and 11: the periodic checks
    records["controle"] = Controle.objects.get(soort="verificatie", deelnemer__code="tiwos").pk
    from states.services import jaarverslag

    # ch. 22: last year's report, brought out to the participants.
    jaarverslag._open(region, 2025, now)
    uitgebracht = jaarverslag.breng_uit(
        actor("wiz-medewerker_swv"),
        Jaarverslag.objects.get(jaar=2025).pk,
        b"%PDF-1.4 test",
        now,
    )
    records["jaarverslag"] = uitgebracht.pk
    from states.services import protocol

    # ch. 23: a draft of the next protocol version, copied from the one in force.
    records["protocolversie"] = protocol.stel_op(actor("wiz-medewerker_swv"), "1.5", now).pk

    from states.access import actor_for
    from states.models import Hardheidsverzoek
    from states.services import hardheid

    records["hardheid"] = hardheid.vraag_aan_betrokkene(  # ch. 24
        actor_for(person), sig.pk, "Zeer bijzondere omstandigheden.", now
    ).pk
    records["hardheidsverzoeken"] = records["hardheid"]
    records["bijlage_hardheidsverzoeken"] = dossier.voeg_bijlage_toe(
        actor("wiz-medewerker_swv"),
        Hardheidsverzoek.objects.get(pk=records["hardheid"]),
        "b.pdf",
        "application/pdf",
        b"%PDF-1.4 x",
        now,
    ).pk
    from datetime import date

    from states.models import Deelnemer
    from states.services import toetreding, uitsluiting_deelname

    # ch. 17, 20: a corporation admitted with its declaration, and casade temporarily excluded.
    toetreding.laat_toe(
        actor("wiz-medewerker_swv"),
        toetreding.NieuweDeelnemer("nieuwkomer", "Nieuwkomer", "Markt 1, Tilburg", "n@example.org"),
        toetreding.Verklaring(date(2026, 11, 2), "A. Bestuurder", "Directeur", "v.pdf", b"%PDF-1"),
        now,
    )
    uitsluiting_deelname.sluit_tijdelijk_uit(
        actor("wiz-medewerker_swv"),
        Deelnemer.objects.get(code="casade").pk,
        uitsluiting_deelname.Besluit(date(2026, 11, 20), "ALV-1", "Niet nageleefd."),
        now,
    )
    records["brief_persoon"] = (
        OutboxMessage.objects.filter(
            for_betrokkene=True, case_type="verzoek", case_id=verzoek["id"]
        )
        .first()
        .pk
    )
    return records, {"betrokkene": person, "betrokkene_ander": ander}


def api_client(subject: str, personen: dict) -> APIClient:
    client = APIClient()
    if subject in USERNAMES:
        key = apitokens.issue(user(USERNAMES[subject]), timezone.now())
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    elif subject in personen:
        client.force_login(personen[subject])  # the real session path (no second factor)
    return client


def page_client(subject: str, personen: dict) -> Client:
    if subject in USERNAMES:
        return staff_client(USERNAMES[subject])
    client = Client()
    if subject in personen:
        client.force_login(personen[subject])
    return client


def fingerprint() -> list:
    with connection.cursor() as cursor:
        result = []
        for table in FINGERPRINTED:
            cursor.execute(
                f"SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {table} t"
            )  # noqa: S608
            result.append(cursor.fetchone())
        return result


def call(regel, subject: str, records: dict, personen: dict):
    path = regel.pad.format(**records)
    is_api = path.startswith("/api/")
    client = api_client(subject, personen) if is_api else page_client(subject, personen)
    kwargs = {"format": "json"} if is_api and regel.methode != "GET" else {}
    method = getattr(client, regel.methode.lower())
    return method(path, regel.body, **kwargs) if regel.methode != "GET" else method(path)


def outcome(regel, subject: str, records: dict, personen: dict) -> str:
    """'mag', 'nee', 'nee+schrijft' (refused but wrote), '500', or 'login' for pages."""
    try:
        with transaction.atomic():
            before = fingerprint()
            response = call(regel, subject, records, personen)
            after = fingerprint()
            raise Rollback((response, before, after))
    except Rollback as done:
        response, before, after = done.args[0]
    if response.status_code >= 500:
        return "500"
    # "Sign in first" is a refusal (the sign-in page with the way back); after a sign-out the
    # sign-in page is simply where the subject goes next.
    refused = response.status_code in regel.geweigerd or (
        response.status_code == 302 and "next=" in response.get("Location", "")
    )
    if refused:
        return "nee" if before == after else "nee+schrijft"
    if response.status_code == 302 and not regel.pad.startswith("/api/"):
        return "mag"  # a page that sends the subject on within the site (after a form, say)
    if regel.methode == "GET" and response.status_code != 200:
        return f"GET {response.status_code}"
    if regel.ziet is not None:
        found = re.search(rf'"id":\s*{records[_record_of(regel)]}\b', response.content.decode())
        return "mag+ziet" if found else "mag"
    return "mag"


def _record_of(regel) -> str:
    kind = regel.pad.split("/")[3]
    return {"signaleringen": "sig", "matches": "match", "deadlines": "deadline"}.get(kind, kind)


def expected(regel, subject: str) -> str:
    if subject not in regel.mag:
        return "nee"
    if regel.ziet is not None:
        return "mag+ziet" if subject in regel.ziet else "mag"
    return "mag"


@pytest.mark.parametrize("regel", REGELS + PAGINAS, ids=lambda g: f"{g.methode} /{g.route}")
def test_every_subject_gets_what_the_declaration_says(regel, wereld):
    records, personen = wereld
    wrong = [
        f"{subject}: {got} (verwacht {want})"
        for subject in SUBJECTS
        if (got := outcome(regel, subject, records, personen)) != (want := expected(regel, subject))
    ]
    assert not wrong, "\n".join(wrong)


def routes() -> set[tuple[str, str]]:
    found = set()

    def walk(patterns, prefix=""):  # noqa: ANN001, ANN202
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                found.add(prefix + str(p.pattern))

    walk(get_resolver().url_patterns)
    return found


def test_no_route_without_its_rows():
    """Every route of the API and the pages has its rows: adding one without declaring who may
    call it fails here."""
    declared = {regel.route for regel in REGELS + PAGINAS}
    assert sorted(routes() - declared) == []
    assert sorted(declared - routes()) == []
