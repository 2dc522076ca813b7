"""The built-in core equations (``research/models.md`` §6.2 steps 1-9).

Each equation reads a formula namespace (see :mod:`.namespace`: parameters as
floats, variables and builtins as ``(B,)`` float64 arrays) and returns the
``(B,)`` value of one variable. Derived equations are recomputed every week in
dependency order; state equations give next week's value. A scenario
variable with its own ``update`` or ``formula`` replaces the built-in one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .mathfn import clip, logistic, ncdf, safe_log, some
from .spec import Namespace

__all__ = [
    "CORE_DERIVED",
    "CORE_UPDATES",
    "cash_stress",
    "core_update",
    "fund_relief",
    "studio_cost_rate",
    "union_cost_rate",
    "update_plan",
]

Array = Any
"""A ``(B,)`` float64 array, or a float that broadcasts (equation results)."""
NS = Namespace


# ---- derived variables (recomputed each week, in dependency order) -----------
def _content_drought(ns: NS) -> Array:
    return clip(1.0 - ns["content_stock"] / ns["content_ref"], 0.0, 1.0)


def _churn(ns: NS) -> Array:
    boycott = ns["public_support_union"] * ns["boycott_share"] * ns["boycott_intensity"]
    return ns["c_w"] * (1.0 + ns["beta_d"] * ns["content_drought"]) + (
        boycott * ns["is_striking"] / 52.0
    )


def fund_relief(ns: NS) -> Array:
    """Share of full relief the strike fund still gives: 1 while a month of hardship
    loans is left, falling to 0 as the fund empties (docs/model.md §4)."""
    month = np.maximum(ns["members"] * ns["loan_weekly"] * 4.0 * 0.5, 1e-9)
    return clip(ns["strike_fund"] / month, 0.0, 1.0)


def _hardship(ns: NS) -> Array:
    s = np.asarray(ns["strike_weeks"], dtype=np.float64)
    if not some(s > 0):
        return np.zeros_like(s)
    z = (safe_log(s * ns["weekly_spend"]) - ns["savings_mu"]) / ns["savings_sigma"]
    relief = 1.0 - ns["relief_effect"] * fund_relief(ns)
    return np.where(s > 0, ncdf(z) * relief, 0.0)


def _member_expectation(ns: NS) -> Array:
    return ns["u_star"] + (ns["u0"] - ns["u_star"]) * np.exp(-ns["strike_fatigue"])


def _members_working(ns: NS) -> Array:
    return 1.0 - ns["is_striking"] * ns["solidarity"]


def _public_support_studio(ns: NS) -> Array:
    return (1.0 - ns["public_support_union"]) * ns["studio_sympathy"]


def _production_level(ns: NS) -> Array:
    covered = 1.0 - ns["ai_strike_substitution"] * ns["ai_capability"]
    return 1.0 - ns["is_striking"] * ns["strike_production_impact"] * ns["solidarity"] * covered


def _ai_capability(ns: NS) -> Array:
    return logistic(ns["ai_sharpness"] * (ns["ai_orders"] - ns["kappa_50"]))


def _jobs_displaced(ns: NS) -> Array:
    return ns["exposed_jobs"] * ns["ai_adoption"] * ns["ai_capability"]


def _union_result(ns: NS) -> Array:
    return ns["contract_union_utility"] - ns["union_cost"]


def _studio_result(ns: NS) -> Array:
    return ns["contract_studio_utility"] - ns["studio_cost"]


CORE_DERIVED: Mapping[str, tuple[Callable[[NS], Array], frozenset[str]]] = {
    "content_drought": (_content_drought, frozenset({"content_stock"})),
    "churn": (_churn, frozenset({"content_drought", "public_support_union"})),
    "hardship": (_hardship, frozenset()),
    "member_expectation": (_member_expectation, frozenset({"strike_fatigue"})),
    "members_working": (_members_working, frozenset({"solidarity"})),
    "public_support_studio": (_public_support_studio, frozenset({"public_support_union"})),
    "production_level": (_production_level, frozenset({"solidarity", "ai_capability"})),
    "ai_capability": (_ai_capability, frozenset({"ai_orders"})),
    "union_result": (_union_result, frozenset({"union_cost"})),
    "studio_result": (_studio_result, frozenset({"studio_cost"})),
    "jobs_displaced": (_jobs_displaced, frozenset({"ai_adoption", "ai_capability"})),
}
"""Derived core variable -> (equation, the variables it reads)."""


# ---- state variables (next week's value from this week's namespace) ----------
def _invest_mult(ns: NS) -> Array:
    ratio = np.maximum(ns["ai_investment"], 0.0) / ns["ai_investment_ref"]
    return np.power(ratio, ns["ai_investment_elasticity"])


def _studio_cash(ns: NS) -> Array:
    income = ns["weekly_operating_income"] * ns["subscribers"]
    delay = ns["strike_cost_weekly"] * (1.0 - ns["production_level"])
    return ns["studio_cash"] + income - delay - ns["ai_investment"] / 52.0


def _content_stock(ns: NS) -> Array:
    refill = 1.0 + ns["content_catch_up"] * ns["content_drought"]
    made = ns["production_rate"] * ns["production_level"] * refill
    return ns["content_stock"] - ns["release_rate"] + made


def _subscribers(ns: NS) -> Array:
    adds = ns["subscriber_adds"] * (1.0 - ns["content_drought"])
    return ns["subscribers"] * (1.0 - ns["churn"]) + adds


def _share_price(ns: NS) -> Array:
    target = ns["subscribers"] * (
        1.0 - ns["share_strike_discount"] * (1.0 - ns["production_level"])
    )
    return ns["share_price"] + ns["share_smoothing"] * (target - ns["share_price"])


def _ai_investment(ns: NS) -> Array:
    return np.asarray(ns["ai_investment"], dtype=np.float64) + 0.0


def _strike_fund(ns: NS) -> Array:
    fund = ns["strike_fund"]
    striking = ns["is_striking"]
    dues = ns["dues_weekly"] * (1.0 - striking)
    donations = ns["donation_rate"] * ns["public_support_union"] * striking
    loans = ns["hardship"] * ns["members"] * ns["loan_weekly"] * striking
    return np.maximum(fund + dues + donations - loans, 0.0)


def _solidarity(ns: NS) -> Array:
    target = (
        ns["solidarity_base"] * (1.0 - ns["solidarity_hardship"] * ns["hardship"])
        + ns["solidarity_support"] * (ns["public_support_union"] - ns["psi0"])
        + ns["solidarity_fear"] * (ns["ai_fear"] - 0.4)
    )
    # an empty fund sends members back to work once the strike has begun to hurt
    empty = ns["is_striking"] * (1.0 - fund_relief(ns)) * ns["hardship"]
    target = clip(
        target * (1.0 - ns["fund_empty_solidarity"] * np.minimum(empty * 3.0, 1.0)), 0.0, 1.0
    )
    return ns["solidarity"] + ns["solidarity_rate"] * (target - ns["solidarity"])


def _decay_rate(ns: NS) -> Array:
    """A&J decay rate this week (models §5.2): faster with hardship, slower with support."""
    tau = (
        ns["tau0"]
        * (1.0 + ns["phi_h"] * ns["hardship"])
        * (1.0 - ns["phi_psi"] * (ns["public_support_union"] - ns["psi0"]))
        * (1.0 - ns["phi_fear"] * (ns["ai_fear"] - 0.4))
    )
    return np.maximum(tau, 0.0)


def _strike_fatigue(ns: NS) -> Array:
    return ns["strike_fatigue"] + ns["is_striking"] * _decay_rate(ns)


def _ratification_sentiment(ns: NS) -> Array:
    shift = (
        ns["rat_hardship"] * ns["hardship"]
        - ns["rat_support"] * (ns["public_support_union"] - ns["psi0"])
        + ns["rat_herding"] * (ns["ratification_sentiment"] - 0.5)
    )
    gap = ns["studio_offer_union_utility"] - ns["member_expectation"] + shift
    return ncdf(gap / ns["rat_sigma"])


def _public_support_union(ns: NS) -> Array:
    signal = clip(ns["psi0"] + ns["opinion_shift"], 0.0, 1.0)
    return (1.0 - ns["mu_m"]) * ns["public_support_union"] + ns["mu_m"] * signal


def _opinion_shift(ns: NS) -> Array:
    return ns["opinion_shift"] * (1.0 - ns["opinion_decay"])


def _employment(ns: NS) -> Array:
    target = ns["e0"] * ns["production_level"] - ns["jobs_displaced"]
    return ns["employment"] + ns["employment_adjust"] * (target - ns["employment"])


def _economic_loss(ns: NS) -> Array:
    return ns["economic_loss"] + ns["strike_loss_per_week"] * (1.0 - ns["production_level"])


def _ai_orders(ns: NS) -> Array:
    speed = np.log10(ns["ai_cost_decline"]) / 52.0
    return ns["ai_orders"] + speed * _invest_mult(ns)


def _ai_adoption(ns: NS) -> Array:
    a = ns["ai_adoption"]
    p = ns["bass_p"] * _invest_mult(ns) * (1.0 + ns["strike_experiment"] * ns["is_striking"])
    ceiling = ns["ai_capability"] * (1.0 - ns["guardrail"])
    return a + (p + ns["bass_q"] * a) * (ceiling - a)


def union_cost_rate(ns: NS) -> Array:
    """This week's addition to the union's dispute cost (utility units): the strikers'
    lost earnings over the union's stake, weighed up by hardship (docs/model.md §2)."""
    lost = ns["is_striking"] * ns["solidarity"] * ns["members"] * ns["member_weekly_pay"] * 1e-6
    stake = np.maximum(ns["union_stake"], 1.0)  # (0 = unset outside a compiled scenario)
    return lost * (1.0 + ns["hardship_cost"] * ns["hardship"]) / stake


