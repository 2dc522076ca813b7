"""Pydantic models of a campaign file, format version 1 (see ``docs/campaigns.md``).

A campaign chains scenarios through a *ledger* of named numbers: ``carry``
formulas read the ledger to set a stage's starting values, ``record`` formulas
read the finished stage to write the ledger, and ``next`` branches on it. These
models check the shape of the file only; names, stages and scenarios are
cross-checked in :mod:`strikesim.campaign.checks`. Every model forbids unknown
keys and is frozen; each optional field states its default.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from strikesim.scenario.model import ID_PATTERN, SCENARIO_ID_PATTERN, FormulaText

__all__ = [
    "BranchModel",
    "CampaignModel",
    "CarryModel",
    "EpilogueModel",
    "IntroValueModel",
    "StageModel",
    "SummaryRowModel",
]

Id = Annotated[str, Field(pattern=ID_PATTERN)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class CarryModel(_Model):
    """Starting values of a stage's scenario, as formulas over ledger names."""

    variables: dict[str, FormulaText] = Field(
        default_factory=dict,
        description="Default none. Variable id -> formula: replaces the variable's initial value "
        "(clipped to its bounds).",
    )
    params: dict[str, FormulaText] = Field(
        default_factory=dict,
        description="Default none. Parameter id -> formula: replaces the parameter's value.",
    )


class IntroValueModel(_Model):
    """One candidate text for an intro placeholder."""

    when: FormulaText | None = Field(
        default=None, description="Default: always. Condition over ledger names."
    )
    text: str = Field(description="The text put in place of the placeholder.")


class BranchModel(_Model):
    """One way on after a stage: the first branch whose condition holds is taken."""

    when: FormulaText | None = Field(
        default=None, description="Default: always. Condition over ledger names."
    )
    stage: str = Field(description="The id of the next stage.")


class StageModel(_Model):
    """One dispute of the campaign: a scenario plus how it reads and writes the ledger."""

    id: Id = Field(description="Unique id of the stage in the campaign.")
    scenario: str = Field(description="A shipped scenario id or a path relative to this file.")
    label: str | None = Field(default=None, description="Default: the scenario's title.")
    intro: str = Field(default="", description="Default empty. Text shown before the briefing.")
    intro_values: dict[str, list[IntroValueModel]] = Field(
        default_factory=dict,
        description="Default none. Placeholder -> candidate texts (first whose `when` holds).",
    )
    carry: CarryModel = Field(
        default_factory=lambda: CarryModel(),
        description="Default none. Ledger -> the scenario's starting values.",
    )
    record: dict[str, FormulaText] = Field(
        default_factory=dict,
        description="Default none. Ledger name -> formula over this stage's results; adds to "
        "and overrides the top-level record.",
    )
    next: list[BranchModel] = Field(
        default_factory=list, description="Default none (the campaign ends after this stage)."
    )


class EpilogueModel(_Model):
    """A closing text shown when its condition holds on the final ledger."""

    when: FormulaText | None = Field(
        default=None, description="Default: always. Condition over ledger names."
    )
    title: str = Field(description="Heading; may contain {name} placeholders.")
    text: str = Field(description="Body; may contain {name} placeholders.")


class SummaryRowModel(_Model):
    """One row of the closing table."""

    label: str = Field(description="Row label.")
    value: FormulaText = Field(description="Formula over ledger names.")
    format: str = Field(default=".2f", description='Default ".2f". A Python format spec.')
    unit: str = Field(default="", description="Default empty. Suffix after the value.")


class LedgerDisplayModel(_Model):
    """How one ledger entry is shown to players (its name and number are internal)."""

    label: str = Field(description="Name shown for the entry.")
    format: str = Field(default="", description="Default: about three digits. A format spec.")
    unit: str = Field(default="", description='Default empty. Suffix; "$M" goes in front.')


class CampaignModel(_Model):
    """A whole campaign file (format version 1)."""

    format_version: Literal[1] = Field(description="Must be 1.")
    id: str = Field(pattern=SCENARIO_ID_PATTERN, description="Stable id; names the file.")
    title: str = Field(description="Shown in the campaign list.")
    summary: str = Field(default="", description="Default empty. One paragraph for the card.")
    difficulty: Literal["easy", "normal", "hard", "expert"] = Field(
        default="normal", description="Default normal. Card label."
    )
    player_side: Literal["any", "union", "studio"] = Field(
        default="any", description="Default any. The side the player may choose."
    )
    ledger: dict[str, float] = Field(description="Ledger names and their starting values.")
    ledger_display: dict[str, LedgerDisplayModel] = Field(
        default_factory=dict,
        description="Default none (names shown as words). Label, format and unit per entry.",
    )
    start: str = Field(description="The id of the first stage.")
    record: dict[str, FormulaText] = Field(
        default_factory=dict, description="Default none. Recorded after every stage."
    )
    stages: list[StageModel] = Field(min_length=1, description="At least one stage.")
    epilogues: list[EpilogueModel] = Field(default_factory=list, description="Default none.")
    decade_summary: list[SummaryRowModel] = Field(
        default_factory=list, description="Default none. The closing table."
    )
    sources: list[str] = Field(default_factory=list, description="Default none. Citations.")
