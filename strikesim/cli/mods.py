"""The ``strikesim`` commands about where scenarios live: list, new, pack, install."""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from strikesim.cli import EXIT_OK, EXIT_PROBLEMS, UserError, resolve_out_path
from strikesim.scenario.catalog import Catalog, Entry, discover
from strikesim.scenario.diagnostics import Diagnostic, ScenarioError, Severity
from strikesim.scenario.roots import scenario_roots

__all__ = ["Listing", "cmd_install", "cmd_list", "cmd_new", "cmd_pack", "listing"]


@dataclass(frozen=True)
class Listing:
    """One scenario or campaign for a list: its title, or why it cannot be played."""

    entry: Entry
    title: str = ""
    detail: str = ""
    error: str = ""


def _first_error(exc: ScenarioError) -> str:
    errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR] or list(exc.diagnostics)
    return errors[0].format() if errors else str(exc)


def _scenario_listing(entry: Entry) -> Listing:
    from strikesim.scenario import load_scenario

    try:
        spec = load_scenario(entry.path)
    except ScenarioError as exc:
        return Listing(entry, error=_first_error(exc))
    except (OSError, ValueError) as exc:  # an unreadable file must not stop the listing
        return Listing(entry, error=f"{entry.path}: {exc}")
    detail = f"{spec.difficulty}, up to {spec.phases.max_weeks} weeks"
    return Listing(entry, spec.title, detail)


def _campaign_listing(entry: Entry) -> Listing:
    from strikesim.campaign import load_campaign

    try:
        campaign = load_campaign(entry.path)
    except ScenarioError as exc:
        return Listing(entry, error=_first_error(exc))
    except (OSError, ValueError) as exc:
        return Listing(entry, error=f"{entry.path}: {exc}")
    return Listing(entry, campaign.title, " → ".join(campaign.chain()))


def listing(catalog: Catalog | None = None) -> tuple[list[Listing], list[Listing]]:
    """Every playable scenario and campaign in every root, broken ones with their first error."""
    catalog = catalog or discover()
    scenarios = [_scenario_listing(e) for e in catalog.scenarios.values() if not e.abstract]
    campaigns = [_campaign_listing(e) for e in catalog.campaigns.values()]
    return scenarios, campaigns


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    roots = scenario_roots(create=True)
    catalog = discover(roots)
    scenarios, campaigns = listing(catalog)
    if args.paths:
        out.write("Folders read (first wins when an id is in two):\n")
        for root in roots:
            out.write(f"  {root.describe()}\n")
    width = max((len(item.entry.id) for item in (*scenarios, *campaigns)), default=8)
    for heading, items in (("Scenarios", scenarios), ("Campaigns", campaigns)):
        if not items:
            continue
        out.write(f"{heading}:\n")
        for item in items:
            mark = " [mod]" if item.entry.is_mod else ""
            if item.error:
                out.write(f"  {item.entry.id:<{width}}  BROKEN{mark}: {item.error}\n")
            else:
                sep = ": " if heading == "Campaigns" else " ("
                end = "" if heading == "Campaigns" else ")"
                text = f"{item.title}{sep}{item.detail}{end}{mark}"
                out.write(f"  {item.entry.id:<{width}}  {text}\n")
            if args.paths or (item.entry.is_mod and not item.error):
                out.write(f"  {'':<{width}}  {item.entry.path}\n")
    for clash in catalog.clashes:
        out.write(f"Clash: {clash.message()}\n")
    return EXIT_OK


def _print_diagnostics(diagnostics: list[Diagnostic], out: TextIO) -> None:
    for d in diagnostics:
        out.write(d.format() + "\n")


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.modding import ModError, new_scenario

    into = Path(args.into) if args.into else None
    started = time.perf_counter()
    try:
        folder, diagnostics = new_scenario(args.id, base=args.base, into=into)
    except ModError as exc:
        if exc.diagnostics:
            _print_diagnostics(exc.diagnostics, out)
        raise UserError(str(exc)) from None
    _print_diagnostics(diagnostics, out)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    out.write(f"wrote {folder} ({(time.perf_counter() - started) * 1000:.0f} ms)\n")
    for name in sorted(p.name for p in folder.iterdir()):
        out.write(f"  {name}\n")
    out.write(
        f"next: edit {folder / 'scenario.yaml'}, then\n"
        f"  strikesim validate {folder}\n"
        f"  strikesim run {args.id} --seed 1\n"
        f"  strikesim play {args.id}      (press F5 on the briefing or the table to reload)\n"
    )
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_pack(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.modding import ModError, pack_scenarios

    target = resolve_out_path(args.out) if args.out else None
    if target is not None and target.suffix.lower() != ".zip":
        raise UserError("--out must end in .zip")
    try:
        path, diagnostics = pack_scenarios(args.folders, target)
    except ModError as exc:
        _print_diagnostics(exc.diagnostics, out)
        raise UserError(str(exc)) from None
    _print_diagnostics(diagnostics, out)
    out.write(f"wrote {path}; install it elsewhere with: strikesim install {path.name}\n")
    return EXIT_OK


def cmd_install(args: argparse.Namespace, out: TextIO) -> int:
    from strikesim.modding import ModError, install_zip

    into = Path(args.into) if args.into else None
    try:
        result = install_zip(Path(args.file), into=into, replace=args.replace)
    except ModError as exc:
        _print_diagnostics(exc.diagnostics, out)
        raise UserError(f"not installed: {exc}") from None
    _print_diagnostics(result.diagnostics, out)
    for path in result.scenarios:
        out.write(f"installed scenario {path.name} in {path}\n")
    for path in result.campaigns:
        out.write(f"installed campaign {path.stem} in {path}\n")
    return EXIT_OK
