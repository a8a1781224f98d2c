"""Attachments live in the case file, in the database, so erasing the case erases them too."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from states.crypto import EncryptedBinaryField


class Bijlage(models.Model):
    case_type = models.CharField(max_length=20)
    case_id = models.BigIntegerField()
    naam = models.CharField(max_length=200)
    mime_type = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField()
    inhoud = EncryptedBinaryField()  # encrypted at rest (states.crypto)
    toegevoegd_op = models.DateTimeField()
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["case_type", "case_id"], name="bijlage_case")]

    def __str__(self) -> str:
        return f"Bijlage #{self.pk}"
