"""``strikesim balance``: the handler behind the command (see :mod:`strikesim.cli`)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from strikesim.cli import EXIT_OK, UserError

SEATS = ("union", "studio")
"""``--side`` choices, in side order (as ``strikesim.engine.spec.SIDES``; not imported
here so that parsing the command line loads no engine)."""

__all__ = ["add_parser", "cmd_balance"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``balance`` and its options on the ``strikesim`` subcommands."""
    from strikesim.cli import _positive, _seed

    bal = sub.add_parser(
        "balance", help="play trivial policies and the default AI in a seat against every opponent"
    )
    bal.add_argument("scenario", help="a shipped scenario id (see 'strikesim list') or a path")
    bal.add_argument("--side", choices=SEATS, help="the seat to test (default: both)")
    bal.add_argument("--runs", type=_positive, default=40, help="runs per batch (default 40)")
    bal.add_argument("--seed", type=_seed, default=0, help="random seed (default 0)")
    bal.add_argument(
        "--difficulty",
        nargs="+",
        action="extend",
        metavar="D",
        help="levels to play: easy, normal, hard, expert (default: all four)",
    )
    bal.add_argument("--levers", action="store_true", help="also print the lever sensitivity table")
    bal.add_argument(
        "--negotiator",
        action="append",
        default=[],
        metavar="FILE.py:NAME",
        help="also play your own negotiator: NAME in FILE.py, called with (spec, side)",
    )
    bal.add_argument("--json", action="store_true", help="print the tables as JSON")


def cmd_balance(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.ai import DIFFICULTIES
    from strikesim.balance.custom import load_negotiator
    from strikesim.balance.report import report_json, report_text, run_balance
    from strikesim.scenario import ScenarioError, resolve_scenario

    levels = list(dict.fromkeys(args.difficulty or DIFFICULTIES))
    unknown = [d for d in levels if d not in DIFFICULTIES]
    if unknown:
        raise UserError(f"no difficulty '{unknown[0]}'; choose from: {', '.join(DIFFICULTIES)}")
    if args.runs < 1:
        raise UserError("--runs must be at least 1")
    try:
        resolve_scenario(args.scenario)
    except ScenarioError as exc:
        d = exc.diagnostics[0]
        raise UserError(f"{d.message}: {args.scenario!r} (expected {d.expected})") from None
    custom = dict(load_negotiator(ref) for ref in args.negotiator)
    sides = [SEATS.index(args.side)] if args.side else [0, 1]
    err = sys.stderr

    def progress(text: str) -> None:
        if err.isatty():
            err.write(f"\r{text:<60}")
            err.flush()

    report = run_balance(
        args.scenario,
        sides=sides,
        runs=args.runs,
        seed=args.seed,
        difficulties=levels,
        levers=args.levers,
        progress=progress,
        custom=custom,
    )
    if err.isatty():
        err.write("\r" + " " * 60 + "\r")
    out.write(report_json(report) if args.json else report_text(report))
    return EXIT_OK
