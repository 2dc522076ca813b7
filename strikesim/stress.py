"""Can an expectation fail? Each one checked under a standard set of distortions.

An expectation that holds whatever the opponents, the difficulty or the world
does tells a modder nothing: the game could break and it would still pass.
:func:`stress` plays a scenario's expectations once as shipped and once under
each :data:`DISTORTIONS` entry (other difficulties, other opponents, members'
expectations decaying four times as fast, a studio that will not go below a
much higher floor, a studio with a quarter of its cash, a strike fund of a
quarter, public opinion turned against the union, AI far more capable) and
reports, per expectation, the distortions under which it fails. One that
never fails is flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from strikesim.engine import GameSpec
from strikesim.engine.spec import STUDIO, UNION
from strikesim.expectations import ExpectationResult, check, default_seats
from strikesim.records import Seat
from strikesim.scenario.compile import compile_model
from strikesim.scenario.diagnostics import Diagnostic, ScenarioError, Severity
from strikesim.scenario.model import ScenarioModel, VariableModel

__all__ = ["DISTORTIONS", "Distortion", "StressResult", "stress"]


@dataclass(frozen=True)
class Distortion:
    """One change to the world or the seats; ``None`` fields leave the scenario as it is."""

    id: str
    label: str
    difficulty: str | None = None
    other_opponent: int | None = None  # the side whose negotiator is swapped
    params: Mapping[str, Callable[[float], float]] | None = None
    initial: Mapping[str, Callable[[float], float]] | None = None
    studio_floor: float = 0.0


DISTORTIONS: tuple[Distortion, ...] = (
    Distortion("easy", "both AIs at easy", difficulty="easy"),
    Distortion("expert", "both AIs at expert", difficulty="expert"),
    Distortion("other_union", "another union negotiator", other_opponent=UNION),
    Distortion("other_studio", "another studio negotiator", other_opponent=STUDIO),
    Distortion("fast_decay", "members' expectations decay 4x as fast",
               params={"tau0": lambda x: 4 * x}),
    Distortion("studio_floor", "studio reservation +0.3", studio_floor=0.3),
    Distortion("poor_studio", "studio cash / 4", initial={"studio_cash": lambda x: x / 4}),
    Distortion("poor_union", "strike fund / 4", initial={"strike_fund": lambda x: x / 4}),
    Distortion("hostile_public", "public support for the union -0.25",
               params={"psi0": lambda x: max(0.0, x - 0.25)},
               initial={"public_support_union": lambda x: max(0.0, x - 0.25)}),
    Distortion("strong_ai", "AI capability high (+2.5 orders of cost decline)",
               initial={"ai_orders": lambda x: x + 2.5}),
    Distortion("costly_strike", "a strike costs both sides 3x",
               params={"member_weekly_pay": lambda x: 3 * x,
                       "strike_cost_weekly": lambda x: 3 * x}),
)  # fmt: skip
"""The standard distortions, in report order."""


@dataclass(frozen=True)
class StressResult:
    """Each expectation as shipped and under every distortion (same order as the spec's)."""

    shipped: list[ExpectationResult]
    distorted: dict[str, list[ExpectationResult]]

    def failing_under(self, index: int) -> list[str]:
        """Ids of the distortions under which expectation ``index`` fails."""
        return [d for d, results in self.distorted.items() if not results[index].passed]

    def never_failing(self) -> list[str]:
        """Ids of the expectations no distortion makes fail."""
        return [r.expectation.id for k, r in enumerate(self.shipped) if not self.failing_under(k)]


def _distorted_spec(spec: GameSpec, model: ScenarioModel, d: Distortion) -> GameSpec:
    if not (d.params or d.initial or d.studio_floor):
        return spec
    update: dict[str, object] = {}
    if d.params:
        params = {**model.params}
        for name, fn in d.params.items():
            params[name] = fn(float(spec.params.get(name, _core_param(name))))
        update["params"] = params
    if d.initial:
        variables = list(model.variables)
        listed = {v.id: k for k, v in enumerate(variables)}
        for vid, fn in d.initial.items():
            j = spec.var_index.get(vid)
            if j is None:
                continue
            value = fn(float(spec.variables[j].initial))
            if vid in listed:
                k = listed[vid]
                variables[k] = variables[k].model_copy(update={"initial": value})
            else:
                variables.append(VariableModel(id=vid, initial=value))
        update["variables"] = variables
    if d.studio_floor and model.parties is not None:
        studio = model.parties.studio
        floor = f"min(1, ({studio.reservation}) + {d.studio_floor:g})"
        parties = model.parties.model_copy(
            update={"studio": studio.model_copy(update={"reservation": floor})}
        )
        update["parties"] = parties
    new, findings = compile_model(model.model_copy(update=update))
    if new is None:
        raise ScenarioError(
            Diagnostic(Severity.ERROR, spec.id, 0, 0, ".".join(map(str, f.path)),
                       f"under the distortion '{d.id}': {f.message}")
            for f in findings
            if f.severity == Severity.ERROR
        )  # fmt: skip
    return new


def _core_param(name: str) -> float:
    from strikesim.engine.core import CORE_PARAMS

    return CORE_PARAMS[name].default


def _seats(spec: GameSpec, d: Distortion) -> tuple[Seat, Seat] | None:
    if d.difficulty is None and d.other_opponent is None:
        return None
    seats = list(default_seats(spec, d.difficulty or "normal"))
    if d.other_opponent is not None:
        side = d.other_opponent
        others = [
            p.id for p in spec.personalities
            if p.side == side and p.id != spec.default_negotiators[side]
        ]  # fmt: skip
        seats[side] = Seat("ai", others[0] if others else "linear", seats[side].difficulty)
    return seats[0], seats[1]


def stress(
    spec: GameSpec, model: ScenarioModel, *, seed: int = 0, runs: int | None = None,
    only: list[str] | None = None, lookahead: bool = False,
) -> StressResult:  # fmt: skip
    """Check ``spec``'s expectations as shipped and under each distortion (or those in ``only``).

    ``model`` is the merged scenario model ``spec`` was compiled from; ``lookahead``
    as in :func:`~strikesim.expectations.check`.
    """
    shipped = check(spec, seed=seed, runs=runs, lookahead=lookahead)
    distorted = {}
    for d in DISTORTIONS:
        if only is not None and d.id not in only:
            continue
        distorted[d.id] = check(_distorted_spec(spec, model, d), _seats(spec, d), seed=seed,
                                runs=runs, lookahead=lookahead)  # fmt: skip
    return StressResult(shipped, distorted)
