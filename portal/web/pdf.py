"""HTML to PDF with WeasyPrint: the report's own template, its SVG charts drawn as vectors, and
DejaVu Sans embedded (the letters' font), so the PDF reads the same on every machine. Nothing is
fetched from the network: only the bundled font and stylesheet may be loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders

FONTS = Path(__file__).resolve().parents[2] / "notifications" / "fonts"
STYLESHEET = "portal/jaarverslag_pdf.css"


def _toegestaan(url: str) -> bool:
    mappen = (FONTS.as_uri() + "/", Path(finders.find(STYLESHEET)).parent.as_uri() + "/")
    return url.startswith(mappen) and ".." not in url


def fetcher() -> Any:
    """WeasyPrint's own fetcher, for the bundled font and stylesheet only: nothing from the
    network, no other file on the machine, whatever a report's text might contain."""
    from weasyprint import URLFetcher

    class AlleenLokaal(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not _toegestaan(url):
                raise ValueError("Het verslag laadt alleen zijn eigen lettertype en stijl.")
            return super().fetch(url, headers)

    return AlleenLokaal(allowed_protocols={"file"})


def html_naar_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts, lokaal = FontConfiguration(), fetcher()
    regular, bold = (FONTS / "DejaVuSans.ttf").as_uri(), (FONTS / "DejaVuSans-Bold.ttf").as_uri()
    lettertype = CSS(
        string=(
            f"@font-face {{ font-family: Verslag; src: url('{regular}'); }}"
            f"@font-face {{ font-family: Verslag; font-weight: bold; src: url('{bold}'); }}"
        ),
        font_config=fonts,
        url_fetcher=lokaal,
    )
    stijl = CSS(filename=finders.find(STYLESHEET), font_config=fonts, url_fetcher=lokaal)
    document = HTML(string=html, url_fetcher=lokaal, base_url=FONTS.as_uri() + "/")
    return document.write_pdf(stylesheets=[lettertype, stijl], font_config=fonts)
