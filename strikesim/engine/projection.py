"""The years after the dispute: what the contract does to jobs, pay and AI.

:func:`project` runs the long-run part of the core model monthly for
``spec.projection.years`` (default 10) from the final state of a batch under
given contracts (docs/projection.md):

* **AI capability** is the core logistic in the orders of magnitude of AI
  cost decline (research models §4.4), but the yearly decline itself slows:
  its rate halves every ``ai_progress_halflife`` years ("the fastest declines
  are recent and may not persist"). Capability therefore follows an S-curve
  whose ceiling (where the slowing progress stops) and midpoint
  (``kappa_50``) are uncertain: each band draw scales the speed, the
  half-life and the midpoint by ``ai_speed_spread``, ``ai_halflife_spread``
  and ``kappa_50_spread``.
* **Adoption** diffuses (Bass, models §4.1) towards the capability the
  contract's ``guardrail`` leaves open; diffusion does not run backwards, so a
  tighter rule stops new adoption rather than undoing the old.
* **The contract binds for its term** (``term_years``, default
  ``contract_years``). At each renewal after it, the next contract moves
  ``renewal_pull`` of the way from the guardrail in force towards
  ``renewal_guardrail`` and pay raises track inflation plus
  ``renewal_real_raise`` (%/yr): the projection does not know who will win
  the next round, so it assumes the next bargain regresses towards an even one.
* Jobs displaced, employment, the content pipeline, subscribers, studio profit
  and members' real pay (the ``wage_raise`` term spread over the term,
  deflated by ``inflation``) follow. The industry's scale (``exposed_jobs``,
  ``e0``, ``ai_saving_per_kjob``, ``weekly_operating_income``) is the
  scenario's; ``validate`` checks it against the parties.

With ``samples > 0`` it also returns 10–90 % bands from seeded draws of those
uncertain parameters (plus imitation, inflation and churn).

:func:`counterfactuals` projects the deal next to "no deal" (the old
contract), "no AI guardrails" (the deal with ``guardrail`` forced to 0) and,
when given, the Nash deal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import rng
from .core import CORE_VARIABLES
from .mathfn import logistic
from .namespace import contract_terms, plan_for
from .spec import GameSpec

__all__ = [
    "PROJECTION_PARAMS",
    "PROJECTION_TERMS",
    "SERIES",
    "Projection",
    "counterfactuals",
    "project",
]

SERIES = (
    "ai_capability", "ai_adoption", "jobs_displaced", "employment", "real_pay",
    "subscribers", "studio_profit", "digital_replicas",
)  # fmt: skip
"""Projected quantities (units: share, share, thousand jobs, thousand jobs,
index 1.0 = pay at the deal in today's money, index, $M/yr, thousand)."""

PROJECTION_TERMS: Mapping[str, str] = {
    "guardrail": "share of AI-capable work the contract keeps from AI (0-1)",
    "wage_raise": "pay raise over the contract's term (%)",
    "term_years": "length of the contract (years; default contract_years)",
    "replica_guardrail": "share of new digital replicas the contract prevents (0-1; "
    "default the guardrail)",
}
"""Contract terms the projection reads by name, and what each means."""

PROJECTION_PARAMS: tuple[str, ...] = (
    "ai_cost_decline", "ai_progress_halflife", "ai_speed_spread", "ai_halflife_spread",
    "kappa_50", "kappa_50_spread", "ai_sharpness", "ai_investment_ref",
    "ai_investment_elasticity", "bass_p", "bass_q", "inflation", "c_w", "beta_d",
    "content_ref", "production_rate", "release_rate", "content_catch_up", "subscriber_adds",
    "replica_rate", "exposed_jobs", "e0", "employment_adjust", "weekly_operating_income",
    "ai_saving_per_kjob", "contract_years", "renewal_pull", "renewal_guardrail",
    "renewal_real_raise",
)  # fmt: skip
"""Parameters the projection reads (``validate`` counts them as used)."""

_STEPS_PER_YEAR = 12
_WEEKS = 52.0 / _STEPS_PER_YEAR
_LOW, _HIGH = 10.0, 90.0


@dataclass(frozen=True)
class Projection:
    """Yearly series of a batch: ``mean[name]`` is ``(B, years + 1)`` (year 0 =
    at the deal); ``low``/``high`` hold the 10 % / 90 % bands (empty without
    samples). ``term_years`` ``(B,)`` is when the contract ends and the
    renewal rule takes over."""

    years: np.ndarray  # (years + 1,) 0, 1, ... years
    mean: Mapping[str, np.ndarray]
    low: Mapping[str, np.ndarray]
    high: Mapping[str, np.ndarray]
    term_years: np.ndarray


def _start(spec: GameSpec, values: np.ndarray, name: str) -> np.ndarray:
    j = spec.var_index.get(name)
    if j is not None:
        return values[:, j].astype(np.float64)
    default = next(v.initial for v in CORE_VARIABLES if v.id == name)
    return np.full(values.shape[0], default)


def _term(terms: Mapping[str, Any], name: str, default: Any, b: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(terms.get(name, default), np.float64), (b,)).copy()


def _run(
    spec: GameSpec, values: np.ndarray, contract: np.ndarray, years: int,
    noise: Mapping[str, np.ndarray] | None, guardrail: float | None,
) -> tuple[dict[str, np.ndarray], np.ndarray]:  # fmt: skip
    """Monthly simulation; returns (name -> (B, years + 1), term in years (B,))."""
    plan = plan_for(spec)
    p = plan.params
    b = values.shape[0]
    terms = contract_terms(spec, plan, contract.astype(np.int16))
    g = _term(terms, "guardrail", 0.0, b)
    if guardrail is not None:
        g = np.full(b, float(guardrail))
    g_replica = _term(terms, "replica_guardrail", g, b) if guardrail is None else g.copy()
    raise_total = _term(terms, "wage_raise", 0.0, b) / 100.0
    term = np.maximum(_term(terms, "term_years", p["contract_years"], b), 0.25)
    yearly_raise = np.power(np.maximum(1.0 + raise_total, 1e-6), 1.0 / term) - 1.0
    cost = np.zeros(b)
    for i, issue in enumerate(spec.issues):
        cost += np.asarray(issue.cost, np.float64)[np.maximum(contract[:, i], 0)]
    nz = noise or {}
    one = np.ones(b)
    speed0 = np.log10(p["ai_cost_decline"]) / 52.0 * nz.get("ai_speed", one)
    halflife = p["ai_progress_halflife"] * nz.get("halflife", one)
    kappa_50 = p["kappa_50"] + nz.get("kappa_50", 0.0 * one)
    bass_q = p["bass_q"] * nz.get("bass_q", one)
    inflation = (p["inflation"] + nz.get("inflation", 0.0 * one)) / 100.0
    c_w = p["c_w"] * nz.get("churn", one)
    pull, g_renew = p["renewal_pull"], p["renewal_guardrail"]
    renewal_raise = inflation + p["renewal_real_raise"] / 100.0
    invest = _start(spec, values, "ai_investment")
    mult = np.power(np.maximum(invest, 0.0) / p["ai_investment_ref"], p["ai_investment_elasticity"])

    orders = _start(spec, values, "ai_orders")
    adoption = _start(spec, values, "ai_adoption")
    employment = _start(spec, values, "employment")
    stock = _start(spec, values, "content_stock")
    subs = _start(spec, values, "subscribers")
    replicas = _start(spec, values, "digital_replicas")
    pay = np.ones(b)
    renewal_due = term.copy()  # years: when the contract in force ends
    speed = speed0.copy()
    slowing = np.power(0.5, 1.0 / (_STEPS_PER_YEAR * halflife))  # per month
    real_term = ((1.0 + yearly_raise) / (1.0 + inflation)) ** (1.0 / _STEPS_PER_YEAR)
    real_after = ((1.0 + renewal_raise) / (1.0 + inflation)) ** (1.0 / _STEPS_PER_YEAR)
    out = {k: np.empty((b, years + 1)) for k in SERIES}

    def capability() -> np.ndarray:
        return logistic(p["ai_sharpness"] * (orders - kappa_50))

    def record(y: int) -> None:
        cap = capability()
        displaced = p["exposed_jobs"] * adoption * cap
        out["ai_capability"][:, y] = cap
        out["ai_adoption"][:, y] = adoption
        out["jobs_displaced"][:, y] = displaced
        out["employment"][:, y] = employment
        out["real_pay"][:, y] = pay
        out["subscribers"][:, y] = subs
        out["digital_replicas"][:, y] = replicas
        out["studio_profit"][:, y] = (
            52.0 * p["weekly_operating_income"] * subs - cost
            + p["ai_saving_per_kjob"] * displaced - invest
        )  # fmt: skip

    record(0)
    for m in range(1, years * _STEPS_PER_YEAR + 1):
        t = (m - 1) / _STEPS_PER_YEAR
        renewed = renewal_due <= t
        if renewed.any():  # the next contract: a step towards an even bargain over AI
            renewal_due = np.where(renewed, renewal_due + term, renewal_due)
            g = np.where(renewed, g + pull * (g_renew - g), g)
            g_replica = np.where(renewed, g_replica + pull * (g_renew - g_replica), g_replica)
        cap = capability()
        displaced = p["exposed_jobs"] * adoption * cap
        drought = np.clip(1.0 - stock / p["content_ref"], 0.0, 1.0)
        rate = (p["bass_p"] * mult + bass_q * adoption) * _WEEKS
        gap = np.maximum(cap * (1.0 - g) - adoption, 0.0)
        adoption = np.clip(adoption + np.minimum(rate, 1.0) * gap, 0, 1)
        replicas = replicas + p["replica_rate"] * adoption * (1.0 - g_replica) * _WEEKS
        orders = orders + speed * mult * _WEEKS
        speed = speed * slowing
        refill = p["production_rate"] * (1.0 + p["content_catch_up"] * drought)
        stock = np.maximum(stock + (refill - p["release_rate"]) * _WEEKS, 0.0)
        churn = c_w * (1.0 + p["beta_d"] * drought)
        subs = np.clip(
            subs + (p["subscriber_adds"] * (1.0 - drought) - churn * subs) * _WEEKS, 0.0, 2.0
        )
        adjust = 1.0 - (1.0 - p["employment_adjust"]) ** _WEEKS
        employment = employment + adjust * (p["e0"] - displaced - employment)
        pay = pay * np.where(t < term, real_term, real_after)
        if m % _STEPS_PER_YEAR == 0:
            record(m // _STEPS_PER_YEAR)
    return out, term


def project(
    spec: GameSpec, final_values: np.ndarray, contract_levels: Any, years: int | None = None,
    *, samples: int = 0, seed: int = 0, guardrail: float | None = None,
) -> Projection:  # fmt: skip
    """Project a batch ``years`` ahead (default ``spec.projection.years``).

    ``final_values`` is ``(B, V)`` (``State.values`` at the end of the
    dispute); ``contract_levels`` ``(B, I)`` or ``(I,)`` level indices of the
    contract in force afterwards. ``guardrail`` forces the guardrail term
    (counterfactual "no AI guardrails" = 0). ``samples`` > 0 adds 10–90 %
    bands from that many seeded parameter draws per campaign.
    """
    vals = np.atleast_2d(np.asarray(final_values, np.float64))
    b = vals.shape[0]
    levels = np.broadcast_to(np.asarray(contract_levels, np.int64), (b, len(spec.issues)))
    if (levels < 0).any():
        raise ValueError("a projected contract has a missing level (-1) on some issue")
    n_years = spec.projection.years if years is None else int(years)
    if n_years < 1:
        raise ValueError(f"projection years must be at least 1, got {n_years}")
    mean, term = _run(spec, vals, levels, n_years, None, guardrail)
    low: dict[str, np.ndarray] = {}
    high: dict[str, np.ndarray] = {}
    if samples > 0:
        ids = np.arange(b * samples, dtype=np.uint64)
        draw = [rng.normal(seed, ids, 0, rng.PROJECTION, k) for k in range(6)]
        p = plan_for(spec).params
        noise = {
            "ai_speed": np.exp(p["ai_speed_spread"] * draw[0]),
            "bass_q": np.exp(0.3 * draw[1]),
            "inflation": 1.0 * draw[2],
            "churn": np.exp(0.2 * draw[3]),
            "halflife": np.exp(p["ai_halflife_spread"] * draw[4]),
            "kappa_50": p["kappa_50_spread"] * draw[5],
        }
        runs, _ = _run(
            spec, np.repeat(vals, samples, axis=0), np.repeat(levels, samples, axis=0),
            n_years, noise, guardrail,
        )  # fmt: skip
        for k, arr in runs.items():
            cube = arr.reshape(b, samples, n_years + 1)
            low[k], high[k] = np.percentile(cube, [_LOW, _HIGH], axis=1)
    return Projection(np.arange(n_years + 1), mean, low, high, term)


def counterfactuals(
    spec: GameSpec, final_values: np.ndarray, deal_levels: Any, nash_levels: Any = None,
    years: int | None = None, *, samples: int = 0, seed: int = 0,
) -> dict[str, Projection]:  # fmt: skip
    """The deal's projection next to its counterfactuals.

    Keys: ``deal``; ``no_deal`` (the old contract stays in force);
    ``no_guardrails`` (the deal with its AI guardrail forced to 0); ``nash``
    (the Nash bargaining deal, when ``nash_levels`` is given, e.g. from
    ``strikesim.analysis``).
    """
    kw: dict[str, Any] = {"years": years, "samples": samples, "seed": seed}
    out = {
        "deal": project(spec, final_values, deal_levels, **kw),
        "no_deal": project(spec, final_values, spec.old_contract, **kw),
        "no_guardrails": project(spec, final_values, deal_levels, guardrail=0.0, **kw),
    }
    if nash_levels is not None:
        out["nash"] = project(spec, final_values, nash_levels, **kw)
    return out
