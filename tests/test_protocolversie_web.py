"""The protocol-version pages (ch. 23) and the register pages (art. 30 AVG), tried as staff do
and as an attacker would: odd input gives a 4xx or a form error, never a 500 and never a write."""

from __future__ import annotations

import copy
import json

import pytest
from django.contrib.auth import get_user_model

from states.models import Medewerker, ProtocolVersie, Samenwerkingsverband
from states.protocol_v14 import BELEID
from states.services import protocol
from tests.conftest import actor, staff_client

SWV, PO = "wiz-medewerker_swv", "wiz-privacy_officer"
LANG = "x" * 5001
ODD = ["x" * 5000, "a\x00b", "9999-12-31", "2027-02-31", "10000-01-01", "", "-1", "{"]


WAARDEN_VELDEN = ["c0_maanden", "c0_reikwijdte", "s0_maanden", "t_beslissen_verzoek_weken",
                  "toelichting"]  # fmt: skip


def draft(now) -> ProtocolVersie:
    return protocol.stel_op(actor(SWV), "1.5", now)


def state_of(v: ProtocolVersie) -> tuple:
    v.refresh_from_db()
    return (v.state, json.dumps(v.beleid_data, sort_keys=True), v.toelichting, v.ap_uitkomst)


def test_ch23_the_whole_change_through_the_pages(region, now):
    swv, po = staff_client(SWV), staff_client(PO)
    r = swv.post("/medewerker/protocol", {"versie": "1.5"})
    v = ProtocolVersie.objects.get(versie="1.5")
    assert r.status_code == 302 and r["Location"] == f"/medewerker/protocol/{v.pk}"
    page = swv.get(r["Location"]).content.decode()
    assert "Eerst legt de privacy officer de raadpleging van de AP vast" in page
    data = copy.deepcopy(BELEID)
    data["categorieen"][1]["max_termijn_maanden"] = 36
    r = swv.post(f"/medewerker/protocol/{v.pk}", {"beleid_data": json.dumps(data),
                                                  "toelichting": "B drie jaar."})  # fmt: skip
    assert r.status_code == 302
    diff = swv.get(f"/medewerker/protocol/{v.pk}/vergelijking").content.decode()
    assert (
        "Categorie B (Gevaarzetting en agressie): maximale termijn van 24 maanden naar 36 maanden."
        in diff
    )
    r = po.post(f"/medewerker/protocol/{v.pk}/ap", {"uitkomst": "geen_bezwaar",
                "verzonden_op": "2026-09-01", "antwoord_op": "2026-10-15", "kenmerk": "z2026-1",
                "samenvatting": "Geen bezwaren."})  # fmt: skip
    assert r.status_code == 302
    dates = {"besluit_bestuur_op": "2026-11-20", "ingangsdatum": "2026-12-01"}
    r = swv.post(f"/medewerker/protocol/{v.pk}/publiceren", dates)
    assert "Versie 1.5 publiceren?" in r.content.decode()
    assert state_of(v)[0] == "concept"  # the confirmation page writes nothing
    r = swv.post(f"/medewerker/protocol/{v.pk}/publiceren", {**dates, "bevestigd": "1"})
    assert r.status_code == 302 and state_of(v)[0] == "gepubliceerd"
    lijst = swv.get("/medewerker/protocol").content.decode()
    assert "Gepubliceerd, geldt vanaf 01-12-2026" in lijst and "Geldt sinds 13-12-2021" in lijst


def test_ch23_bad_json_is_a_form_error_and_nothing_is_saved(region, now):
    v = draft(now)
    before = state_of(v)
    r = staff_client(SWV).post(f"/medewerker/protocol/{v.pk}", {"beleid_data": '{"categorieen": ['})
    assert r.status_code == 200
    assert "Geen geldige JSON" in r.content.decode()
    assert state_of(v) == before


@pytest.mark.parametrize("waarde", ODD)
def test_ch23_odd_input_never_breaks_or_writes(region, now, waarde):
    v = draft(now)
    before = state_of(v)
    swv, po = staff_client(SWV), staff_client(PO)
    calls = [
        (swv, "/medewerker/protocol", {"versie": waarde}),
        (swv, f"/medewerker/protocol/{v.pk}", {"beleid_data": waarde, "toelichting": waarde}),
        (
            swv,
            f"/medewerker/protocol/{v.pk}",
            {"beleid_data": json.dumps(BELEID), "toelichting": LANG},
        ),
        (
            po,
            f"/medewerker/protocol/{v.pk}/ap",
            {
                "uitkomst": "geen_bezwaar",
                "verzonden_op": waarde,
                "antwoord_op": waarde,
                "kenmerk": waarde,
                "samenvatting": waarde,
            },
        ),  # fmt: skip
        (po, f"/medewerker/protocol/{v.pk}/ap", {"uitkomst": waarde}),
        (
            swv,
            f"/medewerker/protocol/{v.pk}",
            {"formulier": "waarden", **{f"w-{name}": waarde for name in WAARDEN_VELDEN}},
        ),
        (
            swv,
            f"/medewerker/protocol/{v.pk}/publiceren",
            {"ingangsdatum": waarde, "besluit_bestuur_op": waarde, "bevestigd": "1"},
        ),  # fmt: skip
    ]
    for client, url, body in calls:
        r = client.post(url, body)
        assert r.status_code in (200, 400, 403, 404, 409), (url, r.status_code)
    assert state_of(v) == before
    assert ProtocolVersie.objects.filter(samenwerkingsverband=region).count() == 2


