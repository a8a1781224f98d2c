"""The protocol's policy (ch. 5, 7, 12.4) as pure functions: every category, every bracket."""

from datetime import date
from decimal import Decimal

import pytest

from states.policy import (
    Beleid,
    PolicyError,
    Reden,
    add_months,
    beoordeel,
    check_datums,
    eindreden_toegestaan,
    maxima,
)
from states.protocol_v14 import BELEID

beleid = Beleid.from_data(BELEID)
START = date(2026, 1, 15)


def beoordeel_max(beleid, redenen, start, bedrag=None):
    """A functionaris who weighed the case and chose the maximum for every category."""
    return beoordeel(beleid, redenen, start, bedrag, maxima(beleid, redenen, bedrag))


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
    assert maxima(beleid, [Reden(criterium, grond)], None) == {categorie: 24}
    oordeel = beoordeel_max(beleid, [Reden(criterium, grond)], START)
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
    oordeel = beoordeel_max(beleid, [Reden("VIII", "d")], START, Decimal(bedrag))
    assert oordeel.termijn_maanden == 12 * jaren
    assert oordeel.einddatum == date(2026 + jaren, 1, 15)
    assert oordeel.reikwijdte == "corporatie"


def test_damage_of_499_99_is_refused_for_viii():
    with pytest.raises(PolicyError) as err:
        maxima(beleid, [Reden("VIII", "d")], Decimal("499.99"))
    assert "ten minste € 500.00" in err.value.errors["redenen"][0]


def test_category_d_needs_the_amount():
    with pytest.raises(PolicyError) as err:
        maxima(beleid, [Reden("VII", "a")], None)
    assert "bedrag" in err.value.errors


def test_rent_arrears_below_lowest_bracket_has_no_term():
    with pytest.raises(PolicyError) as err:
        maxima(beleid, [Reden("VII", "a")], Decimal("400"))
    assert "bedrag" in err.value.errors


@pytest.mark.parametrize(
    ("criterium", "grond"),
    [("II", "b"), ("VIII", "a"), ("IX", "a"), ("I", "c"), ("VII", "d"), ("III", "e-i")],
)
def test_formal_ground_must_fit_the_criterion(criterium, grond):
    with pytest.raises(PolicyError) as err:
        maxima(beleid, [Reden(criterium, grond)], Decimal("1000"))
    assert (
        f"Criterium {criterium} kan niet rusten op grond {grond}" in err.value.errors["redenen"][0]
    )


def test_unknown_criterion_and_empty_reasons_are_refused():
    with pytest.raises(PolicyError):
        maxima(beleid, [Reden("X", "a")], None)
    with pytest.raises(PolicyError):
        maxima(beleid, [], None)
    with pytest.raises(PolicyError):
        maxima(beleid, [Reden("I", "a"), Reden("I", "b")], None)


# ch. 7: a scope and a chosen term per category. Each row: reasons, amount, chosen terms →
# the end of the region-wide part (None: none) and the end at the primaire bron.
PER_CATEGORIE = [
    # B + D (€12,000): region-wide two years, then at the primaire bron alone up to five.
    (
        [("III", "a"), ("VIII", "d")],
        "12000",
        {"B": 24, "D": 60},
        date(2028, 1, 15),
        date(2031, 1, 15),
    ),
    # the same, but the functionaris weighed a shorter region part
    (
        [("III", "a"), ("VIII", "d")],
        "12000",
        {"B": 6, "D": 60},
        date(2026, 7, 15),
        date(2031, 1, 15),
    ),
    # A + D: both corporation scope, never region-wide
    ([("I", "a"), ("VIII", "d")], "6000", {"A": 24, "D": 48}, None, date(2030, 1, 15)),
    # B + C: two region categories; the region part runs to the later of the two
    ([("III", "a"), ("IV", "a")], None, {"B": 12, "C": 18}, date(2027, 7, 15), date(2027, 7, 15)),
    # A + B with a longer A: region one year, the primaire bron two
    ([("I", "a"), ("II", "a")], None, {"A": 24, "B": 12}, date(2027, 1, 15), date(2028, 1, 15)),
    # E alone: region-wide for its whole term
    ([("IX", "e-i")], None, {"E": 24}, date(2028, 1, 15), date(2028, 1, 15)),
]


