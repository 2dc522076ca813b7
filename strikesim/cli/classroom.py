"""The classroom commands: ``strikesim print`` and ``strikesim report``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from strikesim.errors import EXIT_OK, EXIT_PROBLEMS, UserInputError


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pr = sub.add_parser(
        "print",
        help="write a scenario's classroom pack as printable HTML pages",
        description="Writes index.html, background.html, brief-union.html, brief-studio.html, "
        "scoring-sheet.html and answer-key.html into DIR: self-contained pages to print or share.",
    )
    pr.add_argument("scenario", help="a scenario id (see 'strikesim list') or a path")
    pr.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")

    rep = sub.add_parser(
        "report",
        help="build the class report (one HTML page) from run files and folders",
        description="Reads run records, campaign saves and folders of them (a class folder) "
        "and writes one self-contained HTML page comparing every group's deal.",
    )
    rep.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    rep.add_argument("--out", metavar="FILE.html", required=True)
    rep.add_argument("--title", default="", help="the page's heading (default: Class report)")


def cmd_print(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.classroom.printing import write_pack
    from strikesim.scenario import load_scenario

    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise UserInputError(f"{args.out} is a file; give a folder for the pages")
    spec = load_scenario(args.scenario)
    for path in write_pack(spec, folder):
        out.write(f"{path}\n")
    return EXIT_OK


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.classroom.report import class_report
    from strikesim.classroom.runs import collect_runs
    from strikesim.cli import resolve_out_path
    from strikesim.records import write_atomic

    target = resolve_out_path(args.out)
    if target.suffix.lower() not in (".html", ".htm"):
        raise UserInputError("--out must end in .html")
    runs, problems = collect_runs([Path(p) for p in args.paths])
    for problem in problems:
        print(f"strikesim: {problem}", file=sys.stderr)
    if not runs:
        raise UserInputError("no run could be read, so there is no report to write")
    write_atomic(target, class_report(runs, problems, args.title), shared=True)
    out.write(f"wrote the report of {len(runs)} run(s) to {target}\n")
    return EXIT_PROBLEMS if problems else EXIT_OK
