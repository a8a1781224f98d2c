"""Letters as letters: letterhead, address block, place and date, reference, subject, body and
signature, the same on the portal page and on paper; the PDF embeds its fonts and prints every
character as written (€, „quotes”, dashes, ë)."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from notifications import delivery
from notifications.letter_layout import Block, blocks, build_letter
from notifications.letters import render_pdf
from notifications.models import OutboxMessage
from notifications.rendering import render
from states.models import Raadpleging
from tests.portaal_stappen import doorloop

pytestmark = pytest.mark.django_db

MOTIVERING = "Schade van € 12.480 – „opzettelijk” toegebracht, zie rapport van de heer Citroën."


def pdf_text(pdf: bytes) -> str:
    """The text of the PDF with its line breaks as spaces: a line may wrap anywhere."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(sheet.extract_text() or "" for sheet in reader.pages).split())


def embedded_fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(font name, has an embedded TrueType program) for every font the pages use."""
    fonts = []
    for sheet in PdfReader(io.BytesIO(pdf)).pages:
        for font in sheet["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts.append((str(font["/BaseFont"]), "/FontFile2" in descriptor))
    return fonts


def test_printed_letter_keeps_every_character_and_embeds_its_fonts(make_signalering, now):
    sig = make_signalering("tiwos", "geregistreerd", email="", termijn_motivering=MOTIVERING)
    assert delivery.queue_letters(now) == 1
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    pdf = bytes(row.pdf)
    text = pdf_text(pdf)
    assert MOTIVERING in text  # €, „ ”, – and ë exactly, nothing replaced by ? or EUR
    assert "TIWOS, Tilburgse Woonstichting" in text  # letterhead: the corporation that sends it
    assert "Stationsstraat 24" in text and "signalering@tiwos.nl" in text
    assert "Jantje Zwartkruis Lindelaan 12 5038 AB Tilburg" in text  # address block
    assert "Tilburg, 23 november 2026" in text  # place and Dutch long date
    assert f"Ons kenmerk signalering {sig.pk}" in text
    assert "Onderwerp Uw registratie op de Signaleringslijst ongewenst huurdersgedrag" in text
    assert "Met vriendelijke groet," in text
    assert "Datum:" not in text and "Aan:" not in text  # the e-mail header is now the layout
    fonts = embedded_fonts(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("DejaVuSans" in name for name, _ in fonts)  # no unembedded core font (Helvetica)


def test_a_letter_without_an_address_says_so_and_is_still_dated(region, now):
    from notifications.letter_layout import long_date

    rendered = render("verzoek_ontvangen", {"naam": "Ëlla de Vries", "zaak": "verzoek #3"})
    context = {"datum_brief": "2026-11-23", "samenwerkingsverband": "Woning in Zicht"}
    letter = build_letter(
        rendered, context, to_name="Ëlla de Vries", case_type="verzoek", case_id=3
    )
    assert letter.recipient_lines == ("Ëlla de Vries", "(geen adres bekend)")
    assert build_letter(rendered, context).recipient_lines == ("(geen adres bekend)",)  # no name
    assert letter.place_date == "23 november 2026" == long_date("2026-11-23", "nl")
    assert letter.sender_name == "Woning in Zicht"
    text = pdf_text(render_pdf(rendered, "Ëlla de Vries", "", context=context))
    assert "Ëlla de Vries (geen adres bekend)" in text


def person_client(betrokkene, sig) -> Client:
    person, _ = betrokkene(sig)
    client = Client()
    client.force_login(person)
    return client


def test_the_person_reads_the_letter_as_a_letter_and_the_read_is_logged(
    make_signalering, betrokkene
):
    sig = make_signalering("tiwos", "geregistreerd", termijn_motivering=MOTIVERING)
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    client = person_client(betrokkene, sig)
    before = Raadpleging.objects.filter(actie=Raadpleging.Actie.BRIEF).count()
    html = client.get(f"/mijn/brief/{row.pk}").content.decode()
    letter = re.search(r'<article class="brief" lang="nl">(.*?)</article>', html, re.S).group(1)
    header = re.search(r'<header class="brief-briefhoofd">(.*?)</header>', letter, re.S).group(1)
    assert "TIWOS, Tilburgse Woonstichting" in header and "5038 ED Tilburg" in header
    assert "Jantje Zwartkruis<br>Lindelaan 12<br>5038 AB Tilburg" in letter
    assert "Tilburg, 23 november 2026" in letter
    assert f"<dt>Ons kenmerk</dt><dd>signalering {sig.pk}</dd>" in letter
    assert "<dt>Onderwerp</dt><dd>Uw registratie op de Signaleringslijst" in letter
    assert '<p class="brief-kop">Termijn van opname</p>' in letter
    assert MOTIVERING in letter
    signature = re.search(r'<footer class="brief-ondertekening">(.*?)</footer>', letter, re.S)
    assert "Met vriendelijke groet," in signature.group(1)
    assert "TIWOS, Tilburgse Woonstichting" in signature.group(1)
    assert "Datum:" not in letter
    # Reading the letter, on the page and as PDF, is logged as before.
    pdf = client.get(f"/mijn/brief/{row.pk}?pdf=1")
    assert MOTIVERING in pdf_text(pdf.content)
    assert Raadpleging.objects.filter(actie=Raadpleging.Actie.BRIEF).count() == before + 2


def test_a_letter_in_english_has_an_english_date_and_labels(make_signalering, betrokkene):
    sig = make_signalering("tiwos", "geregistreerd")
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    OutboxMessage.objects.filter(pk=row.pk).update(language="en")  # the person chose English
    client = person_client(betrokkene, sig)
    html = client.get(f"/mijn/brief/{row.pk}").content.decode()
    assert '<article class="brief" lang="en">' in html
    assert "Tilburg, 23 November 2026" in html
    assert f"<dt>Our reference</dt><dd>signalering {sig.pk}</dd>" in html
    assert "<p>Kind regards,</p>" in html
    text = pdf_text(client.get(f"/mijn/brief/{row.pk}?pdf=1").content)
    assert "Tilburg, 23 November 2026" in text and "Page 1 of" in text


def test_staff_preview_shows_the_letter_as_it_will_go(make_signalering, betrokkene):
    from tests.conftest import staff_client

    sig = make_signalering("tiwos", "geregistreerd")
    client = person_client(betrokkene, sig)
    doorloop(client, "/mijn/klacht", {"gronden": {"gronden": "Onterecht."}})
    klacht = OutboxMessage.objects.filter(case_type="klacht").first().case_id
    directie = staff_client("tiwos-directie")
    form = {"oordeel": "ongegrond", "motivering": "Het vonnis – € 980 – staat vast."}
    form["adres_gehuurde_woning"] = "Kerkstraat 1, 5038 AA Tilburg"
    html = directie.post(f"/medewerker/klacht/{klacht}", form).content.decode()
    preview = re.search(r'<article class="brief".*?</article>', html, re.S).group(0)
    assert 'aria-label="Voorbeeld van de brief"' in preview
    assert f"<dd>klacht {klacht}</dd>" in preview
    assert "Tilburg, 23 november 2026" in preview
    assert "Het vonnis – € 980 – staat vast." in preview


def test_the_geschillencommissie_signs_for_the_samenwerkingsverband(region):
    from tests.test_templates_en import CONTEXT

    rendered = render("advies_uitkomst", CONTEXT)
    letter = build_letter(rendered, CONTEXT, to_name="Jantje Zwartkruis", to_address="")
    assert letter.sender_name == "Woning in Zicht"  # not the corporation the dispute is about
    assert letter.closing == "Met vriendelijke groet,"
    assert letter.signature == ("Secretaris Geschillencommissie Woning in Zicht",)  # a function


def test_page_and_paper_show_the_same_letter_in_the_same_order(make_signalering, betrokkene):
    sig = make_signalering("tiwos", "geregistreerd")
    row = OutboxMessage.objects.get(case_id=sig.pk, template="plaatsing")
    client = person_client(betrokkene, sig)
    html = client.get(f"/mijn/brief/{row.pk}").content.decode()
    text = pdf_text(client.get(f"/mijn/brief/{row.pk}?pdf=1").content)
    headings = re.findall(r'<p class="brief-kop">(.*?)</p>', html)
    assert len(headings) >= 8
    parts = ["TIWOS, Tilburgse Woonstichting", "Lindelaan 12", "Tilburg, 23 november 2026"]
    parts += ["Ons kenmerk", "Onderwerp", "Geachte heer/mevrouw,", *headings]
    parts += ["Met vriendelijke groet,"]
    positions = [text.find(part) for part in parts]
    assert -1 not in positions and positions == sorted(positions), list(
        zip(parts, positions, strict=True)
    )


WRAP = "x" * 85  # a line the template wrapped: long, no full stop


def para(*lines: str) -> Block:
    return Block("paragraph", lines)


def items(*lines: str) -> Block:
    return Block("list", lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A sentence the template wrapped is one paragraph again.
        (f"{WRAP}\nverder.", [para(f"{WRAP} verder.")]),
        # A next line in lower case continues the sentence, however short the first.
        ("Het protocol zegt\ndat het kan.", [para("Het protocol zegt dat het kan.")]),
        # Short lines that stand alone (an address) keep their line breaks.
        ("Richt het aan:\nDirectie TIWOS\nStationsstraat 24",
         [para("Richt het aan:", "Directie TIWOS", "Stationsstraat 24")]),
        # A short first line without a full stop, above more text, is a heading.
        ("Termijn van opname\nU staat erop.",
         [Block("heading", ("Termijn van opname",)), para("U staat erop.")]),
        # A label with a value is no heading, and the next label is its own line.
        ("Oordeel: ongegrond\nRedenen: zie hieronder",
         [para("Oordeel: ongegrond", "Redenen: zie hieronder")]),
        # List items, an indented line continuing its item, then text again.
        ("- een\n  Grond: x.\n- twee\nDaarna.", [items("een\nGrond: x.", "twee"), para("Daarna.")]),
    ],
)  # fmt: skip
def test_the_e_mail_text_becomes_paragraphs_headings_and_lists(text, expected):
    assert blocks(text) == expected


def test_staff_preview_is_in_the_language_the_letter_goes_in(make_signalering, now):
    from states.services import klacht as klacht_service
    from states.services.intake import Indiening
    from tests.conftest import actor, staff_client

    sig = make_signalering("tiwos", "geregistreerd")
    indiening = Indiening(naam="J. Zwartkruis", signalering_id=sig.pk, taal="en")
    k = klacht_service.dien_in(actor("wiz-privacy_officer"), "a", "Wrong.", indiening, now)
    form = {"oordeel": "ongegrond", "motivering": "The ruling stands."}
    form["adres_gehuurde_woning"] = "Kerkstraat 1, 5038 AA Tilburg"
    html = staff_client("tiwos-directie").post(f"/medewerker/klacht/{k.pk}", form).content
    preview = re.search(r'<article class="brief".*?</article>', html.decode(), re.S).group(0)
    assert "Tilburg, 23 November 2026" in preview and "The ruling stands." in preview
