"""The compiled game definition the engine runs.

A :class:`GameSpec` is what the scenario loader produces from a YAML file after
validation: frozen dataclasses holding plain numbers, tuples, numpy arrays and
compiled formulas. The engine, the AI and the analysis code read only this; they
never see YAML or pydantic.

Conventions
-----------
* Sides are integers: ``UNION = 0``, ``STUDIO = 1`` (index into per-side tuples).
* An *offer* is a vector of level indices, one per issue, shape ``(n_issues,)``
  int16; batches carry a leading campaign axis.
* Utilities are in [0, 1]; money is in millions of US dollars; time in weeks.
* A :class:`Formula` is called with a namespace mapping names to ``(batch,)``
  float64 arrays or Python floats and returns a ``(batch,)`` array (or a scalar
  that broadcasts).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import numpy as np

UNION = 0
STUDIO = 1
SIDES = ("union", "studio")

NamespaceValue = float | np.floating[Any] | np.ndarray
"""One entry of a formula namespace: a parameter is a ``float``; a per-campaign
entry is a ``(B,)`` float64 array, or for a batch of one an ``np.float64``
(numpy scalar arithmetic costs a fraction of a one-element array's)."""

Namespace = Mapping[str, NamespaceValue]
"""What a formula reads: names -> :data:`NamespaceValue` (see
:mod:`strikesim.engine.namespace`)."""


@dataclass(frozen=True)
class Formula:
    """A compiled formula: the source text, the names it reads, and a callable.

    ``fn`` never warns about floating-point trouble (it enters
    ``np.errstate(all="ignore")`` itself). ``raw``, when given, is the same
    computation without that guard, for callers that already hold one
    ``errstate`` around many formula calls (the engine's week does): entering
    ``errstate`` costs more than a small formula on a batch of one.
    """

    source: str
    names: frozenset[str]
    fn: Callable[[Namespace], Any] = field(repr=False, compare=False)
    raw: Callable[[Namespace], Any] | None = field(default=None, repr=False, compare=False)

    def __call__(self, ns: Namespace) -> Any:
        return self.fn(ns)

    @property
    def unguarded(self) -> Callable[[Namespace], Any]:
        """``raw`` if there is one, else ``fn``: call it only inside
        ``np.errstate(all="ignore")`` (results are identical to ``fn``'s)."""
        return self.fn if self.raw is None else self.raw


@dataclass(frozen=True)
class PartySpec:
    """One bargaining side."""

    id: Literal["union", "studio"]
    name: str
    short_name: str
    members: int
    description: str
    reservation: Formula
    """Utility below which this side would rather keep fighting (its BATNA);
    may depend on the state, so it moves with pressure."""


@dataclass(frozen=True)
class IssueSpec:
    """One contract issue with its discrete levels.

    ``values`` are the numbers a level stands for (a range's numbers, or an
    option's ``value``); ``utility[side]`` is that side's score of each level
    in [0, 1]; ``cost`` is the studio's yearly cost of each level ($M/yr).
    """

    id: str
    label: str
    unit: str
    kind: Literal["range", "options"]
    values: tuple[float, ...]
    level_ids: tuple[str, ...]
    level_labels: tuple[str, ...]
    utility: tuple[tuple[float, ...], tuple[float, ...]]
    weight: tuple[float, float]
    cost: tuple[float, ...]
    description: str = ""
    level_short_labels: tuple[str, ...] = ()
    """Short labels for tight spaces (empty: use ``level_labels``)."""
    agreed: bool = False
    """Fixed at an agreed level before the talks: its only level is that one."""

    @property
    def n_levels(self) -> int:
        return len(self.values)

    def short_label(self, level: int) -> str:
        """The level's short label where space is tight (its full label if none)."""
        if level < len(self.level_short_labels) and self.level_short_labels[level]:
            return self.level_short_labels[level]
        return self.level_labels[level]


@dataclass(frozen=True)
class VariableSpec:
    """A state variable.

    ``update`` (state variables) gives next week's value from this week's
    namespace; ``formula`` (derived variables) is recomputed each week before
    the updates, in dependency order. A core variable with neither is updated by
    the engine's built-in model of it.
    """

    id: str
    label: str
    unit: str
    owner: Literal["union", "studio", "public", "ai", "industry"]
    description: str
    initial: float
    lo: float | None
    hi: float | None
    update: Formula | None = None
    formula: Formula | None = None
    core: bool = False
    visible_to: tuple[bool, bool] = (True, True)
    favours: Literal["union", "studio", "neutral"] = "neutral"
    """The side a higher value helps, when the scenario says (a lever it adds)."""


@dataclass(frozen=True)
class Effect:
    """Change one variable: ``add``, ``set`` or ``mul`` by a formula's value."""

    target: str
    op: Literal["add", "set", "mul"]
    value: Formula


@dataclass(frozen=True)
class ActionSpec:
    """A pressure action one side may take in a week."""

    id: str
    side: int
    label: str
    description: str
    condition: Formula | None
    cooldown: int
    cost: tuple[Effect, ...]
    effects: tuple[Effect, ...]
    headline: str = ""


@dataclass(frozen=True)
class EventSpec:
    """A news event: fires when its condition holds, with a weekly chance."""

    id: str
    headline: str
    body: str
    condition: Formula | None
    chance: Formula
    repeat: bool
    effects: tuple[Effect, ...]
    favours: Literal["union", "studio", "neutral"] = "neutral"
    category: str = "news"
    date: str = ""
    every: int = 1
    """A repeating event fires at most once in this many weeks."""


@dataclass(frozen=True)
class PhaseSpec:
    """The dispute's calendar, in weeks from the game's first week (week 0)."""

    start_date: str
    expiry_week: int
    authorization_week: int
    authorization_yes: Formula
    authorization_threshold: float
    strike_at_expiry: bool
    ratification_weeks: int
    ratification_yes: Formula
    ratification_threshold: float
    max_weeks: int
    walkout_weeks: int
    union_capitulates: Formula
    studio_capitulates: Formula


@dataclass(frozen=True)
class PersonalitySpec:
    """A named negotiator profile: a tactic name plus its parameters."""

    id: str
    label: str
    side: int | None
    tactic: str
    params: Mapping[str, float]
    description: str = ""


@dataclass(frozen=True)
class ScriptedOffer:
    """An offer a scripted (historical) negotiator makes in a given week."""

    side: int
    week: int
    levels: tuple[int, ...]
    label: str
    note: str = ""


@dataclass(frozen=True)
class ObjectiveSpec:
    """A scored objective for one side: a formula over the final namespace."""

    id: str
    side: int
    label: str
    formula: Formula
    target: float
    weight: float
    higher_is_better: bool = True
    floor: float | None = None
    """Value earning no credit (partial credit up to ``target``); None = met or not."""


@dataclass(frozen=True)
class ProjectionSpec:
    """How the years after the deal are projected."""

    years: int
    contract_terms: Mapping[str, Formula]
    """Named contract terms (``guardrail``, ``wage_raise``, ``term_years`` …)
    as formulas over the issue values of a deal."""


@dataclass(frozen=True)
class Expectation:
    """A headless check over many seeds: ``metric`` in [lo, hi] for a share of seeds."""

    id: str
    metric: str
    lo: float
    hi: float
    share: float
    runs: int
    description: str = ""
    difficulty: str = "normal"
    """The level both default negotiators play at."""


@dataclass(frozen=True)
class GameSpec:
    """Everything one scenario defines, compiled."""

    id: str
    version: str
    title: str
    summary: str
    parties: tuple[PartySpec, PartySpec]
    issues: tuple[IssueSpec, ...]
    variables: tuple[VariableSpec, ...]
    params: Mapping[str, float]
    actions: tuple[ActionSpec, ...]
    events: tuple[EventSpec, ...]
    phases: PhaseSpec
    personalities: tuple[PersonalitySpec, ...]
    default_negotiators: tuple[str, str]
    objectives: tuple[ObjectiveSpec, ...]
    projection: ProjectionSpec
    opening_offers: tuple[tuple[int, ...], tuple[int, ...]]
    old_contract: tuple[int, ...]
    scripted_offers: tuple[ScriptedOffer, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    sources: tuple[str, ...] = ()
    difficulty: str = "normal"
    tags: tuple[str, ...] = ()
    news_masthead: str = "THE HOLLYWOOD LEDGER"
    """Name of the trade paper over the news clippings."""
    news_outlets: tuple[str, ...] = ()
    """Outlet names the news feed may credit (empty: the masthead alone)."""
    scenario_hash: str = ""
    """``sha256:<hex>`` of the validated scenario (bases merged); saves compare it."""
    scenario_source: str = ""
    """Where the scenario was loaded from: a shipped id, or the path of its file."""

    # ---- lookups -------------------------------------------------------
    @cached_property
    def var_index(self) -> dict[str, int]:
        """Variable id -> column in ``State.values``."""
        return {v.id: i for i, v in enumerate(self.variables)}

    @cached_property
    def action_index(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.actions)}

    @cached_property
    def issue_index(self) -> dict[str, int]:
        return {i.id: j for j, i in enumerate(self.issues)}

    def issue_utility_tables(self) -> tuple[np.ndarray, np.ndarray]:
        """Per side, a ragged list padded to ``(n_issues, max_levels)`` of
        weighted utilities (weight × score); padding is NaN."""
        n = len(self.issues)
        width = max(i.n_levels for i in self.issues)
        tables = []
        for side in (UNION, STUDIO):
            t = np.full((n, width), np.nan)
            for j, issue in enumerate(self.issues):
                t[j, : issue.n_levels] = np.asarray(issue.utility[side]) * issue.weight[side]
            tables.append(t)
        return tables[0], tables[1]
