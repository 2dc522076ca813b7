"""Seeds: range-checked everywhere, and every batch row can be played again alone."""

from __future__ import annotations

import io
from contextlib import redirect_stderr
from pathlib import Path

import numpy as np
import pytest

from strikesim.batch import run_batch
from strikesim.cli import main
from strikesim.records import Seat, load_record
from strikesim.scenario import load_scenario
from strikesim.session import Session


def test_batch_row_i_is_run_with_campaign_id_i(tmp_path: Path) -> None:
    spec = load_scenario("classroom-quick")
    seats = (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1]))
    batch = run_batch(spec, seats, runs=4, seed=3)
    for row in range(4):
        session = Session(spec, seats, seed=3, campaign_id=row)
        session.play_to_end()
        np.testing.assert_array_equal(session.state.contract[0], batch.contract[row])
        assert int(session.state.end_week[0]) == int(batch.end_week[row])
    # the rows are different games (their own draws), not one game four times
    assert len({batch.final_values[row].tobytes() for row in range(4)}) == 4
    out = tmp_path / "row2.json"
    assert main(["run", "classroom-quick", "--seed", "3", "--campaign-id", "2", "--save",
                 str(out)], out=io.StringIO()) == 0  # fmt: skip
    record = load_record(out)
    assert record.campaign_id == 2
    replayed = Session.replay(spec, record)
    np.testing.assert_array_equal(replayed.state.contract[0], batch.contract[2])


@pytest.mark.parametrize("seed", ["-1", str(2**63), str(2**64 + 1), "1e3", "x"])
@pytest.mark.parametrize("command", ["run", "batch", "check", "play", "campaign"])
def test_out_of_range_seeds_are_refused(command: str, seed: str) -> None:
    target = "hollywood-decade" if command == "campaign" else "classroom-quick"
    err = io.StringIO()
    with redirect_stderr(err), pytest.raises(SystemExit) as exit_:
        main([command, target, "--seed", seed])
    assert exit_.value.code == 2
    assert "seed" in err.getvalue() and "Traceback" not in err.getvalue()
