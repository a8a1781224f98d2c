"""Walk the person's one-question-per-page flows the way a browser does."""

from __future__ import annotations

from django.test import Client


def doorloop(client: Client, start: str, antwoorden: dict[str, dict], **start_data: str):
    """Press Start, answer each step the flow asks (by its slug), confirm on the check page.
    Returns the confirmation page, or the first page that came back with an error."""
    response = client.post(start, start_data)
    for _ in range(10):
        if response.status_code != 302:
            return response
        url = response.url
        if url.endswith("/klaar"):
            return client.get(url)
        slug = url.rsplit("/", 1)[1].split("?")[0]
        response = client.post(url, {} if slug == "controle" else antwoorden.get(slug, {}))
    raise AssertionError("the flow did not end")