def cash_stress(ns: NS) -> Array:
    """0 with ample cash, 0.5 at ``cash_ref``, 1 with none (docs/model.md §2)."""
    return 1.0 / (1.0 + np.maximum(ns["studio_cash"], 0.0) / ns["cash_ref"])


def studio_cost_rate(ns: NS) -> Array:
    """This week's addition to the studios' dispute cost (utility units): stopped
    production and lost subscription income over the studio stake, weighed up as
    cash runs short (docs/model.md §2)."""
    stopped = ns["strike_cost_weekly"] * ns["delay_loss_share"] * (1.0 - ns["production_level"])
    audience = ns["weekly_operating_income"] * np.maximum(1.0 - ns["subscribers"], 0.0)
    weight = 1.0 + ns["cash_stress_cost"] * cash_stress(ns)
    return (stopped + audience) * weight / np.maximum(ns["studio_stake"], 1.0)


def _union_cost(ns: NS) -> Array:
    return ns["union_cost"] + union_cost_rate(ns)


def _studio_cost(ns: NS) -> Array:
    return ns["studio_cost"] + studio_cost_rate(ns)


def _kept(name: str) -> Callable[[NS], Array]:
    """The equation of a variable only events, actions and end checks change."""

    def same(ns: NS) -> Array:
        return np.asarray(ns[name], dtype=np.float64) + 0.0

    return same


