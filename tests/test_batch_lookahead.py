"""Batches and look-ahead: hard/expert negotiators look ahead only in small batches;
`batch` and `check` say so, and `--lookahead` plays every game as a player would meet it."""

from __future__ import annotations

import io

import numpy as np
import pytest

import strikesim.expectations as expectations
from strikesim.ai.lookahead import Lookahead
from strikesim.batch import lookahead_batch, looks_ahead, run_batch
from strikesim.cli import main
from strikesim.records import Seat
from strikesim.scenario import load_scenario

QUICK = "classroom-quick"


def _seats(level: str) -> tuple[Seat, Seat]:
    spec = load_scenario(QUICK)
    return (
        Seat("ai", spec.default_negotiators[0], level),
        Seat("ai", spec.default_negotiators[1], level),
    )


def test_only_hard_and_expert_look_ahead() -> None:
    assert not looks_ahead(_seats("easy")) and not looks_ahead(_seats("normal"))
    assert looks_ahead(_seats("hard")) and looks_ahead(_seats("expert"))
    assert lookahead_batch(_seats("expert")) == Lookahead.max_batch


def test_a_lookahead_batch_plays_each_game_as_one_played_alone() -> None:
    spec = load_scenario(QUICK)
    seats = _seats("expert")
    runs = Lookahead.max_batch + 2  # two chunks
    batch = run_batch(spec, seats, runs=runs, seed=3, lookahead=True)
    assert batch.runs == runs
    for i in (0, runs - 1):  # a game in each chunk
        alone = run_batch(spec, seats, runs=1, seed=3, campaigns=[i], lookahead=True)
        assert batch.end_week[i] == alone.end_week[0]
        assert (batch.contract[i] == alone.contract[0]).all()
        assert np.allclose(batch.final_values[i], alone.final_values[0])


def test_batch_says_when_look_ahead_was_not_used() -> None:
    out = io.StringIO()
    assert main(["batch", QUICK, "--runs", "6", "--difficulty", "hard", "--quiet"], out=out) == 0
    assert "--lookahead" in out.getvalue() and "without it" in out.getvalue()
    out = io.StringIO()
    args = ["batch", QUICK, "--runs", "6", "--difficulty", "hard", "--quiet", "--lookahead"]
    assert main(args, out=out) == 0
    assert "without it" not in out.getvalue()
    out = io.StringIO()
    assert main(["batch", QUICK, "--runs", "6", "--quiet"], out=out) == 0
    assert "look-ahead" not in out.getvalue(), "normal has no look-ahead to mention"


HISTORY = "wga-2023"
"""A scenario with an expectation at expert."""


def test_check_marks_and_explains_expectations_played_without_look_ahead() -> None:
    spec = load_scenario(HISTORY)
    results = expectations.check(spec, runs=Lookahead.max_batch + 2)
    skipped = {r.expectation.difficulty for r in results if r.without_lookahead}
    assert skipped == {"expert"}, "only the expert batch leaves a look-ahead out"
    out = io.StringIO()
    main(["check", HISTORY, "--runs", str(Lookahead.max_batch + 2)], out=out)
    text = out.getvalue()
    assert "at expert (no look-ahead)" in text and "Note: expert negotiators" in text
    assert "--lookahead" in text
    out = io.StringIO()
    main(["check", HISTORY, "--runs", str(Lookahead.max_batch)], out=out)
    assert "look-ahead" not in out.getvalue(), "a batch this small already looks ahead"


def test_check_lookahead_plays_small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []
    real = expectations.run_batch

    def spy(*args: object, **kwargs: object) -> object:
        asked.append(bool(kwargs.get("lookahead")))
        return real(*args, **{**kwargs, "lookahead": False})  # (the real thing is slow)

    monkeypatch.setattr(expectations, "run_batch", spy)
    out = io.StringIO()
    main(["check", HISTORY, "--runs", "6", "--lookahead"], out=out)
    assert asked and all(asked), "every batch is asked to look ahead"
    assert "no look-ahead" not in out.getvalue() and "Note:" not in out.getvalue()
    asked.clear()
    main(["check", "next-round-2026", "--stress", "--runs", "4", "--lookahead"], out=out)
    assert len(asked) > 1 and all(asked), "so is every distorted batch of --stress"
