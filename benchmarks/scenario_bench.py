"""Scenario loading: parse, validate and compile a shipped scenario (bar: < 50 ms).

``load_ms`` is the slowest shipped scenario's *cold* load: each is timed in a
fresh interpreter (imports done first, not timed), so no cache helps it.
``load_ms_warm`` is the median of repeated loads in one process.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

_COLD = """
import json, sys, time
from strikesim.scenario import load_scenario
t0 = time.perf_counter()
load_scenario(sys.argv[1])
print(json.dumps((time.perf_counter() - t0) * 1000))
"""


def _cold_ms(scenario_id: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _COLD, scenario_id], capture_output=True, text=True, check=True
    ).stdout
    return float(json.loads(out))


def run() -> dict[str, float]:
    from strikesim.scenario import list_scenarios, load_scenario

    ids = list_scenarios()
    cold = {sid: min(_cold_ms(sid) for _ in range(3)) for sid in ids}
    warm = []
    for _ in range(5):
        for sid in ids:
            t0 = time.perf_counter()
            load_scenario(sid)
            warm.append((time.perf_counter() - t0) * 1000)
    return {
        "load_ms": round(max(cold.values()), 2),
        "load_ms_median_scenario": round(statistics.median(cold.values()), 2),
        "load_ms_warm": round(statistics.median(warm), 2),
    }
