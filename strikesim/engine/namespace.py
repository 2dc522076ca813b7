"""The formula namespace of a week, and the per-spec tables behind it.

Every formula (scenario updates, derived variables, event conditions, action
effects, votes, capitulation tests) and every core equation reads one mapping:

* parameters (``CORE_PARAMS`` defaults overridden by ``spec.params``): floats;
* every variable by id: ``(B,)`` float64 rows of the working ``(V, B)`` array
  (views, so in-place effect writes are seen by later formulas);
* builtins (:data:`strikesim.engine.core.BUILTIN_NAMES`): ``week``,
  ``strike_weeks``, phase flags, ``authorized``, ``talks_suspended``,
  ``members``, ``guardrail`` and ``contract_<term>`` of the contract in force,
  and the two sides' utilities of the standing offers, the tentative deal and
  the contract in force (0 where there is none).

A batch of one gets a *scalar* namespace: every per-campaign entry is a
``np.float64`` instead of a ``(1,)`` array (numpy scalar arithmetic costs a
fraction of a one-element array's, with the same IEEE results). Scalars are
copies, not views: whoever writes a value of a batch of one stores it in the
namespace too (bigger batches' entries are views of the rows).

:class:`EnginePlan` holds what is computed once per spec (bounds, the derived
evaluation order, utility and value tables); :func:`plan_for` caches it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .core import CORE_DERIVED, CORE_PARAMS
from .equations import update_plan
from .mathfn import clip_one, every, some
from .memo import Recent, WeekMemo, remembered
from .spec import STUDIO, UNION, GameSpec, Namespace
from .state import Phase, State
from .tables import (
    CompiledEffect,
    CompiledEvent,
    compile_effects,
    compile_events,
    condition_or_none,
    unguarded,
)

__all__ = [
    "EnginePlan",
    "bind_rows",
    "build_namespace",
    "clip_rows",
    "namespace_of",
    "next_week_namespace",
    "offer_utilities",
    "plan_for",
    "recompute_derived",
    "revise_standing_utilities",
    "settle",
    "standing_utilities",
    "store_clipped",
]


@dataclass(frozen=True, eq=False)
class EnginePlan:
    """Per-spec tables the engine reuses every week.

    Every field but ``memo`` is fixed when the plan is built; ``memo`` holds
    recent answers (see :mod:`.memo`) and never changes what any answer is."""

    var_ids: tuple[str, ...]
    lo: np.ndarray  # (V, 1) lower bounds (-inf where none)
    hi: np.ndarray  # (V, 1) upper bounds (+inf where none)
    bounds: tuple[tuple[np.float64 | None, np.float64 | None], ...]
    """Per variable, its finite lower and upper bound, or None where there is none."""
    limits: tuple[tuple[float, float], ...]
    """Per variable, its lower and upper bound as floats (infinite where none)."""
    derived: tuple[tuple[int, str, Callable[[Namespace], Any]], ...]
    """(row, id, equation) of every derived variable, in dependency order.

    Equations here and in ``updates`` are unguarded (see :mod:`.tables`):
    call them inside ``np.errstate(all="ignore")``."""
    updates: tuple[tuple[int, Callable[[Namespace], Any]], ...]
    """(row, equation) of every variable the dynamics step changes."""
    derived_reads: tuple[frozenset[str], ...]
    """Names each entry of ``derived`` reads (formula names or core dependencies)."""
    kept_rows: tuple[int, ...]
    """Rows the dynamics step carries over: variables without an update, but
    not derived ones that are recomputed before anything reads them (derived
    variables reading their own earlier value are kept)."""
    derived_reads_week: bool
    """A derived formula reads ``week`` or ``talks_suspended`` (so it changes
    even when nothing else does)."""
    params: Mapping[str, float]
    members: float
    n_levels: np.ndarray  # (I,) int
    n_levels16: np.ndarray  # (I,) the same as int16, the dtype of offers (compared cheaply)
    offsets: np.ndarray  # (I,) int64 row offsets into the flat tables
    flat_utility: np.ndarray  # (2, I*W) weighted utility per side (0 in padding)
    level_utility: np.ndarray  # (I*W, 2) the same, both sides of a level side by side
    flat_value: np.ndarray  # (I*W,) level values
    issue_ids: tuple[str, ...]
    old_contract: np.ndarray  # (I,) int16
    old_terms: Mapping[str, float]
    old_utility: tuple[float, float]
    cooldowns: np.ndarray  # (A,) int32 cooldown of each pressure action
    events: tuple[CompiledEvent, ...]
    """Scenario events in file order, with unguarded formulas and week windows."""
    action_effects: tuple[tuple[CompiledEffect, ...], ...]
    """Per pressure action: its cost then its effects."""
    action_conditions: tuple[Callable[[Namespace], Any] | None, ...]
    side_actions: tuple[np.ndarray, np.ndarray]
    """Per side, the indices of its pressure actions (intp)."""
    phase_formulas: Mapping[str, Callable[[Namespace], Any]]
    """Unguarded vote and capitulation formulas of ``spec.phases`` by field name."""
    utility_tables: tuple[np.ndarray, np.ndarray]
    """Per side, the read-only ``(I, max_levels)`` weighted utility table (NaN padding)."""
    visible: tuple[tuple[str, ...], tuple[str, ...]]
    """Per side, each variable's id where the side may see it, else ``""``."""
    shown: tuple[tuple[tuple[str, ...], np.ndarray], tuple[tuple[str, ...], np.ndarray]]
    """Per side, the ids of the variables it may see and their rows (intp)."""
    rejected_row: int = -1
    """Row of ``rejected_deal`` (members' value of the last deal they voted down)."""
    memo: WeekMemo = field(default_factory=WeekMemo)


