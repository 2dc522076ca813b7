"""Lever sensitivity: does the state of the world decide the bargain?

A lever is one piece of bargaining power (a strike fund, studio cash, public
support, AI capability, members' fear of AI, members' savings). Each is set
weak and then strong in the scenario's starting values or parameters, one at a
time, the scenario is compiled again, and the default AIs play both seats. The
lever's *gain* is the mean result of the side it favours with the lever strong
minus with it weak: DESIGN.md §6 asks for at least :data:`GAIN_BAR` for a 10x
stronger lever.

Weak and strong values (documented in docs/balance.md):

* money (strike fund, studio cash): the scenario's value divided and multiplied
  by sqrt(10), so strong is 10x weak, centred on the scenario (geometrically);
* members' savings (hardship): ``savings_mu`` (log of median savings) minus and
  plus ln(sqrt(10)): median savings 10x apart, centred on the scenario;
* public support for the union: 0.35 vs 0.80 (below the lowest and near the
  highest 2023 poll), set as both the starting ``public_support_union`` and its
  baseline ``psi0``, which opinion returns to;
* AI capability: ``ai_orders`` 0 vs 3 orders of magnitude of AI cost decline
  (``ai_capability`` about 0.08, the 2023 level, vs about 0.77);
* members' fear of AI: ``ai_fear`` at 0.1 vs 0.9.

A lever whose variable or parameter a scenario does not have is reported as
n/a, never faked.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from strikesim.balance.harness import Games, Stats, play
from strikesim.balance.policies import make_policy
from strikesim.engine import GameSpec, initial_state
from strikesim.engine.spec import SIDES, STUDIO, UNION

__all__ = [
    "GAIN_BAR",
    "LEVERS",
    "Lever",
    "LeverRow",
    "LeverSetting",
    "lever_table",
    "spec_with",
]

GAIN_BAR = 0.03
"""Mean result a 10x stronger lever must gain the side it favours (DESIGN.md §6)."""

ROOT10 = math.sqrt(10.0)


@dataclass(frozen=True)
class Knob:
    """One starting value a lever sets: a variable's initial value or a parameter."""

    kind: str
    """``"variable"`` or ``"param"``."""
    ids: tuple[str, ...]
    """Candidate ids; the first one the scenario has is moved."""
    weak: Callable[[float], float]
    """Weak value from the scenario's value."""
    strong: Callable[[float], float]


@dataclass(frozen=True)
class Lever:
    id: str
    label: str
    favours: int
    """The side a strong lever should help."""
    knobs: tuple[Knob, ...]
    shows: str = ""
    """A variable whose starting value shows the lever's effect (derived ones too)."""
    note: str = ""


def _money(kind: str, *ids: str) -> Knob:
    return Knob(kind, ids, lambda x: _positive(x) / ROOT10, lambda x: _positive(x) * ROOT10)


def _positive(x: float) -> float:
    return x if x > 0 else 1.0


def _fixed(kind: str, weak: float, strong: float, *ids: str) -> Knob:
    return Knob(kind, ids, lambda _x: weak, lambda _x: strong)


