"""``strikesim report``: the class report, one self-contained HTML page over many runs.

Per scenario played: every group's deal on the utility plane with the frontier, the Nash
point and the computer negotiators' outcomes in grey; a table of the groups (terms, weeks,
each side's score and result, what was left on the table); the class's spread of results
against the AI-vs-AI distribution; and the ten-year projection of the class's best, median
and worst deals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strikesim.analysis.objectives import evaluate_objectives, score
from strikesim.analysis.result import RESULT_VARIABLE
from strikesim.classroom.answer_key import AnswerKey, answer_key
from strikesim.classroom.html import esc, page, palette
from strikesim.classroom.printing import plane_svg
from strikesim.classroom.runs import LoadedRun, side_label
from strikesim.classroom.svg import Mark, line_chart
from strikesim.engine import GameSpec, Outcome
from strikesim.engine.projection import project
from strikesim.engine.spec import STUDIO, UNION
from strikesim.narrate import OUTCOME_TEXT, party_name

AI_RUNS = 200
SIDE_WORDS = {
    "union": "played the union", "studio": "played the studio", "hotseat": "hot seat",
    "f2f": "face to face", "ai": "computer only",
}  # fmt: skip
PROJECTED = (
    ("employment", "Jobs in film and TV", "thousands"),
    ("real_pay", "Members' real pay", "1 = at the deal"),
    ("ai_adoption", "AI adoption", "share"),
    ("studio_profit", "Studio profit", "$M/yr"),
)


@dataclass(frozen=True)
class GroupRow:
    """One run as the report shows it."""

    run: LoadedRun
    contract: tuple[int, ...] | None
    """The contract signed (None: no contract changed hands)."""
    utility: tuple[float, float]
    result: tuple[float, float]
    score: tuple[float, float]
    gain_left: tuple[float, float]
    """Utility both sides could still have had at once (a frontier deal better for both)."""

    @property
    def joint(self) -> float:
        return self.result[0] + self.result[1]


def _row(run: LoadedRun, key: AnswerKey) -> GroupRow:
    s = run.session
    spec = s.spec
    state = s.state
    signed = s.outcome in (Outcome.DEAL_RATIFIED, Outcome.UNION_CAPITULATED,
                           Outcome.STUDIO_CAPITULATED, Outcome.DEADLINE)  # fmt: skip
    contract = (
        tuple(int(x) for x in state.contract[0]) if signed and state.contract[0][0] >= 0 else None
    )
    levels = contract if contract is not None else tuple(spec.old_contract)
    u = s.offer_utilities(levels)
    result = tuple(float(state.values[0, spec.var_index[v]]) for v in RESULT_VARIABLE)
    scores = tuple(score(evaluate_objectives(spec, state, side)) for side in (UNION, STUDIO))
    f = key.picture.frontier.utility
    better = f[(f[:, 0] >= u[0] - 1e-12) & (f[:, 1] >= u[1] - 1e-12)]
    if len(better):
        gains = better - np.asarray(u)
        k = int(np.argmax(gains.min(axis=1) + 1e-6 * gains.sum(axis=1)))
        left = (float(gains[k, 0]), float(gains[k, 1]))
    else:
        left = (0.0, 0.0)
    return GroupRow(run, contract, u, (result[0], result[1]), (scores[0], scores[1]), left)


def _terms(spec: GameSpec, contract: tuple[int, ...] | None) -> str:
    if contract is None:
        return "no new contract"
    return "<br>".join(
        f"{esc(i.label)}: <strong>{esc(i.short_label(lv))}</strong>"
        for i, lv in zip(spec.issues, contract, strict=True)
        if not i.agreed
    )


def _fmt_score(v: float) -> str:
    return "—" if not np.isfinite(v) else f"{v:.0f}"


def _left_text(row: GroupRow) -> str:
    gu, gs = row.gain_left
    if gu < 0.005 and gs < 0.005:
        return "nothing: on the frontier"
    return f"union +{gu:.2f} and studio +{gs:.2f} at once"


def _table(spec: GameSpec, rows: Sequence[GroupRow]) -> str:
    union, studio = party_name(spec, UNION), party_name(spec, STUDIO)
    head = (
        "<tr><th>Group</th><th>Played as</th><th>Terms</th><th class=num>Weeks (on strike)</th>"
        f"<th>Outcome</th><th class=num>{esc(union)} score / result</th>"
        f"<th class=num>{esc(studio)} score / result</th><th>Left on the table</th></tr>"
    )
    body = []
    for r in rows:
        s = r.run.session
        st = s.state
        outcome = OUTCOME_TEXT.get(s.outcome, s.outcome.name) if s.is_over else "still going"
        body.append(
            f"<tr><td><strong>{esc(r.run.name)}</strong></td>"
            f"<td>{esc(SIDE_WORDS.get(side_label(s), ''))}</td>"
            f"<td>{_terms(spec, r.contract)}</td>"
            f"<td class=num>{int(st.end_week[0]) if s.is_over else s.week} "
            f"({int(st.strike_weeks[0])})</td><td>{esc(outcome)}</td>"
            f"<td class=num>{_fmt_score(r.score[0])} / {r.result[0]:.2f}</td>"
            f"<td class=num>{_fmt_score(r.score[1])} / {r.result[1]:.2f}</td>"
            f"<td>{esc(_left_text(r))}</td></tr>"
        )
    return f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"


def _spread(rows: Sequence[GroupRow], ai_results: np.ndarray) -> str:
    cls = np.asarray([r.result for r in rows], dtype=float)
    out = ["<table><thead><tr><th>Result (contract value − dispute cost)</th>"
           "<th class=num>Class: lowest</th><th class=num>median</th><th class=num>highest</th>"
           "<th class=num>Computer vs computer: 10%</th><th class=num>median</th>"
           "<th class=num>90%</th><th class=num>Groups above the computer's median</th>"
           "</tr></thead><tbody>"]  # fmt: skip
    for side, name in ((UNION, "Union"), (STUDIO, "Studio")):
        c, a = cls[:, side], ai_results[:, side]
        q = np.percentile(a, [10, 50, 90])
        above = int(np.sum(c > q[1]))
        out.append(
            f"<tr><td>{name}</td><td class=num>{c.min():.2f}</td><td class=num>"
            f"{np.median(c):.2f}</td><td class=num>{c.max():.2f}</td><td class=num>{q[0]:.2f}"
            f"</td><td class=num>{q[1]:.2f}</td><td class=num>{q[2]:.2f}</td>"
            f"<td class=num>{above} of {len(c)}</td></tr>"
        )
    return "".join(out) + "</tbody></table>"


def _projection(spec: GameSpec, rows: Sequence[GroupRow]) -> str:
    signed = sorted((r for r in rows if r.contract is not None), key=lambda r: r.joint)
    if not signed:
        return "<p>No group signed a contract, so there is nothing to project.</p>"
    candidates = {"worst": signed[0], "median": signed[len(signed) // 2], "best": signed[-1]}
    picks: dict[str, GroupRow] = {}
    for k in ("best", "median", "worst"):  # one line per distinct run
        if all(candidates[k] is not r for r in picks.values()):
            picks[k] = candidates[k]
    p = palette()
    colours = {"best": p["positive"], "median": p["gold_dim"], "worst": p["negative"]}
    projections = {
        k: project(spec, r.run.session.state.values, r.contract) for k, r in picks.items()
    }
    charts = []
    for var, title, unit in PROJECTED:
        if var not in projections["best"].mean:
            continue
        years = [float(y) for y in projections["best"].years]
        series = [
            (f"{k} ({picks[k].run.name})"[:22], projections[k].mean[var][0], colours[k])
            for k in picks
        ]
        charts.append(
            f'<div class="chart">{line_chart(years, series, title=title, unit=unit)}</div>'
        )
    who = ", ".join(
        f"{k}: {esc(r.run.name)} (joint result {r.joint:.2f})" for k, r in picks.items()
    )
    return (
        f"<p>Deals ranked by both sides' results added up — {who}.</p>"
        f'<div class="grid">{"".join(charts)}</div>'
    )


def _ai_cloud(spec: GameSpec) -> tuple[np.ndarray, np.ndarray]:
    """(N, 2) contract utilities and (N, 2) results of the default negotiators' games."""
    from strikesim.batch import run_batch
    from strikesim.records import Seat

    seats = (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1]))
    r = run_batch(spec, seats, runs=AI_RUNS, seed=0)
    u = np.column_stack([r.union_utility, r.studio_utility])
    res = np.column_stack([r.final_values[:, spec.var_index[v]] for v in RESULT_VARIABLE])
    return u, res