def _derived_order(spec: GameSpec) -> tuple[tuple[int, str, Callable[..., Any]], ...]:
    """Derived variables sorted so each comes after the derived ones it reads."""
    items: dict[str, tuple[int, Callable[..., Any], frozenset[str]]] = {}
    for j, var in enumerate(spec.variables):
        if var.formula is not None:
            items[var.id] = (j, var.formula, var.formula.names)
        elif var.update is None and var.id in CORE_DERIVED:
            fn, deps = CORE_DERIVED[var.id]
            items[var.id] = (j, fn, deps)
    order: list[tuple[int, str, Callable[..., Any]]] = []
    state: dict[str, int] = {}  # 1 = visiting, 2 = done

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = [*path[path.index(name) :], name]
            raise ValueError("cycle between derived variables: " + " -> ".join(cycle))
        state[name] = 1
        j, fn, deps = items[name]
        for dep in sorted(deps):
            if dep in items and dep != name:
                visit(dep, [*path, name])
        state[name] = 2
        order.append((j, name, unguarded(fn)))

    for name in items:
        visit(name, [])
    return tuple(order)


def _reads(spec: GameSpec, vid: str) -> frozenset[str]:
    var = spec.variables[spec.var_index[vid]]
    if var.formula is not None:
        return var.formula.names
    return CORE_DERIVED[vid][1]


