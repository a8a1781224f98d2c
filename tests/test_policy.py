"""The protocol's policy (ch. 5, 7, 12.4) as pure functions: every category, every bracket."""

from datetime import date
from decimal import Decimal

import pytest

from states.policy import Beleid, PolicyError, Reden, add_months, beoordeel, eindreden_toegestaan
from states.protocol_v14 import BELEID

beleid = Beleid.from_data(BELEID)
START = date(2026, 1, 15)


@pytest.mark.parametrize(
    ("criterium", "grond", "categorie", "reikwijdte"),
    [
        ("I", "a", "A", "corporatie"),  # overlast: court ruling
        ("I", "b", "A", "corporatie"),  # overlast: summons + voluntary departure (I only)
        ("II", "a", "B", "regio"),
        ("III", "a", "B", "regio"),
        ("IV", "a", "C", "regio"),
        ("V", "a", "C", "regio"),
        ("VI", "a", "C", "regio"),
        ("VI", "c", "C", "regio"),  # Opiumwet report
        ("IX", "e-i", "E", "regio"),
        ("IX", "e-ii", "E", "regio"),
        ("IX", "e-iii", "E", "regio"),
    ],
)
def test_each_category_has_two_years_and_its_scope(criterium, grond, categorie, reikwijdte):
    oordeel = beoordeel(beleid, [Reden(criterium, grond)], START)
    assert oordeel.categorieen == (categorie,)
    assert oordeel.reikwijdte == reikwijdte
    assert oordeel.termijn_maanden == 24
    assert oordeel.einddatum == date(2028, 1, 15)


@pytest.mark.parametrize(
    ("bedrag", "jaren"),
    [
        ("500.00", 1),  # lowest bracket includes €500
        ("999.99", 1),
        ("1000.00", 2),  # a boundary belongs to the higher bracket
        ("1999.99", 2),
        ("2000.00", 3),
        ("4999.99", 3),
        ("5000.00", 4),
        ("9999.99", 4),
        ("10000.00", 5),  # "€10.000 of meer": 5 years
        ("250000.00", 5),  # beyond: still the maximum of 5 years
    ],
)
def test_damage_brackets_of_category_d(bedrag, jaren):
    oordeel = beoordeel(beleid, [Reden("VIII", "d")], START, Decimal(bedrag))
    assert oordeel.termijn_maanden == 12 * jaren
    assert oordeel.einddatum == date(2026 + jaren, 1, 15)
    assert oordeel.reikwijdte == "corporatie"


def test_damage_of_499_99_is_refused_for_viii():
    with pytest.raises(PolicyError) as err:
        beoordeel(beleid, [Reden("VIII", "d")], START, Decimal("499.99"))
    assert "ten minste € 500.00" in err.value.errors["redenen"][0]


def test_category_d_needs_the_amount():
    with pytest.raises(PolicyError) as err:
        beoordeel(beleid, [Reden("VII", "a")], START)
    assert "bedrag" in err.value.errors


def test_rent_arrears_below_lowest_bracket_has_no_term():
    with pytest.raises(PolicyError) as err:
        beoordeel(beleid, [Reden("VII", "a")], START, Decimal("400"))
    assert "bedrag" in err.value.errors


@pytest.mark.parametrize(
    ("criterium", "grond"),
    [("II", "b"), ("VIII", "a"), ("IX", "a"), ("I", "c"), ("VII", "d"), ("III", "e-i")],
)
def test_formal_ground_must_fit_the_criterion(criterium, grond):
    with pytest.raises(PolicyError) as err:
        beoordeel(beleid, [Reden(criterium, grond)], START, Decimal("1000"))
    assert (
        f"Criterium {criterium} kan niet rusten op grond {grond}" in err.value.errors["redenen"][0]
    )


def test_unknown_criterion_and_empty_reasons_are_refused():
    with pytest.raises(PolicyError):
        beoordeel(beleid, [Reden("X", "a")], START)
    with pytest.raises(PolicyError):
        beoordeel(beleid, [], START)
    with pytest.raises(PolicyError):
        beoordeel(beleid, [Reden("I", "a"), Reden("I", "b")], START)


def test_several_categories_take_the_longest_term_and_widest_scope():
    oordeel = beoordeel(beleid, [Reden("I", "a"), Reden("VIII", "d")], START, Decimal("6000"))
    assert oordeel.categorieen == ("A", "D")
    assert oordeel.termijn_maanden == 48
    assert oordeel.reikwijdte == "corporatie"  # A and D both block only at the primaire bron
    oordeel = beoordeel(beleid, [Reden("I", "a"), Reden("III", "a")], START)
    assert oordeel.reikwijdte == "regio"


def test_shorter_term_may_be_chosen_but_not_longer():
    assert beoordeel(beleid, [Reden("III", "a")], START, termijn_maanden=6).einddatum == date(
        2026, 7, 15
    )
    with pytest.raises(PolicyError) as err:
        beoordeel(beleid, [Reden("III", "a")], START, termijn_maanden=25)
    assert "termijn_maanden" in err.value.errors


@pytest.mark.parametrize(
    ("start", "maanden", "eind"),
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # leap day + 1 year: last day of February
        (date(2024, 2, 29), 48, date(2028, 2, 29)),  # + 4 years lands on a leap day again
        (date(2024, 2, 29), 24, date(2026, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # month end clamps
        (date(2026, 12, 31), 24, date(2028, 12, 31)),
        (date(2026, 3, 1), 60, date(2031, 3, 1)),
    ],
)
def test_end_date_arithmetic(start, maanden, eind):
    assert add_months(start, maanden) == eind


def test_debt_paid_ends_only_a_signalering_with_d_as_sole_category():
    assert eindreden_toegestaan(beleid, "vordering_voldaan", ["D"])
    assert not eindreden_toegestaan(beleid, "vordering_voldaan", ["A", "D"])
    assert not eindreden_toegestaan(beleid, "vordering_voldaan", ["B"])
    assert eindreden_toegestaan(beleid, "nieuwe_kans", ["A", "D"])


def test_policy_is_data_another_region_gets_three_years():
    data = {**BELEID, "versie": "regio-x-1.0"}
    data["categorieen"] = [{**c, "max_termijn_maanden": 36} for c in BELEID["categorieen"]]
    other = Beleid.from_data(data)
    assert beoordeel(other, [Reden("III", "a")], START).einddatum == date(2029, 1, 15)


def test_inconsistent_policy_data_is_rejected():
    data = {**BELEID, "criteria": [{**BELEID["criteria"][0], "gronden": ["z"]}]}
    with pytest.raises(ValueError):
        Beleid.from_data(data)
