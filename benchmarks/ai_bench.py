"""AI and analysis speed (DESIGN.md §6, issue "AI negotiators ...").

* ``ai_decision_p95_ms``: 95th percentile of one decision of the hardest
  level (expert, with look-ahead) over a whole ``wga-2023`` game;
* ``preview_ms``: median time of one offer preview (200 continuations, 8 weeks,
  the opponent drawn from the player's belief) from a mid-game state;
* ``belief_week_ms``: 95th percentile of bringing the player's belief about the
  other side up to date with one more week, over a whole ``wga-2023`` game;
* ``frontier_ms_15k`` / ``frontier_ms_100k``: enumerate an outcome space of
  15,625 / 100,000 contracts, find its Pareto frontier and the Nash and
  Kalai–Smorodinsky points (median of several runs);
* ``campaign_weeks_per_s_ai``: a 10,000-campaign batch with the scenario's
  default negotiators deciding every week (observations, decisions, engine).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np

from benchmarks.engine_bench import _spec


def _play_to(spec: Any, weeks: int, seed: int = 1) -> tuple[Any, list[Any]]:
    from strikesim.ai import make_negotiator
    from strikesim.engine import Actions, initial_state, observe, step

    negs = [make_negotiator(spec, spec.default_negotiators[s], s) for s in (0, 1)]
    for neg in negs:
        neg.reset(spec, 1, seed)
    state = initial_state(spec, batch=1, seed=seed)
    for _ in range(weeks):
        if state.is_over[0]:
            break
        acts = Actions.hold(1, len(spec.issues), len(spec.actions))
        for s in (0, 1):
            d = negs[s].decide(observe(spec, state, s))
            acts.move[:, s] = d.move
            acts.offer[:, s] = d.offer
            acts.pressure[:] |= d.pressure
        state, _ = step(spec, state, acts)
    return state, negs


def ai_decision_p95_ms(spec: Any, games: int = 3) -> float:
    """p95 of expert decisions (both sides expert) over whole games."""
    from strikesim.ai import make_negotiator
    from strikesim.engine import Actions, initial_state, observe, step

    times: list[float] = []
    for seed in range(games):
        negs = [make_negotiator(spec, spec.default_negotiators[s], s, "expert") for s in (0, 1)]
        for neg in negs:
            neg.reset(spec, 1, seed)
        state = initial_state(spec, batch=1, seed=seed)
        while not state.is_over[0]:
            acts = Actions.hold(1, len(spec.issues), len(spec.actions))
            for s in (0, 1):
                obs = observe(spec, state, s)
                t0 = time.perf_counter()
                d = negs[s].decide(obs)
                times.append((time.perf_counter() - t0) * 1000)
                acts.move[:, s] = d.move
                acts.offer[:, s] = d.offer
                acts.pressure[:] |= d.pressure
            state, _ = step(spec, state, acts)
    return float(np.percentile(times, 95))


def _session(spec: Any, weeks: int | None, seed: int = 1) -> Any:
    """An AI-vs-AI game of the default negotiators, ``weeks`` in (None: to the end)."""
    from strikesim.records import Seat
    from strikesim.session import Session

    seats = (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1]))
    session = Session(spec, seats, seed)
    while not session.is_over and (weeks is None or session.week < weeks):
        session.advance()
    return session


def preview_ms(spec: Any, repeats: int = 5) -> float:
    from strikesim.ai.belief import OpponentBelief, announced_opponent
    from strikesim.ai.preview import preview_offer

    session = _session(spec, 12)
    belief = OpponentBelief(spec, 0, session.seed, announced=announced_opponent(session.seats, 1))
    belief.follow(session.record.weeks)
    state = session.state
    times = []
    for offer in (state.offers[0, 1], state.offers[0, 0]):
        preview_offer(spec, state, 0, offer, runs=200, weeks=8, belief=belief)  # warm caches
        for _ in range(repeats):
            t0 = time.perf_counter()
            preview_offer(spec, state, 0, offer, runs=200, weeks=8, belief=belief)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def belief_week_ms(spec: Any) -> float:
    from strikesim.ai.belief import OpponentBelief, announced_opponent

    session = _session(spec, None)
    weeks = session.record.weeks
    belief = OpponentBelief(spec, 0, session.seed, announced=announced_opponent(session.seats, 1))
    times = []
    for n in range(1, len(weeks) + 1):
        t0 = time.perf_counter()
        belief.follow(weeks[:n])
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.percentile(times, 95))


def frontier_ms(n_levels: list[int], repeats: int = 5) -> float:
    from strikesim.analysis import (
        enumerate_tables,
        kalai_smorodinsky_point,
        nash_point,
        pareto_frontier,
    )

    rng = np.random.default_rng(0)
    width = max(n_levels)
    tables = np.full((2, len(n_levels), width), np.nan)
    for side in range(2):
        weights = rng.dirichlet(np.ones(len(n_levels)))
        for j, n in enumerate(n_levels):
            tables[side, j, :n] = weights[j] * np.sort(rng.random(n))[:: 1 if side else -1]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        space = enumerate_tables(tables, n_levels)
        frontier = pareto_frontier(space)
        nash_point(frontier, (0.2, 0.2))
        kalai_smorodinsky_point(frontier, (0.2, 0.2))
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def campaign_weeks_per_s_ai(spec: Any, batch: int = 10_000, weeks: int = 20) -> float:
    from strikesim.ai import make_negotiator
    from strikesim.engine import Actions, initial_state, observe, step

    negs = [make_negotiator(spec, spec.default_negotiators[s], s) for s in (0, 1)]
    for neg in negs:
        neg.reset(spec, batch, 0)
    state = initial_state(spec, batch=batch, seed=0)
    n_i, n_a = len(spec.issues), len(spec.actions)
    done = 0
    t0 = time.perf_counter()
    for _ in range(weeks):
        if state.is_over.all():
            break
        acts = Actions.hold(batch, n_i, n_a)
        for s in (0, 1):
            d = negs[s].decide(observe(spec, state, s))
            acts.move[:, s] = d.move
            acts.offer[:, s] = d.offer
            acts.pressure[:] |= d.pressure
        state, _ = step(spec, state, acts)
        done += batch
    return done / (time.perf_counter() - t0)


def run() -> dict[str, float]:
    spec = _spec()
    return {
        "ai_decision_p95_ms": round(ai_decision_p95_ms(spec), 2),
        "preview_ms": round(preview_ms(spec), 2),
        "belief_week_ms": round(belief_week_ms(spec), 2),
        "frontier_ms_15k": round(frontier_ms([5] * 6), 2),
        "frontier_ms_100k": round(frontier_ms([10] * 5), 2),
        "campaign_weeks_per_s_ai": round(campaign_weeks_per_s_ai(spec)),
    }