def _build_plan(spec: GameSpec) -> EnginePlan:
    v = len(spec.variables)
    lo = np.full((v, 1), -np.inf)
    hi = np.full((v, 1), np.inf)
    for j, var in enumerate(spec.variables):
        if var.lo is not None:
            lo[j, 0] = var.lo
        if var.hi is not None:
            hi[j, 0] = var.hi
    params = {name: p.default for name, p in CORE_PARAMS.items()}
    params.update({k: float(x) for k, x in spec.params.items()})
    n_levels = np.array([i.n_levels for i in spec.issues], dtype=np.int64)
    width = int(n_levels.max()) if len(n_levels) else 1
    offsets = np.arange(len(spec.issues), dtype=np.int64) * width
    tables = spec.issue_utility_tables() if spec.issues else (np.zeros((0, 1)),) * 2
    for table in tables:
        table.setflags(write=False)
    flat_utility = np.nan_to_num(np.stack([t.reshape(-1) for t in tables]), nan=0.0)
    flat_value = np.zeros(len(spec.issues) * width)
    for i, issue in enumerate(spec.issues):
        flat_value[i * width : i * width + issue.n_levels] = issue.values
    old = np.asarray(spec.old_contract, dtype=np.int16)
    derived = _derived_order(spec)
    derived_reads = tuple(_reads(spec, vid) for _j, vid, _fn in derived)
    updates = tuple((j, unguarded(fn)) for j, fn in update_plan(spec))
    replaced = {j for j, _fn in updates} | {
        j  # derived rows recomputed before anything reads them
        for (j, vid, _fn), reads in zip(derived, derived_reads, strict=True)
        if vid not in reads
    }
    issue_ids = tuple(i.id for i in spec.issues)
    old_vals = flat_value[offsets + old] if len(old) else np.zeros(0)
    term_ns = {iid: float(x) for iid, x in zip(issue_ids, old_vals, strict=True)}
    term_ns.update(params)
    old_terms = {
        t: float(np.asarray(f(term_ns))) for t, f in spec.projection.contract_terms.items()
    }
    old_u = flat_utility[:, offsets + old].sum(axis=1) if len(old) else np.zeros(2)
    return EnginePlan(
        var_ids=tuple(x.id for x in spec.variables),
        lo=lo,
        hi=hi,
        bounds=tuple(
            (lo[j, 0] if lo[j, 0] > -np.inf else None, hi[j, 0] if hi[j, 0] < np.inf else None)
            for j in range(v)
        ),
        limits=tuple((float(lo[j, 0]), float(hi[j, 0])) for j in range(v)),
        derived=derived,
        updates=updates,
        derived_reads=derived_reads,
        kept_rows=tuple(j for j in range(v) if j not in replaced),
        derived_reads_week=any(
            f.formula is not None and f.formula.names & {"week", "talks_suspended"}
            for f in spec.variables
        ),
        params=params,
        members=float(spec.parties[UNION].members),
        n_levels=n_levels,
        n_levels16=np.minimum(n_levels, np.iinfo(np.int16).max).astype(np.int16),
        offsets=offsets,
        flat_utility=flat_utility,
        level_utility=np.ascontiguousarray(flat_utility.T),
        flat_value=flat_value,
        issue_ids=issue_ids,
        old_contract=old,
        old_terms=old_terms,
        old_utility=(float(old_u[UNION]), float(old_u[STUDIO])),
        cooldowns=np.array([a.cooldown for a in spec.actions], dtype=np.int32),
        events=compile_events(spec, lo, hi),
        action_effects=tuple(
            compile_effects(spec, lo, hi, (*a.cost, *a.effects)) for a in spec.actions
        ),
        action_conditions=tuple(condition_or_none(a.condition) for a in spec.actions),
        side_actions=(
            np.array([a for a, act in enumerate(spec.actions) if act.side == UNION], np.intp),
            np.array([a for a, act in enumerate(spec.actions) if act.side == STUDIO], np.intp),
        ),
        phase_formulas={name: unguarded(getattr(spec.phases, name)) for name in _PHASE_FORMULAS},
        utility_tables=(tables[UNION], tables[STUDIO]),
        visible=(_visible_ids(spec, UNION), _visible_ids(spec, STUDIO)),
        shown=(_shown(spec, UNION), _shown(spec, STUDIO)),
        rejected_row=spec.var_index.get("rejected_deal", -1),
    )


def _visible_ids(spec: GameSpec, side: int) -> tuple[str, ...]:
    return tuple(v.id if v.visible_to[side] else "" for v in spec.variables)


def _shown(spec: GameSpec, side: int) -> tuple[tuple[str, ...], np.ndarray]:
    rows = [j for j, v in enumerate(spec.variables) if v.visible_to[side]]
    return tuple(spec.variables[j].id for j in rows), np.array(rows, dtype=np.intp)


_PHASE_FORMULAS = (
    "authorization_yes",
    "ratification_yes",
    "union_capitulates",
    "studio_capitulates",
)

_TALKS, _STRIKE, _RATIFICATION = int(Phase.TALKS), int(Phase.STRIKE), int(Phase.RATIFICATION)
_PHASE_FLAGS = np.zeros((3, len(Phase)))
"""Rows ``is_talks``, ``is_striking``, ``is_ratification`` (0/1) by phase code."""
_PHASE_FLAGS[0, _TALKS] = _PHASE_FLAGS[1, _STRIKE] = _PHASE_FLAGS[2, _RATIFICATION] = 1.0
_PHASE_FLAGS.setflags(write=False)
PHASE_FLAGS = _PHASE_FLAGS
"""Public name of the phase-flag table (observers build the same three flags)."""


