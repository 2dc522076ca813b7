"""``strikesim campaign ID``: play a whole campaign AI against AI and print its story.

For each stage: its label and scenario, the intro (placeholders filled from the
ledger), the outcome line and the ledger entries the stage changed. Then the
epilogues whose conditions hold and the summary table.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Iterator
from typing import TextIO

from strikesim.campaign.load import load_campaign
from strikesim.campaign.run import CampaignRun, StageResult
from strikesim.campaign.text import ledger_value
from strikesim.engine import Outcome
from strikesim.narrate import OUTCOME_TEXT, week_date
from strikesim.records import Seat
from strikesim.session import Session

__all__ = ["closing_lines", "cmd_campaign", "outcome_line", "run_lines", "stage_lines", "story"]

WIDTH = 88


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def outcome_line(session: Session, result: StageResult) -> str:
    """``"Deal ratified: … (week 26, Sep 18, 2023); 19 weeks on strike."``"""
    text = OUTCOME_TEXT.get(result.outcome, result.outcome.name.lower())
    date = week_date(session.spec, result.end_week)
    weeks = result.strike_weeks
    strike = "no strike" if weeks == 0 else f"{weeks} week{'s' if weeks != 1 else ''} on strike"
    return f"{text} (week {result.end_week}, {date}); {strike}."


def stage_lines(run: CampaignRun, session: Session, result: StageResult, intro: str) -> list[str]:
    stage = run.campaign.stages[result.stage_id]
    seats = " vs ".join(s.describe() for s in session.seats)
    lines = [
        f"== {stage.label} ==",
        f"   {session.spec.title} ({session.spec.id}), seed {session.seed}; {seats}",
        "",
        *_wrap(intro),
        "",
        "  " + outcome_line(session, result),
    ]
    if result.outcome != Outcome.DEADLINE:
        from strikesim.logtext import describe_offer

        contract = tuple(int(x) for x in session.state.contract[0])
        lines += _wrap("Contract: " + describe_offer(session.spec, contract), "  ")
    changed = result.changes()
    if changed:
        lines.append("  Ledger:")
        width = max(len(name) for name, _, _ in changed)
        for name, before, after in changed:
            lines.append(f"    {name:<{width}}  {ledger_value(before):>9} -> {ledger_value(after)}")
    lines.append("")
    return lines


def closing_lines(run: CampaignRun) -> list[str]:
    """The epilogues and the summary table of a finished run."""
    lines = [f"== {run.campaign.title}: how it ended ==", ""]
    for title, text in run.epilogues():
        lines.append(f"  {title}")
        lines += _wrap(text, "    ")
        lines.append("")
    rows = run.summary()
    if rows:
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            lines.append(f"  {label:<{width}}  {value:>10}")
    return lines


def story(run: CampaignRun) -> Iterator[list[str]]:
    """Play every remaining stage of ``run``, yielding the printed lines of each as it ends."""
    yield [f"StrikeSim campaign — {run.campaign.title} ({run.campaign.id}), seed {run.seed}", ""]
    while not run.is_over:
        intro = run.intro()
        session, result = run.play_stage()
        yield stage_lines(run, session, result, intro)
    yield closing_lines(run)


def run_lines(run: CampaignRun) -> list[str]:
    """Play every remaining stage of ``run`` and return the whole printed story."""
    return [line for chunk in story(run) for line in chunk]


def cmd_campaign(args: argparse.Namespace, out: TextIO) -> int:
    """Handler of ``strikesim campaign``; user mistakes raise ``UserError``."""
    from strikesim.ai import DIFFICULTIES
    from strikesim.cli import EXIT_OK, UserError, resolve_out_path

    campaign = load_campaign(args.campaign)
    difficulty = getattr(args, "difficulty", "normal")
    if difficulty not in DIFFICULTIES:
        raise UserError(f"no difficulty '{difficulty}'; choose from: {', '.join(DIFFICULTIES)}")
    seats = (
        Seat("ai", args.union or "", difficulty),
        Seat("ai", args.studio or "", difficulty),
    )
    save = getattr(args, "save", None)
    target = resolve_out_path(save) if save else None  # a bad path fails before playing
    run = CampaignRun(campaign, seed=args.seed, seats=seats)
    for chunk in story(run):  # a CampaignError reaches strikesim.cli.report_error
        out.write("\n".join(chunk) + "\n")
        out.flush()
    if target is not None:
        from strikesim.campaign.save import save_run

        save_run(run, target)
    return EXIT_OK
