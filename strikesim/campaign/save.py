"""Campaign saves: the stage run records in order, replayed to rebuild the ledger.

A campaign save is plain, versioned JSON written atomically
(:func:`strikesim.records.write_atomic`): the campaign id, seed and seats, then
one entry per finished stage (its stage id, its ordinary run record and the
ledger after it), plus the record of a stage in play, if any. Loading replays
every stage through the engine; the ledger it rebuilds must equal the saved
one, so a save that no longer matches its campaign or scenarios is refused
with a clear message instead of continuing a different game.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from strikesim.campaign.load import campaign_files, load_campaign
from strikesim.campaign.run import CampaignError, CampaignRun, stage_seed
from strikesim.files import FileProblem, load_json
from strikesim.records import MAX_RECORD_BYTES, RecordError, RunRecord, Seat, write_atomic
from strikesim.scenario.diagnostics import ScenarioError
from strikesim.session import Session

__all__ = [
    "CAMPAIGN_FORMAT",
    "CAMPAIGN_VERSION",
    "load_run",
    "run_from_json",
    "run_to_json",
    "save_run",
]

CAMPAIGN_FORMAT = "strikesim-campaign-run"
CAMPAIGN_VERSION = 1


def _seat_json(seat: Seat) -> dict[str, str]:
    return {"kind": seat.kind, "personality": seat.personality, "difficulty": seat.difficulty}


def run_to_json(run: CampaignRun) -> dict[str, Any]:
    """The JSON form of ``run`` (stages played, the ledger after each, the stage in play)."""
    active = None
    if run.session is not None and run.current is not None:
        active = {"stage": run.current, "record": run.session.record.to_json()}
    return {
        "format": CAMPAIGN_FORMAT,
        "version": CAMPAIGN_VERSION,
        "campaign": _campaign_json(run),
        "seed": run.seed,
        "seats": {"union": _seat_json(run.seats[0]), "studio": _seat_json(run.seats[1])},
        "stages": [
            {"stage": r.stage_id, "record": r.record.to_json(), "ledger": r.ledger_after}
            for r in run.results
        ],
        "active": active,
    }


def _campaign_json(run: CampaignRun) -> dict[str, str]:
    """The campaign's id; a campaign that is not shipped also keeps its file's path."""
    out = {"id": run.campaign.id, "title": run.campaign.title}
    path = run.campaign.path.resolve()
    if path not in {p.resolve() for p in campaign_files()}:
        out["path"] = str(path)
    return out


def _seat(raw: Any) -> Seat:
    if not isinstance(raw, dict) or raw.get("kind") not in ("human", "ai"):
        raise ValueError("a seat must be {'kind': 'human'|'ai', ...}")
    return Seat(
        str(raw["kind"]), str(raw.get("personality", "")), str(raw.get("difficulty", "normal"))
    )


def _replay(run: CampaignRun, entry: Any, source: str, n: int) -> Session:
    if not isinstance(entry, dict):
        raise RecordError(f"{source}: damaged save (stage {n + 1} is not an object)")
    stage = run.stage
    if stage is None or entry.get("stage") != stage.id:
        here = "the end of the campaign" if stage is None else f"stage '{stage.id}'"
        raise RecordError(
            f"{source}: stage {n + 1} was '{entry.get('stage')}' when saved, but the campaign "
            f"now leads to {here}; the campaign has changed since this save"
        )
    record = RunRecord.from_json(entry.get("record"), source=f"{source} (stage '{stage.id}')")
    spec = run.stage_spec()
    if record.scenario_version != spec.version or record.scenario_id != spec.id:
        raise RecordError(
            f"{source}: stage '{stage.id}' was saved with {record.scenario_id} version "
            f"{record.scenario_version}; this copy is {spec.id} version {spec.version}"
        )
    if record.seed != stage_seed(run.seed, run.position, stage.id):
        raise RecordError(
            f"{source}: stage '{stage.id}' has a seed that does not match the campaign seed"
        )
    return Session.replay(spec, record)


def run_from_json(data: Any, *, source: str = "campaign save") -> CampaignRun:
    """Rebuild a run by replaying its stages; raises :class:`RecordError` on any problem."""
    if not isinstance(data, dict) or data.get("format") != CAMPAIGN_FORMAT:
        raise RecordError(f"{source}: not a StrikeSim campaign save")
    version = data.get("version")
    if not isinstance(version, int) or not 1 <= version <= CAMPAIGN_VERSION:
        raise RecordError(f"{source}: campaign save version {version!r} is not supported")
    try:
        cid = str(data["campaign"]["id"])
        where = data["campaign"].get("path")
        seed = data["seed"]
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
            raise ValueError("seed must be a non-negative integer")
        seats = (_seat(data["seats"]["union"]), _seat(data["seats"]["studio"]))
        stages = data.get("stages", [])
        if not isinstance(stages, list):
            raise ValueError("'stages' must be a list")
    except (KeyError, TypeError, ValueError) as exc:
        raise RecordError(f"{source}: damaged save ({exc})") from None
    try:
        campaign = load_campaign(where if isinstance(where, str) else cid)
    except ScenarioError as exc:
        first = exc.diagnostics[0].format() if exc.diagnostics else str(exc)
        raise RecordError(f"{source}: its campaign cannot be loaded ({first})") from None
    if campaign.id != cid:
        raise RecordError(f"{source}: the campaign file now holds '{campaign.id}', not '{cid}'")
    run = CampaignRun(campaign, seed=seed, seats=seats)
    try:
        for n, entry in enumerate(stages):
            session = _replay(run, entry, source, n)
            if not session.is_over:
                raise RecordError(
                    f"{source}: stage '{entry['stage']}' stops before its dispute ended"
                )
            result = run.finish_stage(session)
            if result.ledger_after != entry.get("ledger"):
                raise RecordError(
                    f"{source}: replaying stage '{result.stage_id}' gives a different ledger "
                    "than the one saved; the campaign or its scenarios have changed"
                )
        active = data.get("active")
        if active is not None:
            run.session = _replay(run, active, source, len(stages))
    except (CampaignError, ScenarioError) as exc:
        raise RecordError(f"{source}: cannot replay ({exc})") from None
    return run


def save_run(run: CampaignRun, path: Path) -> None:
    """Write ``run`` to ``path`` atomically (raises :class:`RecordError` if it cannot)."""
    write_atomic(Path(path), json.dumps(run_to_json(run), indent=1))


def load_run(path: Path) -> CampaignRun:
    """Read and replay a campaign save; every problem is a :class:`RecordError`."""
    path = Path(path)
    try:
        data = load_json(path, MAX_RECORD_BYTES * 4)
    except FileProblem as exc:
        raise RecordError(str(exc)) from None
    return run_from_json(data, source=str(path))
