"""One way of writing numbers in their units."""

from __future__ import annotations

import math

import pytest

from strikesim.units import change, compact, quantity, with_unit


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.45, "share", "45%"),
        (0.05, "share", "5.0%"),
        (0.0, "share", "0%"),
        (0.012, "share/week", "1.2%"),
        (0.625, "utility", "0.62"),
        (345.26, "$M", "$345.3M"),
        (4349.4, "$M", "$4,349M"),
        (-12.5, "$M/yr", "-$12.5M/yr"),
        (12.0, "weeks", "12 weeks"),
        (1.5, "", "1.5"),
        (math.nan, "share", "?"),
    ],
)
def test_quantity(value: float, unit: str, text: str) -> None:
    assert quantity(value, unit) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.045, "share", "+4.5 pts"),
        (-0.12, "utility", "−12 pts"),
        (0.0, "share", "±0 pts"),
        (-120.0, "$M", "−$120M"),
        (12.34, "$M/yr", "+$12.3M/yr"),
        (3.0, "weeks", "+3 weeks"),
        (math.inf, "$M", "?"),
    ],
)
def test_change(value: float, unit: str, text: str) -> None:
    assert change(value, unit) == text


def test_an_unsigned_change_shows_only_a_minus() -> None:
    assert change(0.2, "share", signed=False) == "20 pts"
    assert change(-5.0, "$M", signed=False) == "−$5.0M"


def test_compact_axis_labels() -> None:
    assert compact(1234.0) == "1234"
    assert compact(12_345.0) == "12k"
    assert compact(0.5) == "0.5"
    assert compact(45.0, "%") == "45%"
    assert compact(2_500_000.0, "$") == "$2.5M"
    assert compact(-2.5, "$M") == "-$2.5M"
    assert compact(math.nan) == "—"


def test_with_unit_puts_money_signs_in_front() -> None:
    assert with_unit("4,349", "$M") == "$4,349M"
    assert with_unit("-3", "$M") == "-$3M"
    assert with_unit("50", "%") == "50%"
    assert with_unit("7", "") == "7"
