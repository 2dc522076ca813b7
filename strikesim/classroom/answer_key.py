"""The teacher's answer key of a scenario, computed from the bargaining analysis.

For any scenario that loads (shipped or a modder's): the disagreement point at the start of
the dispute, the Pareto frontier, the Nash and Kalai–Smorodinsky packages, the two ends of
the zone of agreement (each side's best deal the other would still take), the old contract,
the trade-offs across issues (where logrolling creates value), the real 2023 deal where the
scenario folder's ``history.yaml`` places it, and what the computer negotiators reach
against each other. :func:`answer_key_markdown` writes it as the guide's Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from strikesim.analysis import bargaining_picture, frontier_distance, on_frontier
from strikesim.analysis.bargaining import BargainingPicture
from strikesim.classroom.history import History, load_history
from strikesim.engine import GameSpec, Outcome
from strikesim.engine.spec import STUDIO, UNION
from strikesim.narrate import party_name
from strikesim.records import Seat

AI_RUNS = 200
"""AI-vs-AI games behind the key's "what the computer reaches" line (seed 0)."""


@dataclass(frozen=True)
class Package:
    """One contract of the key with both sides' utilities and its place on the plane."""

    name: str
    levels: tuple[int, ...]
    utility: tuple[float, float]
    cost: float
    """Yearly cost to the studio, $M."""
    efficient: bool
    """On the Pareto frontier."""
    gap: float
    """Distance to the frontier (utility units; 0 on it)."""


@dataclass(frozen=True)
class AiBenchmark:
    """What the scenario's default negotiators reach against each other."""

    runs: int
    deal_share: float
    strike_weeks_median: float
    union_utility: float
    studio_utility: float
    union_result: float
    studio_result: float


@dataclass(frozen=True)
class AnswerKey:
    spec: GameSpec
    picture: BargainingPicture
    packages: tuple[Package, ...]
    """Nash, KS, the two ends of the zone of agreement, the old contract (and 2023)."""
    history: History | None
    ai: AiBenchmark | None

    @property
    def d(self) -> tuple[float, float]:
        return float(self.picture.d[0]), float(self.picture.d[1])

    def package(self, name: str) -> Package | None:
        return next((p for p in self.packages if p.name == name), None)


NASH = "Nash bargaining deal"
KS = "Kalai–Smorodinsky deal"
UNION_BEST = "Best for the union that the studio can accept"
STUDIO_BEST = "Best for the studio that the union can accept"
OLD = "The old contract (no deal)"
REAL = "The real 2023 deal"


def make_package(
    spec: GameSpec, picture: BargainingPicture, name: str, levels: tuple[int, ...]
) -> Package:
    """``levels`` scored against ``picture``."""
    space = picture.space
    u = space.utility[int(space.index_of(np.asarray(levels)))]
    point = np.asarray(u, dtype=np.float64).reshape(1, 2)
    cost = float(sum(issue.cost[lv] for issue, lv in zip(spec.issues, levels, strict=True)))
    return Package(
        name,
        tuple(int(x) for x in levels),
        (float(u[0]), float(u[1])),
        cost,
        bool(on_frontier(picture.frontier, point)[0]),
        float(frontier_distance(picture.frontier, point)[0]),
    )


def _zone_end(picture: BargainingPicture, side: int) -> tuple[int, ...] | None:
    """``side``'s best frontier deal that gives the other side at least its ``d``."""
    u = picture.frontier.utility
    ok = u[:, 1 - side] >= picture.d[1 - side] - 1e-12
    if not ok.any():
        return None
    rows = np.flatnonzero(ok)
    k = int(rows[np.argmax(u[rows, side] + 1e-9 * u[rows, 1 - side])])
    return tuple(int(x) for x in picture.space.levels[picture.frontier.index[k]])


def ai_benchmark(spec: GameSpec, runs: int = AI_RUNS, seed: int = 0) -> AiBenchmark:
    """The default negotiators against each other over ``runs`` seeded games."""
    from strikesim.analysis.result import RESULT_VARIABLE
    from strikesim.batch import run_batch

    seats = (
        Seat("ai", spec.default_negotiators[UNION]),
        Seat("ai", spec.default_negotiators[STUDIO]),
    )
    r = run_batch(spec, seats, runs=runs, seed=seed)
    results = [r.final_values[:, spec.var_index[v]] for v in RESULT_VARIABLE]
    return AiBenchmark(
        runs=runs,
        deal_share=float(np.mean(r.outcome == int(Outcome.DEAL_RATIFIED))),
        strike_weeks_median=float(np.median(r.strike_weeks)),
        union_utility=float(np.mean(r.union_utility)),
        studio_utility=float(np.mean(r.studio_utility)),
        union_result=float(np.mean(results[UNION])),
        studio_result=float(np.mean(results[STUDIO])),
    )


def answer_key(spec: GameSpec, *, ai_runs: int = AI_RUNS) -> AnswerKey:
    """The key of ``spec`` (``ai_runs`` = 0 leaves out the AI-vs-AI line)."""
    picture = bargaining_picture(spec)
    named: list[tuple[str, tuple[int, ...] | None]] = [
        (NASH, picture.levels(picture.nash)),
        (KS, picture.levels(picture.ks)),
        (UNION_BEST, _zone_end(picture, UNION)),
        (STUDIO_BEST, _zone_end(picture, STUDIO)),
        (OLD, tuple(spec.old_contract)),
    ]
    history = load_history(spec)
    if history is not None and history.levels is not None:
        named.append((REAL, history.levels))
    packages = tuple(
        make_package(spec, picture, name, levels) for name, levels in named if levels is not None
    )
    ai = ai_benchmark(spec, ai_runs) if ai_runs > 0 else None
    return AnswerKey(spec, picture, packages, history, ai)