LEVERS: tuple[Lever, ...] = (
    Lever(
        "strike_fund",
        "Strike fund",
        UNION,
        (_money("variable", "strike_fund"),),
        note="$M at the start; weak = value / sqrt(10), strong = value * sqrt(10)",
    ),
    Lever(
        "studio_cash",
        "Studio cash",
        STUDIO,
        (_money("variable", "studio_cash"),),
        note="$M at the start; weak = value / sqrt(10), strong = value * sqrt(10)",
    ),
    Lever(
        "public_support",
        "Public support for the union",
        UNION,
        (
            _fixed("variable", 0.35, 0.80, "public_support_union"),
            _fixed("param", 0.35, 0.80, "psi0"),
        ),
        note="share; start and baseline (psi0) both 0.35 vs 0.80",
    ),
    Lever(
        "ai_capability",
        "AI capability",
        STUDIO,
        (_fixed("variable", 0.0, 3.0, "ai_orders"),),
        shows="ai_capability",
        note="orders of magnitude of AI cost decline at the start, 0 vs 3",
    ),
    Lever(
        "fear",
        "Members' fear of AI",
        UNION,
        (_fixed("variable", 0.1, 0.9, "ai_fear"),),
        note="share of members who think AI will take their work, 0.1 vs 0.9",
    ),
    Lever(
        "savings",
        "Member savings (hardship)",
        UNION,
        (
            Knob(
                "param",
                ("savings_mu",),
                lambda x: x - math.log(ROOT10),
                lambda x: x + math.log(ROOT10),
            ),
        ),
        note="log of median savings; weak/strong = median savings / and * sqrt(10)",
    ),
)
"""The levers, in table order."""


@dataclass(frozen=True)
class LeverSetting:
    """What a lever moves in one scenario: ``(kind, id, scenario, weak, strong)``."""

    moves: tuple[tuple[str, str, float, float, float], ...]

    def overrides(self, which: str) -> tuple[dict[str, float], dict[str, float]]:
        """``(variables, params)`` starting values of the ``"weak"`` or ``"strong"`` setting."""
        variables: dict[str, float] = {}
        params: dict[str, float] = {}
        for kind, id_, _base, weak, strong in self.moves:
            (variables if kind == "variable" else params)[id_] = weak if which == "weak" else strong
        return variables, params

    def describe(self) -> str:
        return "; ".join(
            f"{id_} {_fmt(weak)} vs {_fmt(strong)} (scenario {_fmt(base)})"
            for _kind, id_, base, weak, strong in self.moves
        )