def test_ch23_year_9999_as_effective_date_is_refused_with_a_reason(region, now):
    v = draft(now)
    protocol.leg_ap_vast(
        actor(PO), v.pk, protocol.ApRaadpleging("niet_vereist", samenvatting="Redactioneel."), now
    )
    r = staff_client(SWV).post(
        f"/medewerker/protocol/{v.pk}/publiceren",
        {"ingangsdatum": "9999-12-31", "besluit_bestuur_op": "2026-11-20", "bevestigd": "1"},
    )
    assert r.status_code == 200 and "Hoogstens 24 maanden vooruit" in r.content.decode()
    assert state_of(v)[0] == "concept"


def test_ch23_staff_of_another_region_find_nothing(region, now):
    v = draft(now)
    ander = Samenwerkingsverband.objects.create(code="elders", naam="Elders")
    user = get_user_model().objects.create(username="elders-swv")
    Medewerker.objects.create(user=user, samenwerkingsverband=ander, rol="medewerker_swv")
    client = staff_client("elders-swv")
    before = state_of(v)
    for url in ("", "/vergelijking", "/ap", "/publiceren"):
        assert client.get(f"/medewerker/protocol/{v.pk}{url}").status_code == 404
    r = client.post(f"/medewerker/protocol/{v.pk}", {"beleid_data": json.dumps(BELEID)})
    assert r.status_code == 404
    assert f"Versie {v.versie}" not in client.get("/medewerker/protocol").content.decode()
    assert state_of(v) == before


def test_art30_the_register_page_and_its_printable_version(region, now):
    client = staff_client("tiwos-directie")
    page = client.get("/medewerker/verwerkingsregister").content.decode()
    assert "Artikel 6 lid 1 onder f AVG" in page and region.fg_contact in page
    assert (
        "Categorie B (Gevaarzetting en agressie): tot het einde van de uitsluiting, "
        "hoogstens 24 maanden" in page
    )
    assert "Werkvoorraad" in page
    printable = client.get("/medewerker/verwerkingsregister/afdrukken").content.decode()
    assert "hoogstens 24 maanden" in printable and "Werkvoorraad" not in printable


def test_ch23_a_version_reads_as_plain_dutch_without_machine_names(region, now):
    import re

    v14 = region.geldend_protocol(now)
    html = staff_client(PO).get(f"/medewerker/protocol/{v14.pk}").content.decode()
    main = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1].split("</main>", 1)[0])
    assert "B Gevaarzetting en agressie: hoogstens 24 maanden, in de hele regio" in main
    assert "Beslistermijn op een verzoek (ch. 15): 4 weken" in main
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", main) == []


def waarden(v: ProtocolVersie, **changes: str) -> dict[str, str]:
    """The numbers form as the page fills it in, with some changed."""
    body = {"formulier": "waarden", "w-toelichting": "Termijnen herzien."}
    for i, c in enumerate(v.beleid_data["categorieen"]):
        body[f"w-c{i}_maanden"] = str(c["max_termijn_maanden"])
        body[f"w-c{i}_reikwijdte"] = c["reikwijdte"]
    for i, s in enumerate(v.beleid.schijven_d):
        body[f"w-s{i}_maanden"] = str(s.termijn_maanden)
    for key, value in v.beleid_data["termijnen"].items():
        if isinstance(value, int):
            body[f"w-t_{key}"] = str(value)
    return {**body, **{f"w-{k}": val for k, val in changes.items()}}


def test_ch7_ch23_the_numbers_form_changes_terms_brackets_and_deadlines(region, now):
    v = draft(now)
    body = waarden(v, c1_maanden="36", c0_reikwijdte="regio", s4_maanden="48",
                   t_beslissen_verzoek_weken="3")  # fmt: skip
    r = staff_client(SWV).post(f"/medewerker/protocol/{v.pk}", body)
    assert r.status_code == 302
    v.refresh_from_db()
    cats = {c["code"]: c for c in v.beleid_data["categorieen"]}
    assert (cats["B"]["max_termijn_maanden"], cats["A"]["reikwijdte"]) == (36, "regio")
    assert v.beleid_data["schijven_d"][4]["termijn_maanden"] == 48
    assert v.beleid_data["termijnen"]["beslissen_verzoek_weken"] == 3
    assert v.toelichting == "Termijnen herzien."
    diff = staff_client(PO).get(f"/medewerker/protocol/{v.pk}/vergelijking").content.decode()
    assert "Beslistermijn op een verzoek (ch. 15): van 4 weken naar 3 weken." in diff


@pytest.mark.parametrize("waarde", ["0", "-3", "abc", "99999", "x" * 5000, "1\x00", "121"])
def test_ch23_the_numbers_form_refuses_odd_numbers_without_writing(region, now, waarde):
    v = draft(now)
    before = state_of(v)
    r = staff_client(SWV).post(f"/medewerker/protocol/{v.pk}", waarden(v, c1_maanden=waarde))
    assert r.status_code == 200 and "Er is een probleem" in r.content.decode()
    assert state_of(v) == before