def scenario_section(runs: Sequence[LoadedRun]) -> str:
    spec = runs[0].session.spec
    key = answer_key(spec, ai_runs=0)
    rows = [_row(r, key) for r in runs]
    p = palette()
    side_colour = {"union": p["union"], "studio": p["studio"]}
    marks = [
        Mark(r.utility[0], r.utility[1], r.run.name[:24],
             side_colour.get(side_label(r.run.session), p["ink"]))
        for r in rows
    ]  # fmt: skip
    cloud, ai_results = _ai_cloud(spec)
    plane = plane_svg(
        key, marks, cloud=cloud, cloud_label=f"computer vs computer, {AI_RUNS} games",
        title=f"{spec.title}: the class's deals",
    )  # fmt: skip
    swatches = [(p["union"], "group played the union"), (p["studio"], "group played the studio"),
                (p["ink"], "hot seat or face to face")]  # fmt: skip
    legend = '<p class="key">' + "".join(
        f'<span><span class="swatch" style="background:{c}"></span>{esc(t)}</span> '
        for c, t in swatches
    )
    legend += "<span>★ Nash deal · ◆ Kalai–Smorodinsky deal · ○ the real 2023 deal</span></p>"
    return (
        f"<section><h2>{esc(spec.title)} <span class=note>({len(runs)} run(s))</span></h2>"
        f'<div class="chart">{plane}</div>{legend}'
        f"<h3>The groups</h3>{_table(spec, rows)}"
        "<p class=note>Score: the side's objectives, 0–100. Result: the contract's value to "
        "the side minus what the dispute cost it (utility units). Left on the table: how much "
        "more both sides could have had at once with a deal on the frontier.</p>"
        f"<h3>The spread against the computer</h3>{_spread(rows, ai_results)}"
        f"<h3>Ten years on: the best, median and worst deals</h3>{_projection(spec, rows)}"
        "</section>"
    )


