"""A loaded, checked campaign: compiled formulas and resolved scenario files.

:func:`strikesim.campaign.load.load_campaign` builds these from a campaign file
once every check has passed, so code that plays a campaign never meets a bad
name, an unknown stage or a formula that does not compile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from strikesim.engine.spec import Formula
from strikesim.scenario.diagnostics import Diagnostic

__all__ = ["Branch", "Campaign", "Epilogue", "IntroChoice", "Stage", "SummaryRow"]


@dataclass(frozen=True)
class IntroChoice:
    """A candidate text for an intro placeholder; ``when`` None always holds."""

    when: Formula | None
    text: str


@dataclass(frozen=True)
class Branch:
    """``stage`` follows when ``when`` holds on the ledger (None: always)."""

    when: Formula | None
    stage: str


@dataclass(frozen=True)
class Stage:
    """One stage: which scenario it plays and how it reads and writes the ledger.

    ``record`` is already merged: the campaign-wide formulas overridden by the
    stage's own. ``scenario_path`` is the resolved ``scenario.yaml``.
    """

    id: str
    index: int
    """Position of the stage in the file (0-based)."""
    label: str
    scenario: str
    """The scenario as written in the file (a shipped id or a path)."""
    scenario_path: Path
    scenario_id: str
    scenario_title: str
    intro: str
    intro_values: Mapping[str, tuple[IntroChoice, ...]]
    carry_variables: Mapping[str, Formula]
    carry_params: Mapping[str, Formula]
    record: Mapping[str, Formula]
    next: tuple[Branch, ...]
    source: str = ""
    """The campaign file as shown in messages."""


@dataclass(frozen=True)
class Epilogue:
    when: Formula | None
    title: str
    text: str


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: Formula
    format: str
    unit: str


@dataclass(frozen=True)
class LedgerDisplay:
    """How a ledger entry is shown: a label, a format spec ("" = about three digits), a unit."""

    label: str
    format: str
    unit: str


@dataclass(frozen=True)
class Campaign:
    """A campaign ready to play. ``ledger`` holds the starting values, in file order."""

    id: str
    title: str
    summary: str
    difficulty: str
    player_side: str
    ledger: Mapping[str, float]
    start: str
    stages: Mapping[str, Stage]
    epilogues: tuple[Epilogue, ...]
    summary_rows: tuple[SummaryRow, ...]
    sources: tuple[str, ...]
    path: Path
    warnings: tuple[Diagnostic, ...] = field(default=())
    ledger_display: Mapping[str, LedgerDisplay] = field(default_factory=dict)
    """Ledger name -> how it is shown to players."""

    def stage(self, stage_id: str) -> Stage:
        return self.stages[stage_id]

    def first_branch_path(self) -> list[Stage]:
        """Stages from ``start`` along the first branch of each (stops before a repeat)."""
        out: list[Stage] = []
        seen: set[str] = set()
        current: str | None = self.start
        while current is not None and current not in seen:
            seen.add(current)
            stage = self.stages[current]
            out.append(stage)
            current = stage.next[0].stage if stage.next else None
        return out

    def chain(self) -> list[str]:
        """Scenario ids played along the first branches from ``start``."""
        return [s.scenario_id for s in self.first_branch_path()]