# ---- Markdown -------------------------------------------------------------------------


def _terms_table(key: AnswerKey, names: tuple[str, ...]) -> list[str]:
    spec = key.spec
    shown = [p for p in (key.package(n) for n in names) if p is not None]
    short = {NASH: "Nash", KS: "KS", REAL: "2023 deal", OLD: "Old contract"}
    head = "| Issue | " + " | ".join(short.get(p.name, p.name) for p in shown) + " |"
    lines = [head, "|" + "---|" * (len(shown) + 1)]
    for j, issue in enumerate(spec.issues):
        cells = [issue.level_labels[p.levels[j]] for p in shown]
        lines.append(f"| {issue.label} | " + " | ".join(cells) + " |")
    lines.append(
        "| **Utility (union / studio)** | "
        + " | ".join(f"{p.utility[0]:.2f} / {p.utility[1]:.2f}" for p in shown)
        + " |"
    )
    lines.append(
        "| **Cost to the studio** | " + " | ".join(f"${p.cost:,.0f}M/yr" for p in shown) + " |"
    )
    return lines


def trade_offs(spec: GameSpec) -> list[tuple[str, float, float]]:
    """(issue label, union weight, studio weight) of the issues that are not fixed,
    the ones the union cares about most relative to the studio first."""
    rows = [(i.label, i.weight[UNION], i.weight[STUDIO]) for i in spec.issues if not i.agreed]
    return sorted(rows, key=lambda r: -(r[1] - r[2]))


def answer_key_markdown(key: AnswerKey, level: int = 2) -> str:
    """The key as Markdown with headings at ``level`` (``##`` by default)."""
    spec = key.spec
    h = "#" * level
    union, studio = party_name(spec, UNION), party_name(spec, STUDIO)
    d = key.d
    pic = key.picture
    lines = [
        f"{h} Answer key: {spec.title}",
        "",
        f"Scenario `{spec.id}`, version {spec.version}. Computed by StrikeSim from the "
        "scenario file: the same analysis the debrief uses.",
        "",
        f"- **Contracts possible:** {pic.space.size:,}; **on the Pareto frontier:** "
        f"{pic.frontier.size} (no other contract is better for one side without being "
        "worse for the other).",
        f"- **Disagreement point** (each side's walk-away value at the start): {union} "
        f"{d[0]:.2f}, {studio} {d[1]:.2f}. A deal below a side's value is worse for it "
        "than a fight.",
    ]
    lo, hi = key.package(STUDIO_BEST), key.package(UNION_BEST)
    if lo is not None and hi is not None:
        lines.append(
            f"- **Zone of agreement:** the union's utility runs from {lo.utility[0]:.2f} "
            f"(the studio's best acceptable deal) to {hi.utility[0]:.2f} (the union's)."
        )
    else:
        lines.append(
            "- **Zone of agreement:** none at the start: no contract gives both sides their "
            "walk-away value, so the dispute itself must move them (costs, pressure, votes)."
        )
    lines += [
        "",
        f"{h}# The packages",
        "",
        "**Nash**: the frontier deal with the largest product of both sides' gains over their "
        "walk-away values. **KS** (Kalai–Smorodinsky): the frontier deal giving both sides "
        "the same share of the most each could hope for.",
        "",
    ]
    lines += _terms_table(key, (NASH, KS, REAL, OLD))
    lines += ["", f"{h}# The ends of the zone of agreement", ""]
    lines += _terms_table(key, (STUDIO_BEST, UNION_BEST))
    real = key.package(REAL)
    if key.history is not None:
        lines += ["", f"{h}# {key.history.title}", "", key.history.outcome, ""]
        for issue in spec.issues:
            term = key.history.terms.get(issue.id)
            if term:
                lines.append(f"- **{issue.label}:** {term}")
        if real is not None:
            where = (
                "on the frontier"
                if real.efficient
                else f"{real.gap:.3f} utility inside the frontier"
            )
            lines += [
                "",
                f"Placed on this scenario's levels, the 2023 deal gives the union "
                f"{real.utility[0]:.2f} and the studio {real.utility[1]:.2f}: {where}.",
            ]
    lines += ["", f"{h}# Where the trades are (logrolling)", ""]
    lines += ["| Issue | Weight for the union | Weight for the studio |", "|---|---|---|"]
    for label, wu, ws in trade_offs(spec):
        lines.append(f"| {label} | {wu:.0%} | {ws:.0%} |")
    lines += [
        "",
        "Issues at the top matter more to the union than to the studio, those at the "
        "bottom the reverse: conceding at the bottom to win at the top creates value "
        "that splitting every issue down the middle leaves on the table.",
    ]
    if key.ai is not None:
        ai = key.ai
        lines += [
            "",
            f"{h}# The computer against itself",
            "",
            f"The scenario's default negotiators, over {ai.runs} seeded games: a deal in "
            f"{ai.deal_share:.0%}, a median strike of {ai.strike_weeks_median:.0f} weeks, "
            f"contract utility {ai.union_utility:.2f} (union) / {ai.studio_utility:.2f} "
            f"(studio), result after the dispute's costs {ai.union_result:.2f} / "
            f"{ai.studio_result:.2f}.",
        ]
    return "\n".join(lines) + "\n"
