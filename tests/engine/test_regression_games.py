"""Whole games replayed against recorded results: speed work on the engine must
not change a single outcome.

Each game is played by a seeded random policy that only picks legal moves,
offers and pressure actions (no negotiator code involved), so the record pins
the engine alone: every event, what each side observed every week, and the
final state. Floats are compared to 1e-12 so that the record survives another
CPU's last-bit rounding in ``exp``/``log``. Shipped scenarios are pinned
together with a fingerprint of their compiled spec; when a scenario's content
changes on purpose its games fail (saying so) until the record is rewritten with
``STRIKESIM_WRITE_GOLDEN=1 pytest tests/engine/test_regression_games.py``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import make_spec

from strikesim.engine import Actions, initial_state, legal_moves, legal_pressure, observe, step
from strikesim.engine.spec import Formula, GameSpec

RECORD = Path(__file__).parent / "data" / "regression_games.json"
WRITE = os.environ.get("STRIKESIM_WRITE_GOLDEN") == "1"
GAMES = [  # (scenario, batch, seed, policy seed)
    ("test-spec", 1, 0, 0),
    ("test-spec", 6, 2, 1),
    ("classroom-quick", 1, 0, 0),
    ("classroom-quick", 1, 5, 1),
    ("classroom-quick", 8, 3, 2),
    ("wga-2023", 1, 0, 0),
    ("wga-2023", 1, 7, 1),
    ("wga-2023", 8, 4, 2),
]
STATE_FIELDS = (
    "phase", "strike_weeks", "authorized", "offers", "offer_week", "tentative", "ratify_week",
    "suspended_until", "cooldown", "fired", "contract", "outcome", "end_week",
)  # fmt: skip


def load(scenario: str) -> GameSpec:
    if scenario == "test-spec":
        return make_spec()
    from strikesim.scenario import load_scenario

    return load_scenario(scenario)


def fingerprint(spec: GameSpec) -> str:
    """A digest of what the engine plays of the compiled spec (formulas by their
    source): not its checks, texts, negotiators, scoring or projection, which a
    random-policy game never reads."""
    played = [
        (f.name, _canonical(getattr(spec, f.name)))
        for f in dataclasses.fields(spec)
        if f.name not in NOT_PLAYED
    ]
    return hashlib.sha256(repr(played).encode()).hexdigest()[:16]


NOT_PLAYED = frozenset({
    "id", "version", "title", "summary", "personalities", "default_negotiators",
    "objectives", "projection", "expectations", "sources", "difficulty", "tags",
    "news_masthead", "news_outlets", "scenario_hash", "scenario_source",
})  # fmt: skip
"""Spec fields that do not change a game of the engine played by the random policy."""


def _canonical(x: Any) -> Any:
    """``x`` as nested lists/tuples of plain values, independent of set order."""
    if isinstance(x, Formula):
        return ("formula", x.source)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return (
            type(x).__name__,
            [(f.name, _canonical(getattr(x, f.name))) for f in dataclasses.fields(x)],
        )
    if isinstance(x, Mapping):
        return sorted((repr(k), _canonical(v)) for k, v in x.items())
    if isinstance(x, set | frozenset):
        return sorted(repr(_canonical(v)) for v in x)
    if isinstance(x, list | tuple):
        return [_canonical(v) for v in x]
    if isinstance(x, np.ndarray):
        return x.tolist()
    if callable(x):
        return getattr(x, "__qualname__", type(x).__name__)
    return x


def play(spec: GameSpec, batch: int, seed: int, policy_seed: int) -> dict[str, Any]:
    """One batch played to the end by a seeded random legal policy."""
    rng = np.random.default_rng(policy_seed)
    state = initial_state(spec, batch=batch, seed=seed)
    n_i, n_a = len(spec.issues), len(spec.actions)
    levels = np.array([i.n_levels for i in spec.issues])
    log: list[list[Any]] = []
    seen: list[list[Any]] = []
    rows = np.arange(batch)
    while not state.is_over.all():
        move = np.zeros((batch, 2), np.int8)
        for side in (0, 1):
            obs = observe(spec, state, side)
            weights = np.arange(1, len(obs.variables) + 1)
            table = np.stack([obs.variables[vid] for vid in sorted(obs.variables)])
            seen.append([
                obs.legal_moves.astype(int).tolist(), obs.legal_pressure.astype(int).tolist(),
                float(np.nan_to_num(weights @ table).sum()), float(obs.offer_utility.sum()),
            ])  # fmt: skip
            x = rng.random(batch)
            choice = np.where(x < 0.55, 0, np.where(x < 0.9, 1, np.where(x < 0.97, 2, 3)))
            ok = legal_moves(spec, state, side)[rows, choice]
            move[:, side] = np.where(ok, choice, 0)
        offer = (rng.random((batch, 2, n_i)) * levels).astype(np.int16)
        pressure = legal_pressure(spec, state) & (rng.random((batch, n_a)) < 0.3)
        state, events = step(spec, state, Actions(move, offer, pressure))
        for k in range(len(events)):
            log.append([
                events.week, int(events.campaign[k]), int(events.kind[k]), int(events.ref[k]),
                float(events.value[k]),
            ])  # fmt: skip
    return {
        "weeks": state.week,
        "events": log,
        "observations": seen,
        "values": state.values.tolist(),
        "state": {name: np.asarray(getattr(state, name)).tolist() for name in STATE_FIELDS},
    }


def _record() -> dict[str, Any]:
    if RECORD.exists():
        data: dict[str, Any] = json.loads(RECORD.read_text())
        return data
    return {}


@pytest.mark.parametrize(("scenario", "batch", "seed", "policy_seed"), GAMES)
def test_game_matches_the_record(scenario: str, batch: int, seed: int, policy_seed: int) -> None:
    spec = load(scenario)
    key = f"{scenario}/{batch}/{seed}/{policy_seed}"
    got = play(spec, batch, seed, policy_seed)
    got["fingerprint"] = fingerprint(spec)
    if WRITE:
        record = _record()
        record[key] = got
        RECORD.parent.mkdir(exist_ok=True)
        RECORD.write_text(json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n")
        return
    want = _record().get(key)
    assert want is not None, f"no record for {key}: run with STRIKESIM_WRITE_GOLDEN=1"
    # a changed scenario fails rather than skips: a skipped record pins nothing, and one
    # went unnoticed for weeks while every scenario's record was skipped
    assert want["fingerprint"] == got["fingerprint"], (
        f"{scenario} changed since its games were recorded: if the change is meant, rewrite "
        "the record (STRIKESIM_WRITE_GOLDEN=1 pytest tests/engine/test_regression_games.py)"
    )
    assert got["weeks"] == want["weeks"]
    assert got["state"] == want["state"]
    assert len(got["events"]) == len(want["events"])
    for g, w in zip(got["events"], want["events"], strict=True):
        assert g[:4] == w[:4]
        assert g[4] == pytest.approx(w[4], rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(got["values"], want["values"], rtol=1e-12, atol=1e-12)
    assert len(got["observations"]) == len(want["observations"])
    for g, w in zip(got["observations"], want["observations"], strict=True):
        assert g[:2] == w[:2]
        assert g[2:] == pytest.approx(w[2:], rel=1e-12, abs=1e-12)
