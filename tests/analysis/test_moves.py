from __future__ import annotations

import numpy as np
import pytest

from strikesim.analysis.moves import MoveKind, classify_deltas, classify_moves, classify_trace
from strikesim.engine.spec import STUDIO, UNION

CASES = [
    (0.0, 0.0, MoveKind.SILENT),
    (0.0, 0.1, MoveKind.NICE),
    (0.1, 0.1, MoveKind.FORTUNATE),
    (0.1, 0.0, MoveKind.SELFISH),
    (0.1, -0.1, MoveKind.SELFISH),
    (-0.1, 0.1, MoveKind.CONCESSION),
    (-0.1, 0.0, MoveKind.CONCESSION),
    (-0.1, -0.1, MoveKind.UNFORTUNATE),
    (0.0, -0.1, MoveKind.UNFORTUNATE),
    (1e-12, -1e-12, MoveKind.SILENT),
    (np.nan, np.nan, MoveKind.OPENING),
]


@pytest.mark.parametrize(("own", "other", "kind"), CASES)
def test_each_region_of_the_taxonomy(own: float, other: float, kind: MoveKind) -> None:
    assert classify_deltas(np.array([own]), np.array([other]))[0] == kind


def test_vectorised_classification_is_a_partition() -> None:
    rng = np.random.default_rng(0)
    ds = rng.choice([-0.2, 0.0, 0.3], size=1000)
    do = rng.choice([-0.1, 0.0, 0.5], size=1000)
    kinds = classify_deltas(ds, do)
    assert kinds.dtype == np.int8
    assert not (kinds == MoveKind.OPENING).any()
    for own, other, kind in CASES[:9]:
        sel = (ds == own * (3 if own > 0 else 2)) & (do == other * (5 if other > 0 else 1))
        assert (kinds[sel] == kind).all()


def test_mover_side_decides_which_change_is_own() -> None:
    previous = np.array([[0.5, 0.5], [0.5, 0.5]])
    current = np.array([[0.4, 0.6], [0.4, 0.6]])
    kinds = classify_moves(previous, current, np.array([UNION, STUDIO]))
    assert kinds.tolist() == [MoveKind.CONCESSION, MoveKind.SELFISH]


def test_trace_starts_with_an_opening() -> None:
    trace = np.array([[0.9, 0.2], [0.85, 0.3], [0.85, 0.3], [0.9, 0.35]])
    kinds = classify_trace(trace, UNION)
    assert kinds.tolist() == [
        MoveKind.OPENING,
        MoveKind.CONCESSION,
        MoveKind.SILENT,
        MoveKind.FORTUNATE,
    ]
    assert MoveKind.CONCESSION.label == "concession"
