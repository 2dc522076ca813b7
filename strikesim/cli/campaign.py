"""``strikesim campaign ID``: play a whole campaign AI against AI and print its story.

For each stage: its label and scenario, the intro (placeholders filled from the
ledger), the outcome line and the ledger entries the stage changed. Then the
epilogues whose conditions hold and the summary table.
"""

from __future__ import annotations

import argparse
import textwrap
from collections import Counter
from collections.abc import Iterator
from typing import TextIO

from strikesim.campaign.ledger import shown_entry
from strikesim.campaign.load import load_campaign
from strikesim.campaign.run import CampaignRun, StageResult
from strikesim.engine import Outcome
from strikesim.narrate import OUTCOME_TEXT, week_date
from strikesim.records import Seat
from strikesim.session import Session

__all__ = [
    "closing_lines",
    "cmd_campaign",
    "outcome_line",
    "path_table",
    "run_lines",
    "seed_line",
    "stage_lines",
    "story",
]

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
    changed = [
        (shown_entry(run.campaign, name, before), shown_entry(run.campaign, name, after)[1])
        for name, before, after in result.changes()
    ]
    if changed:
        lines.append("  Ledger:")
        width = max(len(label) for (label, _), _ in changed)
        for (label, before), after in changed:
            lines.append(f"    {label:<{width}}  {before:>9} -> {after}")
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


_OUTCOME_MARK = {
    Outcome.DEAL_RATIFIED: "deal",
    Outcome.UNION_CAPITULATED: "union gave in",
    Outcome.STUDIO_CAPITULATED: "studio gave in",
    Outcome.DEADLINE: "no deal",
}


def seed_line(run: CampaignRun) -> str:
    """One line of a finished run: ``"seed 3: writers_2023 (deal, 18 wk) > ... | titles"``."""
    steps = " > ".join(
        f"{r.stage_id} ({_OUTCOME_MARK.get(r.outcome, r.outcome.name.lower())}, "
        f"{r.strike_weeks} wk)"
        for r in run.results
    )
    titles = "; ".join(title for title, _ in run.epilogues())
    return f"seed {run.seed}: {steps} | {titles}"


def path_table(runs: list[CampaignRun]) -> list[str]:
    """How many seeds took each path of stages, and each set of epilogues."""
    paths = Counter(" > ".join(r.stage_id for r in run.results) for run in runs)
    endings = Counter("; ".join(t for t, _ in run.epilogues()) for run in runs)
    lines = [f"{len(paths)} distinct path(s) over {len(runs)} seed(s):"]
    lines += [f"  {n:>4}  {path}" for path, n in paths.most_common()]
    lines.append(f"{len(endings)} distinct epilogue set(s):")
    lines += [f"  {n:>4}  {ending}" for ending, n in endings.most_common()]
    return lines


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
    seeds = getattr(args, "seeds", None)
    if seeds is not None:
        if save:
            raise UserError("--save writes one campaign; leave it out with --seeds")
        runs = []
        for seed in seeds:
            run = CampaignRun(campaign, seed=seed, seats=seats)
            run.play_to_end()
            runs.append(run)
            out.write(seed_line(run) + "\n")
            out.flush()
        out.write("\n".join(["", *path_table(runs)]) + "\n")
        return EXIT_OK
    target = resolve_out_path(save) if save else None  # a bad path fails before playing
    run = CampaignRun(campaign, seed=args.seed, seats=seats)
    for chunk in story(run):  # a CampaignError reaches strikesim.cli.report_error
        out.write("\n".join(chunk) + "\n")
        out.flush()
    if target is not None:
        from strikesim.campaign.save import save_run

        save_run(run, target)
    return EXIT_OK
