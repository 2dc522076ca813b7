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

from collections.abc import Mapping
from typing import NamedTuple

from .equations import CORE_DERIVED, CORE_UPDATES, core_update

__all__ = [
    "BUILTIN_NAMES",
    "CORE_DERIVED",
    "CORE_PARAMS",
    "CORE_UPDATES",
    "CORE_VARIABLES",
    "FUNDS_VARIABLES",
    "CoreParam",
    "CoreVariable",
    "core_update",
]


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
FUNDS_VARIABLES: tuple[str, str] = ("strike_fund", "studio_cash")
"""Per side (union, studio), the core variable a party's ``funds`` sets: the one named
mapping from the scenario's ``parties.<side>.funds`` to the engine's starting money."""

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
    _V("ai_fear", "Members' fear of AI", "share", "union",
       "Share of members who think AI will take their work. Fear hardens resolve: it raises "
       "solidarity and slows the decay of members' expectations.", 0.4, 0.0, 1.0, False,
       "WGA/SAG-AFTRA 2023 AI demands (docs/model.md §3)"),
    _V("union_cost", "Union's dispute cost", "utility", "union",
       "What the dispute has cost the members so far, in units of the contract's value: lost "
       "earnings of those on strike, made heavier by hardship.", 0.0, 0.0, None, False,
       "docs/model.md §2"),
    _V("studio_cost", "Studios' dispute cost", "utility", "studio",
       "What the dispute has cost the studios so far, in units of the contract's value: stopped "
       "production and lost subscribers, made heavier when cash runs short.", 0.0, 0.0, None,
       False, "docs/model.md §2"),
    _V("rejected_deal", "Last rejected deal", "utility", "union",
       "Members' value of the last tentative deal they voted down (-1 = none): a new deal goes "
       "to a vote only if it gives them more.", -1.0, -1.0, 1.0, False, "docs/model.md §4"),
    _V("union_result", "Union's result", "utility", "union",
       "Value of the contract in force to the union minus its dispute cost.", 0.0, None, None,
       True, "docs/model.md §2"),
    _V("studio_result", "Studios' result", "utility", "studio",
       "Value of the contract in force to the studios minus their dispute cost.", 0.0, None,
       None, True, "docs/model.md §2"),
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
    "ai_progress_halflife": _P(2.0, "Years for the yearly AI cost decline (orders of magnitude) "
                               "to halve after the dispute (projection)", "fastest declines "
                               "are recent and may not persist (models §4.4) [D]"),
    "ai_speed_spread": _P(0.35, "Log-sd of the AI cost decline across projection draws",
                          "Epoch 9x-900x/yr by task (models §4.4) [D]"),
    "ai_halflife_spread": _P(0.5, "Log-sd of the AI progress half-life across projection draws",
                             "models §4.4 [D]"),
    "kappa_50_spread": _P(0.5, "Sd (orders of magnitude) of the capability midpoint across "
                          "projection draws", "models §4.4 [D]"),
    "renewal_pull": _P(0.5, "Share of the way each renewal after the contract's term moves "
                       "the AI guardrail towards renewal_guardrail (projection)",
                       "docs/projection.md [D]"),
    "renewal_guardrail": _P(0.5, "AI guardrail the projection's renewals drift towards (an even "
                            "bargain over AI)", "docs/projection.md [D]"),
    "renewal_real_raise": _P(0.0, "Real pay raise (%/yr) of renewals after the contract's term",
                             "docs/projection.md [D]"),
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
    "member_weekly_pay": _P(1500.0, "Earnings a member gives up per week on strike ($)",
                            "WGA median ~$80k/yr (docs/model.md §2) [D]"),
    "contract_years": _P(3.0, "Years the contract runs (its value is counted over them)",
                         "three-year MBAs (strike-facts §1)"),
    "union_stake": _P(0.0, "Members' earnings ($M) the whole utility range is worth over the "
                      "contract; 0 = the studio's cost range of the issues x contract_years",
                      "docs/model.md §2"),
    "studio_stake": _P(0.0, "Studio money ($M) the whole utility range is worth over the "
                       "contract; 0 = the cost range of the issues x contract_years",
                       "docs/model.md §2"),
    "hardship_cost": _P(1.0, "Extra weight of a lost dollar at full hardship (union cost)",
                        "docs/model.md §2 [D]"),
    "relief_effect": _P(0.5, "Share of members' hardship the fund's relief lifts while it lasts",
                        "WGA hardship loans, ECF grants (models §5.3) [D]"),
    "fund_empty_solidarity": _P(0.35, "Solidarity lost (share of target) once the fund is empty",
                                "members drift back to work (docs/model.md §4) [D]"),
    "solidarity_fear": _P(0.3, "Solidarity gained per point of AI fear above 0.4",
                          "docs/model.md §3 [D]"),
    "phi_fear": _P(0.8, "How much AI fear above 0.4 slows expectation decay",
                   "docs/model.md §3 [D]"),
    "cash_ref": _P(6500.0, "Studio cash ($M) at which losses weigh 1.5x (cash stress 0.5)",
                   "docs/model.md §2 [D]"),
    "delay_loss_share": _P(0.08, "Share of a stopped production's weekly cost that is lost, not "
                           "deferred (studio cost)", "WBD -$0.5B of ~$5B industry loss (models "
                           "§5.6) [D]"),
    "cash_stress_cost": _P(1.0, "Extra weight of a lost dollar when the studio has no cash",
                           "docs/model.md §2 [D]"),
    "ai_strike_substitution": _P(0.3, "Share of struck work AI can cover at full capability",
                                 "docs/model.md §3 [D]"),
    "arbitration_cost": _P(0.1, "Cost to each side of an award imposed by arbitration (utility): "
                           "resented, uncertain, fought over in the next round",
                           "docs/model.md §5 [D]"),
    "tolerance_rate": _P(0.011, "Dispute cost (utility) of one week of a negotiator's staying "
                         "power: a personality's horizon is in such weeks, so a side whose "
                         "strike costs more wears down sooner", "a solid week of the 2023 "
                         "writers' strike, docs/model.md §6 [D]"),
    "rejection_solidarity": _P(0.04, "Solidarity lost when members vote down a tentative deal",
                               "docs/model.md §4 [D]"),
    "rejection_support": _P(0.03, "Public support the union loses when members reject a deal",
                            "docs/model.md §4 [D]"),
}  # fmt: skip
