"""The built-in core model: its variables, parameters and weekly equations.

The equations follow ``research/models.md`` §6.2 (cited per variable as
"models §x.y"). Every scenario gets these variables and parameters; a scenario
may override any field of a core variable, replace its equation with its own
``update`` (state variable) or ``formula`` (derived variable), override any
parameter, and add variables and parameters of its own.

Units: money in millions of US dollars ($M), time in weeks, shares in [0, 1],
jobs and replicas in thousands. Every equation reads a *namespace* (a mapping
from names to ``(B,)`` float64 arrays or floats, see :mod:`.namespace`) and
returns a ``(B,)`` array.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import numpy as np

from .mathfn import logistic, ncdf, safe_log

__all__ = [
    "BUILTIN_NAMES",
    "CORE_DERIVED",
    "CORE_PARAMS",
    "CORE_UPDATES",
    "CORE_VARIABLES",
    "CoreParam",
    "CoreVariable",
    "core_update",
]

Array = Any
"""A ``(B,)`` float64 array, or a float that broadcasts (equation results)."""
NS = Mapping[str, Any]


class CoreVariable(NamedTuple):
    """One built-in variable (a state variable unless ``derived``)."""

    id: str
    label: str
    unit: str
    owner: str
    description: str
    initial: float
    lo: float | None
    hi: float | None
    derived: bool
    source: str


class CoreParam(NamedTuple):
    """A built-in parameter: ``(default, description, source)``."""

    default: float
    description: str
    source: str


BUILTIN_NAMES: tuple[str, ...] = (
    "week", "strike_weeks", "is_striking", "is_talks", "is_ratification", "authorized",
    "talks_suspended", "members", "guardrail",
    "studio_offer_union_utility", "studio_offer_studio_utility",
    "union_offer_union_utility", "union_offer_studio_utility",
    "deal_union_utility", "deal_studio_utility",
    "contract_union_utility", "contract_studio_utility",
)  # fmt: skip
"""Names the engine puts in every formula namespace besides variables and
parameters (plus ``contract_<term>`` for each projection contract term)."""

_V = CoreVariable
CORE_VARIABLES: tuple[CoreVariable, ...] = (
    _V("studio_cash", "Studio cash", "$M", "studio",
       "Money the studios can spend to outlast a strike: weekly operating income scaled by "
       "subscribers, minus strike delay costs and AI spending.", 6000.0, None, None, False,
       "models §6.2 step 5; WBD cut 2023 guidance by ~$1B (models §5.6)"),
    _V("content_stock", "Unreleased content", "weeks", "studio",
       "Weeks of finished, unreleased shows and films in the pipeline.", 26.0, 0.0, None,
       False, "models §6.1 (20-30 weeks), §6.2 step 3"),
    _V("content_drought", "Content drought", "share", "studio",
       "How far the pipeline has run below normal: max(0, 1 - stock / content_ref).",
       0.0, 0.0, 1.0, True, "models §5.5, §6.2 step 3"),
    _V("subscribers", "Subscribers", "index", "studio",
       "Streaming subscribers relative to the start (1.0 = start).", 1.0, 0.0, 2.0, False,
       "models §5.5, §6.2 step 4"),
    _V("churn", "Weekly churn", "share/week", "studio",
       "Share of subscribers cancelling each week; rises in a content drought and with a "
       "public boycott during a strike.", 0.0125, 0.0, 1.0, True,
       "Antenna 5.3%/month gross churn, models §5.5"),
    _V("share_price", "Share price", "index", "studio",
       "Studio share-price index (1.0 = start), smoothed towards subscribers less a strike "
       "discount.", 1.0, 0.0, None, False, "design [D], models §5.6"),
    _V("ai_investment", "AI investment", "$M/yr", "studio",
       "Yearly studio spending on AI talent and tools; speeds AI capability and adoption.",
       50.0, 0.0, None, False, "AI job postings at $300k-$900k salaries (DESIGN; strike-facts)"),
    _V("strike_fund", "Strike fund", "$M", "union",
       "Guild strike and hardship fund: dues in, donations in, hardship loans out.", 20.0, 0.0,
       None, False, "WGA West >$20M strike fund (models §5.3)"),
    _V("hardship", "Member hardship", "share", "union",
       "Share of members whose savings no longer cover the weeks on strike (lognormal "
       "savings).", 0.0, 0.0, 1.0, True, "models §5.3, §6.2 step 6"),
    _V("solidarity", "Solidarity", "share", "union",
       "Share of members holding the line; erodes with hardship, grows with public support.",
       0.9, 0.0, 1.0, False, "design [D], Granovetter (models §5.1)"),
    _V("member_expectation", "Members' expectation", "utility", "union",
       "Utility of a deal the members would accept; decays during a strike "
       "(Ashenfelter-Johnson).", 0.9, 0.0, 1.0, True, "models §1.2, §5.2, §6.2 step 8"),
    _V("strike_fatigue", "Strike fatigue", "cumulative rate", "union",
       "Sum of the weekly expectation-decay rates so far (A&J exponent).", 0.0, 0.0, None,
       False, "models §5.2"),
    _V("ratification_sentiment", "Ratification sentiment", "share", "union",
       "Share of members who would vote yes on the studio's standing offer (threshold "
       "cascade).", 0.1, 0.0, 1.0, False, "Granovetter (models §5.1), §6.2 step 9"),
    _V("members_working", "Members working", "share", "union",
       "Share of members at work (all but the strikers during a strike).", 1.0, 0.0, 1.0,
       True, "design [D]"),
    _V("public_support_union", "Public support for the union", "share", "public",
       "Share of the public sympathising with the union.", 0.62, 0.0, 1.0, False,
       "Gallup 72% / AP-NORC 55% (models §5.4)"),
    _V("public_support_studio", "Public support for the studios", "share", "public",
       "Share of the public sympathising with the studios.", 0.27, 0.0, 1.0, True,
       "Gallup 72% vs 19% (models §5.4)"),
    _V("opinion_shift", "Opinion shift", "share", "public",
       "Shock to public opinion from news and campaigns; fades each week.", 0.0, -1.0, 1.0,
       False, "models §5.4 (media node)"),
    _V("production_level", "Production level", "share", "industry",
       "Share of normal film and TV production running.", 1.0, 0.0, 1.0, True, "design [D]"),
    _V("employment", "Industry employment", "thousand jobs", "industry",
       "Jobs in US film and TV production, moved by production and AI displacement.",
       450.0, 0.0, None, False, "design [D]; BLS motion picture & video industries order"),
    _V("economic_loss", "Economic loss", "$M", "industry",
       "Cumulative regional economic loss from stopped production.", 0.0, 0.0, None, False,
       "Milken ~$5B by Sept 2023; 2007-08 $2.1B (models §5.6)"),
    _V("ai_orders", "AI cost decline", "orders of magnitude", "ai",
       "Orders of magnitude AI has become cheaper since the start.", 0.0, 0.0, None, False,
       "a16z ~10x/year, Epoch 9-900x/year (models §4.4)"),
    _V("ai_capability", "AI capability", "share", "ai",
       "Share of guild tasks AI could substitute (logistic in the cost decline).", 0.083,
       0.0, 1.0, True, "models §4.4"),
    _V("ai_adoption", "AI adoption", "share", "ai",
       "Share of automatable guild tasks the studios actually use AI for (Bass diffusion "
       "towards capability allowed by the contract's guardrails).", 0.05, 0.0, 1.0, False,
       "Bass (models §4.1), BTOS/McKinsey (models §4.3)"),
    _V("digital_replicas", "Digital replicas", "thousand", "ai",
       "Digital replicas of performers in use.", 0.0, 0.0, None, False, "design [D]"),
    _V("jobs_displaced", "Jobs displaced by AI", "thousand jobs", "ai",
       "Entertainment jobs displaced: exposed jobs x adoption x capability.", 0.85, 0.0, None,
       True, "CVL Economics ~204k jobs disrupted (models §4.3)"),
)  # fmt: skip

_P = CoreParam
CORE_PARAMS: Mapping[str, CoreParam] = {
    "tau0": _P(0.06, "Base weekly decay rate of members' expectations (A&J tau)",
               "models §1.2, §6.3 (0.03-0.15)"),
    "u0": _P(0.9, "Members' expectation (utility) at the start of a strike", "models §6.3 [D]"),
    "u_star": _P(0.45, "Floor of members' expectation after a very long strike",
                 "models §6.3 [D]"),
    "phi_h": _P(1.0, "How much hardship speeds up expectation decay", "models §5.2 [D]"),
    "phi_psi": _P(1.0, "How much public support above psi0 slows expectation decay",
                  "models §5.2 [D]"),
    "psi0": _P(0.62, "Baseline public support for the union", "models §5.4, §6.3"),
    "mu_m": _P(0.3, "Weekly opinion smoothing towards the media signal", "models §5.4, §6.3"),
    "opinion_decay": _P(0.1, "Weekly fade of opinion shocks", "design [D]"),
    "studio_sympathy": _P(0.7, "Share of non-union sympathisers who side with the studios",
                          "Gallup 19 of 28 (models §5.4)"),
    "c_w": _P(0.0125, "Baseline weekly subscriber churn", "Antenna 5.3%/mo (models §5.5)"),
    "beta_d": _P(1.0, "Churn multiplier in a full content drought", "models §5.5 (0.5-1.5)"),
    "boycott_share": _P(0.27, "Share of sympathisers who would cancel streaming",
                        "AP-NORC Sept 2023 (models §5.4)"),
    "boycott_intensity": _P(1.0, "Strength of the public boycott during a strike (0-1)",
                            "models §5.4 [D]"),
    "subscriber_adds": _P(0.0125, "Weekly sign-ups (index units) at normal release strength",
                          "models §5.5 (balances baseline churn)"),
    "content_ref": _P(26.0, "Normal pipeline of unreleased content", "models §6.1 [D]"),
    "release_rate": _P(1.0, "Weeks of content released per week", "models §6.2 step 3"),
    "production_rate": _P(1.0, "Weeks of content produced per week at full production",
                          "models §6.2 step 3"),
    "content_catch_up": _P(0.5, "Extra production (share) per unit of drought as studios "
                           "refill the pipeline", "design [D]"),
    "inflation": _P(3.0, "Consumer price inflation used for real pay (%/yr)",
                    "2023 raises vs 9.1% peak inflation (strike-facts §1b) [D]"),
    "ai_saving_per_kjob": _P(20.0, "Studio saving per thousand jobs displaced by AI, net of "
                             "AI costs ($M/yr)", "design [D] (~$20k per job)"),
    "strike_production_impact": _P(0.8, "Share of production a solid strike stops",
                                   "design [D]"),
    "bass_p": _P(0.03 / 52, "Bass innovation coefficient per week", "models §4.1, §6.3"),
    "bass_q": _P(1.2 / 52, "Bass imitation coefficient per week", "models §4.2, §6.3"),
    "strike_experiment": _P(0.5, "Extra AI experimentation (x bass_p) during a strike",
                            "models §6.2 step 2 [D]"),
    "ai_cost_decline": _P(10.0, "AI cost decline per year at constant capability (x)",
                          "a16z LLMflation (models §4.4)"),
    "kappa_50": _P(2.0, "Orders of magnitude of cost decline for half of tasks to be "
                   "substitutable", "models §4.4 [D]"),
    "ai_sharpness": _P(1.2, "Sharpness of the capability logistic", "models §4.4 [D]"),
    "ai_investment_ref": _P(50.0, "AI investment ($M/yr) at which the learning curve runs at "
                            "its base speed", "design [D]"),
    "ai_investment_elasticity": _P(0.3, "Elasticity of AI progress and adoption to investment",
                                   "design [D]"),
    "replica_rate": _P(0.5, "Thousand digital replicas made per week at full unguarded "
                       "adoption", "design [D]"),
    "exposed_jobs": _P(204.0, "Thousand entertainment jobs exposed to gen-AI disruption",
                       "CVL Economics Jan 2024 (models §4.3)"),
    "e0": _P(450.0, "Thousand jobs in film and TV production at full production",
             "design [D]"),
    "employment_adjust": _P(0.3, "Weekly adjustment of employment towards its target",
                            "design [D]"),
    "savings_mu": _P(10.13, "Log of members' median savings ($; e^10.13 ~ $25k)",
                     "models §5.3 [D]"),
    "savings_sigma": _P(1.0, "Log-sd of members' savings", "models §5.3 [D]"),
    "weekly_spend": _P(1500.0, "Members' weekly household spending shortfall on strike ($)",
                       "WGA minimum $7,412/wk (strike-facts §1b) [D]"),
    "loan_weekly": _P(0.0005, "Hardship loan per member in hardship per week ($M)",
                      "WGAE loans up to $3,000 (models §5.3)"),
    "dues_weekly": _P(0.05, "Dues into the strike fund per working week ($M)", "design [D]"),
    "donation_rate": _P(0.15, "Weekly donations during a strike at full public support ($M)",
                        "ECF $1.1M by June 30, solidarity fund $2.2M (models §5.3)"),
    "solidarity_base": _P(0.9, "Solidarity with no hardship at baseline support",
                          "design [D]"),
    "solidarity_rate": _P(0.1, "Weekly adjustment of solidarity", "design [D]"),
    "solidarity_hardship": _P(0.4, "Solidarity lost at full hardship (share of base)",
                              "design [D]"),
    "solidarity_support": _P(0.5, "Solidarity gained per point of support above psi0",
                             "design [D]"),
    "rat_sigma": _P(0.1, "Spread of members' ratification thresholds", "models §5.1"),
    "rat_hardship": _P(0.15, "Shift of thresholds towards yes at full hardship",
                       "models §6.2 step 9"),
    "rat_support": _P(0.1, "Shift of thresholds towards no per point of support above psi0",
                      "models §6.2 step 9"),
    "rat_herding": _P(0.1, "Weight of last week's sentiment (threshold cascade)",
                      "models §5.1"),
    "weekly_operating_income": _P(60.0, "Studio weekly operating income at baseline "
                                  "subscribers ($M)", "design [D]"),
    "strike_cost_weekly": _P(250.0, "Studio cost per week of fully stopped production ($M)",
                             "WBD -$1B guidance (models §5.6) [D]"),
    "strike_loss_per_week": _P(300.0, "Regional economic loss per week of fully stopped "
                               "production ($M)", "Milken ~$5B in ~18 weeks (models §5.6)"),
    "share_smoothing": _P(0.2, "Weekly smoothing of the share price", "design [D]"),
    "share_strike_discount": _P(0.1, "Share-price discount at fully stopped production",
                                "design [D]"),
}  # fmt: skip


# ---- derived variables (recomputed each week, in dependency order) -----------
def _content_drought(ns: NS) -> Array:
    return np.clip(1.0 - ns["content_stock"] / ns["content_ref"], 0.0, 1.0)


def _churn(ns: NS) -> Array:
    boycott = ns["public_support_union"] * ns["boycott_share"] * ns["boycott_intensity"]
    return ns["c_w"] * (1.0 + ns["beta_d"] * ns["content_drought"]) + (
        boycott * ns["is_striking"] / 52.0
    )


def _hardship(ns: NS) -> Array:
    s = np.asarray(ns["strike_weeks"], dtype=np.float64)
    z = (safe_log(s * ns["weekly_spend"]) - ns["savings_mu"]) / ns["savings_sigma"]
    return np.where(s > 0, ncdf(z), 0.0)


def _member_expectation(ns: NS) -> Array:
    return ns["u_star"] + (ns["u0"] - ns["u_star"]) * np.exp(-ns["strike_fatigue"])


def _members_working(ns: NS) -> Array:
    return 1.0 - ns["is_striking"] * ns["solidarity"]


def _public_support_studio(ns: NS) -> Array:
    return (1.0 - ns["public_support_union"]) * ns["studio_sympathy"]


def _production_level(ns: NS) -> Array:
    return 1.0 - ns["is_striking"] * ns["strike_production_impact"] * ns["solidarity"]


def _ai_capability(ns: NS) -> Array:
    return logistic(ns["ai_sharpness"] * (ns["ai_orders"] - ns["kappa_50"]))


def _jobs_displaced(ns: NS) -> Array:
    return ns["exposed_jobs"] * ns["ai_adoption"] * ns["ai_capability"]


CORE_DERIVED: Mapping[str, tuple[Callable[[NS], Array], frozenset[str]]] = {
    "content_drought": (_content_drought, frozenset({"content_stock"})),
    "churn": (_churn, frozenset({"content_drought", "public_support_union"})),
    "hardship": (_hardship, frozenset()),
    "member_expectation": (_member_expectation, frozenset({"strike_fatigue"})),
    "members_working": (_members_working, frozenset({"solidarity"})),
    "public_support_studio": (_public_support_studio, frozenset({"public_support_union"})),
    "production_level": (_production_level, frozenset({"solidarity"})),
    "ai_capability": (_ai_capability, frozenset({"ai_orders"})),
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
    loans = np.minimum(
        np.maximum(fund, 0.0), ns["hardship"] * ns["members"] * ns["loan_weekly"] * striking
    )
    return fund + dues + donations - loans


def _solidarity(ns: NS) -> Array:
    target = ns["solidarity_base"] * (1.0 - ns["solidarity_hardship"] * ns["hardship"]) + ns[
        "solidarity_support"
    ] * (ns["public_support_union"] - ns["psi0"])
    target = np.clip(target, 0.0, 1.0)
    return ns["solidarity"] + ns["solidarity_rate"] * (target - ns["solidarity"])


def _decay_rate(ns: NS) -> Array:
    """A&J decay rate this week (models §5.2): faster with hardship, slower with support."""
    tau = (
        ns["tau0"]
        * (1.0 + ns["phi_h"] * ns["hardship"])
        * (1.0 - ns["phi_psi"] * (ns["public_support_union"] - ns["psi0"]))
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
    signal = np.clip(ns["psi0"] + ns["opinion_shift"], 0.0, 1.0)
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
    for j, var in enumerate(spec.variables):
        if var.formula is not None:
            continue
        if var.update is not None:
            new = var.update(ns)
        elif var.id in CORE_UPDATES:
            new = CORE_UPDATES[var.id](ns)
        else:
            continue
        out[j] = new
    return out
