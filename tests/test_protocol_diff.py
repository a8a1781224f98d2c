"""The comparison of two protocol versions (ch. 23) in plain Dutch: one change per row, the
exact sentence staff read on the comparison page. Pure: no database."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from states.policy import Beleid
from states.protocol_diff import (
    CATEGORIEEN,
    CRITERIA,
    EINDREDENEN,
    GEWIJZIGD,
    GRONDEN,
    SCHIJVEN,
    TERMIJNEN,
    TOEGEVOEGD,
    VERWIJDERD,
    Wijziging,
    per_onderdeel,
    vergelijk,
)
from states.protocol_v14 import BELEID


def cat(code: str) -> Callable[[dict], dict]:
    def find(d: dict) -> dict:
        return next(c for c in d["categorieen"] if c["code"] == code)

    return find


def crit(code: str) -> Callable[[dict], dict]:
    def find(d: dict) -> dict:
        return next(c for c in d["criteria"] if c["code"] == code)

    return find


def set_(path: Callable[[dict], dict], key: str, value: Any) -> Callable[[dict], None]:
    return lambda d: path(d).__setitem__(key, value)


def add_categorie(d: dict) -> None:
    d["categorieen"].append(
        {"code": "F", "naam": "Hennepteelt", "reikwijdte": "regio", "max_termijn_maanden": 36}
    )


def remove_categorie_e(d: dict) -> None:
    d["categorieen"] = [c for c in d["categorieen"] if c["code"] != "E"]
    d["criteria"] = [c for c in d["criteria"] if c["categorie"] != "E"]


def split_bracket(d: dict) -> None:
    d["schijven_d"][0] = {"vanaf": "500.00", "tot": "750.00", "termijn_maanden": 6}
    d["schijven_d"].insert(1, {"vanaf": "750.00", "tot": "1000.00", "termijn_maanden": 12})


def termijn(key: str, value: Any) -> Callable[[dict], None]:
    return lambda d: d["termijnen"].__setitem__(key, value)


def drop_termijn(key: str) -> Callable[[dict], None]:
    return lambda d: d["termijnen"].pop(key)


def add_grond(d: dict) -> None:
    d["gronden"].append({"code": "f", "omschrijving": "Vonnis wegens hennep"})


CASES = [
    (
        "ch7_categorie_termijn_langer",
        set_(cat("B"), "max_termijn_maanden", 36),
        [(CATEGORIEEN, GEWIJZIGD, "Categorie B (Gevaarzetting en agressie): maximale termijn "
                                  "van 24 maanden naar 36 maanden.")],
    ),
    (
        "ch7_reikwijdte_corporatie_wordt_regio",
        set_(cat("A"), "reikwijdte", "regio"),
        [(CATEGORIEEN, GEWIJZIGD, "Categorie A (Overlast): uitsluiting alleen bij de primaire "
                                  "bron wordt uitsluiting in de hele regio.")],
    ),
    (
        "ch5_categorie_hernoemd",
        set_(cat("E"), "naam", "Woonfraude"),
        [(CATEGORIEEN, GEWIJZIGD, "Categorie E (Woonfraude): naam van ‘Fraude’ naar "
                         "‘Woonfraude’.")],
    ),
    (
        "ch5_categorie_toegevoegd",
        add_categorie,
        [(CATEGORIEEN, TOEGEVOEGD, "Nieuw: categorie F (Hennepteelt).")],
    ),
    (
        "ch5_categorie_en_criterium_vervallen",
        remove_categorie_e,
        [
            (CATEGORIEEN, VERWIJDERD, "Vervalt: categorie E (Fraude)."),
            (CRITERIA, VERWIJDERD, "Vervalt: criterium IX (Onjuiste of misleidende informatie, "
                                   "fraude bij inschrijving of aanbod)."),
        ],
    ),
    (
        "ch5_minimumbedrag_viii",
        set_(crit("VIII"), "minimum_bedrag", "750.00"),
        [(CRITERIA, GEWIJZIGD, "Criterium VIII (Schade bij vertrek of oplevering van € 500 of "
                               "meer): minimumbedrag van € 500,00 naar € 750,00.")],
    ),
    (
        "ch5_formele_gronden_van_criterium",
        set_(crit("I"), "gronden", ["a"]),
        [(CRITERIA, GEWIJZIGD, "Criterium I (Overlast in of nabij de woonruimte): formele "
                               "gronden van a, b naar a.")],
    ),
    ("ch5_grond_toegevoegd", add_grond,
     [(GRONDEN, TOEGEVOEGD, "Nieuw: grond f (Vonnis wegens hennep).")]),
    (
        "ch7_schijf_termijn",
        lambda d: d["schijven_d"][4].__setitem__("termijn_maanden", 48),
        [(SCHIJVEN, GEWIJZIGD, "De schijf vanaf € 10.000,00: termijn van 60 maanden naar 48 "
                         "maanden.")],
    ),
    (
        "ch7_schijf_gesplitst",
        split_bracket,
        [
            (SCHIJVEN, TOEGEVOEGD, "Nieuw: de schijf van € 500,00 tot € 750,00, 6 maanden."),
            (SCHIJVEN, VERWIJDERD, "Vervalt: de schijf van € 500,00 tot € 1.000,00 (12 maanden)."),
            (SCHIJVEN, TOEGEVOEGD, "Nieuw: de schijf van € 750,00 tot € 1.000,00, 12 maanden."),
        ],
    ),
    (
        "ch15_beslistermijn",
        termijn("beslissen_verzoek_weken", 3),
        [(TERMIJNEN, GEWIJZIGD, "Beslistermijn op een verzoek (ch. 15): van 4 weken naar 3 "
                         "weken.")],
    ),
    (
        "ch16_1_klachtvenster_ingevuld",
        termijn("klacht_b_venster_weken", 8),
        [(TERMIJNEN, GEWIJZIGD, "Termijn om na een beslissing te klagen (ch. 16.1): van 6 weken "
                                "naar 8 weken.")],
    ),
    (
        "privacyreglement_bewaartermijn_maand",
        termijn("bewaartermijn_zaak_maanden", 1),
        [(TERMIJNEN, GEWIJZIGD, "Bewaartermijn van een afgerond zaakdossier: van 24 maanden "
                         "naar 1 maand.")],
    ),
    (
        "herinneringen_lijst",
        termijn("herinneringen", [{"dagen": 14}]),
        [(TERMIJNEN, GEWIJZIGD, "Herinneringen vóór een termijn: van 7 dagen; 2 werkdagen "
                         "naar 14 dagen.")],
    ),
    (
        "onbekende_termijn_nieuw",
        termijn("nieuwe_kans_weken", 6),
        [(TERMIJNEN, TOEGEVOEGD, "Nieuw: Nieuwe kans weken, 6 weken.")],
    ),
    (
        "termijn_vervalt",
        drop_termijn("bewaartermijn_geschil_maanden"),
        [(TERMIJNEN, VERWIJDERD, "Vervalt: Bewaartermijn van een geschildossier (24 maanden).")],
    ),
    (
        "ch12_4_eindreden_niet_meer_alleen_d",
        lambda d: d.__setitem__("eindredenen_alleen_d", []),
        [(EINDREDENEN, VERWIJDERD, "Vervalt: eindreden ‘vordering voldaan of schikking "
                                   "getroffen’ alleen bij categorie D.")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_ch23_each_change_reads_as_one_plain_sentence(change, expected):
    nieuw = copy.deepcopy(BELEID)
    change(nieuw)
    got = vergelijk(Beleid.from_data(BELEID), Beleid.from_data(nieuw))
    assert [(w.onderdeel, w.soort, w.tekst) for w in got] == expected


def test_ch23_the_same_policy_has_no_differences():
    assert vergelijk(Beleid.from_data(BELEID), Beleid.from_data(copy.deepcopy(BELEID))) == []


def test_ch23_the_page_groups_changes_in_a_fixed_order_and_only_changed_parts():
    nieuw = copy.deepcopy(BELEID)
    nieuw["termijnen"]["beslissen_verzoek_weken"] = 3
    set_(cat("B"), "max_termijn_maanden", 36)(nieuw)
    groepen = per_onderdeel(vergelijk(Beleid.from_data(BELEID), Beleid.from_data(nieuw)))
    assert [g for g, _ in groepen] == [CATEGORIEEN, TERMIJNEN]
    assert all(isinstance(w, Wijziging) for _, lijst in groepen for w in lijst)
