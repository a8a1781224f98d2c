"""API shapes. Input serializers check form; the domain (states.policy) checks the rules."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rest_framework import serializers

from portal import clock
from states.clock import local_date
from states.models import Match, Signalering
from states.models.signalering import Eindreden, Geslacht, SignaleringState
from states.policy import EERSTE_DATUM, Reden
from states.services.correctie import herziening
from states.services.signalering import ADRES, BEZWAAR, IDENTITEIT, Gegevens


class Tekst(serializers.CharField):
    """Text, and only text: a number or a list where text belongs is a 400, not silently
    turned into a string (DRF's CharField would accept 0 as "0")."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def query_choice(request: Any, name: str, choices: list[str], default: str = "") -> str:
    """A filter from the query string: one of `choices`; absent or empty means the default;
    anything else is a clear 400."""
    value = request.query_params.get(name) or default
    if value and value not in choices:
        raise serializers.ValidationError({name: [f"Kies uit: {', '.join(choices)}."]})
    return value


def choice_values(model: Any, field: str) -> list[str]:
    return [value for value, _ in model._meta.get_field(field).choices]


def filter_enum(choices: list[str]) -> list[str]:
    """A filter's documented values: the choices, and empty for 'no filter' (the default)."""
    return ["", *choices]


class Datum(serializers.DateField):
    """A date that has happened: from 1900 to tomorrow (a time zone's width). Year 9999 or
    1 January 0001 is a typo, answered with a clear 400."""

    def to_internal_value(self, value: Any) -> date:
        result = super().to_internal_value(value)
        if not EERSTE_DATUM <= result <= local_date(clock.now()) + timedelta(days=1):
            raise serializers.ValidationError("Een datum tussen 1 januari 1900 en vandaag.")
        return result


class Moment(serializers.DateTimeField):
    """A moment that has happened: from 1900 to now (a clock's width of a day). A breach
    'discovered' in the year 298 or next year is a typo, answered with a clear 400."""

    def to_internal_value(self, value: Any) -> Any:
        result = super().to_internal_value(value)
        now = clock.now()
        if not EERSTE_DATUM <= local_date(result) <= local_date(now) + timedelta(days=1):
            raise serializers.ValidationError("Een moment tussen 1 januari 1900 en nu.")
        return result


class RedenSerializer(serializers.Serializer):
    criterium = Tekst(max_length=5)
    grond = Tekst(max_length=6)


class PersoonSerializer(serializers.Serializer):
    voornaam = Tekst(max_length=100, required=False, allow_blank=True)
    voorletters = Tekst(max_length=20, required=False, allow_blank=True)
    achternaam = Tekst(max_length=150, required=False, allow_blank=True)
    geboortedatum = Datum(required=False)
    geslacht = serializers.ChoiceField(choices=Geslacht.choices, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    straat = Tekst(max_length=150, required=False, allow_blank=True)
    huisnummer = Tekst(max_length=20, required=False, allow_blank=True)
    postcode = Tekst(max_length=10, required=False, allow_blank=True)
    woonplaats = Tekst(max_length=100, required=False, allow_blank=True)
    bezwaar_aanhangig = serializers.BooleanField(required=False)
    uitkomst_bezwaar = Tekst(max_length=300, required=False, allow_blank=True)

    def persoon(self) -> dict[str, Any]:
        fields = IDENTITEIT + ADRES + BEZWAAR
        return {k: v for k, v in self.validated_data.items() if k in fields}


class SignaleringInvoerSerializer(PersoonSerializer):
    """A new signalering (concept). Unknown fields are refused: nothing beyond ch. 12.1."""

    deelnemer = serializers.SlugField(required=False, help_text="Code van de primaire bron.")
    redenen = RedenSerializer(many=True)
    ingangsdatum = Datum(help_text="Ontruiming, vrijwillig vertrek of uitsluiting; nooit later.")
    datum_uitzetting = Datum(required=False, allow_null=True)
    bedrag = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=0,
        help_text="Openstaand bedrag bij categorie D; bepaalt de termijn en wordt niet bewaard.",
    )
    termijnen = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=600),
        required=False,
        help_text="De gekozen termijn in maanden per categorie, hoogstens het maximum (ch. 7), "
        'bijv. {"B": 18, "D": 60}.',
    )
    termijn_maanden = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=600,
        help_text="Kortweg: deze termijn voor elke categorie (bij één categorie).",
    )
    termijn_motivering = Tekst(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="Waarom deze termijn: ernst en gevolgen van het gedrag (verplicht, ch. 7).",
    )

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = set(data) - set(self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {f: ["Dit gegeven wordt niet vastgelegd (protocol 12.1)."] for f in unknown}
                )
        return super().to_internal_value(data)

    def gegevens(self) -> Gegevens:
        data = self.validated_data
        return Gegevens(
            redenen=[Reden(r["criterium"], r["grond"]) for r in data["redenen"]],
            ingangsdatum=data["ingangsdatum"],
            datum_uitzetting=data.get("datum_uitzetting"),
            bedrag=data.get("bedrag"),
            termijnen=data.get("termijnen"),
            termijn_maanden=data.get("termijn_maanden"),
            termijn_motivering=data.get("termijn_motivering", ""),
            persoon=self.persoon(),
        )


