"""The handlers behind each ``strikesim`` command (see :mod:`strikesim.cli`)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TextIO

from strikesim.cli import EXIT_OK, EXIT_PROBLEMS, UserError, resolve_out_path, write_json
from strikesim.engine import GameSpec
from strikesim.engine.spec import STUDIO, UNION
from strikesim.errors import RecordError
from strikesim.records import Seat, load_record, save_record
from strikesim.scenario import Severity, load_scenario, validate_path
from strikesim.session import Session

DEFAULT_SCENARIO = "wga-2023"


def _seat(spec: GameSpec, side: int, name: str | None, difficulty: str) -> Seat:
    personality = name or spec.default_negotiators[side]
    return Seat("ai", personality, difficulty)


def _check_seats(spec: GameSpec, seats: tuple[Seat, Seat]) -> None:
    from strikesim.ai import DIFFICULTIES, negotiator_names

    for side, seat in enumerate(seats):
        known = negotiator_names(spec, side)
        if seat.personality not in known:
            raise UserError(
                f"no {('union', 'studio')[side]} negotiator '{seat.personality}'; "
                f"choose from: {', '.join(known)}"
            )
        if seat.difficulty not in DIFFICULTIES:
            raise UserError(
                f"no difficulty '{seat.difficulty}'; choose from: {', '.join(DIFFICULTIES)}"
            )


def cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim import logtext

    spec = load_scenario(args.scenario)
    seats = (
        _seat(spec, UNION, args.union, args.difficulty),
        _seat(spec, STUDIO, args.studio, args.difficulty),
    )
    _check_seats(spec, seats)
    session = Session(spec, seats, args.seed, getattr(args, "campaign_id", 0))
    if not args.json:
        out.write("\n".join(logtext.header(session)) + "\n")
    while not session.is_over:
        report = session.advance()
        if not args.json:
            out.write("\n".join(logtext.week_lines(session, report)) + "\n")
    if args.save:
        save_record(session.record, resolve_out_path(args.save))
    if args.json:
        write_json(logtext.run_to_json(session), out)
    else:
        out.write("\n".join(logtext.summary_lines(session)) + "\n")
    return EXIT_OK


def cmd_replay(args: argparse.Namespace, out: TextIO) -> int:
    """Replay run records, campaign saves (every stage) and folders of them, in order.

    One run record prints its log as before; with several, each log is headed by its file,
    and a file that cannot be read is reported on stderr without stopping the others.
    """
    import sys

    from strikesim.classroom.runs import expand_paths, load_one

    paths = [Path(p) for p in args.records]
    if len(paths) == 1 and paths[0].is_file() and not _is_campaign_save(paths[0]):
        _replay_record(paths[0], out)
        return EXIT_OK
    files, problems = expand_paths(paths)
    for problem in problems:
        print(f"strikesim: {problem}", file=sys.stderr)
    failed = len(problems)
    for path in files:
        try:
            runs = load_one(path)
        except RecordError as exc:
            print(f"strikesim: {exc}", file=sys.stderr)
            failed += 1
            continue
        for run in runs:
            out.write(f"=== {run.source}{' · group ' + run.group if run.group else ''} ===\n")
            _write_log(run.session, out)
            out.write("\n")
    return EXIT_PROBLEMS if failed else EXIT_OK


def _is_campaign_save(path: Path) -> bool:
    from strikesim.files import FileProblem, load_json
    from strikesim.records import MAX_RECORD_BYTES

    try:
        data = load_json(path, MAX_RECORD_BYTES * 4)
    except (FileProblem, ValueError):
        return False  # the record reader says why
    return isinstance(data, dict) and data.get("format") == "strikesim-campaign-run"


def _replay_record(path: Path, out: TextIO) -> None:
    from strikesim.saves import record_scenario

    record = load_record(path)
    spec = record_scenario(record, str(path))
    try:
        session = Session.replay(spec, record)
    except RecordError as exc:
        raise RecordError(f"{path}: {exc}") from None
    _write_log(session, out)


def _write_log(session: Session, out: TextIO) -> None:
    from dataclasses import replace

    from strikesim import logtext

    start = Session.replay(session.spec, replace(session.record, weeks=()))
    out.write("\n".join(logtext.header(start)) + "\n")  # the header as at week 0
    for report in session.reports:
        out.write("\n".join(logtext.week_lines(session, report)) + "\n")
    if session.is_over:
        out.write("\n".join(logtext.summary_lines(session)) + "\n")
    else:
        out.write(f"\n(the record stops at week {session.week}; the dispute goes on)\n")


def _scenario_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            found = sorted(path.glob("*/scenario.yaml")) or sorted(path.glob("scenario.yaml"))
            campaigns = path if path.name == "campaigns" else path / "campaigns"
            found += sorted(campaigns.glob("*.yaml"))
            if (path / "scenario.yaml").exists() and path / "scenario.yaml" not in found:
                found.append(path / "scenario.yaml")
            if not found:
                raise UserError(f"{text}: no scenario.yaml in this folder or its sub-folders")
            files.extend(found)
        elif path.exists():
            files.append(path)
        elif (by_id := _by_id(text)) is not None:
            files.append(by_id)
        else:
            raise UserError(f"{text}: no such file or folder, scenario id or campaign id")
    return files


def _by_id(text: str) -> Path | None:
    """The file of a scenario or campaign id in any root (shipped or mods), or None."""
    from strikesim.scenario.catalog import find_campaign, find_scenario

    return find_scenario(text) or find_campaign(text)


def _is_campaign(path: Path) -> bool:
    """Campaign files live in a ``campaigns`` folder or have a top-level ``stages:`` key."""
    if path.parent.name == "campaigns":
        return True
    from strikesim.files import FileProblem, read_capped
    from strikesim.scenario.yaml_source import MAX_BYTES

    try:
        text = read_capped(path, MAX_BYTES).decode("utf-8", errors="replace")
    except FileProblem:
        return False  # the scenario reader reports why
    return any(line.startswith("stages:") for line in text.splitlines())


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.campaign import validate_campaign

    files = _scenario_files(args.paths)
    results = {str(f): validate_campaign(f) if _is_campaign(f) else validate_path(f) for f in files}
    errors = sum(1 for ds in results.values() for d in ds if d.severity == Severity.ERROR)
    warnings = sum(1 for ds in results.values() for d in ds if d.severity == Severity.WARNING)
    if args.format == "json":
        write_json(
            {
                "files": {f: [d.to_json() for d in ds] for f, ds in results.items()},
                "errors": errors,
                "warnings": warnings,
            },
            out,
        )
    else:
        for f, ds in results.items():
            for d in ds:
                out.write(d.format() + "\n")
            if not ds:
                out.write(f"{f}: ok\n")
        out.write(f"{len(files)} file(s): {errors} error(s), {warnings} warning(s)\n")
    failed = errors > 0 or (args.strict and warnings > 0)
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.scenario.schema import scenario_json_schema

    schema = scenario_json_schema()
    if args.out:
        from strikesim.records import write_atomic

        write_atomic(resolve_out_path(args.out), json.dumps(schema, indent=2) + "\n")
    else:
        write_json(schema, out)
    return EXIT_OK


def cmd_batch(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.batch import (
        lookahead_note,
        plays_without_lookahead,
        run_batch,
        summary_text,
        write_rows,
    )

    spec = load_scenario(args.scenario)
    seats = (
        _seat(spec, UNION, args.union, args.difficulty),
        _seat(spec, STUDIO, args.studio, args.difficulty),
    )
    _check_seats(spec, seats)
    target = resolve_out_path(args.out) if args.out else None
    if target is not None and target.suffix not in (".csv", ".json"):
        raise UserError("--out must end in .csv or .json")
    result = run_batch(
        spec,
        seats,
        runs=args.runs,
        seed=args.seed,
        progress=None if args.quiet else out,
        lookahead=args.lookahead,
    )
    out.write(summary_text(spec, result) + "\n")
    if plays_without_lookahead(seats, args.runs, args.lookahead):
        out.write(lookahead_note(args.difficulty, args.runs) + "\n")
    if target is not None:
        write_rows(spec, result, target)
        out.write(f"wrote {args.runs} rows to {target}\n")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.batch import lookahead_note
    from strikesim.expectations import check

    spec = load_scenario(args.scenario)
    if not spec.expectations:
        out.write(f"{spec.id}: no expectations to check\n")
        return EXIT_OK
    if getattr(args, "stress", False):
        return _stress_report(args, spec, out)
    results = check(spec, seed=args.seed, runs=args.runs, lookahead=args.lookahead)
    for r in results:
        out.write(r.describe() + "\n")
    failed = sum(not r.passed for r in results)
    out.write(f"{spec.id}: {len(results) - failed} of {len(results)} expectations met\n")
    skipped = sorted({r.expectation.difficulty for r in results if r.without_lookahead})
    if skipped:
        out.write(lookahead_note(" and ".join(skipped), results[0].runs) + "\n")
    return EXIT_PROBLEMS if failed else EXIT_OK


def _stress_report(args: argparse.Namespace, spec: GameSpec, out: TextIO) -> int:
    """``check --stress``: a table of pass shares per expectation and distortion."""
    from strikesim.scenario import load_model
    from strikesim.stress import DISTORTIONS, stress

    model, _ = load_model(args.scenario)
    result = stress(spec, model, seed=args.seed, runs=args.runs, lookahead=args.lookahead)
    width = max(len(r.expectation.id) for r in result.shipped)
    ids = list(result.distorted)
    out.write("Distortions:\n")
    for k, distortion in enumerate(DISTORTIONS):
        out.write(f"  d{k + 1:<2} {distortion.id:<15} {distortion.label}\n")
    head = "".join(f"{'d' + str(k + 1):>5} " for k in range(len(ids)))
    out.write(f"\n{'expectation':<{width}}  shipped {head} (share of runs in range; * = fails)\n")
    for k, r in enumerate(result.shipped):
        cells = []
        for d_id in ids:
            x = result.distorted[d_id][k]
            cells.append(f"{x.share_in_range:>5.0%}{'*' if not x.passed else ' '}")
        mark = "*" if not r.passed else " "
        out.write(f"{r.expectation.id:<{width}}  {r.share_in_range:>6.0%}{mark} {''.join(cells)}\n")
    never = result.never_failing()
    failed = sum(not r.passed for r in result.shipped)
    if never:
        out.write(f"\nNever fails under any distortion: {', '.join(never)}\n")
    else:
        out.write("\nEvery expectation fails under at least one distortion.\n")
    if failed:
        out.write(f"{failed} expectation(s) fail as shipped\n")
    return EXIT_PROBLEMS if never or failed else EXIT_OK


def cmd_start(args: argparse.Namespace, out: TextIO) -> int:
    return _launch_ui(out)


def cmd_play(args: argparse.Namespace, out: TextIO) -> int:
    spec = load_scenario(args.scenario)
    side = UNION if args.side == "union" else STUDIO
    from strikesim.ai import DIFFICULTIES

    if args.difficulty not in DIFFICULTIES:
        raise UserError(
            f"no difficulty '{args.difficulty}'; choose from: {', '.join(DIFFICULTIES)}"
        )
    return _launch_ui(out, spec=spec, side=side, difficulty=args.difficulty, seed=args.seed)


def _launch_ui(out: TextIO, **start: object) -> int:
    """Open the game window; without a display, say how to play headless instead."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from strikesim.ui.launch import start as start_ui

    try:
        return start_ui(**start)  # type: ignore[arg-type]
    except pygame.error as exc:
        raise UserError(
            f"cannot open the game window ({exc}). To play headless, try:\n"
            f"  strikesim run {DEFAULT_SCENARIO} --seed 1"
        ) from None


