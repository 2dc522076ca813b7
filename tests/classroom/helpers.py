"""Shared set-up for the classroom tests: a modder's scenario and recorded class runs."""

from __future__ import annotations

import shutil
from pathlib import Path

from strikesim.classroom.face_to_face import TableDeal, record_deal
from strikesim.classroom.runs import export_run
from strikesim.engine import GameSpec
from strikesim.records import Seat
from strikesim.scenario import load_scenario
from strikesim.scenario.resources import resource_path
from strikesim.session import Session

QUICK = "classroom-quick"


def mod_scenario(tmp_path: Path, new_id: str = "town-strike") -> GameSpec:
    """classroom-quick copied as a modder's scenario: new id, no teaching notes, no history."""
    folder = tmp_path / "mods" / new_id
    shutil.copytree(resource_path("scenarios") / QUICK, folder)
    (folder / "teaching.md").unlink()
    path = folder / "scenario.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"id: {QUICK}", f"id: {new_id}"),
        encoding="utf-8",
    )
    return load_scenario(path)


def ai_game(spec: GameSpec, seed: int, group: str = "") -> Session:
    seats = (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1]))
    session = Session(spec, seats, seed)
    session.play_to_end()
    if group:
        from dataclasses import replace

        session.record = replace(session.record, meta={"group": group})
    return session


def class_folder(tmp_path: Path) -> Path:
    """Three groups' runs of classroom-quick: the Nash deal face to face, a worse deal after a
    three-week strike, and a computer-only game."""
    spec = load_scenario(QUICK)
    folder = tmp_path / "class"
    deals = [
        TableDeal((6, 2, 1), weeks=2, group="Table 1"),
        TableDeal((6, 1, 2), weeks=3, strike_weeks=3, group="Table 2"),
    ]
    for n, deal in enumerate(deals):
        export_run(record_deal(spec, deal), folder, f"run-{n}")
    export_run(ai_game(spec, 3, "Robots"), folder, "run-ai")
    return folder
