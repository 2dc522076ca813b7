"""Run records: a game as (scenario id + version, seed, seats, action log).

A run record is the save file, the replay and the bug report at once. It is
plain JSON (never pickle), versioned, and written atomically so that a crash in
the middle of a write leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from strikesim.errors import RecordError as RecordError

RECORD_FORMAT = "strikesim-run"
RECORD_VERSION = 1
MAX_RECORD_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Seat:
    """Who plays one side: a person, or an AI personality at a difficulty."""

    kind: str  # "human" | "ai"
    personality: str = ""
    difficulty: str = "normal"

    @property
    def is_human(self) -> bool:
        return self.kind == "human"

    def describe(self) -> str:
        if self.is_human:
            return "human"
        return f"{self.personality} ({self.difficulty})"


@dataclass(frozen=True)
class WeekActions:
    """Both sides' actions in one week: moves, offers (level indices), pressure action ids."""

    moves: tuple[int, int]
    offers: tuple[tuple[int, ...] | None, tuple[int, ...] | None]
    pressure: tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class RunRecord:
    scenario_id: str
    scenario_version: str
    seed: int
    seats: tuple[Seat, Seat]
    weeks: tuple[WeekActions, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def with_week(self, week: WeekActions) -> RunRecord:
        return RunRecord(
            self.scenario_id,
            self.scenario_version,
            self.seed,
            self.seats,
            (*self.weeks, week),
            self.meta,
        )

    # ---- JSON -------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "format": RECORD_FORMAT,
            "version": RECORD_VERSION,
            "scenario": {"id": self.scenario_id, "version": self.scenario_version},
            "seed": self.seed,
            "seats": {"union": asdict(self.seats[0]), "studio": asdict(self.seats[1])},
            "weeks": [
                {
                    "moves": list(w.moves),
                    "offers": [list(o) if o is not None else None for o in w.offers],
                    "pressure": [list(p) for p in w.pressure],
                }
                for w in self.weeks
            ],
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: Any, *, source: str = "run record") -> RunRecord:
        def fail(msg: str) -> RecordError:
            return RecordError(f"{source}: {msg}")

        if not isinstance(data, dict):
            raise fail("not a StrikeSim run record (expected a JSON object)")
        if data.get("format") != RECORD_FORMAT:
            raise fail("not a StrikeSim run record (missing 'format': 'strikesim-run')")
        version = data.get("version")
        if not isinstance(version, int) or version > RECORD_VERSION or version < 1:
            raise fail(
                f"record version {version!r} is not supported by this StrikeSim "
                f"(it reads version {RECORD_VERSION})"
            )
        try:
            scen = data["scenario"]
            seats_raw = data["seats"]
            seats = (_seat(seats_raw["union"]), _seat(seats_raw["studio"]))
            weeks = tuple(_week(w) for w in data.get("weeks", []))
            seed = data["seed"]
            if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
                raise ValueError("seed must be a non-negative integer")
            meta = data.get("meta", {})
            if not isinstance(meta, dict):
                raise ValueError("meta must be an object")
            return cls(str(scen["id"]), str(scen["version"]), seed, seats, weeks, meta)
        except (KeyError, TypeError, ValueError) as exc:
            raise fail(f"damaged record ({_describe(exc)})") from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc) or type(exc).__name__


def _seat(raw: Any) -> Seat:
    if not isinstance(raw, dict) or raw.get("kind") not in ("human", "ai"):
        raise ValueError("a seat must be {'kind': 'human'|'ai', ...}")
    return Seat(
        str(raw["kind"]), str(raw.get("personality", "")), str(raw.get("difficulty", "normal"))
    )


def _levels(raw: Any) -> tuple[int, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(
        isinstance(x, int) and not isinstance(x, bool) for x in raw
    ):
        raise ValueError("an offer must be a list of level numbers")
    return tuple(raw)


def _week(raw: Any) -> WeekActions:
    if not isinstance(raw, dict):
        raise ValueError("each week must be an object")
    moves = raw["moves"]
    offers = raw["offers"]
    pressure = raw["pressure"]
    if not (isinstance(moves, list) and len(moves) == 2 and all(isinstance(m, int) for m in moves)):
        raise ValueError("'moves' must be two numbers")
    if not (isinstance(offers, list) and len(offers) == 2):
        raise ValueError("'offers' must have two entries")
    if not (isinstance(pressure, list) and len(pressure) == 2):
        raise ValueError("'pressure' must have two lists")
    return WeekActions(
        (int(moves[0]), int(moves[1])),
        (_levels(offers[0]), _levels(offers[1])),
        (tuple(str(p) for p in pressure[0]), tuple(str(p) for p in pressure[1])),
    )


# ---- files ---------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never half.

    Raises ``RecordError`` with a readable message when the disk is full or the
    folder cannot be written; the previous file is left as it was.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise RecordError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise RecordError(f"cannot write {path}: {exc.strerror or exc}") from None


def save_record(record: RunRecord, path: Path) -> None:
    write_atomic(Path(path), json.dumps(record.to_json(), indent=1))


def load_record(path: Path) -> RunRecord:
    """Read a run record; every problem becomes a ``RecordError`` with the file name."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_RECORD_BYTES:
            raise RecordError(f"{path}: file is too large to be a run record ({size} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RecordError(f"{path}: no such file") from None
    except OSError as exc:
        raise RecordError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordError(f"{path}: damaged file, not valid JSON ({exc})") from None
    return RunRecord.from_json(data, source=str(path))
