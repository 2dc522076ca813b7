"""The engine's memo: remembered answers never change a result."""

from __future__ import annotations

import gc

import numpy as np
from conftest import make_spec

from strikesim.engine import Actions, GameSpec, Move, initial_state, observe, step
from strikesim.engine.memo import Recent, remembered
from strikesim.engine.namespace import plan_for


def test_recent_keeps_the_newest_answers_compared_by_value() -> None:
    memo: Recent[tuple[int, bytes], str] = Recent(size=2)
    memo.put((1, b"a"), "one")
    memo.put((2, b"b"), "two")
    assert memo.get((1, b"a"[:])) == "one"  # an equal key, not the same object
    memo.put((3, b"c"), "three")  # pushes out the oldest
    assert memo.get((1, b"a")) is None
    assert memo.get((2, b"b")) == "two"
    assert len(memo) == 2
    memo.put((2, b"b"), "two again")  # replacing keeps one entry per key
    assert len(memo) == 2 and memo.get((2, b"b")) == "two again"


class _Owner:
    pass


def test_remembered_builds_once_per_owner_and_forgets_with_it() -> None:
    calls: list[int] = []
    owner = _Owner()
    first = remembered(owner, "test.value", lambda: calls.append(1) or [1])
    again = remembered(owner, "test.value", lambda: calls.append(1) or [2])
    assert first is again and calls == [1]
    other = _Owner()
    assert remembered(other, "test.value", lambda: [3]) == [3]
    del owner
    gc.collect()
    fresh = _Owner()  # may reuse the dead owner's id: must not see its value
    assert remembered(fresh, "test.value", lambda: [4]) == [4]


def test_the_plan_is_kept_with_its_spec() -> None:
    spec = make_spec()
    assert plan_for(spec) is plan_for(spec)
    assert plan_for(make_spec()) is not plan_for(spec)


def _play(spec: GameSpec, observe_first: bool, batch: int) -> np.ndarray:
    state = initial_state(spec, batch=batch, seed=5)
    offers = np.asarray(spec.opening_offers, np.int16)
    for week in range(8):
        if observe_first:
            observe(spec, state, 0)
            observe(spec, state, 1)
        acts = Actions.hold(batch, len(spec.issues), len(spec.actions))
        if week % 3 == 1:
            acts.move[:, 0] = Move.OFFER
            acts.offer[:, 0] = offers[1]
        state, _ = step(spec, state, acts)
    return np.concatenate([state.values.ravel(), state.offers.ravel(), state.phase.ravel()])


def test_observing_before_a_step_changes_nothing() -> None:
    spec = make_spec()
    for batch in (1, 5):
        assert np.array_equal(_play(spec, True, batch), _play(spec, False, batch))


def test_a_fresh_spec_plays_as_a_remembered_one() -> None:
    spec = make_spec()
    _play(spec, True, 3)  # fills the memo
    assert np.array_equal(_play(spec, False, 3), _play(make_spec(), False, 3))


class _Choice:
    def __init__(self, move: list[int], offer: list[list[int]], pressure: list[list[bool]]):
        self.move = np.array(move, np.int8)
        self.offer = np.array(offer, np.int16)
        self.pressure = np.array(pressure, bool)


def test_actions_from_decisions_puts_each_side_in_its_column() -> None:
    union = _Choice([1, 0], [[2, 1], [-1, -1]], [[True, False, False], [False, False, False]])
    studio = _Choice([2, 3], [[-1, -1], [0, 0]], [[False, False, True], [False, True, False]])
    acts = Actions.from_decisions(union, studio)
    assert acts.move.tolist() == [[1, 2], [0, 3]] and acts.move.dtype == np.int8
    assert acts.offer.tolist() == [[[2, 1], [-1, -1]], [[-1, -1], [0, 0]]]
    assert acts.offer.dtype == np.int16
    assert acts.pressure.tolist() == [[True, False, True], [False, True, False]]
    acts.move[0, 0] = 3  # new arrays: the choices are untouched
    acts.pressure[0, 0] = False
    assert union.move[0] == 1 and union.pressure[0, 0]
