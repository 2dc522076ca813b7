"""Run records: a game as (scenario id + version, seed, seats, action log).

A run record is the save file, the replay and the bug report at once. It is
plain JSON (never pickle), versioned, and written atomically so that a crash in
the middle of a write leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from strikesim.errors import RecordError as RecordError
from strikesim.errors import shown
from strikesim.files import FileProblem, load_json

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
    """A game as data: which scenario (id, version, content hash and where it came
    from), the seed, the seats and each week's actions.

    ``scenario_hash`` is the scenario's content hash when the game started
    (:attr:`GameSpec.scenario_hash`) and ``scenario_source`` where it was loaded
    from (a shipped id or a file path); both are "" in records written before
    they existed.
    """

    scenario_id: str
    scenario_version: str
    seed: int
    seats: tuple[Seat, Seat]
    weeks: tuple[WeekActions, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    scenario_hash: str = ""
    scenario_source: str = ""
    campaign_id: int = 0
    """The engine's campaign id (``run --campaign-id``; 0 for an ordinary game)."""

    def with_week(self, week: WeekActions) -> RunRecord:
        return replace(self, weeks=(*self.weeks, week))

    # ---- JSON -------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        scenario = {"id": self.scenario_id, "version": self.scenario_version}
        if self.scenario_hash:
            scenario["hash"] = self.scenario_hash
        if self.scenario_source:
            scenario["source"] = self.scenario_source
        return {
            "format": RECORD_FORMAT,
            "version": RECORD_VERSION,
            "scenario": scenario,
            "seed": self.seed,
            **({"campaign_id": self.campaign_id} if self.campaign_id else {}),
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
        """Check untrusted data against :class:`RecordFile` and build the record.

        Every problem is a :class:`RecordError` naming ``source``.
        """

        def fail(msg: str) -> RecordError:
            return RecordError(f"{source}: {msg}")

        if not isinstance(data, dict):
            raise fail("not a StrikeSim run record (expected a JSON object)")
        if data.get("format") != RECORD_FORMAT:
            raise fail("not a StrikeSim run record (missing 'format': 'strikesim-run')")
        version = data.get("version")
        if type(version) is not int or version > RECORD_VERSION or version < 1:
            raise fail(
                f"record version {shown(version, 20)} is not supported by this StrikeSim "
                f"(it reads version {RECORD_VERSION})"
            )
        try:
            raw = RecordFile.model_validate(data)
        except ValidationError as exc:
            raise fail(f"damaged record ({_describe(exc)})") from None
        return cls(
            raw.scenario.id,
            raw.scenario.version,
            raw.seed,
            (raw.seats.union.seat(), raw.seats.studio.seat()),
            tuple(w.actions() for w in raw.weeks),
            dict(raw.meta),
            raw.scenario.hash,
            raw.scenario.source,
            raw.campaign_id,
        )


# ---- the file schema: every bound a replay relies on ------------------------

MAX_WEEKS_IN_RECORD = 521
"""The longest game is 520 weeks (``max_weeks``); one more for the last week."""
MAX_ISSUES = 64
MAX_ACTIONS = 64
MAX_LEVEL = 200
"""Highest level index (an issue has at most 201 levels)."""
_NAME = r"^[A-Za-z0-9_-]{0,64}$"
_SCENARIO_ID = r"^[a-z0-9][a-z0-9_-]{0,99}$"
Level = Annotated[int, Field(ge=0, le=MAX_LEVEL, strict=True)]
Name = Annotated[str, Field(pattern=_NAME)]
MetaValue = (
    Annotated[str, Field(max_length=200)] | Annotated[int, Field(strict=True)] | float | bool | None
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class ScenarioRef(_Strict):
    id: str = Field(pattern=_SCENARIO_ID)
    version: str = Field(max_length=40)
    hash: str = Field(default="", pattern=r"^(sha256:[0-9a-f]{64})?$")
    source: str = Field(default="", max_length=4096)


class SeatFile(_Strict):
    kind: Literal["human", "ai"]
    personality: Name = ""
    difficulty: Name = "normal"

    def seat(self) -> Seat:
        return Seat(self.kind, self.personality, self.difficulty)


class SeatsFile(_Strict):
    union: SeatFile
    studio: SeatFile


class WeekFile(_Strict):
    moves: tuple[
        Annotated[int, Field(ge=0, le=3, strict=True)],
        Annotated[int, Field(ge=0, le=3, strict=True)],
    ]
    offers: tuple[
        Annotated[list[Level], Field(max_length=MAX_ISSUES)] | None,
        Annotated[list[Level], Field(max_length=MAX_ISSUES)] | None,
    ]
    pressure: tuple[
        Annotated[list[Name], Field(max_length=MAX_ACTIONS)],
        Annotated[list[Name], Field(max_length=MAX_ACTIONS)],
    ]

    def actions(self) -> WeekActions:
        return WeekActions(
            (self.moves[0], self.moves[1]),
            (
                None if self.offers[0] is None else tuple(self.offers[0]),
                None if self.offers[1] is None else tuple(self.offers[1]),
            ),
            (tuple(self.pressure[0]), tuple(self.pressure[1])),
        )


class RecordFile(_Strict):
    """A run record file (format ``strikesim-run``, version 1) as read from disk."""

    model_config = ConfigDict(extra="ignore", frozen=True, allow_inf_nan=False)

    format: Literal["strikesim-run"]
    version: Literal[1]
    scenario: ScenarioRef
    seed: int = Field(ge=0, lt=2**63, strict=True)
    campaign_id: int = Field(default=0, ge=0, lt=2**63, strict=True)
    seats: SeatsFile
    weeks: list[WeekFile] = Field(default_factory=list, max_length=MAX_WEEKS_IN_RECORD)
    meta: dict[Annotated[str, Field(max_length=40)], MetaValue] = Field(
        default_factory=dict, max_length=32
    )


_TYPE_TAGS = frozenset({"str", "int", "float", "bool", "none", "list", "dict", "tuple"})


def _describe(exc: ValidationError) -> str:
    """The first problem as ``where: what`` (never quoting more than a short value)."""
    err = exc.errors(include_url=False)[0]
    parts = [
        p for p in err["loc"]
        if isinstance(p, int) or (re.fullmatch(r"[a-z_]+", p) and p not in _TYPE_TAGS)
    ]  # fmt: skip
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")
    if err["type"] == "missing":
        head, _, last = where.rpartition(".")
        return f"{head + ': ' if head else ''}missing {last!r}"
    message = f"{err['msg'][:120]}, got {shown(err.get('input'), 40)}"
    return f"{where}: {message}" if where else message


# ---- files ---------------------------------------------------------------------


def write_atomic(path: Path, text: str, *, shared: bool = False) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never half.

    ``shared``: a file for others to read (a class folder, printed pages), made readable by
    all like any ordinary file, rather than private to the user as saves are.

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
        if shared:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise RecordError(f"cannot write {path}: {exc.strerror or exc}") from None


def save_record(record: RunRecord, path: Path, *, shared: bool = False) -> None:
    write_atomic(Path(path), json.dumps(record.to_json(), indent=1), shared=shared)


def load_record(path: Path) -> RunRecord:
    """Read a run record; every problem becomes a ``RecordError`` with the file name."""
    path = Path(path)
    try:
        data = load_json(path, MAX_RECORD_BYTES)
    except FileProblem as exc:
        raise RecordError(str(exc)) from None
    return RunRecord.from_json(data, source=str(path))
