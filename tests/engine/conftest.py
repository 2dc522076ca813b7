"""A small hand-made GameSpec for engine tests (no YAML, no scenario loader)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from strikesim.engine.core import CORE_VARIABLES
from strikesim.engine.spec import (
    ActionSpec,
    Effect,
    EventSpec,
    Formula,
    GameSpec,
    IssueSpec,
    PartySpec,
    PhaseSpec,
    ProjectionSpec,
    VariableSpec,
)


def F(source: str, fn: Callable[[Any], Any], *names: str) -> Formula:
    """A hand-compiled formula: ``fn`` plays the role of the compiled code."""
    return Formula(source, frozenset(names), fn)


def const(x: float) -> Formula:
    return F(repr(x), lambda ns: x)


def core_variables() -> list[VariableSpec]:
    return [
        VariableSpec(
            id=v.id,
            label=v.label,
            unit=v.unit,
            owner=v.owner,  # type: ignore[arg-type]
            description=v.description,
            initial=v.initial,
            lo=v.lo,
            hi=v.hi,
            core=True,
        )
        for v in CORE_VARIABLES
    ]


def _issue(iid: str, values: tuple[float, ...], u: tuple[float, ...], w: tuple[float, float],
           kind: str = "range") -> IssueSpec:  # fmt: skip
    n = len(values)
    return IssueSpec(
        id=iid, label=iid.replace("_", " "), unit="", kind=kind,  # type: ignore[arg-type]
        values=values, level_ids=tuple(f"l{k}" for k in range(n)),
        level_labels=tuple(str(v) for v in values),
        utility=(u, tuple(1.0 - x for x in u)), weight=w, cost=tuple(0.0 for _ in values),
    )  # fmt: skip


def make_spec(**overrides: Any) -> GameSpec:
    """Three issues, two actions, two events, a custom state and derived variable."""
    issues = (
        _issue("wage", (3.0, 6.0, 9.0, 12.0), (0.0, 0.4, 0.8, 1.0), (0.5, 0.6)),
        _issue("ai_writing", (0.0, 0.5, 1.0), (0.0, 0.6, 1.0), (0.3, 0.2), "options"),
        _issue("staffing", (0.0, 1.0), (0.0, 1.0), (0.2, 0.2), "options"),
    )
    variables = [
        *core_variables(),
        VariableSpec(
            id="writers_fear", label="Writers' fear", unit="share", owner="union",
            description="fear of replacement", initial=0.4, lo=0.0, hi=1.0,
            update=F("writers_fear + 0.02*ai_adoption - 0.01*guardrail",
                     lambda ns: ns["writers_fear"] + 0.02 * ns["ai_adoption"]
                     - 0.01 * ns["guardrail"], "writers_fear", "ai_adoption", "guardrail"),
            visible_to=(True, False),
        ),
        VariableSpec(
            id="drought_pressure", label="Drought pressure", unit="index", owner="studio",
            description="derived", initial=0.0, lo=None, hi=None,
            formula=F("content_drought * subscribers",
                      lambda ns: ns["content_drought"] * ns["subscribers"],
                      "content_drought", "subscribers"),
            visible_to=(False, True),
        ),
    ]  # fmt: skip
    actions = (
        ActionSpec(
            id="picket", side=0, label="Picket", description="", cooldown=2,
            condition=F("is_striking", lambda ns: ns["is_striking"], "is_striking"),
            cost=(Effect("strike_fund", "add", const(-0.2)),),
            effects=(Effect("opinion_shift", "add", const(0.03)),),
        ),
        ActionSpec(
            id="ad_campaign", side=1, label="Ads", description="", cooldown=0, condition=None,
            cost=(Effect("studio_cash", "add", const(-5.0)),),
            effects=(Effect("opinion_shift", "add", const(-0.02)),),
        ),
    )  # fmt: skip
    events = (
        EventSpec(
            id="dga_deal", headline="Directors deal", body="", repeat=False,
            condition=F("week >= 3", lambda ns: ns["week"] >= 3, "week"), chance=const(1.0),
            effects=(Effect("public_support_union", "add", const(-0.02)),),
        ),
        EventSpec(
            id="viral_post", headline="Viral post", body="", repeat=True, condition=None,
            chance=const(0.3), effects=(Effect("opinion_shift", "add", const(0.01)),),
        ),
    )  # fmt: skip
    phases = PhaseSpec(
        start_date="2023-03-20", expiry_week=3, authorization_week=1,
        authorization_yes=const(0.95), authorization_threshold=0.5, strike_at_expiry=True,
        ratification_weeks=1,
        ratification_yes=F("ncdf((deal_union_utility - member_expectation + 0.15)/0.1)",
                           lambda ns: _ncdf((ns["deal_union_utility"]
                                             - ns["member_expectation"] + 0.15) / 0.1),
                           "deal_union_utility", "member_expectation"),
        ratification_threshold=0.5, max_weeks=40, walkout_weeks=2,
        union_capitulates=F("strike_fund <= 0 and hardship > 0.85",
                            lambda ns: np.logical_and(ns["strike_fund"] <= 0,
                                                      ns["hardship"] > 0.85),
                            "strike_fund", "hardship"),
        studio_capitulates=F("studio_cash <= 0", lambda ns: ns["studio_cash"] <= 0,
                             "studio_cash"),
    )  # fmt: skip
    party = PartySpec(id="union", name="Guild", short_name="G", members=11500,
                      description="", reservation=const(0.3))  # fmt: skip
    studio = PartySpec(id="studio", name="Studios", short_name="S", members=8,
                       description="", reservation=const(0.3))  # fmt: skip
    spec = GameSpec(
        id="test", version="1", title="Test", summary="",
        parties=(party, studio), issues=issues, variables=tuple(variables),
        params={"tau0": 0.08}, actions=actions, events=events, phases=phases,
        personalities=(), default_negotiators=("a", "b"), objectives=(),
        projection=ProjectionSpec(years=10, contract_terms={
            "guardrail": F("ai_writing", lambda ns: ns["ai_writing"], "ai_writing"),
            "wage_raise": F("wage", lambda ns: ns["wage"], "wage"),
            "term_years": const(3.0),
        }),
        opening_offers=((3, 2, 1), (0, 0, 0)), old_contract=(0, 0, 0),
    )  # fmt: skip
    return replace(spec, **overrides) if overrides else spec


def _ncdf(x: Any) -> Any:
    from strikesim.engine.mathfn import ncdf

    return ncdf(x)


@pytest.fixture
def spec() -> GameSpec:
    return make_spec()


def acts(
    spec: GameSpec,
    batch: int = 1,
    union: int = 0,
    studio: int = 0,
    union_offer: tuple[int, ...] | None = None,
    studio_offer: tuple[int, ...] | None = None,
    pressure: tuple[str, ...] = (),
) -> Any:
    """Actions for every row of a batch: the same move/offer/pressure everywhere."""
    from strikesim.engine import Actions

    a = Actions.hold(batch, len(spec.issues), len(spec.actions))
    a.move[:, 0], a.move[:, 1] = union, studio
    if union_offer is not None:
        a.offer[:, 0] = union_offer
    if studio_offer is not None:
        a.offer[:, 1] = studio_offer
    for pid in pressure:
        a.pressure[:, spec.action_index[pid]] = True
    return a


def run_to(spec: GameSpec, state: Any, week: int) -> Any:
    """Hold both sides until ``state.week == week``."""
    from strikesim.engine import step

    while state.week < week:
        state, _ = step(spec, state, acts(spec, state.batch))
    return state


def kinds(events: Any, row: int = 0) -> list[str]:
    return [k.name for k, _r, _v in events.for_campaign(row)]
