"""HTML to PDF with WeasyPrint: the report's own template, its SVG charts drawn as vectors, and
DejaVu Sans embedded (the letters' font), so the PDF reads the same on every machine. Nothing is
fetched from the network: only the bundled font and stylesheet may be loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders

FONTS = Path(__file__).resolve().parents[2] / "notifications" / "fonts"
STYLESHEET = "portal/jaarverslag_pdf.css"


def _alleen_lokaal(url: str, **kwargs: Any) -> dict[str, Any]:
    from weasyprint import default_url_fetcher

    if not url.startswith("file://"):
        raise ValueError("Het verslag laadt niets van buiten.")
    toegestaan = (FONTS.as_uri(), Path(finders.find(STYLESHEET)).parent.as_uri())
    if not url.startswith(toegestaan):
        raise ValueError("Alleen het lettertype en de stijl van het verslag.")
    return default_url_fetcher(url, **kwargs)


def html_naar_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    regular, bold = (FONTS / "DejaVuSans.ttf").as_uri(), (FONTS / "DejaVuSans-Bold.ttf").as_uri()
    lettertype = CSS(
        string=(
            f"@font-face {{ font-family: Verslag; src: url('{regular}'); }}"
            f"@font-face {{ font-family: Verslag; font-weight: bold; src: url('{bold}'); }}"
        ),
        font_config=fonts,
        url_fetcher=_alleen_lokaal,
    )
    stijl = CSS(filename=finders.find(STYLESHEET), font_config=fonts, url_fetcher=_alleen_lokaal)
    document = HTML(string=html, url_fetcher=_alleen_lokaal, base_url=FONTS.as_uri() + "/")
    return document.write_pdf(stylesheets=[lettertype, stijl], font_config=fonts)
