"""Run every benchmark and print the figures as one JSON object.

Usage: ``python -m benchmarks [--json] [--only NAME ...]``. Each module in this
package exposes ``run() -> dict[str, float]``; the figures are merged. Bars
(DESIGN.md §6) are printed beside the figures in text mode.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time

MODULES = ("scenario_bench", "engine_bench", "ai_bench", "ui_bench")

BARS = {
    "campaign_weeks_per_s": (">=", 1_000_000),
    "campaign_weeks_per_s_ai": (">=", 1_000_000),
    "single_game_ms": ("<", 20),
    "load_ms": ("<", 50),
    "ai_decision_p95_ms": ("<", 50),
    "preview_ms": ("<", 60),
    "frontier_ms_15k": ("<", 100),
    "frontier_ms_100k": ("<", 100),
    "frame_p95_ms": ("<", 8),
    "first_frame_s": ("<", 1.5),
    "rss_mb": ("<", 250),
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", nargs="*", choices=MODULES, help="run only these modules")
    args = parser.parse_args()
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    figures: dict[str, float] = {}
    started = time.perf_counter()
    for name in args.only or MODULES:
        module = importlib.import_module(f"benchmarks.{name}")
        figures.update(module.run())
    figures["bench_total_s"] = round(time.perf_counter() - started, 2)
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    for key, value in figures.items():
        bar = BARS.get(key)
        verdict = ""
        if bar:
            op, limit = bar
            ok = value >= limit if op == ">=" else value < limit
            verdict = f"  (bar {op} {limit:,}: {'ok' if ok else 'MISSED'})"
        print(f"{key:<28} {value:>14,.3f}{verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