@pytest.mark.parametrize(("criteria", "bedrag", "termijnen", "regio", "eind"), PER_CATEGORIE)
def test_ch7_each_category_keeps_its_own_scope_and_term(criteria, bedrag, termijnen, regio, eind):
    redenen = [Reden(c, g) for c, g in criteria]
    oordeel = beoordeel(beleid, redenen, START, Decimal(bedrag) if bedrag else None, termijnen)
    assert oordeel.einddatum_regio == regio
    assert oordeel.einddatum == eind
    assert oordeel.termijnen == termijnen
    assert oordeel.reikwijdte == ("regio" if regio else "corporatie")


def test_ch7_region_part_never_exceeds_the_region_maximum_in_combination():
    redenen = [Reden("III", "a"), Reden("VIII", "d")]
    with pytest.raises(PolicyError) as err:
        beoordeel(beleid, redenen, START, Decimal("12000"), {"B": 60, "D": 60})
    assert "categorie B ligt tussen 1 en 24" in err.value.errors["termijnen"][0]


def test_ch7_the_term_is_a_choice_not_the_maximum_by_default():
    with pytest.raises(PolicyError) as err:
        beoordeel(beleid, [Reden("III", "a")], START, None, None)
    assert "termijnen" in err.value.errors
    with pytest.raises(PolicyError) as err:  # every category needs its own term
        beoordeel(beleid, [Reden("III", "a"), Reden("VIII", "d")], START, Decimal("700"), {"B": 3})
    assert "categorie D" in err.value.errors["termijnen"][0]
    with pytest.raises(PolicyError):  # a term for a category the reasons do not give
        beoordeel(beleid, [Reden("III", "a")], START, None, {"B": 3, "A": 3})


def test_ch7_shorter_term_may_be_chosen_but_not_longer():
    assert beoordeel(beleid, [Reden("III", "a")], START, None, {"B": 6}).einddatum == date(
        2026, 7, 15
    )
    with pytest.raises(PolicyError) as err:
        beoordeel(beleid, [Reden("III", "a")], START, None, {"B": 25})
    assert "termijnen" in err.value.errors
    with pytest.raises(PolicyError):
        beoordeel(beleid, [Reden("VIII", "d")], START, Decimal("700"), {"D": 13})  # bracket: 12


TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("ingang", "uitzetting", "geboren", "field"),
    [
        (date(2026, 11, 24), None, None, "ingangsdatum"),  # tomorrow: not yet happened
        (date(9999, 12, 31), None, None, "ingangsdatum"),
        (date(1899, 12, 31), None, None, "ingangsdatum"),
        (date(1987, 3, 14), None, date(1987, 3, 14), "ingangsdatum"),  # the day of birth
        (date(2026, 9, 30), date(2026, 10, 1), None, "ingangsdatum"),  # before the eviction
        (date(2026, 10, 1), date(2026, 11, 30), None, "datum_uitzetting"),  # future eviction
        (date(2026, 10, 1), None, date(2027, 1, 1), "ingangsdatum"),  # born after placement
    ],
)
def test_ch5_moment_of_placement_has_happened(ingang, uitzetting, geboren, field):
    with pytest.raises(PolicyError) as err:
        check_datums(ingang, TODAY, uitzetting, geboren)
    assert field in err.value.errors


@pytest.mark.parametrize(
    ("ingang", "uitzetting"),
    [(TODAY, TODAY), (date(2026, 10, 1), date(2026, 9, 15)), (date(2025, 1, 1), None)],
)
def test_ch5_moment_of_placement_today_or_after_the_eviction_is_accepted(ingang, uitzetting):
    check_datums(ingang, TODAY, uitzetting, date(1987, 3, 14))


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
    assert beoordeel_max(other, [Reden("III", "a")], START).einddatum == date(2029, 1, 15)


def test_inconsistent_policy_data_is_rejected():
    data = {**BELEID, "criteria": [{**BELEID["criteria"][0], "gronden": ["z"]}]}
    with pytest.raises(ValueError):
        Beleid.from_data(data)
