"""The numbers of a draft protocol version as a plain form: each category's maximum term and
scope, each bracket's term, each deadline — labelled as staff know them, never by key. What the
form changes goes through the same validation as the JSON editor (ch. 7, 23; ADR 0012)."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from django import forms

from states.policy import Beleid
from states.protocol_diff import REIKWIJDTE, euro, termijn_naam

EENHEID = {"weken": "weken", "maanden": "maanden", "dagen": "dagen", "uren": "uren",
           "minuten": "minuten"}  # fmt: skip


def _getal(label: str, value: int) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=10_000, initial=value)


class WaardenForm(forms.Form):
    """Built from the draft's data: one field per number that may change."""

    def __init__(self, data_: dict[str, Any], beleid: Beleid, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.bron = data_
        for i, c in enumerate(data_["categorieen"]):
            naam = f"Categorie {c['code']} ({c['naam']})"
            self.fields[f"c{i}_maanden"] = _getal(
                f"{naam}: maximale termijn in maanden", c["max_termijn_maanden"]
            )
            self.fields[f"c{i}_reikwijdte"] = forms.ChoiceField(
                label=f"{naam}: uitsluiting",
                choices=[(k, v[:1].upper() + v[1:]) for k, v in REIKWIJDTE.items()],
                initial=c["reikwijdte"],
            )
        for i, s in enumerate(beleid.schijven_d):
            tot = f"tot {euro(s.tot)}" if s.tot is not None else "en meer"
            self.fields[f"s{i}_maanden"] = _getal(
                f"Categorie D, vordering vanaf {euro(s.vanaf)} {tot}: termijn in maanden",
                s.termijn_maanden,
            )
        for key, value in sorted(data_["termijnen"].items(), key=lambda kv: termijn_naam(kv[0])):
            if isinstance(value, int) and not isinstance(value, bool):
                eenheid = EENHEID.get(key.rsplit("_", 1)[-1], "")
                self.fields[f"t_{key}"] = _getal(f"{termijn_naam(key)} ({eenheid})", value)
        self.fields["toelichting"] = forms.CharField(
            label="Wat verandert en waarom", max_length=5000, required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )  # fmt: skip
        self.schijven = beleid.schijven_d

    def nieuwe_data(self) -> dict[str, Any]:
        """The draft's data with the numbers from the form (after is_valid)."""
        d, data = self.cleaned_data, copy.deepcopy(self.bron)
        for i, c in enumerate(data["categorieen"]):
            c["max_termijn_maanden"] = d[f"c{i}_maanden"]
            c["reikwijdte"] = d[f"c{i}_reikwijdte"]
        by_bounds = {(s.vanaf, s.tot): d[f"s{i}_maanden"] for i, s in enumerate(self.schijven)}
        for s in data["schijven_d"]:
            key = (_dec(s["vanaf"]), _dec(s.get("tot")))
            s["termijn_maanden"] = by_bounds.get(key, s["termijn_maanden"])
        for key in data["termijnen"]:
            if f"t_{key}" in d:
                data["termijnen"][key] = d[f"t_{key}"]
        return data


def _dec(value: Any) -> Decimal | None:
    return Decimal(value) if value is not None else None
