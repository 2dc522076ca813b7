"""Pydantic models of a scenario file, format version 1.

These classes are the single description of what a ``scenario.yaml`` may
contain: the loader validates against them, the JSON Schema for editors and
the reference document (``docs/scenario-format.md``) are generated from them.
Every model forbids unknown keys and is frozen. Each optional field states its
default in its description, so the generated reference documents it.

Cross-references (ids named in offers, formulas, effects …) are checked after
this stage, in :mod:`strikesim.scenario.checks`, where the whole file is known.
A scenario marked ``abstract`` (a base for ``extends:``) may leave out the
parts a playable scenario must have; :mod:`checks` requires them otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

__all__ = [
    "ID_PATTERN",
    "SCENARIO_ID_PATTERN",
    "ActionModel",
    "ActionsModel",
    "AuthorizationModel",
    "EventModel",
    "ExpectationModel",
    "IssueModel",
    "IssueSideModel",
    "NegotiatorsModel",
    "NewsModel",
    "ObjectiveModel",
    "ObjectivesModel",
    "OfferValue",
    "OpeningOffersModel",
    "OptionModel",
    "PartiesModel",
    "PartyModel",
    "PersonalityModel",
    "PhasesModel",
    "ProjectionModel",
    "RangeModel",
    "RatificationModel",
    "ScenarioModel",
    "ScriptedOfferModel",
    "VariableModel",
]

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Ids of issues, options, variables, actions, events … (snake_case)."""
SCENARIO_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
"""Scenario ids may also contain '-' (they name folders)."""
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_WEEKS = 520
"""Upper bound of every week count in a scenario (the longest game is ``max_weeks: 520``)."""
MAX_MAGNITUDE = 1e12
"""Largest absolute value of a starting number (funds, initial values, bounds, parameters):
far beyond any real dispute, small enough that a week's arithmetic stays finite."""
FIRST_YEAR, LAST_YEAR = 1800, 2999
"""Dates (``start_date``, event dates) must fall in these years, so that a game of
``MAX_WEEKS`` weeks never runs off the calendar."""


