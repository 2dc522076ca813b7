"""Engine speed (DESIGN.md §6): campaign-weeks per second and one whole game.

``campaign_weeks_per_s``: a 10,000-campaign batch stepped with both sides
holding (the engine alone, no negotiators); ``single_game_ms``: one whole
AI-vs-AI game (default negotiators), median of several runs;
``engine_week_us_single``: one engine week of a batch of one (no observations);
``observe_us_single``: one side's observation of a batch of one, averaged over
both sides of every week (the second side reuses the first side's namespace, as
in a game); ``projection_screen_ms``: what the projection screen computes (the deal
and three counterfactuals, 100 band draws each), median of several runs;
``projection_campaign_years_per_s``: projected campaign-years per second of a
10,000-campaign batch without bands. All use the shipped
``wga-2023`` scenario when it loads, otherwise ``classroom-quick``.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

SCENARIOS = ("wga-2023", "classroom-quick")


def _spec() -> Any:
    from strikesim.scenario import load_scenario

    last: Exception | None = None
    for sid in SCENARIOS:
        try:
            return load_scenario(sid)
        except Exception as exc:  # fall back to the next shipped scenario
            last = exc
    raise RuntimeError(f"no benchmark scenario loads: {last}")


def campaign_weeks_per_s(spec: Any, batch: int = 10_000, weeks: int = 20) -> float:
    """Campaign-weeks per second of :func:`strikesim.engine.step` on one core."""
    from strikesim.engine import Actions, initial_state, step

    state = initial_state(spec, batch=batch, seed=1)
    hold = Actions.hold(batch, len(spec.issues), len(spec.actions))
    state, _ = step(spec, state, hold)  # warm up caches
    t0 = time.perf_counter()
    done = 0
    for _ in range(weeks):
        if state.is_over.all():
            break
        state, _ = step(spec, state, hold)
        done += batch
    return done / (time.perf_counter() - t0)


def single_game_ms(spec: Any, repeats: int = 7) -> float:
    """Median milliseconds of one whole game (a batch of one) with the
    scenario's default negotiators on both sides, observations included."""

    from strikesim.ai import make_negotiator
    from strikesim.engine import Actions, initial_state, observe, step

    times = []
    for r in range(repeats):
        t0 = time.perf_counter()
        negs = [make_negotiator(spec, spec.default_negotiators[s], s) for s in (0, 1)]
        for neg in negs:
            neg.reset(spec, 1, r)
        state = initial_state(spec, batch=1, seed=r)
        while not state.is_over[0]:
            union, studio = (negs[s].decide(observe(spec, state, s)) for s in (0, 1))
            state, _ = step(spec, state, Actions.from_decisions(union, studio))
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def engine_week_us(spec: Any, weeks: int = 30) -> float:
    """Mean microseconds of one engine week for a batch of one (both holding)."""
    from strikesim.engine import Actions, initial_state, step

    hold = Actions.hold(1, len(spec.issues), len(spec.actions))
    state = initial_state(spec, batch=1, seed=0)
    t0 = time.perf_counter()
    done = 0
    while done < weeks and not state.is_over[0]:
        state, _ = step(spec, state, hold)
        done += 1
    return (time.perf_counter() - t0) * 1e6 / max(done, 1)


def observe_us(spec: Any, games: int = 3) -> float:
    """Mean microseconds of one observation (both sides each week, then a
    holding step) over whole games, batch of one."""
    from strikesim.engine import Actions, initial_state, observe, step

    hold = Actions.hold(1, len(spec.issues), len(spec.actions))
    t_obs = 0.0
    n_obs = 0
    for seed in range(games):
        state = initial_state(spec, batch=1, seed=seed)
        while not state.is_over[0]:
            t = time.perf_counter()
            observe(spec, state, 0)
            observe(spec, state, 1)
            t_obs += time.perf_counter() - t
            n_obs += 2
            state, _ = step(spec, state, hold)
    return t_obs * 1e6 / max(n_obs, 1)


def projection_screen_ms(spec: Any, repeats: int = 5) -> float:
    """Milliseconds for the deal's projection and its counterfactuals with 100 draws."""
    from strikesim.engine import counterfactuals, initial_state

    values = initial_state(spec, batch=1, seed=1).values
    deal = [len(issue.values) - 1 for issue in spec.issues]
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        counterfactuals(spec, values, deal, spec.old_contract, samples=100, seed=1)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000.0


def projection_years_per_s(spec: Any, batch: int = 10_000) -> float:
    """Campaign-years per second of :func:`strikesim.engine.project` on a large batch."""
    from strikesim.engine import initial_state, project

    state = initial_state(spec, batch=batch, seed=1)
    t = time.perf_counter()
    p = project(spec, state.values, spec.old_contract)
    return batch * (len(p.years) - 1) / (time.perf_counter() - t)


def run() -> dict[str, float]:
    spec = _spec()
    return {
        "projection_screen_ms": round(projection_screen_ms(spec), 1),
        "projection_campaign_years_per_s": round(projection_years_per_s(spec)),
        "campaign_weeks_per_s": round(campaign_weeks_per_s(spec)),
        "single_game_ms": round(single_game_ms(spec), 2),
        "engine_week_us_single": round(engine_week_us(spec), 1),
        "observe_us_single": round(observe_us(spec), 1),
    }
