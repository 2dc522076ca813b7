"""The ``strikesim`` command: play, run headless, validate, batch, and more.

Every user mistake (a bad path, a broken scenario, an unknown negotiator)
ends in a clear message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from strikesim import __version__
from strikesim.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, StrikeSimError, UserInputError

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "UserError", "main", "report_error"]

UserError = UserInputError
"""A mistake in what the user asked for (:class:`strikesim.errors.UserInputError`)."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="strikesim",
        description="A turn-based strike negotiation game about AI in film and television. "
        "With no command, the game window opens.",
    )
    p.add_argument("--version", action="version", version=f"strikesim {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="play a whole dispute headless and print the log")
    run.add_argument("scenario", help="a scenario id (see 'strikesim list') or a path")
    run.add_argument("--seed", type=_seed, default=0, help="random seed (default 0)")
    run.add_argument(
        "--campaign-id",
        type=_seed,
        default=0,
        metavar="N",
        help="play row N of 'strikesim batch --seed SEED' (default 0: the plain game of SEED)",
    )
    run.add_argument("--union", metavar="NAME", help="union negotiator personality")
    run.add_argument("--studio", metavar="NAME", help="studio negotiator personality")
    run.add_argument("--difficulty", default="normal", help="AI level: easy, normal, hard, expert")
    run.add_argument("--json", action="store_true", help="print the run as JSON")
    run.add_argument("--save", metavar="FILE", help="also write the run record to FILE")

    val = sub.add_parser("validate", help="check scenario files and report every problem")
    val.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    val.add_argument("--format", choices=("text", "json"), default="text")
    val.add_argument("--strict", action="store_true", help="treat warnings as errors")

    sch = sub.add_parser("schema", help="write the scenario JSON Schema (for editors)")
    sch.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")

    lst = sub.add_parser("list", help="list the scenarios and campaigns (shipped and mods)")
    lst.add_argument("--paths", action="store_true", help="also show the folders read")

    new = sub.add_parser("new", help="start a new scenario in the mods folder")
    new.add_argument("id", help="the new scenario's id (its folder name), e.g. nurses-2026")
    new.add_argument(
        "--from", dest="base", metavar="SCENARIO", help="start from a copy of this scenario"
    )
    new.add_argument("--into", metavar="FOLDER", help="write it here instead of the mods folder")

    pack = sub.add_parser("pack", help="check scenario folders and zip them to share")
    pack.add_argument("folders", nargs="+", metavar="FOLDER", help="scenario folders or ids")
    pack.add_argument("--out", metavar="FILE.zip", help="the zip to write (default: ID.zip)")

    inst = sub.add_parser("install", help="check a scenario zip and unpack it into the mods folder")
    inst.add_argument("file", metavar="FILE.zip")
    inst.add_argument("--into", metavar="FOLDER", help="unpack here instead of the mods folder")
    inst.add_argument("--replace", action="store_true", help="overwrite installed copies")

    bat = sub.add_parser(
        "batch",
        help="play many games at once and summarise the outcomes",
        description="Plays --runs games with the same --seed and campaign ids 0..runs-1: "
        "row i is the game 'strikesim run SCENARIO --seed SEED --campaign-id i' "
        "(row 0 is 'run --seed SEED').",
    )
    bat.add_argument("scenario")
    bat.add_argument("--runs", type=_positive, default=1000)
    bat.add_argument("--seed", type=_seed, default=0)
    bat.add_argument("--union", metavar="P")
    bat.add_argument("--studio", metavar="P")
    bat.add_argument("--difficulty", default="normal")
    bat.add_argument("--out", metavar="FILE", help="write per-run rows to FILE (.csv or .json)")
    bat.add_argument("--quiet", action="store_true", help="no progress display")
    bat.add_argument(
        "--lookahead",
        action="store_true",
        help="hard/expert: play in small batches so their look-ahead is used (slower)",
    )

    chk = sub.add_parser("check", help="play a scenario's expectations over many seeds")
    chk.add_argument("scenario")
    chk.add_argument("--runs", type=_positive, help="seeds to play (default: what each asks)")
    chk.add_argument("--seed", type=_seed, default=0)
    chk.add_argument(
        "--stress",
        action="store_true",
        help="also check every expectation under a standard set of distortions and report "
        "those that never fail",
    )
    chk.add_argument(
        "--lookahead",
        action="store_true",
        help="hard/expert expectations: play in small batches so their look-ahead is used (slower)",
    )

    from strikesim.cli.balance import add_parser as add_balance

    add_balance(sub)

    replay = sub.add_parser(
        "replay", help="replay run records, campaign saves or folders of them and print the logs"
    )
    replay.add_argument("records", nargs="+", metavar="FILE_OR_FOLDER")

    from strikesim.cli.classroom import add_parsers as add_classroom

    add_classroom(sub)

    play = sub.add_parser("play", help="open the game at the briefing of a scenario")
    play.add_argument("scenario")
    play.add_argument("--side", choices=("union", "studio"), default="union")
    play.add_argument("--difficulty", default="normal")
    play.add_argument("--seed", type=_seed, default=0)

    camp = sub.add_parser("campaign", help="play a whole campaign headless, AI against AI")
    camp.add_argument("campaign", help="a shipped campaign id (see 'strikesim list') or a path")
    camp.add_argument("--seed", type=_seed, default=0, help="campaign seed (default 0)")
    camp.add_argument("--union", metavar="P", help="union negotiator (default: each stage's)")
    camp.add_argument("--studio", metavar="P", help="studio negotiator (default: each stage's)")
    camp.add_argument("--difficulty", default="normal", help="AI level: easy, normal, hard, expert")
    camp.add_argument("--save", metavar="FILE", help="also write the campaign save to FILE")
    camp.add_argument(
        "--seeds",
        type=_seed_range,
        metavar="A-B",
        help="play every seed from A to B and print one line per seed and a table of paths",
    )

    shots = sub.add_parser("screenshots", help="play a scripted game headless, save every screen")
    shots.add_argument("--out", metavar="DIR", default="screenshots")
    shots.add_argument("--size", default="1280x720", help="window size, e.g. 1920x1080")
    shots.add_argument(
        "--text-scale", type=float, default=1.0, help="text size, e.g. 1.75 for 175 %%"
    )
    shots.add_argument(
        "--audit",
        action="store_true",
        help="print, per screen, every shortened text and overlapping box as JSON",
    )
    return p


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a seed is a whole number, got {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("a seed must be between 0 and 2^63-1")
    return value


def _seed_range(text: str) -> range:
    first, sep, last = text.partition("-")
    try:
        a, b = int(first), int(last) if sep else int(first)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"seeds are A-B, two whole numbers, got {text!r}"
        ) from None
    if not 0 <= a <= b < 2**63:
        raise argparse.ArgumentTypeError(f"seeds A-B need 0 <= A <= B, got {text!r}")
    if b - a >= 10_000:
        raise argparse.ArgumentTypeError("at most 10,000 seeds at a time")
    return range(a, b + 1)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1 or value > 1_000_000:
        raise argparse.ArgumentTypeError("expected a number from 1 to 1,000,000")
    return value


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Entry point of the ``strikesim`` console script."""
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args, out)
    except StrikeSimError as exc:
        return report_error(exc, sys.stderr)
    except KeyboardInterrupt:
        print("strikesim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def report_error(exc: StrikeSimError, err: TextIO) -> int:
    """Print ``exc`` for people on ``err`` and return its exit code: the one place
    where the command line turns an error into a message and a status."""
    from strikesim.errors import clean, exit_code

    diagnostics = getattr(exc, "diagnostics", ())
    if diagnostics:
        for d in diagnostics:
            print(d.format(), file=err)
    else:
        print(f"strikesim: {clean(str(exc), 2000)}", file=err)
    return exit_code(exc)


def _dispatch(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.cli import commands
    from strikesim.cli import mods as mod_commands
    from strikesim.cli.balance import cmd_balance
    from strikesim.cli.campaign import cmd_campaign
    from strikesim.cli.classroom import cmd_print, cmd_report

    handler = {
        None: commands.cmd_start,
        "run": commands.cmd_run,
        "validate": commands.cmd_validate,
        "schema": commands.cmd_schema,
        "list": mod_commands.cmd_list,
        "new": mod_commands.cmd_new,
        "pack": mod_commands.cmd_pack,
        "install": mod_commands.cmd_install,
        "batch": commands.cmd_batch,
        "check": commands.cmd_check,
        "balance": cmd_balance,
        "replay": commands.cmd_replay,
        "play": commands.cmd_play,
        "screenshots": commands.cmd_screenshots,
        "campaign": cmd_campaign,
        "print": cmd_print,
        "report": cmd_report,
    }[args.command]
    return handler(args, out)


def write_json(data: object, out: TextIO) -> None:
    """Strict JSON on ``out``: a NaN or infinite number is written as null."""
    json.dump(_finite(data), out, indent=2, allow_nan=False)
    out.write("\n")


def _finite(data: object) -> object:
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(v) for v in data]
    return data


def resolve_out_path(text: str) -> Path:
    path = Path(text)
    if path.exists() and path.is_dir():
        raise UserError(f"{text} is a folder; give a file name")
    return path
