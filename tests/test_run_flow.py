"""`manage.py run_flow NAME --now …` runs the scheduled flow code once, at the given moment."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

from states.models import Signalering

pytestmark = pytest.mark.django_db


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
def test_time_travel_expiry_then_dispatch_tells_and_purges(make_signalering):
    sig = make_signalering("tiwos", "geblokkeerd", ingangsdatum=date(2025, 1, 10))
    assert sig.einddatum == date(2027, 1, 10)
    out = StringIO()
    call_command("run_flow", "expire-signaleringen", now="2027-01-09T22:00:00+01:00", stdout=out)
    assert "'ended': 0" in out.getvalue()
    call_command("run_flow", "expire-signaleringen", now="2027-01-10T00:05:00+01:00", stdout=out)
    sig.refresh_from_db()
    assert (sig.state, sig.eindreden) == ("beeindigd", "termijn_verstreken")

    mail.outbox.clear()
    call_command("run_flow", "dispatch-outbox", now="2027-01-10T00:10:00+01:00", stdout=out)
    removal = [m for m in mail.outbox if "niet meer op de Signaleringslijst" in m.subject]
    assert len(removal) == 1 and removal[0].to == ["jantje.zwartkruis@example.org"]
    assert Signalering.objects.get(pk=sig.pk).state == "verwijderd"


def test_run_flow_refuses_unknown_names_and_naive_times(region):
    with pytest.raises(CommandError):
        call_command("run_flow", "bestaat-niet")
    with pytest.raises(CommandError):
        call_command("run_flow", "expire-signaleringen", now="2027-01-10T00:05:00")