def class_report(runs: Sequence[LoadedRun], problems: Sequence[str] = (), title: str = "") -> str:
    """The whole report page (raises ValueError with no runs)."""
    if not runs:
        raise ValueError("no runs to report on")
    by_scenario: dict[tuple[str, str], list[LoadedRun]] = {}
    for run in runs:
        by_scenario.setdefault((run.session.spec.id, run.session.spec.scenario_hash), []).append(
            run
        )
    sections = [scenario_section(group) for group in by_scenario.values()]
    heading = title or "Class report"
    body = (
        f'<p class="eyebrow">StrikeSim · class report · {dt.date.today().isoformat()}</p>'
        f"<h1>{esc(heading)}</h1><p>{len(runs)} run(s) from {len(by_scenario)} scenario(s).</p>"
        + "".join(sections)
    )
    if problems:
        items = "".join(f"<li>{esc(p)}</li>" for p in problems)
        body += f"<h2>Files not included</h2><ul class=note>{items}</ul>"
    style = (
        "<style>body{max-width:78rem;font-size:1.15rem}.grid{display:grid;"
        "grid-template-columns:repeat(auto-fit,minmax(28rem,1fr));gap:0.8rem}"
        "td,th{font-size:1rem}@media print{body{font-size:10pt}td,th{font-size:8.5pt}"
        ".grid{grid-template-columns:1fr 1fr}}</style>"
    )
    return page(heading, body).replace("</head>", style + "</head>", 1)
