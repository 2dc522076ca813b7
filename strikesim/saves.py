"""Saved games in the user's data folder: named slots plus one autosave.

A save is a run record (see :mod:`strikesim.records`) with a little metadata
for the load screen. Loading replays the record through the engine, so a
loaded game is exactly the game that was saved.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from strikesim.engine.spec import GameSpec
from strikesim.records import RecordError, RunRecord, load_record, save_record
from strikesim.scenario.locate import ScenarioNotFound, load_recorded
from strikesim.session import Session

AUTOSAVE = "autosave"


def saves_dir() -> Path:
    """The folder holding saves; ``STRIKESIM_DATA_DIR`` overrides the platform default."""
    override = os.environ.get("STRIKESIM_DATA_DIR")
    if override:
        return Path(override) / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir("strikesim", appauthor=False)) / "saves"


@dataclass(frozen=True)
class SaveInfo:
    """One entry of the load screen."""

    path: Path
    name: str
    scenario_id: str
    title: str
    week: int
    side: str
    saved_at: str
    problem: str = ""
    """Why this save cannot be loaded ("" when it can)."""


def _slot_path(name: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "save"
    return saves_dir() / f"{safe}.json"


def save_game(session: Session, name: str = AUTOSAVE) -> Path:
    """Write the session's record to slot ``name`` (atomically); returns the path."""
    human = [("union", "studio")[s] for s in session.human_sides()]
    meta = {
        "title": session.spec.title,
        "week": session.week,
        "side": "+".join(human) or "spectator",
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        "name": name,
    }
    record = session.record.with_meta(meta)
    path = _slot_path(name)
    save_record(record, path)
    return path


def load_game(path: Path) -> Session:
    """Replay a saved game. Raises ``RecordError`` with a readable message on any problem."""
    record = load_record(path)
    return Session.replay(recorded_scenario(record, path.name), record)


def recorded_scenario(record: RunRecord, name: str) -> GameSpec:
    """The scenario ``record`` was played with, found in any root or at its recorded path.

    Raises ``RecordError`` naming ``name`` when it is missing, broken or changed.
    """
    try:
        return load_recorded(
            record.scenario_id,
            record.scenario_version,
            record.scenario_source,
            record.scenario_hash,
        )
    except ScenarioNotFound as exc:
        raise RecordError(f"{name}: {exc}") from None


def list_saves() -> list[SaveInfo]:
    """Every save, newest first; damaged files are listed with the reason."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    out = []
    for path in folder.glob("*.json"):
        try:
            rec = load_record(path)
        except RecordError as exc:
            out.append(SaveInfo(path, path.stem, "", path.stem, 0, "", "", str(exc)))
            continue
        meta = rec.meta
        out.append(
            SaveInfo(
                path,
                str(meta.get("name", path.stem)),
                rec.scenario_id,
                str(meta.get("title", rec.scenario_id)),
                int(meta.get("week", len(rec.weeks)) or 0),
                str(meta.get("side", "")),
                str(meta.get("saved_at", "")),
            )
        )
    out.sort(
        key=lambda s: (s.saved_at, s.path.stat().st_mtime if s.path.exists() else 0), reverse=True
    )
    return out