def _fmt(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def setting(spec: GameSpec, lever: Lever) -> LeverSetting | None:
    """The lever's weak/strong values in ``spec``, or None where it does not apply."""
    moves = []
    for knob in lever.knobs:
        if knob.kind == "variable":
            found = next((i for i in knob.ids if i in spec.var_index), None)
            if found is None:
                return None
            base = float(spec.variables[spec.var_index[found]].initial)
        else:
            found = next((i for i in knob.ids if i in spec.params), None)
            if found is None:
                return None
            base = float(spec.params[found])
        moves.append((knob.kind, found, base, knob.weak(base), knob.strong(base)))
    return LeverSetting(tuple(moves))


def spec_with(
    source: str | Path, variables: Mapping[str, float], params: Mapping[str, float]
) -> GameSpec:
    """The scenario ``source`` (id or path) compiled again with new starting
    ``variables`` (initial values) and ``params``, as a campaign stage carries
    values into its scenario (:func:`strikesim.campaign.ledger.stage_spec`)."""
    from strikesim.scenario import ScenarioError, load_model
    from strikesim.scenario.compile import compile_model
    from strikesim.scenario.diagnostics import Diagnostic, Severity
    from strikesim.scenario.model import VariableModel

    model, _ = load_model(source)
    listed = {v.id for v in model.variables}
    new_vars = [
        v.model_copy(update={"initial": variables[v.id]}) if v.id in variables else v
        for v in model.variables
    ]
    new_vars += [VariableModel(id=k, initial=x) for k, x in variables.items() if k not in listed]
    model = model.model_copy(update={"variables": new_vars, "params": {**model.params, **params}})
    spec, findings = compile_model(model)
    if spec is None:
        raise ScenarioError(
            Diagnostic(
                Severity.ERROR,
                str(source),
                0,
                0,
                ".".join(map(str, f.path)),
                f"with balance lever values: {f.message}",
            )
            for f in findings
            if f.severity == Severity.ERROR
        )
    return spec


@dataclass(frozen=True)
class LeverRow:
    """One lever's weak and strong games (None where the scenario lacks it)."""

    lever: Lever
    setting: LeverSetting | None
    weak: tuple[Stats, Stats] | None = None
    """(union, studio) stats with the lever weak."""
    strong: tuple[Stats, Stats] | None = None
    shown: tuple[float, float] | None = None
    """Starting value of ``lever.shows`` weak and strong (when it has one)."""

    @property
    def applies(self) -> bool:
        return self.setting is not None and self.weak is not None and self.strong is not None

    @property
    def gain(self) -> float:
        """Mean result of the favoured side, strong minus weak (NaN: n/a)."""
        if self.weak is None or self.strong is None:
            return math.nan
        side = self.lever.favours
        return self.strong[side].result - self.weak[side].result

    def to_json(self) -> dict[str, Any]:
        def side_stats(pair: tuple[Stats, Stats] | None) -> Any:
            if pair is None:
                return None
            return {SIDES[s]: asdict(pair[s]) for s in (UNION, STUDIO)}

        return {
            "id": self.lever.id,
            "label": self.lever.label,
            "favours": SIDES[self.lever.favours],
            "applies": self.applies,
            "moves": [
                {"kind": k, "id": i, "scenario": b, "weak": w, "strong": s}
                for k, i, b, w, s in (self.setting.moves if self.setting else ())
            ],
            "note": self.lever.note,
            "shows": (
                {"id": self.lever.shows, "weak": self.shown[0], "strong": self.shown[1]}
                if self.shown is not None
                else None
            ),
            "weak": side_stats(self.weak),
            "strong": side_stats(self.strong),
            "gain": self.gain if self.applies else None,
        }


@dataclass(frozen=True)
class LeverTable:
    scenario: str
    title: str
    runs: int
    seed: int
    difficulty: str
    negotiators: tuple[str, str]
    baseline: tuple[Stats, Stats]
    rows: tuple[LeverRow, ...]


def _both(spec: GameSpec, difficulty: str, runs: int, seed: int) -> tuple[Stats, Stats]:
    union = make_policy(spec, "default_ai", UNION, difficulty)
    studio = make_policy(spec, "default_ai", STUDIO, difficulty)
    state = play(spec, union, studio, runs=runs, seed=seed)
    games = Games.of(spec, state, UNION)
    return games.stats(), games.other_stats()


def _shown(spec: GameSpec, name: str) -> float | None:
    if not name or name not in spec.var_index:
        return None
    return float(initial_state(spec, 1).values[0, spec.var_index[name]])


def lever_table(
    source: str | Path,
    *,
    runs: int,
    seed: int = 0,
    difficulty: str = "normal",
    levers: Sequence[Lever] = LEVERS,
) -> LeverTable:
    """Play the default AIs with each lever weak and strong (one at a time)."""
    base = spec_with(source, {}, {})
    rows = []
    for lever in levers:
        found = setting(base, lever)
        if found is None:
            rows.append(LeverRow(lever, None))
            continue
        specs = {w: spec_with(source, *found.overrides(w)) for w in ("weak", "strong")}
        shown = None
        if lever.shows:
            values = [_shown(specs[w], lever.shows) for w in ("weak", "strong")]
            if values[0] is not None and values[1] is not None:
                shown = (values[0], values[1])
        rows.append(
            LeverRow(
                lever,
                found,
                weak=_both(specs["weak"], difficulty, runs, seed),
                strong=_both(specs["strong"], difficulty, runs, seed),
                shown=shown,
            )
        )
    return LeverTable(
        scenario=base.id,
        title=base.title,
        runs=runs,
        seed=seed,
        difficulty=difficulty,
        negotiators=(base.default_negotiators[0], base.default_negotiators[1]),
        baseline=_both(base, difficulty, runs, seed),
        rows=tuple(rows),
    )


def gains(table: LeverTable) -> dict[str, float]:
    """Lever id -> gain of the favoured side (levers that apply only)."""
    return {r.lever.id: r.gain for r in table.rows if r.applies}
