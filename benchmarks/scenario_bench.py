"""Scenario loading: parse, validate and compile a shipped scenario (bar: < 50 ms)."""

from __future__ import annotations

import statistics
import time


def run() -> dict[str, float]:
    from strikesim.scenario import load_scenario
    from strikesim.scenario.resources import list_scenarios

    times = []
    for _ in range(5):
        for sid in list_scenarios():
            t0 = time.perf_counter()
            load_scenario(sid)
            times.append((time.perf_counter() - t0) * 1000)
    return {"load_ms": round(statistics.median(times), 2), "load_ms_max": round(max(times), 2)}
