"""Served flow runs execute in a fresh subprocess: set Django up there, once."""

from __future__ import annotations

import os


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