def _formula_text(value: Any) -> Any:
    """Numbers and booleans are accepted where a formula is expected."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    return value


def _date_text(value: Any) -> Any:
    if isinstance(value, dt.date):  # YAML reads an unquoted 2023-05-01 as a date
        value = value.isoformat()
    if isinstance(value, str):
        if not _DATE_RE.match(value):
            raise ValueError("expected a date written YYYY-MM-DD")
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("expected a real calendar date written YYYY-MM-DD") from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError(f"expected a date between the years {FIRST_YEAR} and {LAST_YEAR}")
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN)]
FormulaText = Annotated[
    str,
    BeforeValidator(_formula_text),
    WithJsonSchema(
        {"type": ["string", "number", "boolean"], "description": "A formula or a number."}
    ),
]
"""A formula in the scenario's expression language, or a plain number."""
DateText = Annotated[
    str,
    BeforeValidator(_date_text),
    WithJsonSchema({"type": "string", "pattern": _DATE_RE.pattern}),
]
Side = Literal["union", "studio"]
Weight = Annotated[float, Field(ge=0, le=1)]
Weeks = Annotated[int, Field(ge=0, le=MAX_WEEKS)]
"""A number of weeks or a week number (0 to 520)."""
Number = Annotated[float, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
"""A starting number: at most 1e12 in absolute value."""
OfferValue = float | str
"""A level of an issue: a number for a range issue, an option id for options."""
EffectMap = dict[str, FormulaText]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class _Item(_Model):
    """An element of an id'd list; ``remove`` only matters under ``extends:``."""

    remove: bool = Field(
        default=False,
        description="Default false. In a scenario that extends another: delete the "
        "inherited item with this id.",
    )


class PartyModel(_Model):
    """One bargaining side."""

    name: str = Field(description="Full name shown in the game.")
    short_name: str = Field(description="Short name for tight spaces (e.g. WGA).")
    members: int = Field(
        default=0, ge=0, le=10**10, description="Default 0. People the side represents."
    )
    description: str = Field(default="", description="Default empty. One paragraph about the side.")
    funds: Number | None = Field(
        default=None,
        description="Default: the core variable's initial value. Starting money in $M: "
        "sets strike_fund (union) or studio_cash (studio).",
    )
    reservation: FormulaText = Field(
        default="0.3",
        description='Default "0.3". Formula: the utility (0-1) below which this side '
        "would rather keep fighting than sign.",
    )


class PartiesModel(_Model):
    """The two bargaining sides."""

    union: PartyModel = Field(description="The guild.")
    studio: PartyModel = Field(description="The employers' alliance.")


class RangeModel(_Model):
    """Numeric levels min, min+step, …, max (at most 201)."""

    min: Number = Field(description="Lowest level.")
    max: Number = Field(description="Highest level.")
    step: Number = Field(default=1.0, gt=0, description="Default 1. Distance between levels.")


class OptionModel(_Item):
    """One level of an options issue, in order."""

    id: Id = Field(description="Stable id used in offers (snake_case).")
    label: str = Field(description="Text shown to the player.")
    short_label: str = Field(
        default="",
        max_length=24,
        description="Default: the label. Up to 24 characters, shown where space is tight "
        "(the offer builder); the full label stays on screen beside it.",
    )
    value: Number = Field(
        description="The number the option stands for (used by cost and contract terms)."
    )
    description: str = Field(default="", description="Default empty.")


class IssueSideModel(_Model):
    """How one side scores an issue's levels."""

    weight: Weight = Field(description="Share of this side's utility (0-1; a side's sum to 1).")
    ideal: OfferValue | None = Field(
        default=None,
        description="Default none. Level scoring 1 (number or option id); needs `reservation`.",
    )
    reservation: OfferValue | None = Field(
        default=None,
        description="Default none. Level scoring 0; scores are linear in between and "
        "clipped (number or option id); needs `ideal`.",
    )
    scores: dict[str, Weight] | None = Field(
        default=None,
        description="Default none. Options only, instead of ideal/reservation: option id -> score.",
    )


class IssueModel(_Item):
    """A contract issue with discrete levels (a `range` or `options`)."""

    id: Id = Field(description="Stable id (snake_case), also the name in contract terms.")
    label: str = Field(description="Text shown to the player.")
    unit: str = Field(default="", description="Default empty. Unit of a range issue's numbers.")
    description: str = Field(default="", description="Default empty.")
    range: RangeModel | None = Field(
        default=None, description="Default none. Numeric levels; give this or `options`."
    )
    options: list[OptionModel] | None = Field(
        default=None, description="Default none. Ordered options; give this or `range`."
    )
    union: IssueSideModel = Field(description="The union's weight and scores.")
    studio: IssueSideModel = Field(description="The studio's weight and scores.")
    cost: FormulaText = Field(
        default="0",
        description='Default "0". Studio\'s cost of a level in $M/yr; formula in `value`.',
    )
    agreed: OfferValue | None = Field(
        default=None,
        description="Default none. A level (number or option id) both sides settled before "
        "the talks: the issue is fixed there, shown but not negotiated; offers may leave it out.",
    )


class VariableModel(_Item):
    """A state variable: a core one to override, or a new one."""

    id: Id = Field(description="Stable id; a core variable's id overrides its fields.")
    label: str | None = Field(default=None, description="Default: the id (or the core label).")
    unit: str | None = Field(default=None, description="Default empty (or the core unit).")
    owner: Literal["union", "studio", "public", "ai", "industry"] | None = Field(
        default=None,
        description='Default "industry" (or the core owner). Who the variable is about.',
    )
    description: str | None = Field(default=None, description="Default empty (or the core text).")
    initial: Number | None = Field(
        default=None, description="Default 0 (or the core initial value)."
    )
    min: Number | None = Field(
        default=None, description="Default: no lower bound (or the core bound)."
    )
    max: Number | None = Field(
        default=None, description="Default: no upper bound (or the core bound)."
    )
    update: FormulaText | None = Field(
        default=None, description="Default none. Formula for next week's value (state variable)."
    )
    formula: FormulaText | None = Field(
        default=None, description="Default none. Formula recomputed every week (derived variable)."
    )
    visible_to: list[Side] | None = Field(
        default=None, description="Default both sides. Sides that may see the value."
    )
    favours: Side | None = Field(
        default=None,
        description="Default none. The side a higher value helps, for a variable the "
        "scenario adds as a lever (a label's reach, a boycott's pressure): hard and expert "
        "negotiators value pressure actions that move it; easy and normal ones do not see "
        "it. Ignored (with a warning) on core variables whose side is built in.",
    )
    display_only: bool | None = Field(
        default=None,
        description="Default false (true for the core's economic_loss, share_price and "
        "public_support_studio). Shown to players on purpose though no outcome reads it: "
        "validate does not warn that it reaches nothing.",
    )


class ActionModel(_Item):
    """A pressure action one side may take in a week."""

    id: Id = Field(description="Stable id (snake_case).")
    label: str = Field(description="Button text.")
    description: str = Field(default="", description="Default empty.")
    condition: FormulaText = Field(default="1", description='Default "1" (always available).')
    cooldown: Weeks = Field(default=0, description="Default 0. Weeks before it can be used again.")
    cost: EffectMap = Field(
        default_factory=dict,
        description="Default none. Effects paid for taking it (same syntax as `effects`).",
    )
    effects: EffectMap = Field(
        default_factory=dict,
        description="Default none. variable -> formula; '+x'/'-x' or a plain formula add, "
        "'=x' sets, '*x' multiplies.",
    )
    headline: str = Field(default="", description="Default empty. News line when taken.")


class ActionsModel(_Model):
    """Pressure actions per side."""

    union: list[ActionModel] = Field(default_factory=list, description="Default none.")
    studio: list[ActionModel] = Field(default_factory=list, description="Default none.")


class EventModel(_Item):
    """A news event that can fire during the game."""

    id: Id = Field(description="Stable id (snake_case).")
    headline: str = Field(description="News headline.")
    body: str = Field(default="", description="Default empty.")
    date: DateText | None = Field(
        default=None, description="Default none. Display date YYYY-MM-DD."
    )
    week: Weeks | None = Field(
        default=None, description="Default none. Shorthand for the condition 'week == N'."
    )
    condition: FormulaText | None = Field(
        default=None, description="Default \"1\". Formula; combined with `week` by 'and'."
    )
    chance: FormulaText = Field(
        default="1",
        description="Default 1. Weekly chance (0-1) of firing while the condition holds.",
    )
    repeat: bool = Field(default=False, description="Default false (fires at most once).")
    every: Weeks = Field(
        default=1,
        ge=1,
        description="Default 1. A repeating event fires at most once in this many weeks, so "
        "the same story does not run week after week.",
    )
    effects: EffectMap = Field(default_factory=dict, description="Default none.")
    favours: Literal["union", "studio", "neutral"] = Field(
        default="neutral", description="Default neutral. Badge colour in the news feed."
    )
    category: str = Field(default="news", description='Default "news". Free label for the feed.')


class AuthorizationModel(_Model):
    """The strike-authorisation vote."""

    week: Weeks | None = Field(
        default=None, description="Default: two weeks before expiry. Week of the vote."
    )
    yes: FormulaText = Field(default="0.9", description="Default 0.9. Formula: yes share.")
    threshold: Weight = Field(default=0.5, description="Default 0.5. Yes share needed.")


class RatificationModel(_Model):
    """The members' vote on a tentative deal."""

    weeks: int = Field(
        default=2, ge=1, le=MAX_WEEKS, description="Default 2. Weeks from deal to vote."
    )
    yes: FormulaText = Field(
        default="ncdf((deal_union_utility - member_expectation + 0.15) / 0.1)",
        description="Default ncdf((deal_union_utility - member_expectation + 0.15) / 0.1).",
    )
    threshold: Weight = Field(default=0.5, description="Default 0.5.")


class PhasesModel(_Model):
    """The dispute's calendar in weeks from week 0, and how it can end."""

    expiry_week: Weeks | None = Field(
        default=None,
        description="Required in a playable scenario. Week the contract expires.",
    )
    authorization: AuthorizationModel = Field(
        default_factory=lambda: AuthorizationModel(), description="Default: see fields."
    )
    strike_at_expiry: bool = Field(default=True, description="Default true.")
    ratification: RatificationModel = Field(
        default_factory=lambda: RatificationModel(), description="Default: see fields."
    )
    walkout_weeks: int = Field(
        default=2, ge=1, le=MAX_WEEKS, description="Default 2. Weeks talks stay suspended."
    )
    max_weeks: int = Field(
        default=60,
        ge=1,
        le=MAX_WEEKS,
        description="Default 60. Length of the game in weeks: weeks 0 to max_weeks - 1 are "
        "played, and a dispute still open at the end of week max_weeks - 1 ends at the deadline.",
    )
    union_capitulates: FormulaText = Field(
        default="strike_fund <= 0 and hardship > 0.85",
        description='Default "strike_fund <= 0 and hardship > 0.85".',
    )
    studio_capitulates: FormulaText = Field(
        default="studio_cash <= 0", description='Default "studio_cash <= 0".'
    )


class PersonalityModel(_Item):
    """A named negotiator profile: a tactic plus its parameters."""

    id: Id = Field(description="Stable id (snake_case).")
    label: str = Field(description="Name shown in menus.")
    side: Side | None = Field(default=None, description="Default: either side.")
    tactic: str = Field(description="Name of a negotiation tactic (e.g. time_dependent).")
    params: dict[str, Number] = Field(default_factory=dict, description="Default none.")
    description: str = Field(default="", description="Default empty.")


class NegotiatorsModel(_Model):
    """Default personalities for headless runs."""

    union: str = Field(description="Personality id playing the union by default.")
    studio: str = Field(description="Personality id playing the studio by default.")


class ScriptedOfferModel(_Model):
    """An offer the historical negotiator makes in a given week."""

    side: Side = Field(description="Who makes it.")
    week: Weeks = Field(description="Week it is made.")
    label: str = Field(description="Name of the package.")
    offer: dict[str, OfferValue] = Field(description="Every issue id -> level (number/option).")
    note: str = Field(default="", description="Default empty.")


class ObjectiveModel(_Item):
    """A scored objective for one side."""

    id: Id = Field(description="Stable id (snake_case).")
    label: str = Field(description="Text shown to the player.")
    formula: FormulaText = Field(description="Formula over the final state.")
    target: float = Field(description="Value of the formula that counts as met (full credit).")
    floor: float | None = Field(
        default=None,
        description="Default none (met or not). Value that earns no credit: between `floor` "
        "and `target` the objective earns partial credit in proportion.",
    )
    weight: Weight = Field(default=1.0, description="Default 1.")
    higher_is_better: bool = Field(default=True, description="Default true.")

    @model_validator(mode="after")
    def _floor_below_target(self) -> ObjectiveModel:
        if self.floor is not None:
            worse = self.floor < self.target if self.higher_is_better else self.floor > self.target
            if not worse:
                side = "below" if self.higher_is_better else "above"
                raise ValueError(
                    f"floor {self.floor:g} must be {side} target {self.target:g} "
                    "(the floor is the value that earns no credit)"
                )
        return self


class ObjectivesModel(_Model):
    """Objectives per side."""

    union: list[ObjectiveModel] = Field(default_factory=list, description="Default none.")
    studio: list[ObjectiveModel] = Field(default_factory=list, description="Default none.")


class ProjectionModel(_Model):
    """How the years after a deal are projected."""

    years: int = Field(
        default=10, ge=1, le=50, description="Default 10. Years projected after a deal."
    )
    contract_terms: dict[str, FormulaText] = Field(
        default_factory=dict,
        description="Default none. term -> formula over issue ids (each = the level's value); "
        "`guardrail` (0-1) caps AI adoption.",
    )


class ExpectationModel(_Item):
    """A headless check over many seeds: `metric` in [min, max] for `share` of runs."""

    id: Id = Field(description="Stable id (snake_case).")
    metric: str = Field(description="strike_weeks, end_week, outcome_deal, deal_<issue>, ….")
    min: float = Field(description="Lowest acceptable value.")
    max: float = Field(description="Highest acceptable value.")
    share: Weight = Field(
        default=0.8, description="Default 0.8. Share of runs that must be in range."
    )
    runs: int = Field(default=200, ge=1, le=100_000, description="Default 200 seeds.")
    description: str = Field(default="", description="Default empty.")
    difficulty: Literal["easy", "normal", "hard", "expert"] = Field(
        default="normal",
        description="Default normal. The level both default negotiators play at; two "
        "expectations at different levels state how difficulty should order a metric.",
    )


class OpeningOffersModel(_Model):
    """Each side's first offer: issue id -> level (number or option id)."""

    union: dict[str, OfferValue] = Field(description="The union's opening demands.")
    studio: dict[str, OfferValue] = Field(description="The studio's opening offer.")


class NewsModel(_Model):
    """How the news feed presents itself."""

    masthead: str = Field(
        default="THE HOLLYWOOD LEDGER",
        max_length=40,
        description='Default "THE HOLLYWOOD LEDGER". Name of the trade paper over the news.',
    )
    outlets: list[Annotated[str, Field(max_length=40)]] = Field(
        default_factory=list,
        description="Default none. Other outlet names the feed credits in turn "
        "(the masthead alone when empty).",
    )


class ScenarioModel(_Model):
    """A whole scenario file (format version 1)."""

    format_version: Literal[1] = Field(description="Must be 1.")
    id: str = Field(pattern=SCENARIO_ID_PATTERN, description="Stable id; names the folder.")
    version: str = Field(default="1.0", description='Default "1.0". Version of this scenario.')
    title: str = Field(description="Title shown on the scenario card.")
    summary: str = Field(default="", description="Default empty. One paragraph for the card.")
    extends: str | None = Field(
        default=None, description="Default none. Base scenario id or relative path to merge onto."
    )
    abstract: bool = Field(
        default=False, description="Default false. Bases are not listed/playable."
    )
    difficulty: Literal["easy", "normal", "hard", "expert"] = Field(
        default="normal", description="Default normal."
    )
    tags: list[str] = Field(default_factory=list, description="Default none.")
    start_date: DateText | None = Field(default=None, description="Default none. Date of week 0.")
    parties: PartiesModel | None = Field(
        default=None, description="Required in a playable scenario."
    )
    issues: list[IssueModel] = Field(
        default_factory=list, description="Required (at least one) in a playable scenario."
    )
    opening_offers: OpeningOffersModel | None = Field(
        default=None, description="Required in a playable scenario: each side's first offer."
    )
    old_contract: dict[str, OfferValue] | None = Field(
        default=None, description="Required in a playable scenario: the expiring contract's levels."
    )
    params: dict[str, Number] = Field(
        default_factory=dict, description="Default none. Override or add model parameters."
    )
    variables: list[VariableModel] = Field(
        default_factory=list, description="Default none. Override core variables or add new."
    )
    actions: ActionsModel = Field(
        default_factory=lambda: ActionsModel(), description="Default none."
    )
    events: list[EventModel] = Field(default_factory=list, description="Default none.")
    phases: PhasesModel = Field(
        default_factory=lambda: PhasesModel(), description="Default: see fields."
    )
    personalities: list[PersonalityModel] = Field(default_factory=list, description="Default none.")
    negotiators: NegotiatorsModel | None = Field(
        default=None, description="Default: the first personality fitting each side."
    )
    scripted_offers: list[ScriptedOfferModel] = Field(
        default_factory=list, description="Default none. Offers of the historical negotiator."
    )
    objectives: ObjectivesModel = Field(
        default_factory=lambda: ObjectivesModel(), description="Default none."
    )
    projection: ProjectionModel = Field(
        default_factory=lambda: ProjectionModel(), description="Default: see fields."
    )
    expectations: list[ExpectationModel] = Field(
        default_factory=list, description="Default none. Checks run headless over many seeds."
    )
    news: NewsModel = Field(default_factory=lambda: NewsModel(), description="Default: see fields.")
    sources: list[str] = Field(default_factory=list, description="Default none. Citations.")
