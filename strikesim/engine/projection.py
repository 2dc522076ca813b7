"""The years after the dispute: what the contract does to jobs, pay and AI.

:func:`project` runs the long-run part of the core model monthly for
``spec.projection.years`` (default 10) from the final state of a batch under
given contracts: AI cost decline and capability, Bass adoption towards the
capability the contract's ``guardrail`` allows, jobs displaced, employment,
the content pipeline refilling, subscribers, studio profit and members' real
pay (nominal raises from the ``wage_raise`` contract term spread over
``term_years``, deflated by the ``inflation`` parameter). It returns yearly
series; with ``samples > 0`` it also returns 10–90 % bands from seeded
parameter noise (AI speed, imitation, inflation, churn).

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

__all__ = ["SERIES", "Projection", "counterfactuals", "project"]

SERIES = (
    "ai_capability", "ai_adoption", "jobs_displaced", "employment", "real_pay",
    "subscribers", "studio_profit", "digital_replicas",
)  # fmt: skip
"""Projected quantities (units: share, share, thousand jobs, thousand jobs,
index 1.0 = pay at the deal in today's money, index, $M/yr, thousand)."""

_STEPS_PER_YEAR = 12
_WEEKS = 52.0 / _STEPS_PER_YEAR
_LOW, _HIGH = 10.0, 90.0


@dataclass(frozen=True)
class Projection:
    """Yearly series of a batch: ``mean[name]`` is ``(B, years + 1)`` (year 0 =
    at the deal); ``low``/``high`` hold the 10 % / 90 % bands (empty without
    samples)."""

    years: np.ndarray  # (years + 1,) 0, 1, ... years
    mean: Mapping[str, np.ndarray]
    low: Mapping[str, np.ndarray]
    high: Mapping[str, np.ndarray]


def _start(spec: GameSpec, values: np.ndarray, name: str) -> np.ndarray:
    j = spec.var_index.get(name)
    if j is not None:
        return values[:, j].astype(np.float64)
    default = next(v.initial for v in CORE_VARIABLES if v.id == name)
    return np.full(values.shape[0], default)


def _run(
    spec: GameSpec, values: np.ndarray, contract: np.ndarray, years: int,
    noise: Mapping[str, np.ndarray] | None, guardrail: float | None,
) -> dict[str, np.ndarray]:  # fmt: skip
    """Monthly simulation; returns name -> (B, years + 1)."""
    plan = plan_for(spec)
    p = plan.params
    b = values.shape[0]
    terms = contract_terms(spec, plan, contract.astype(np.int16))
    g = np.broadcast_to(np.asarray(terms.get("guardrail", 0.0), np.float64), (b,))
    if guardrail is not None:
        g = np.full(b, float(guardrail))
    raise_total = np.asarray(terms.get("wage_raise", 0.0), np.float64) / 100.0
    term = np.maximum(np.asarray(terms.get("term_years", 3.0), np.float64), 0.25)
    yearly_raise = np.power(np.maximum(1.0 + raise_total, 1e-6), 1.0 / term) - 1.0
    cost = np.zeros(b)
    for i, issue in enumerate(spec.issues):
        cost += np.asarray(issue.cost, np.float64)[np.maximum(contract[:, i], 0)]
    nz = noise or {}
    one = np.ones(b)
    ai_speed = np.log10(p["ai_cost_decline"]) / 52.0 * nz.get("ai_speed", one)
    bass_q = p["bass_q"] * nz.get("bass_q", one)
    inflation = (p["inflation"] + nz.get("inflation", 0.0 * one)) / 100.0
    c_w = p["c_w"] * nz.get("churn", one)
    invest = _start(spec, values, "ai_investment")
    mult = np.power(np.maximum(invest, 0.0) / p["ai_investment_ref"], p["ai_investment_elasticity"])

    orders = _start(spec, values, "ai_orders")
    adoption = _start(spec, values, "ai_adoption")
    employment = _start(spec, values, "employment")
    stock = _start(spec, values, "content_stock")
    subs = _start(spec, values, "subscribers")
    replicas = _start(spec, values, "digital_replicas")
    pay = np.ones(b)
    out = {k: np.empty((b, years + 1)) for k in SERIES}

    def record(y: int) -> None:
        cap = logistic(p["ai_sharpness"] * (orders - p["kappa_50"]))
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
        cap = logistic(p["ai_sharpness"] * (orders - p["kappa_50"]))
        displaced = p["exposed_jobs"] * adoption * cap
        drought = np.clip(1.0 - stock / p["content_ref"], 0.0, 1.0)
        rate = (p["bass_p"] * mult + bass_q * adoption) * _WEEKS
        adoption = np.clip(adoption + np.minimum(rate, 1.0) * (cap * (1.0 - g) - adoption), 0, 1)
        replicas = replicas + p["replica_rate"] * adoption * (1.0 - g) * _WEEKS
        orders = orders + ai_speed * mult * _WEEKS
        refill = p["production_rate"] * (1.0 + p["content_catch_up"] * drought)
        stock = np.maximum(stock + (refill - p["release_rate"]) * _WEEKS, 0.0)
        churn = c_w * (1.0 + p["beta_d"] * drought)
        subs = np.clip(
            subs + (p["subscriber_adds"] * (1.0 - drought) - churn * subs) * _WEEKS, 0.0, 2.0
        )
        adjust = 1.0 - (1.0 - p["employment_adjust"]) ** _WEEKS
        employment = employment + adjust * (p["e0"] - displaced - employment)
        pay = pay * ((1.0 + yearly_raise) / (1.0 + inflation)) ** (1.0 / _STEPS_PER_YEAR)
        if m % _STEPS_PER_YEAR == 0:
            record(m // _STEPS_PER_YEAR)
    return out


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
    mean = _run(spec, vals, levels, n_years, None, guardrail)
    low: dict[str, np.ndarray] = {}
    high: dict[str, np.ndarray] = {}
    if samples > 0:
        ids = np.arange(b * samples, dtype=np.uint64)
        draw = [rng.normal(seed, ids, 0, rng.PROJECTION, k) for k in range(4)]
        noise = {
            "ai_speed": np.exp(0.35 * draw[0]),
            "bass_q": np.exp(0.3 * draw[1]),
            "inflation": 1.0 * draw[2],
            "churn": np.exp(0.2 * draw[3]),
        }
        runs = _run(
            spec, np.repeat(vals, samples, axis=0), np.repeat(levels, samples, axis=0),
            n_years, noise, guardrail,
        )  # fmt: skip
        for k, arr in runs.items():
            cube = arr.reshape(b, samples, n_years + 1)
            low[k], high[k] = np.percentile(cube, [_LOW, _HIGH], axis=1)
    return Projection(years=np.arange(n_years + 1), mean=mean, low=low, high=high)


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