def plan_for(spec: GameSpec) -> EnginePlan:
    """The :class:`EnginePlan` of ``spec`` (built on first use, kept with the spec)."""
    return remembered(spec, "engine.plan", lambda: _build_plan(spec))


def offer_utilities(
    plan: EnginePlan, offers: np.ndarray, *, check: bool = True, missing: float = 0.0
) -> np.ndarray:
    """Both sides' utilities of offers ``(..., I)`` level indices -> ``(..., 2)``.

    The one definition of an offer's utility: ``[..., 0]`` is the union's,
    ``[..., 1]`` the studio's, each the sum over issues (added in issue order,
    from 0.0) of the side's weight × score of the offered level. An offer with
    any index ``< 0`` (no offer) scores ``missing`` for both sides: 0, as
    formulas read it, by default; NaN where "no offer" must stay apart.
    """
    offers = np.asarray(offers)
    if check:
        if offers.shape[-1:] != plan.offsets.shape:
            raise ValueError(
                f"an offer has {len(plan.offsets)} issue levels, got shape {offers.shape}"
            )
        if offers.size and some(offers >= plan.n_levels):
            raise ValueError("an offer has a level index beyond its issue's levels")
    last = offers.ndim - 1
    by_issue = offers.transpose((last, *range(last)))  # (I, ...) view
    offsets = plan.offsets.reshape(-1, *(1,) * (offers.ndim - 1))
    k = np.add(by_issue, offsets, order="C")  # -1 (none) is masked out below
    per_issue = plan.level_utility.take(k, axis=0)  # (I, ..., 2), C order
    # reducing the outer axis adds issue by issue, in issue order, from 0.0
    out: np.ndarray = np.add.reduce(per_issue, axis=0, initial=0.0)
    if some(np.less(offers, 0)):
        out[np.less(by_issue, 0, order="C").any(axis=0)] = missing
    return out


def contract_terms(spec: GameSpec, plan: EnginePlan, contract: np.ndarray) -> dict[str, Any]:
    """Contract-term values (``guardrail`` …) of contracts ``(B, I)`` -> dict of ``(B,)``."""
    if contract.shape[0] == 0 or every(contract == plan.old_contract):
        return dict(plan.old_terms)
    vals = plan.flat_value[plan.offsets + np.maximum(contract, 0)]
    tns: dict[str, Any] = dict(plan.params)
    tns.update({iid: vals[:, i] for i, iid in enumerate(plan.issue_ids)})
    b = contract.shape[0]
    return {
        t: np.broadcast_to(np.asarray(f(tns), dtype=np.float64), (b,))
        for t, f in spec.projection.contract_terms.items()
    }


def contract_terms_of(spec: GameSpec, contracts: np.ndarray) -> dict[str, np.ndarray]:
    """Contract-term values (``guardrail``, ``term_years`` …) of contracts
    ``(B, I)`` level indices -> term id -> ``(B,)`` float64."""
    contracts = np.asarray(contracts, dtype=np.int16).reshape(-1, len(spec.issues))
    terms = contract_terms(spec, plan_for(spec), contracts)
    b = contracts.shape[0]
    return {t: np.broadcast_to(np.asarray(x, np.float64), (b,)) for t, x in terms.items()}


