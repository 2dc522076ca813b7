"""Saves and run records are untrusted input: each damaged file is listed with a
reason, never hides the others, and never crashes loading, Continue or replay."""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Callable
from contextlib import redirect_stderr
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from strikesim.cli import main
from strikesim.errors import RecordError
from strikesim.records import Seat, load_record, save_record
from strikesim.saves import (
    STALE_SECONDS,
    list_saves,
    load_game,
    remove_stale_temp_files,
    save_game,
    saves_dir,
)
from strikesim.scenario import load_scenario
from strikesim.session import Session

SCENARIO = "classroom-quick"


@pytest.fixture(scope="module")
def good() -> dict[str, Any]:
    spec = load_scenario(SCENARIO)
    seats = (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1]))
    session = Session(spec, seats, seed=3)
    for _ in range(4):
        session.advance()
    return session.record.to_json()


def _put(path: list[str | int], value: Any) -> Callable[[dict[str, Any]], str]:
    def change(data: dict[str, Any]) -> str:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return json.dumps(data)

    return change


HOSTILE: dict[str, tuple[Callable[[dict[str, Any]], str], str]] = {
    "unknown personality": (_put(["seats", "studio", "personality"], "nobody"), "negotiator"),
    "unknown difficulty": (_put(["seats", "studio", "difficulty"], "godlike"), "difficulty"),
    "move code 99": (_put(["weeks", 0, "moves"], [99, 0]), "moves"),
    "text week in meta": (_put(["meta"], {"week": "three"}), "LOADS"),
    "deep nesting": (
        lambda d: json.dumps(d)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "nested more than",
    ),
    "4301-digit seed": (
        lambda d: json.dumps(d).replace('"seed": 3', '"seed": ' + "9" * 4301),
        "digits",
    ),
    "NaN seed": (lambda d: json.dumps(d).replace('"seed": 3', '"seed": NaN'), "NaN"),
    "scenario id is a path": (_put(["scenario", "id"], "/etc/passwd"), "scenario.id"),
    "scenario source outside": (_put(["scenario", "source"], "/etc/passwd"), "source"),
    "negative level": (_put(["weeks", 0, "offers"], [[-5, 0, 0], None]), "offers"),
    "level of another issue": (
        lambda d: (d["weeks"][0].update(moves=[1, 0], offers=[[0, 0, 150], None]), json.dumps(d))[
            1
        ],
        "no such option",
    ),
    "wrong hash": (_put(["scenario", "hash"], "sha256:" + "0" * 64), "has changed"),
    "terminal escape": (_put(["seats", "studio", "personality"], "\x1b[2Jx"), "personality"),
    "binary": (lambda d: "\x00\xff garbage", "damaged"),
    "array": (lambda d: "[]", "not a StrikeSim run record"),
}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(tmp_path / "data"))
    saves_dir().mkdir(parents=True)
    return saves_dir()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_damaged_save_is_listed_refused_and_hides_nothing(
    name: str, good: dict[str, Any], data_dir: Path
) -> None:
    change, reason = HOSTILE[name]
    ok = dict(good, meta={"name": "ok", "week": 4, "saved_at": "2024-01-01T00:00:00"})
    (data_dir / "ok.json").write_text(json.dumps(ok))
    bad = data_dir / "bad.json"
    bad.write_text(change(json.loads(json.dumps(good))), encoding="utf-8", errors="surrogateescape")
    infos = {i.path.name: i for i in list_saves()}
    assert not infos["ok.json"].problem
    assert load_game(infos["ok.json"].path).week == 4  # Continue still works
    problem = infos["bad.json"].problem
    if reason == "LOADS":  # harmless: listed with the week count of its record
        assert not problem and infos["bad.json"].week == len(good["weeks"])
        assert load_game(bad).week == len(good["weeks"])
        return
    if not problem:
        with pytest.raises(RecordError) as caught:
            load_game(bad)
        problem = str(caught.value)
    assert reason in problem
    assert "\x1b" not in problem and "root:" not in problem
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["replay", str(bad)], out=io.StringIO()) == 2
    assert "Traceback" not in err.getvalue() and "\x1b" not in err.getvalue()


def test_a_changed_scenario_is_refused_in_load_and_replay(
    good: dict[str, Any], tmp_path: Path, data_dir: Path
) -> None:
    from strikesim.scenario.resources import scenario_file

    shipped = scenario_file(SCENARIO)
    assert shipped is not None
    copy = tmp_path / "mine" / SCENARIO / "scenario.yaml"
    copy.parent.mkdir(parents=True)
    copy.write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    spec = load_scenario(copy)
    assert spec.scenario_source == str(copy.resolve())
    seats = (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1]))
    session = Session(spec, seats, seed=5)
    session.advance()
    path = save_game(session, "mine")
    assert load_game(path).week == 1  # found again by its path
    text = copy.read_text(encoding="utf-8").replace("max_weeks:", "max_weeks: 11 #", 1)
    copy.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match="has changed since this game was saved"):
        load_game(path)
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["replay", str(path)], out=io.StringIO()) == 2
    assert "has changed" in err.getvalue()
    copy.write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    copy.unlink()
    # gone from its path: the same id is looked up in the scenario roots, and the
    # shipped file has the very content the game was played with
    assert load_game(path).week == 1
    record = load_record(path)
    gone = replace(record, scenario_id="not-installed-anywhere")
    save_record(gone, path)
    with pytest.raises(RecordError, match="is missing"):
        load_game(path)


def test_replay_prints_the_run_log_exactly(tmp_path: Path) -> None:
    record = tmp_path / "run.json"
    run, replay = io.StringIO(), io.StringIO()
    assert main(["run", SCENARIO, "--seed", "7", "--save", str(record)], out=run) == 0
    assert main(["replay", str(record)], out=replay) == 0
    assert replay.getvalue() == run.getvalue()


def test_stale_temp_files_are_removed_and_fresh_ones_kept(data_dir: Path) -> None:
    stale, fresh = data_dir / ".autosave.json.abc.tmp", data_dir / ".autosave.json.def.tmp"
    stale.write_text("{")
    fresh.write_text("{")
    old = time.time() - STALE_SECONDS - 5
    os.utime(stale, (old, old))
    assert remove_stale_temp_files(data_dir) == 1
    assert not stale.exists() and fresh.exists()
    list_saves()
    assert fresh.exists()


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "huge"])
def test_a_save_that_is_not_a_regular_small_file_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        with open(path, "wb") as fh:
            fh.truncate(2**30)  # sparse: no disk used
    with pytest.raises(RecordError, match=r"regular file|folder|too large"):
        load_record(path)
