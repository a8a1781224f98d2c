"""Issue 12, the yearly report on the web (ch. 21–22): the page, the PDF with its fonts embedded
and its charts drawn, a CSV per table; a corporation sees only its own report; odd input is a
400 that reveals nothing, never a 500."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from states.demo.builder import build_demo_data
from states.models import Deelnemer, Medewerker, Samenwerkingsverband
from tests.conftest import staff_client
from tests.test_browser import ARTIFACTS

pytestmark = pytest.mark.django_db
PDF_ARTIFACTS = ARTIFACTS.parent / "jaarverslag"


def test_ch21_the_region_report_page_has_its_charts_tables_and_downloads(region, now):
    page = staff_client("wiz-medewerker_swv").get("/medewerker/jaarverslag?jaar=2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Jaarverslag 2026: Woning in Zicht</h1>" in html
    assert "Het jaar 2026 loopt nog: dit verslag telt tot en met 23 november 2026." in html
    for grafiek in ("grafiek-termijnen", "grafiek-open", "grafiek-uitkomsten"):
        assert f'aria-labelledby="{grafiek}-t {grafiek}-d"' in html
    for sleutel in ("signaleringen", "termijnen", "te_laat", "buiten_kantoortijd", "controles"):
        assert f"/medewerker/jaarverslag/{sleutel}.csv?jaar=2026" in html
    assert "/medewerker/jaarverslag.pdf?jaar=2026" in html


def test_ch21_without_a_year_the_report_is_last_years(region, now):
    html = staff_client("wiz-privacy_officer").get("/medewerker/jaarverslag").content.decode()
    assert "<h1>Jaarverslag 2025: Woning in Zicht</h1>" in html


def test_ch21_a_corporation_sees_its_own_report_and_never_anothers(region, now):
    tiwos = Deelnemer.objects.get(code="tiwos")
    web = staff_client("tbv-directie")
    eigen = web.get("/medewerker/jaarverslag?jaar=2026")
    assert eigen.status_code == 200 and "Jaarverslag 2026: Stichting TBV" in eigen.content.decode()
    for pad in (
        "/medewerker/jaarverslag",
        "/medewerker/jaarverslag.pdf",
        "/medewerker/jaarverslag/signaleringen.csv",
    ):
        anders = web.get(f"{pad}?jaar=2026&corporatie={tiwos.pk}")
        assert anders.status_code == 400, pad
        assert "TIWOS" not in anders.content.decode(errors="replace")
        assert "Kies een corporatie uit de lijst." in anders.content.decode(errors="replace")
    # The whole region is not a corporation's to see either.
    regio = web.get("/medewerker/jaarverslag?jaar=2026&corporatie=")
    assert regio.status_code == 400


ODD = [
    {"jaar": "9999"},
    {"jaar": "1999"},
    {"jaar": "abc"},
    {"jaar": "2026\x00"},
    {"jaar": "9" * 5000},
    {"jaar": "31-02-2026"},
    {"jaar": "-1"},
    {"jaar": "2026", "corporatie": "abc"},
    {"jaar": "2026", "corporatie": "\x00"},
    {"jaar": "2026", "corporatie": "9" * 5000},
]


@pytest.mark.parametrize("query", ODD, ids=lambda q: repr(q)[:40])
@pytest.mark.parametrize(
    "pad",
    [
        "/medewerker/jaarverslag",
        "/medewerker/jaarverslag.pdf",
        "/medewerker/jaarverslag/termijnen.csv",
    ],
)
def test_odd_input_is_a_clear_400_never_a_500(region, now, query, pad):
    answer = staff_client("wiz-medewerker_swv").get(pad, query)
    assert answer.status_code == 400
    assert (
        answer.content.decode(errors="replace").count("Kies")
        + answer.content.decode(errors="replace").count("Vul")
        >= 1
    )


def test_another_regions_corporation_is_not_in_the_list(region, now):
    andere = Samenwerkingsverband.objects.create(code="elders", naam="Elders")
    vreemd = Deelnemer.objects.create(samenwerkingsverband=andere, code="vreemd", naam="Vreemd")
    answer = staff_client("wiz-medewerker_swv").get(
        "/medewerker/jaarverslag", {"jaar": "2026", "corporatie": vreemd.pk}
    )
    assert answer.status_code == 400 and "Vreemd" not in answer.content.decode()


def test_an_unknown_table_is_a_404(region, now):
    assert (
        staff_client("wiz-medewerker_swv")
        .get("/medewerker/jaarverslag/bestaatniet.csv?jaar=2026")
        .status_code
        == 404
    )


def test_ch21_each_table_downloads_as_excel_nl_csv_without_formulas(region, now):
    from django.contrib.auth import get_user_model

    tiwos = Deelnemer.objects.get(code="tiwos")
    user = get_user_model().objects.create_user("=HYPERLINK(1)")
    Medewerker.objects.create(
        user=user, samenwerkingsverband=region, deelnemer=tiwos, rol="bevrager"
    )
    answer = staff_client("wiz-medewerker_swv").get(
        "/medewerker/jaarverslag/gebruikers.csv?jaar=2026"
    )
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="jaarverslag-2026-gebruikers.csv"'
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeffTijdstip;Gebruiker;Corporatie;Wijziging;Door")
    assert "'=HYPERLINK(1);" in text and ";=HYPERLINK" not in text


def _pdf(client, query: str, naam: str) -> PdfReader:
    answer = client.get(f"/medewerker/jaarverslag.pdf?{query}")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    PDF_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (PDF_ARTIFACTS / f"{naam}.pdf").write_bytes(answer.content)
    return PdfReader(io.BytesIO(answer.content))


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font the pages use, and whether its program is embedded in the file."""
    found = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return found


