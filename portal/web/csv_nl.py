"""CSV that opens directly in Excel NL: UTF-8 with a BOM, semicolons, dd-mm-jjjj, Dutch headers,
and no cell Excel would run as a formula."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse

from states.clock import AMSTERDAM

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def cel(value: Any) -> Any:
    """One cell: numbers as numbers, dates the Dutch way, text never as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    return "'" + text if text[:1] in FORMULE_TEKENS else text


def csv_response(
    bestandsnaam: str, kolommen: Sequence[str], rijen: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([cel(k) for k in kolommen])
    for rij in rijen:
        writer.writerow([cel(v) for v in rij])
    return response
