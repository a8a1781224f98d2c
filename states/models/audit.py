"""The read log: every read of personal data, who, when, which record, for what purpose."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Raadpleging(models.Model):
    class Actie(models.TextChoices):
        LIJST = "lijst", "Lijst geraadpleegd"
        DETAIL = "detail", "Signalering geraadpleegd"
        CATEGORIE = "categorie", "Categorie geopend voor een concrete kandidatuur"
        MATCH_CHECK = "match_check", "Blokkade gecontroleerd"
        MATCH = "match", "Match beoordeeld"
        BRIEF = "brief", "Brief gelezen"
        KOPIE = "kopie", "Volledige kopie (inzage, art. 15 lid 3 AVG) gedownload"

    class Doel(models.TextChoices):
        BEHEER = "beheer", "Beheer door de primaire bron of het samenwerkingsverband"
        TOEZICHT = "toezicht", "Toezicht door de privacy officer"
        KANDIDAATSTELLING = "kandidaatstelling", "Controle van een kandidaat voor een woning"
        URGENTIE = "urgentie", "Toekenning van een urgentie"
        VERZOEK_BETROKKENE = "verzoek_betrokkene", "Op verzoek van betrokkene (art. 15 AVG)"
        TOEWIJZING = "toewijzing", "Controle door het toewijzingssysteem"

    tijdstip = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    rol = models.CharField(max_length=30)
    deelnemer_id = models.BigIntegerField(null=True)
    # A plain id, not a foreign key: the log outlives a discarded concept.
    signalering_id = models.BigIntegerField(null=True, db_index=True)
    case_type = models.CharField(max_length=20, blank=True)
    case_id = models.BigIntegerField(null=True)
    actie = models.CharField(max_length=20, choices=Actie.choices)
    doel = models.CharField(max_length=30, choices=Doel.choices)
    kenmerk = models.CharField(
        max_length=60, blank=True, help_text="Kenmerk van de kandidatuur of urgentieaanvraag."
    )

    class Meta:
        ordering = ["-tijdstip"]

    def __str__(self) -> str:
        return f"Raadpleging #{self.pk}"


class Wissingslog(models.Model):
    """What the erasure path changed in the read log and the history tables, written by the
    database itself (a statement trigger): which table, how, how many rows, why — never whose."""

    tijdstip = models.DateTimeField()
    tabel = models.CharField(max_length=63)
    bewerking = models.CharField(max_length=10)
    aantal = models.PositiveIntegerField()
    reden = models.CharField(max_length=40)

    class Meta:
        ordering = ["-tijdstip"]

    def __str__(self) -> str:
        return f"{self.bewerking} {self.aantal} × {self.tabel} ({self.reden})"
