"""The staff's second factor: a TOTP app (django-otp). The person signs in with a code sent to
their own address instead (portal.signin), which is already something they have."""

from __future__ import annotations

import time
from typing import Any

import qrcode
import qrcode.image.svg
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from states.models import Medewerker


def is_staff(user: Any) -> bool:
    """Staff of the region (every role but the person) need the second factor."""
    return user.is_authenticated and Medewerker.objects.filter(user=user).exists()


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: Any) -> TOTPDevice:
    """The device being enrolled: one per user, kept across reloads until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG: no script, no style, so the CSP allows it."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def secret_text(device: TOTPDevice) -> str:
    """The key as an authenticator app asks to type it: base32, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def current_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code an app would show now — for the demo command and the tests, never a page."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    if totp.t() <= device.last_t:  # this window's code was used: the next one is accepted too
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


def seed_device(user: Any) -> TOTPDevice:
    """A confirmed device for a demo user (idempotent); `manage.py demo_code` shows its code."""
    return confirmed_device(user) or TOTPDevice.objects.create(user=user, name="demo")