def cmd_screenshots(args: argparse.Namespace, out: TextIO) -> int:
    try:
        w, h = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        raise UserError(f"--size must look like 1280x720, got {args.size!r}") from None
    from strikesim.ui.settings import MAX_WINDOW, MIN_WINDOW, UI_SCALES

    if not (MIN_WINDOW[0] <= w <= MAX_WINDOW[0] and MIN_WINDOW[1] <= h <= MAX_WINDOW[1]):
        raise UserError(
            f"--size {w}x{h} cannot be made: the game's window is between "
            f"{MIN_WINDOW[0]}x{MIN_WINDOW[1]} and {MAX_WINDOW[0]}x{MAX_WINDOW[1]}"
        )
    scale = args.text_scale
    if scale not in UI_SCALES:
        choices = ", ".join(f"{v:g}" for v in UI_SCALES)
        raise UserError(f"--text-scale must be one of the game's text sizes: {choices}")
    from strikesim.ui.tour import take_screenshots

    findings: dict[str, dict[str, list[dict[str, str]]]] | None = {} if args.audit else None
    paths = take_screenshots(Path(args.out), (w, h), text_scale=scale, audit=findings)
    if findings is not None:
        report: dict[str, object] = dict(findings)
        report["elided"] = sum(len(f["elided"]) for f in findings.values())
        report["overlaps"] = sum(len(f["overlaps"]) for f in findings.values())
        json.dump(report, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK if paths else EXIT_PROBLEMS
    for p in paths:
        out.write(f"{p}\n")
    return EXIT_OK if paths else EXIT_PROBLEMS
