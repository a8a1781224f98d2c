"""Issue 12, ch. 8 and 11: the check pages — used by the functionaris and the region's own
colleague, read by the directie and the privacy officer, and tried by everyone else and with odd
input: a 4xx or a field error that writes nothing, never a 500."""

from __future__ import annotations

import pytest

from states.models import Controle
from states.services import controle as service
from tests.conftest import staff_client
from tests.test_toegangstoets import OPENING

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiwos(region) -> Controle:
    service.open_controles(OPENING)
    return Controle.objects.get(soort="verificatie", deelnemer__code="tiwos")


def test_the_functionaris_finds_the_check_and_records_findings(tiwos, make_signalering):
    client = staff_client("tiwos-functionaris")
    start = client.get("/medewerker").content.decode()
    assert "Periodieke controle" in start and f"/medewerker/controles/{tiwos.pk}" in start
    page = client.get(f"/medewerker/controles/{tiwos.pk}").content.decode()
    assert "Verificatie van de ingevoerde gegevens (hoofdstuk 11), eerste halfjaar 2027" in page
    assert "uiterlijk <strong>29 januari 2027</strong>" in page
    assert "Concepten die ouder zijn dan een maand" in page
    done = client.post(f"/medewerker/controles/{tiwos.pk}", {"bevindingen": "Alles nagelopen."})
    assert done.status_code == 302
    tiwos.refresh_from_db()
    assert tiwos.state == "afgerond" and tiwos.bevindingen == "Alles nagelopen."
    after = client.get(f"/medewerker/controles/{tiwos.pk}").content.decode()
    assert "Alles nagelopen." in after and "Rond de controle af" not in after


@pytest.mark.parametrize(
    "data",
    [{}, {"bevindingen": ""}, {"bevindingen": "x" * 5001}, {"bevindingen": "a\x00b"}],
)
def test_odd_findings_give_a_field_error_and_write_nothing(tiwos, data):
    response = staff_client("tiwos-functionaris").post(f"/medewerker/controles/{tiwos.pk}", data)
    assert response.status_code == 200 and "Er is een probleem" in response.content.decode()
    tiwos.refresh_from_db()
    assert tiwos.state == "open" and tiwos.bevindingen == ""


@pytest.mark.parametrize("who", ["tbv-functionaris", "tbv-directie", "wiz-medewerker_swv"])
def test_other_staff_do_not_find_it(tiwos, who):
    client = staff_client(who)
    assert client.get(f"/medewerker/controles/{tiwos.pk}").status_code == 404
    posted = client.post(f"/medewerker/controles/{tiwos.pk}", {"bevindingen": "Overgenomen."})
    assert posted.status_code == 404
    assert Controle.objects.get(pk=tiwos.pk).state == "open"


@pytest.mark.parametrize("who", ["tiwos-directie", "wiz-privacy_officer"])
def test_the_directie_and_the_privacy_officer_read_but_do_not_finish(tiwos, who):
    client = staff_client(who)
    page = client.get(f"/medewerker/controles/{tiwos.pk}").content.decode()
    assert "Controlelijst" in page and "Rond de controle af" not in page
    refused = client.post(f"/medewerker/controles/{tiwos.pk}", {"bevindingen": "Namens hen."})
    assert refused.status_code == 403
    assert Controle.objects.get(pk=tiwos.pk).state == "open"


def test_the_regions_colleague_carries_out_the_process_check_ch8(tiwos):
    proces = Controle.objects.get(soort="proces")
    client = staff_client("wiz-medewerker_swv")
    assert f"/medewerker/controles/{proces.pk}" in client.get("/medewerker").content.decode()
    listing = client.get("/medewerker/controles").content.decode()
    assert f"/medewerker/controles/{tiwos.pk}" not in listing  # a corporation's own
    done = client.post(f"/medewerker/controles/{proces.pk}", {"bevindingen": "Proces in orde."})
    assert done.status_code == 302 and Controle.objects.get(pk=proces.pk).state == "afgerond"
