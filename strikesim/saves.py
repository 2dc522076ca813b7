"""Saved games in the user's data folder: one file per game (named by scenario, side, group
and time, see :mod:`strikesim.classroom.runs`), named slots, and the old shared autosave.

A save is a run record (see :mod:`strikesim.records`) with a little metadata
for the load screen. Loading replays the record through the engine, so a
loaded game is exactly the game that was saved.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

from strikesim.engine import GameSpec
from strikesim.errors import RecordError, ScenarioError, shown
from strikesim.records import RunRecord, load_record, save_record
from strikesim.scenario import load_scenario
from strikesim.scenario.catalog import find_scenario
from strikesim.scenario.roots import user_mods_dir
from strikesim.session import Session, check_record_fits

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
        **session.record.meta,
        "title": session.spec.title[:200],
        "week": session.week,
        "side": "+".join(human) or "spectator",
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        "name": name[:200],
    }
    record = replace(session.record, meta=meta)
    path = _slot_path(name)
    remove_stale_temp_files(path.parent)
    save_record(record, path)
    return path


def record_scenario(record: RunRecord, where: str) -> GameSpec:
    """The scenario a record was played with, found again from where it came from
    (``scenario_source``: a shipped id or a scenario file path) or, when that file is
    gone, by its id in any scenario root (shipped, the mods folder, ``STRIKESIM_MODS``).

    Raises ``RecordError`` saying that it is missing, broken or has changed; the
    message never quotes another file's content.
    """
    source = record.scenario_source
    target: str | Path = record.scenario_id
    if source and source != record.scenario_id:
        path = Path(source)
        if not (path.is_absolute() and path.name.endswith((".yaml", ".yml"))):
            raise RecordError(f"{where}: damaged record (scenario source {shown(source)})")
        if path.is_file():
            target = path
        else:
            # moved, or copied to another computer: the same id in any scenario root
            found = find_scenario(record.scenario_id)
            if found is None:
                raise RecordError(
                    f"{where}: its scenario '{record.scenario_id}' is missing (it was played "
                    f"from {shown(source, 200)}); copy its folder into the mods folder "
                    f"{user_mods_dir()} or install it with 'strikesim install FILE.zip'"
                )
            target = found
    try:
        spec = load_scenario(target)
    except ScenarioError as exc:
        count = len(exc.errors) or 1
        raise RecordError(
            f"{where}: its scenario '{record.scenario_id}' cannot be loaded ({count} "
            f"problem(s); run: strikesim validate {shown(str(target), 200)})"
        ) from None
    if spec.id != record.scenario_id:
        raise RecordError(
            f"{where}: it is for scenario '{record.scenario_id}', but {shown(str(target), 200)} "
            f"is '{spec.id}'"
        )
    try:
        check_record_fits(spec, record)
    except RecordError as exc:
        raise RecordError(f"{where}: {exc}") from None
    return spec


def load_game(path: Path) -> Session:
    """Replay a saved game (keeping its meta: slot name, group, mode). Raises
    ``RecordError`` with a readable message on any problem."""
    record = load_record(path)
    spec = record_scenario(record, path.name)
    try:
        session = Session.replay(spec, record)
    except RecordError as exc:
        raise RecordError(f"{path.name}: {exc}") from None
    session.record = replace(session.record, meta=dict(record.meta))
    return session


STALE_SECONDS = 600
"""A temporary file of an interrupted save older than this is removed."""


def remove_stale_temp_files(folder: Path, now: float | None = None) -> int:
    """Remove ``.NAME.*.tmp`` files left by saves interrupted more than
    :data:`STALE_SECONDS` ago (a save in progress is younger); returns how many."""
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = list(folder.glob(".*.tmp"))
    except OSError:
        return 0
    for tmp in candidates:
        with contextlib.suppress(OSError):
            if tmp.is_file() and not tmp.is_symlink() and now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
                removed += 1
    return removed


def _info(path: Path) -> SaveInfo:
    rec = load_record(path)
    meta = rec.meta
    week = meta.get("week", len(rec.weeks))
    return SaveInfo(
        path,
        str(meta.get("name", path.stem))[:200],
        rec.scenario_id,
        str(meta.get("title", rec.scenario_id))[:200],
        week if type(week) is int and 0 <= week <= 10_000 else len(rec.weeks),
        str(meta.get("side", ""))[:40],
        str(meta.get("saved_at", ""))[:40],
    )


def list_saves() -> list[SaveInfo]:
    """Every save, newest first; damaged files are listed with the reason.

    One bad file never hides the others: whatever goes wrong reading it becomes
    its ``problem``.
    """
    folder = saves_dir()
    if not folder.is_dir():
        return []
    remove_stale_temp_files(folder)
    remove_stale_temp_files(folder / "campaigns")
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            out.append(_info(path))
        except RecordError as exc:
            out.append(SaveInfo(path, path.stem, "", path.stem, 0, "", "", str(exc)))
        except (ValueError, TypeError, RecursionError, MemoryError) as exc:
            reason = f"{path.name}: damaged save ({type(exc).__name__})"
            out.append(SaveInfo(path, path.stem, "", path.stem, 0, "", "", reason))

    def mtime(s: SaveInfo) -> float:
        try:
            return s.path.stat().st_mtime
        except OSError:
            return 0.0

    out.sort(key=lambda s: (s.saved_at, mtime(s)), reverse=True)
    return out
