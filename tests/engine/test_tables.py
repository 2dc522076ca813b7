"""Per-spec week-loop tables: event week windows and unguarded formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest

from strikesim.engine.spec import Formula
from strikesim.engine.tables import condition_or_none, is_week_window, unguarded, week_window
from strikesim.scenario.formula import compile_formula

INF = math.inf


@pytest.mark.parametrize(
    ("source", "window"),
    [
        ("week == 11", (11, 11)),
        ("week == 11 and (strike_fund < 3)", (11, 11)),
        ("week >= 10", (10, INF)),
        ("week > 9.5", (10, INF)),
        ("week < 9", (-INF, 8)),
        ("week <= 8.5", (-INF, 8)),
        ("4 <= week < 9", (4, 8)),
        ("12 == week", (12, 12)),
        ("-1 < week", (0, INF)),
        ("week >= 3 and x > 0 and week <= 5", (3, 5)),
        ("week >= 3 and (x > 0 and week <= 5)", (3, 5)),
        ("week == 2.5", (INF, -INF)),
        ("week == 3 and week == 4", (4, 3)),
        # anything but a top-level conjunction leaves the window open
        ("week == 11 or x > 0", (-INF, INF)),
        ("week == 11 and (x) or (y)", (-INF, INF)),
        ("not week == 11", (-INF, INF)),
        ("week != 11", (-INF, INF)),
        ("week + 1 == 11", (-INF, INF)),
        ("weeks == 11", (-INF, INF)),
        ("week == True", (-INF, INF)),
        ("x > 0", (-INF, INF)),
        ("1", (-INF, INF)),
        ("week ==", (-INF, INF)),
        ("  week == 7\n", (7, 7)),
    ],
)
def test_week_window(source: str, window: tuple[float, float]) -> None:
    assert week_window(source) == window


NAMES = ("week", "x", "y", "strike_fund")


@pytest.mark.parametrize(
    "source",
    [
        "week == 11 and (strike_fund < 3)",
        "4 <= week < 9",
        "week > 9.5 and x > 0",
        "week <= 8.5",
        "-1 < week",
        "week == 3 and week == 4",
        "week >= 3 and (x > 0 and week <= 5)",
    ],
)
def test_condition_is_false_outside_its_window(source: str) -> None:
    """The window is sound: for every whole week outside it the condition is
    false whatever the other names hold."""
    f = compile_formula(source, NAMES, kind="condition")
    first, last = week_window(source)
    rng = np.random.default_rng(0)
    other = {n: rng.normal(size=64) * 10 for n in ("x", "y", "strike_fund")}
    for week in range(-3, 40):
        out = np.broadcast_to(f({"week": float(week), **other}), (64,))
        if not first <= week <= last:
            assert not out.any(), (source, week)


@pytest.mark.parametrize(
    ("source", "only"),
    [
        ("week == 18", True),
        ("week >= 4", True),
        ("4 <= week < 9", True),
        ("week >= 3 and week <= 5", True),
        ("week == 11 and (strike_fund < 3)", False),
        ("week != 11", False),
        ("week == x", False),
        ("week + 1 == 11", False),
        ("week == 11 or week == 12", False),
        ("x > 0", False),
        ("week >= 1e999", False),
    ],
)
def test_is_week_window(source: str, only: bool) -> None:
    assert is_week_window(source) is only
    if only:  # then it really holds for every whole week inside the window
        f = compile_formula(source, NAMES, kind="condition")
        first, last = week_window(source)
        for week in range(-3, 40):
            assert bool(f({"week": float(week)})) == (first <= week <= last)


def test_unguarded_prefers_raw() -> None:
    def fn(ns: object) -> float:
        return 1.0

    def raw(ns: object) -> float:
        return 2.0

    assert unguarded(Formula("1", frozenset(), fn, raw)) is raw
    assert unguarded(Formula("1", frozenset(), fn)) is fn
    assert unguarded(fn) is fn


def test_constant_true_conditions_are_dropped() -> None:
    assert condition_or_none(None) is None
    assert condition_or_none(compile_formula("1", NAMES, kind="condition")) is None
    assert condition_or_none(compile_formula("2 > 1", NAMES, kind="condition")) is None
    kept = compile_formula("1 > 2", NAMES, kind="condition")
    assert condition_or_none(kept) is kept.unguarded
    reads = compile_formula("x > 0", NAMES, kind="condition")
    assert condition_or_none(reads) is reads.unguarded
    # a hand-made formula that claims no names but reads the namespace is kept
    sneaky = Formula("x", frozenset(), lambda ns: ns["x"] > 0)
    assert condition_or_none(sneaky) is sneaky.fn
