"""Run files a teacher can collect: one file per game, named and found again.

Each game writes its own record, named by scenario, side, group and time
(``wga-2023-union-table-3-20261207-140512.json``), with the group's name in the record's
``meta``. :func:`collect_runs` reads what a teacher gathers — run records, campaign saves
(one run per finished stage) and folders of them — and turns every file it cannot read into
a problem line instead of stopping.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from strikesim.errors import RecordError
from strikesim.files import FileProblem, load_json
from strikesim.records import MAX_RECORD_BYTES, RunRecord, save_record
from strikesim.session import Session

MAX_FILES = 500
"""Most run files one report or replay reads (a class, not a data set)."""
GROUP_MAX = 40


def clean_group(text: str) -> str:
    """A group name as stored: trimmed, single spaces, at most :data:`GROUP_MAX` characters."""
    return " ".join(text.split())[:GROUP_MAX]


def side_label(session: Session) -> str:
    """``union``/``studio`` for one player, ``hotseat`` for two, ``f2f`` for a deal
    recorded face to face, ``ai`` for a computer-only game."""
    if session.record.meta.get("mode") == "face-to-face":
        return "f2f"
    humans = session.human_sides()
    if len(humans) == 2:
        return "hotseat"
    return ("union", "studio")[humans[0]] if humans else "ai"


def run_name(session: Session, group: str = "", when: dt.datetime | None = None) -> str:
    """``<scenario>-<side>[-<group>]-<YYYYMMDD-HHMMSS>``, safe as a file name anywhere."""
    when = when or dt.datetime.now()
    parts = [session.spec.id, side_label(session)]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", clean_group(group)).strip("-").lower()
    if slug:
        parts.append(slug)
    parts.append(when.strftime("%Y%m%d-%H%M%S"))
    return "-".join(parts)


def with_group(record: RunRecord, group: str) -> RunRecord:
    """``record`` with the group's name in its meta (unchanged when ``group`` is empty)."""
    group = clean_group(group)
    return replace(record, meta={**record.meta, "group": group}) if group else record


def export_run(session: Session, folder: Path, name: str) -> Path:
    """Write the session's record (with its meta) to ``folder/name.json``; returns the path.

    Raises :class:`RecordError` with a readable message when it cannot be written.
    """
    path = Path(folder) / f"{name}.json"
    save_record(session.record, path, shared=True)
    return path


@dataclass(frozen=True)
class LoadedRun:
    """One game read back for a report or a replay."""

    source: str
    """The file it came from (and the stage, for a campaign save)."""
    session: Session
    group: str

    @property
    def name(self) -> str:
        """The group's name, else the file's name."""
        return self.group or Path(self.source.split(" (")[0]).stem


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The files named and the ``.json`` files under the folders named (hidden ones
    skipped), at most :data:`MAX_FILES`; and a line for each path that gives nothing."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if not p.name.startswith("."))
            if not found:
                problems.append(f"{path}: no .json run files in this folder")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    if len(files) > MAX_FILES:
        problems.append(f"{len(files)} files given; only the first {MAX_FILES} are read")
        files = files[:MAX_FILES]
    return files, problems


def _campaign_runs(path: Path) -> list[LoadedRun]:
    from strikesim.campaign.ledger import stage_spec
    from strikesim.campaign.save import load_run

    run = load_run(path)
    out = []
    for result in run.results:
        stage = run.campaign.stages[result.stage_id]
        spec = stage_spec(stage, result.ledger_before)
        session = Session.replay(spec, result.record)
        group = str(result.record.meta.get("group", ""))
        out.append(LoadedRun(f"{path} (stage '{result.stage_id}')", session, group))
    if run.session is not None:
        group = str(run.session.record.meta.get("group", ""))
        out.append(LoadedRun(f"{path} (stage '{run.current}', in play)", run.session, group))
    return out


def load_one(path: Path) -> list[LoadedRun]:
    """The runs in one file: a run record, or each stage of a campaign save.

    Raises :class:`RecordError` (naming the file) when it is neither or cannot be replayed.
    """
    from strikesim.saves import load_game

    try:
        data = load_json(path, MAX_RECORD_BYTES * 4)
    except FileProblem as exc:
        raise RecordError(str(exc)) from None
    if isinstance(data, dict) and data.get("format") == "strikesim-campaign-run":
        return _campaign_runs(path)
    session = load_game(path)
    return [LoadedRun(str(path), session, str(session.record.meta.get("group", "")))]


def collect_runs(paths: list[Path]) -> tuple[list[LoadedRun], list[str]]:
    """Every run in ``paths`` (files and folders), and a line per file that failed."""
    files, problems = expand_paths(paths)
    runs: list[LoadedRun] = []
    for path in files:
        try:
            runs += load_one(path)
        except RecordError as exc:
            problems.append(str(exc))
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            problems.append(f"{path}: damaged file ({type(exc).__name__})")
    return runs, problems
