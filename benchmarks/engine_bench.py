"""Engine speed (DESIGN.md §6): campaign-weeks per second and one whole game.

``campaign_weeks_per_s``: a 10,000-campaign batch stepped with both sides
holding (the engine alone, no negotiators); ``single_game_ms``: one campaign
played from week 0 to its end, median of several runs. Both use the shipped
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
    """Median milliseconds to play one campaign (both sides holding) to its end."""
    from strikesim.engine import Actions, initial_state, step

    hold = Actions.hold(1, len(spec.issues), len(spec.actions))
    times = []
    for r in range(repeats):
        t0 = time.perf_counter()
        state = initial_state(spec, batch=1, seed=r)
        while not state.is_over[0]:
            state, _ = step(spec, state, hold)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run() -> dict[str, float]:
    spec = _spec()
    return {
        "campaign_weeks_per_s": round(campaign_weeks_per_s(spec)),
        "single_game_ms": round(single_game_ms(spec), 2),
    }