def _blauwe_punten(png) -> int:
    """Pixels of the charts' blue (#00527a), give or take anti-aliasing."""
    return sum(
        1
        for r, g, b in png.convert("RGB").get_flattened_data()
        if abs(r - 0) < 20 and abs(g - 82) < 20 and abs(b - 122) < 20
    )


def test_ch21_the_demo_regions_report_as_pdf_embeds_its_fonts_and_draws_its_charts(
    region, now, caplog
):
    import logging

    import pypdfium2

    build_demo_data(region, now)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        reader = _pdf(staff_client("wiz-privacy_officer"), "jaar=2026", "demo-regio-2026")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
    fonts = _fonts(reader)
    assert fonts and all(fonts.values()), fonts  # every font embedded
    # Only the bundled DejaVu Sans, under the report's own family name: the charts' text too.
    assert all("Verslag" in naam for naam in fonts), fonts
    tekst = "".join(p.extract_text() for p in reader.pages)
    for kop in (
        "Jaarverslag 2026",
        "In één oogopslag",
        "Termijnen: op tijd gehaald",
        "Periodieke controles",
    ):
        assert kop in tekst
    document = pypdfium2.PdfDocument((PDF_ARTIFACTS / "demo-regio-2026.pdf").read_bytes())
    blauw = 0
    for i in range(len(document)):
        beeld = document[i].render(scale=1.5).to_pil()
        beeld.save(PDF_ARTIFACTS / f"demo-regio-2026-p{i + 1}.png")
        blauw += _blauwe_punten(beeld) if i == 0 else 0
    assert blauw > 500  # the first page's charts are drawn, not only their captions


def test_ch21_the_outcomes_chart_keeps_disputes_and_hardship_requests_apart(region, now):
    build_demo_data(region, now)  # a dispute awaiting advice and a hardship request undecided
    html = staff_client("wiz-privacy_officer").get("/medewerker/jaarverslag?jaar=2026").content
    svg = html.decode().split('id="grafiek-uitkomsten-t"')[1].split("</svg>")[0]
    for groep in ("Verzoeken", "Klachten", "Geschillen", "Hardheidsclausule"):
        assert f'font-weight="bold">{groep}</text>' in svg
    assert "Nog geen advies" in svg and "Nog niet beslist" in svg


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/font.ttf",
        "file:///etc/passwd",
        "{fonts}-x/DejaVuSans.ttf",
        "{fonts}/../../portal/settings.py",
    ],
)
def test_the_pdf_loads_nothing_but_its_own_font_and_stylesheet(url):
    from portal.web.pdf import FONTS, fetcher

    with pytest.raises(ValueError):
        fetcher().fetch(url.format(fonts=FONTS.as_uri()))
    eigen = fetcher().fetch((FONTS / "DejaVuSans.ttf").as_uri())  # its own font still loads
    assert eigen.read(4) == b"\x00\x01\x00\x00"  # a TrueType font


def test_each_csv_is_the_table_of_its_name_built_alone(region, now):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from states.jaarverslag import Bereik, een_tabel, maak

    bereik = Bereik(region.pk, 2026)
    heel = maak(bereik, now)
    for tabel in heel.tabellen:
        with CaptureQueriesContext(connection) as q:
            alleen = een_tabel(bereik, now, tabel.sleutel)
        assert (alleen.sleutel, alleen.rijen) == (tabel.sleutel, tabel.rijen)
        assert len(q) <= 8, tabel.sleutel  # the shared lookups and its own, not the whole report