class SignaleringWijzigSerializer(SignaleringInvoerSerializer):
    deelnemer = None
    redenen = RedenSerializer(many=True, required=False)
    ingangsdatum = Datum(required=False)
    reden = Tekst(required=False, allow_blank=True, max_length=300)

    def gegevens_of_none(self, huidig: Signalering) -> Gegevens | None:
        data = self.validated_data
        return herziening(huidig, data)


class Geheel(serializers.IntegerField):
    """Digits only: DRF would take '1.0' for 1, which the schema (an integer) does not allow."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, str) and not data.strip().isdigit():
            self.fail("invalid")
        return super().to_internal_value(data)


class LijstParametersSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=SignaleringState.choices,
        required=False,
        allow_blank=True,
        help_text="Leeg: alle toestanden.",
    )
    offset = Geheel(min_value=0, max_value=2**31 - 1, default=0)
    limit = Geheel(min_value=1, max_value=500, default=100)


class TransitieSerializer(serializers.Serializer):
    reden = Tekst(required=False, allow_blank=True, max_length=500)
    eindreden = serializers.ChoiceField(choices=Eindreden.choices, required=False)


class MatchBeoordelingSerializer(serializers.Serializer):
    blokkeren = serializers.BooleanField(default=False)
    blokkade_start = serializers.DateField(required=False, allow_null=True)
    blokkade_eind = serializers.DateField(required=False, allow_null=True)
    reden = Tekst(required=False, allow_blank=True, max_length=500)


class CategorieVerzoekSerializer(serializers.Serializer):
    inschrijfnummer = Tekst(max_length=40)
    voornaam = Tekst(max_length=100)
    achternaam = Tekst(max_length=150)
    geboortedatum = Datum()
    doel = serializers.ChoiceField(choices=["kandidaatstelling", "urgentie"])
    kenmerk = Tekst(max_length=60)


class MatchCheckSerializer(serializers.Serializer):
    inschrijfnummer = Tekst(max_length=40)
    voornaam = Tekst(max_length=100)
    achternaam = Tekst(max_length=150)
    geboortedatum = serializers.DateField()


class SignaleringVolledigSerializer(serializers.ModelSerializer):
    primaire_bron = serializers.SlugRelatedField(slug_field="code", read_only=True)
    protocol_versie = Tekst(source="protocol_versie.versie", read_only=True)
    functionaris = Tekst(source="functionaris.get_full_name", default="")
    zicht = serializers.SerializerMethodField()

    class Meta:
        model = Signalering
        exclude = ["match_sleutel", "samenwerkingsverband"]

    def get_zicht(self, obj: Signalering) -> str:
        return "volledig"


class SignaleringRestantSerializer(serializers.ModelSerializer):
    """The anonymous tombstone after purge: categories, month and year of start and end, end
    reason and participant (ch. 12.4) — no exact date."""

    primaire_bron = serializers.SlugRelatedField(slug_field="code", read_only=True)
    begin_maand = serializers.DateField(source="ingangsdatum", format="%Y-%m")
    eind_maand = serializers.DateField(source="einddatum", format="%Y-%m")
    zicht = Tekst(default="restant")

    class Meta:
        model = Signalering
        fields = [
            "id",
            "state",
            "primaire_bron",
            "categorieen",
            "termijnen",
            "begin_maand",
            "eind_maand",
            "eindreden",
            "zicht",
        ]


class MatchSerializer(serializers.ModelSerializer):
    inschrijfnummer = Tekst(source="inschrijving.inschrijfnummer")

    class Meta:
        model = Match
        fields = ["id", "signalering", "inschrijfnummer", "status", "gevonden_op", "beoordeeld_op"]


class BlokkadeSerializer(serializers.Serializer):
    reikwijdte = Tekst()
    tot = serializers.DateField()
    deelnemer = Tekst(allow_null=True, help_text="Alleen bij reikwijdte corporatie.")


class MatchCheckAntwoordSerializer(serializers.Serializer):
    inschrijfnummer = Tekst()
    geblokkeerd = serializers.BooleanField()
    blokkades = BlokkadeSerializer(many=True)
    identiteit_wijkt_af = serializers.BooleanField(
        help_text="Nummer en identiteit komen niet overeen: controleer de identiteit van de "
        "kandidaat; de privacy officer is gewaarschuwd."
    )


class CategorieDeelSerializer(serializers.Serializer):
    reikwijdte = Tekst()
    tot = serializers.DateField()
    categorieen = serializers.ListField(child=Tekst())


class CategorieAntwoordSerializer(serializers.Serializer):
    inschrijfnummer = Tekst()
    blokkades = CategorieDeelSerializer(many=True)


class OutboxRegelSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    template = Tekst()
    case_type = Tekst()
    case_id = serializers.IntegerField()
    channel = Tekst()
    status = Tekst()
    created_at = serializers.DateTimeField()
    attempts = serializers.IntegerField()
    sent_at = serializers.DateTimeField(allow_null=True)
    last_error = Tekst()


class DeelnameSerializer(serializers.Serializer):
    code = Tekst()
    status = Tekst()
