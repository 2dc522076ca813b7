"""The session: AI-vs-AI play, human moves, save/load/replay giving the same run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from strikesim.engine import Move, Outcome
from strikesim.records import RecordError, Seat
from strikesim.saves import list_saves, load_game, save_game
from strikesim.scenario import load_scenario
from strikesim.session import Decision, Impossible, Session


@pytest.fixture(scope="module")
def spec():  # type: ignore[no-untyped-def]
    return load_scenario("wga-2023")


def _ai(spec, side: int) -> Seat:  # type: ignore[no-untyped-def]
    return Seat("ai", spec.default_negotiators[side], "normal")


def test_ai_game_reaches_an_outcome(spec) -> None:  # type: ignore[no-untyped-def]
    s = Session(spec, (_ai(spec, 0), _ai(spec, 1)), seed=3)
    reports = s.play_to_end()
    assert s.is_over and s.outcome != Outcome.ONGOING
    assert len(reports) == s.week == int(s.state.end_week[0]) + 1
    assert len(s.history) == len(reports) + 1


def test_same_seed_same_game(spec) -> None:  # type: ignore[no-untyped-def]
    a = Session(spec, (_ai(spec, 0), _ai(spec, 1)), seed=11)
    b = Session(spec, (_ai(spec, 0), _ai(spec, 1)), seed=11)
    a.play_to_end()
    b.play_to_end()
    assert a.record == b.record
    np.testing.assert_array_equal(np.array(a.history), np.array(b.history))


def test_human_must_decide_and_illegal_moves_are_refused(spec) -> None:  # type: ignore[no-untyped-def]
    s = Session(spec, (Seat("human"), _ai(spec, 1)), seed=1)
    with pytest.raises(Impossible, match="waiting for the union"):
        s.advance()
    if s.standing_offer(1) is None:
        with pytest.raises(Impossible, match="no offer on the table to accept"):
            s.submit(0, Decision(Move.ACCEPT))
    with pytest.raises(Impossible, match="no such option"):
        s.submit(0, Decision(Move.OFFER, tuple(99 for _ in spec.issues)))
    with pytest.raises(Impossible, match="no pressure action 'nope'"):
        s.submit(0, Decision(Move.HOLD, pressure=("nope",)))
    s.submit(0, Decision(Move.OFFER, spec.opening_offers[0]))
    report = s.advance()
    assert report.decisions[0].offer == spec.opening_offers[0]
    assert s.standing_offer(0) == spec.opening_offers[0]


def _play_human(spec, seed: int, weeks: int) -> Session:  # type: ignore[no-untyped-def]
    s = Session(spec, (Seat("human"), _ai(spec, 1)), seed=seed)
    for w in range(weeks):
        if s.is_over:
            break
        if w == 0:
            s.submit(0, Decision(Move.OFFER, spec.opening_offers[0]))
        else:
            pressure = tuple(s.legal_pressure_ids(0)[:1]) if w % 3 == 0 else ()
            s.submit(0, Decision(Move.HOLD, pressure=pressure))
        s.advance()
    return s


def test_save_load_continue_equals_playing_through(
    spec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(tmp_path))
    through = _play_human(spec, seed=5, weeks=12)
    first = _play_human(spec, seed=5, weeks=6)
    path = save_game(first, "mid")
    loaded = load_game(path)
    assert loaded.week == first.week
    for w in range(6, 12):
        if loaded.is_over:
            break
        pressure = tuple(loaded.legal_pressure_ids(0)[:1]) if w % 3 == 0 else ()
        loaded.submit(0, Decision(Move.HOLD, pressure=pressure))
        loaded.advance()
    assert loaded.record.weeks == through.record.weeks
    np.testing.assert_array_equal(loaded.state.values, through.state.values)
    assert [s.name for s in list_saves()] == ["mid"]


def test_corrupt_save_is_listed_with_reason_and_refused(
    spec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(tmp_path))
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "broken.json").write_text('{"format": "strikesim-run", "ver')
    [info] = list_saves()
    assert "damaged file" in info.problem
    with pytest.raises(RecordError, match="damaged file"):
        load_game(folder / "broken.json")