def build_namespace(
    spec: GameSpec,
    plan: EnginePlan,
    state: State,
    rows: np.ndarray,
    base: Namespace | None = None,
    *,
    offers_changed: bool = True,
    contract_changed: bool = True,
    phase_changed: bool = True,
) -> dict[str, Any]:
    """The namespace of ``state`` with variable values ``rows`` (``(V, B)``, viewed).

    Derived variables are read from ``rows`` as they are; call
    :func:`recompute_derived` after changing state variables. With ``base`` (a
    namespace of an earlier state of the same batch), entries that cannot have
    changed are reused: offer utilities unless ``offers_changed`` (standing
    offers or tentative deal), contract terms unless ``contract_changed``, the
    phase flags and ``authorized`` unless ``phase_changed`` (either of them).
    """
    ns: dict[str, Any] = dict(plan.params if base is None else base)
    bind_rows(plan, ns, rows)
    ns["week"] = float(state.week)
    ns["members"] = plan.members
    per_row: dict[str, Any] = {"strike_weeks": state.strike_weeks.astype(np.float64)}
    if base is None or phase_changed:
        flags = _PHASE_FLAGS.take(state.phase, axis=1)  # (3, B): one lookup for the three
        per_row["is_talks"], per_row["is_striking"], per_row["is_ratification"] = flags
        per_row["authorized"] = state.authorized.astype(np.float64)
    per_row["talks_suspended"] = _talks_suspended(state)
    if base is None or contract_changed:
        terms = contract_terms(spec, plan, state.contract)
        per_row["guardrail"] = terms.get("guardrail", 0.0)
        for t, x in terms.items():
            per_row["contract_" + t] = x
        _set_contract_utilities(plan, state, per_row)
    if base is None or offers_changed:
        _set_offer_utilities(plan, state, per_row)
    if rows.shape[1] == 1:  # a scalar namespace
        ns.update((k, x[0] if isinstance(x, np.ndarray) else x) for k, x in per_row.items())
    else:
        ns.update(per_row)
    return ns


def namespace_of(spec: GameSpec, state: State, row: int | None = None) -> dict[str, Any]:
    """The formula namespace of ``state`` as the engine reads it (every
    variable, hidden ones too: see :func:`strikesim.engine.observe.visible_namespace`
    for what one side may read).

    Entries are ``(B,)`` arrays; with ``row``, the namespace of that campaign
    alone as a batch of one (its entries are ``np.float64`` values). A new
    dict of copies: changing it changes no game."""
    if row is not None:
        state = state.take(np.array([row]))
    rows = np.array(state.values.T, dtype=np.float64, order="C")
    return build_namespace(spec, plan_for(spec), state, rows)


def settle(spec: GameSpec, state: State) -> tuple[State, dict[str, Any]]:
    """``state`` with its derived variables recomputed (after a caller put another
    contract in force, say), and its namespace; the state given is not changed."""
    plan = plan_for(spec)
    rows = np.array(state.values.T, dtype=np.float64)  # a copy: the state is never written
    ns = build_namespace(spec, plan, state, rows)
    recompute_derived(plan, ns, rows)
    return state.evolve(values=np.ascontiguousarray(rows.T)), ns


def _talks_suspended(state: State) -> np.ndarray:
    return (state.week < state.suspended_until).astype(np.float64)


def next_week_namespace(ns: Namespace, state: State) -> dict[str, Any]:
    """The namespace of ``state`` from ``ns``, the namespace of the same batch a
    week earlier with the same values, phase, offers, deal and contract: only
    ``week`` and ``talks_suspended`` change."""
    out = dict(ns)
    out["week"] = float(state.week)
    suspended = _talks_suspended(state)
    out["talks_suspended"] = suspended[0] if suspended.shape[0] == 1 else suspended
    return out


def bind_rows(plan: EnginePlan, ns: dict[str, Any], rows: np.ndarray) -> None:
    """Point the variable entries of ``ns`` at the ``(V, B)`` values ``rows``:
    row views, or for a batch of one their ``np.float64`` values."""
    if rows.shape[1] == 1:
        ns.update(zip(plan.var_ids, rows[:, 0], strict=True))
    else:
        ns.update(zip(plan.var_ids, rows, strict=True))


def standing_utilities(plan: EnginePlan, offers: np.ndarray) -> np.ndarray:
    """``offer_utilities`` of standing offers, remembering the last answer: the
    same offers are scored by the week's step and both sides' observations."""
    return _remembered_utilities(plan, plan.memo.standing, offers)


def _remembered_utilities(
    plan: EnginePlan, slot: Recent[tuple[tuple[int, ...], bytes], np.ndarray], offers: np.ndarray
) -> np.ndarray:
    """``offer_utilities`` of ``offers``, remembered (read-only) in ``slot`` until
    offers with other levels are asked about."""
    key = (offers.shape, offers.tobytes())
    hit = slot.get(key)
    if hit is not None:
        return hit
    u = offer_utilities(plan, offers, check=False)
    u.setflags(write=False)
    return slot.put(key, u)