def _ai_fear(ns: NS) -> Array:
    return np.asarray(ns["ai_fear"], dtype=np.float64) + 0.0


def _digital_replicas(ns: NS) -> Array:
    made = ns["replica_rate"] * ns["ai_adoption"] * (1.0 - ns["guardrail"])
    return ns["digital_replicas"] + made


CORE_UPDATES: Mapping[str, Callable[[NS], Array]] = {
    "studio_cash": _studio_cash,
    "content_stock": _content_stock,
    "subscribers": _subscribers,
    "share_price": _share_price,
    "ai_investment": _ai_investment,
    "strike_fund": _strike_fund,
    "solidarity": _solidarity,
    "strike_fatigue": _strike_fatigue,
    "ratification_sentiment": _ratification_sentiment,
    "public_support_union": _public_support_union,
    "opinion_shift": _opinion_shift,
    "employment": _employment,
    "economic_loss": _economic_loss,
    "ai_orders": _ai_orders,
    "ai_adoption": _ai_adoption,
    "digital_replicas": _digital_replicas,
    "union_cost": _union_cost,
    "studio_cost": _studio_cost,
    "ai_fear": _ai_fear,
    "rejected_deal": _kept("rejected_deal"),
}
"""State core variable -> its weekly update (models §6.2 steps 1-9)."""


def core_update(spec: Any, ns: NS, values: Array) -> Array:
    """Next week's values of every state variable, shape ``(V, B)`` (rows = variables).

    ``values`` is this week's ``(V, B)`` array (rows in ``spec.variables`` order);
    ``ns`` the namespace built from it. Per variable: its scenario ``update``
    formula if it has one, else the built-in equation of a core variable, else
    unchanged. Derived variables (``formula`` or built-in derived) are copied
    unchanged; the caller recomputes them. The input is not modified; bounds
    are not applied here.
    """
    out = np.array(values, dtype=np.float64, copy=True)
    for j, fn in update_plan(spec):
        out[j] = fn(ns)
    return out


def update_plan(spec: Any) -> tuple[tuple[int, Callable[[NS], Array]], ...]:
    """(row, equation) of every variable that changes in the dynamics step:
    its scenario ``update`` if any, else its built-in core equation."""
    plan = []
    for j, var in enumerate(spec.variables):
        if var.formula is not None:
            continue
        if var.update is not None:
            plan.append((j, var.update))
        elif var.id in CORE_UPDATES:
            plan.append((j, CORE_UPDATES[var.id]))
    return tuple(plan)
