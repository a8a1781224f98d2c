"""Issue 9, accounts and headers: staff need a second factor, a guessed password locks the
account, sessions end, cookies and headers hold, and production refuses insecure settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import twofactor
from tests.conftest import staff_client, user

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/medewerker",
    "/medewerker/termijnen",
    "/medewerker/termijnen.csv",
    "/medewerker/klachten",
    "/medewerker/geschillen",
    "/medewerker/signaleringen",
    "/medewerker/signalering",
    "/medewerker/controle",
]


def password_only(username: str) -> Client:
    client = Client()
    response = client.post(
        "/medewerker/inloggen", {"username": username, "password": "demo-wachtwoord"}
    )
    assert response.status_code == 302 and response["Location"] == "/medewerker/tweestaps"
    return client


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_page_stays_closed_after_the_password_alone(region, page):
    client = password_only("tiwos-functionaris")
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerker/tweestaps?next=")


def test_a_write_is_refused_before_the_second_factor(region, make_signalering):
    sig = make_signalering("tiwos", "geregistreerd")
    client = password_only("tiwos-functionaris")
    ending = {"einde": "1", "eindreden": "nieuwe_kans", "toelichting": "Nieuwe kans."}
    response = client.post(f"/medewerker/signaleringen/{sig.pk}", ending)
    assert response.status_code == 302 and "/medewerker/tweestaps" in response["Location"]
    sig.refresh_from_db()
    assert sig.state == "geregistreerd"
    # The same request after the code does end it: the refusal above was the second factor.
    done = staff_client("tiwos-functionaris").post(f"/medewerker/signaleringen/{sig.pk}", ending)
    assert done.status_code == 302
    sig.refresh_from_db()
    assert sig.state != "geregistreerd"


def test_the_api_ignores_a_session_without_the_second_factor(region):
    client = password_only("wiz-privacy_officer")
    assert client.get("/api/v1/verzoeken").status_code in (401, 403)
    assert staff_client("wiz-privacy_officer").get("/api/v1/verzoeken").status_code == 200


def test_enrolling_needs_a_right_code_and_then_opens_the_pages(region):
    client = password_only("tbv-bevrager")
    page = client.get("/medewerker/tweestaps").content.decode()
    assert "Scan deze QR-code" in page and "<svg" in page and "<script" not in page
    device = TOTPDevice.objects.get(user=user("tbv-bevrager"))
    assert not device.confirmed
    wrong = client.post("/medewerker/tweestaps", {"code": "000000"}).content.decode()
    assert "klopt niet" in wrong
    device.refresh_from_db()
    assert not device.confirmed
    device.throttling_failure_count = 0  # the failure above slows the next try down
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(
        "/medewerker/tweestaps?next=/medewerker/controle",
        {"code": twofactor.current_code(device)},
    )
    assert ok.status_code == 302 and ok["Location"] == "/medewerker/controle"
    assert TOTPDevice.objects.get(user=user("tbv-bevrager")).confirmed
    assert client.get("/medewerker/controle").status_code == 200


def test_a_code_is_not_accepted_twice_and_wrong_codes_are_throttled(region):
    member = user("tiwos-directie")
    device = twofactor.seed_device(member)
    first = password_only("tiwos-directie")
    code = twofactor.current_code(device)
    assert first.post("/medewerker/tweestaps", {"code": code}).status_code == 302
    second = password_only("tiwos-directie")
    replay = second.post("/medewerker/tweestaps", {"code": code}).content.decode()
    assert "klopt niet" in replay
    again = second.post("/medewerker/tweestaps", {"code": "123456"}).content.decode()
    assert "Te veel onjuiste codes" in again  # the next try must wait
    assert second.get("/medewerker").status_code == 302


def test_next_after_the_code_never_leaves_the_site(region):
    device = twofactor.seed_device(user("tbv-directie"))
    client = password_only("tbv-directie")
    response = client.post(
        "/medewerker/tweestaps?next=https://evil.example/",
        {"code": twofactor.current_code(device)},
    )
    assert response["Location"] == "/medewerker"


def test_the_person_signs_in_without_an_app(region, make_signalering, betrokkene):
    sig = make_signalering("tiwos", "geregistreerd")
    person, _ = betrokkene(sig)
    client = Client()
    client.force_login(person)
    assert client.get("/mijn").status_code == 200
    assert client.get("/medewerker/tweestaps").status_code == 302  # not for the person


def attempt(username: str, password: str, address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    client.response = client.post(
        "/medewerker/inloggen", {"username": username, "password": password}
    )
    return client


def test_ten_wrong_passwords_lock_the_username_even_with_the_right_one(region):
    for n in range(10):  # from ten addresses: guessing one account from a botnet
        attempt("tbv-functionaris", "geraden", f"10.0.0.{n}")
    locked = attempt("tbv-functionaris", "demo-wachtwoord", "10.0.1.1")
    assert locked.response.status_code == 429
    assert "tijdelijk geblokkeerd" in locked.response.content.decode()
    assert "_auth_user_id" not in locked.session


def test_one_password_sprayed_over_ten_usernames_locks_the_address(region):
    names = [f"{c}-{r}" for c in ("tiwos", "tbv") for r in ("functionaris", "bevrager")]
    for n in range(10):
        attempt(names[n % 4], "Welkom2026!", "10.0.2.2")
    assert attempt("tiwos-directie", "demo-wachtwoord", "10.0.2.2").response.status_code == 429
    ok = attempt("tiwos-directie", "demo-wachtwoord", "10.0.3.3")
    assert ok.response.status_code == 302 and ok.response["Location"] == "/medewerker/tweestaps"


@pytest.mark.parametrize("password", ["kort1!", "password1234", "12345678901234", "tbv-bevrager1"])
def test_weak_staff_passwords_are_refused(region, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=user("tbv-bevrager"))


def test_a_session_ends_after_thirty_idle_minutes_and_each_request_extends_it(region):
    client = staff_client("tiwos-functionaris")
    client.get("/medewerker")
    session = client.session
    assert session.get_expiry_age() == 30 * 60
    assert session.get_expire_at_browser_close()
    first = session.get_expiry_date()
    client.get("/medewerker")
    assert client.session.get_expiry_date() >= first


def test_headers_cookies_and_csp_without_unsafe_inline(region):
    client = staff_client("tiwos-functionaris")
    response = client.get("/medewerker")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    login = Client().get("/medewerker/inloggen")
    cookie = login.cookies["csrftoken"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_no_template_carries_inline_script_or_style():
    root = Path(__file__).resolve().parent.parent
    offenders = [
        str(path.relative_to(root))
        for folder in ("portal/templates", "notifications/templates")
        for path in (root / folder).rglob("*.html")
        if any(mark in path.read_text() for mark in (" style=", "<style", "<script", " on"))
        and _inline(path.read_text())
    ]
    assert offenders == []


def _inline(text: str) -> bool:
    import re

    return bool(re.search(r"\sstyle=|<style|<script(?![^>]*\ssrc=)|\son[a-z]+=", text))


def test_the_admin_site_is_not_served(region):
    assert staff_client("wiz-privacy_officer").get("/admin/").status_code == 404


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "SIGNALERING_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-" + "q7Zp2xLw9" * 4,
        "MATCH_KEY": "a-different-long-random-key-for-matching-0123456789",
        "ANYMAIL_WEBHOOK_SECRET": "esp:a-long-webhook-secret",
        "FIELD_ENCRYPTION_KEYS": "c2lnbmFsZXJpbmctdGVzdC1wcm9kdWN0aWUta2V5LTE=",
        "DJANGO_ALLOWED_HOSTS": "signaleringslijst.example.nl",
        "DATABASE_URL": "postgresql://app@127.0.0.1:5432/unused",
    }
    env.pop("DJANGO_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