def revise_standing_utilities(
    plan: EnginePlan, old: np.ndarray, new: np.ndarray, changed: np.ndarray
) -> None:
    """Remember :func:`standing_utilities` of standing offers ``new`` ``(B, 2, I)``,
    which differ from ``old`` only where ``changed`` ``(B, 2)``: only the new
    offers are scored (each offer's utilities are its own sums, whatever else
    is scored with it), the others keep their utilities."""
    u = standing_utilities(plan, old).copy()
    where = changed.reshape(-1).nonzero()[0]  # flat (row, side) positions
    u.reshape(-1, 2)[where] = offer_utilities(
        plan, new.reshape(-1, new.shape[-1])[where], check=False
    )
    u.setflags(write=False)
    plan.memo.standing.put((new.shape, new.tobytes()), u)


def _set_offer_utilities(plan: EnginePlan, state: State, ns: dict[str, Any]) -> None:
    """Utilities of the standing offers and the tentative deal into ``ns``."""
    u = standing_utilities(plan, state.offers)  # (B, 2 offers, 2 sides), read-only
    ns["union_offer_union_utility"] = u[:, UNION, UNION]
    ns["union_offer_studio_utility"] = u[:, UNION, STUDIO]
    ns["studio_offer_union_utility"] = u[:, STUDIO, UNION]
    ns["studio_offer_studio_utility"] = u[:, STUDIO, STUDIO]
    if every(state.tentative < 0):
        ns["deal_union_utility"] = 0.0
        ns["deal_studio_utility"] = 0.0
    else:
        d = _remembered_utilities(plan, plan.memo.tentative, state.tentative)
        ns["deal_union_utility"] = d[:, UNION]
        ns["deal_studio_utility"] = d[:, STUDIO]


def _set_contract_utilities(plan: EnginePlan, state: State, ns: dict[str, Any]) -> None:
    """Utilities of the contract in force into ``ns``."""
    if every(state.contract == plan.old_contract):
        ns["contract_union_utility"], ns["contract_studio_utility"] = plan.old_utility
    else:
        c = offer_utilities(plan, state.contract, check=False)
        ns["contract_union_utility"] = c[:, UNION]
        ns["contract_studio_utility"] = c[:, STUDIO]


def recompute_derived(
    plan: EnginePlan, ns: dict[str, Any], rows: np.ndarray, touched: set[str] | None = None
) -> None:
    """Recompute derived variables into ``rows`` in place (dependency order),
    clipped to bounds, each published to ``ns`` so later formulas see it.

    With ``touched`` (names of variables changed since the last recompute),
    only the derived variables that read them, directly or through another
    derived variable, are recomputed.
    """
    stale = None if touched is None else set(touched)
    scalar = rows.shape[1] == 1  # a batch of one's namespace holds values, not row views
    for k, (j, vid, fn) in enumerate(plan.derived):
        if stale is not None:
            if stale.isdisjoint(plan.derived_reads[k]):
                continue
            stale.add(vid)
        if scalar:  # clip the value itself, then store it
            rows[j, 0] = clip_one(fn(ns), *plan.limits[j])
            ns[vid] = rows[j, 0]
        else:
            store_clipped(plan, j, rows[j], fn(ns))


def store_clipped(plan: EnginePlan, j: int, row: np.ndarray, value: Any) -> None:
    """Write ``value`` clipped to variable ``j``'s bounds into ``row``: straight
    into the row by the first bound that applies."""
    lo, hi = plan.bounds[j]
    if lo is not None:
        np.maximum(value, lo, out=row)
        if hi is not None:
            np.minimum(row, hi, out=row)
    elif hi is not None:
        np.minimum(value, hi, out=row)
    else:
        row[...] = value


def clip_rows(plan: EnginePlan, rows: np.ndarray) -> None:
    """Clip the ``(V, B)`` working values to every variable's bounds, in place."""
    np.maximum(rows, plan.lo, out=rows)
    np.minimum(rows, plan.hi, out=rows)
