"""Front-end figures (DESIGN.md §6): frame time, time to the first frame, resident memory.

``frame_p95_ms``: 95th percentile of full redraws of the busiest in-game screen at 1280×720
(each of 300 frames moves the pointer to a new spot, so hover read-outs change, then draws
the whole screen); the per-screen figures are reported as ``frame_p95_ms_<screen>``,
``frame_p50_ms`` is the busiest median and ``frame_p95_cpu_ms`` the same percentile of the
thread's CPU time, which other processes on a busy machine do not inflate.
``first_frame_s``: a fresh interpreter from process start (``/proc/self/stat`` start time)
until the title screen's first frame has been drawn and flipped, headless.
``rss_mb``: resident memory (``VmRSS``) of a fresh interpreter after opening the game and
playing six weeks of ``wga-2023`` through the table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

FRAMES = 300
SIZE = (1280, 720)

_FIRST_FRAME = textwrap.dedent(
    """
    import os, time
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    ticks = os.sysconf("SC_CLK_TCK")
    with open("/proc/self/stat") as fh:
        start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as fh:
        uptime = float(fh.read().split()[0])
    started = time.time() - (uptime - start_ticks / ticks)
    from pathlib import Path
    from strikesim.ui.app import create_app
    app = create_app(size=(1280, 720), settings_file=Path({settings!r}))
    app.step([], 0.0)
    print(time.time() - started)
    """
)

_RSS = textwrap.dedent(
    """
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["STRIKESIM_DATA_DIR"] = {data!r}
    from pathlib import Path
    import pygame
    from strikesim.records import Seat
    from strikesim.scenario import load_scenario
    from strikesim.session import Session
    from strikesim.ui.app import create_app
    from strikesim.ui.screens.game import game_screen
    spec = load_scenario("wga-2023")
    session = Session(spec, (Seat("human"), Seat("ai", spec.default_negotiators[1])), 1)
    app = create_app(
        lambda ctx: game_screen(ctx, session), size=(1280, 720), settings_file=Path({settings!r})
    )
    hold = pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code("h"), mod=0, unicode="")
    for _ in range(6):
        app.step([hold], 16.0)
        for _ in range(20):
            app.step([], 16.0)
    with open("/proc/self/status") as fh:
        rss = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
    print(rss / 1024.0)
    """
)


def _child(code: str) -> float:
    env = dict(
        os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def first_frame_s(tmp: Path) -> float:
    """Median of three cold starts to the title screen's first frame."""
    runs = sorted(_child(_FIRST_FRAME.format(settings=str(tmp / "s.json"))) for _ in range(3))
    return runs[1]


def rss_mb(tmp: Path) -> float:
    return _child(_RSS.format(settings=str(tmp / "s.json"), data=str(tmp / "data")))


def _screens(play: Any) -> dict[str, Any]:
    from strikesim.engine import Move
    from strikesim.play.seat import GamePlay
    from strikesim.ui.screens.game.dashboard import DashboardScreen
    from strikesim.ui.screens.game.debrief import DebriefScreen
    from strikesim.ui.screens.game.news import NewsScreen
    from strikesim.ui.screens.game.projection import ProjectionScreen
    from strikesim.ui.screens.game.table import TableScreen

    ended = GamePlay(play.session.__class__(play.spec, play.session.seats, 3), autosave=False)
    while not ended.is_over:
        ended.play(
            Move.ACCEPT
            if Move.ACCEPT in ended.legal_moves() and ended.session.week >= 10
            else Move.HOLD
        )
    return {
        "table": lambda ctx: TableScreen(ctx, play),
        "dashboard": lambda ctx: DashboardScreen(ctx, play),
        "news": lambda ctx: NewsScreen(ctx, play),
        "projection": lambda ctx: ProjectionScreen(ctx, ended),
        "debrief": lambda ctx: DebriefScreen(ctx, ended),
    }


def frame_times(tmp: Path) -> dict[str, float]:
    """p95 full-redraw time per screen, ms."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from strikesim.engine import Move
    from strikesim.play.seat import GamePlay
    from strikesim.records import Seat
    from strikesim.scenario import load_scenario
    from strikesim.session import Session
    from strikesim.ui.app import create_app

    spec = load_scenario("wga-2023")
    play = GamePlay(
        Session(spec, (Seat("human"), Seat("ai", spec.default_negotiators[1])), 1), autosave=False
    )
    for _ in range(12):
        play.play(Move.HOLD)
    out: dict[str, float] = {}
    for name, factory in _screens(play).items():
        app = create_app(factory, size=SIZE, settings_file=tmp / "s.json")
        for _ in range(5):
            app.step([], 1000.0)  # settle fades, previews and animations
        screen = app.stack.top
        times, cpu = [], []
        w, h = SIZE
        for i in range(FRAMES):
            pos = ((i * 97) % w, (i * 57) % h)
            t0, c0 = time.perf_counter(), time.thread_time()
            app.handle(
                pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
            )
            app.update(16.0)
            screen.dirty = True
            app.draw()
            times.append((time.perf_counter() - t0) * 1000.0)
            cpu.append((time.thread_time() - c0) * 1000.0)
        times.sort()
        cpu.sort()
        out[name] = times[int(0.95 * (len(times) - 1))]
        out[f"cpu_{name}"] = cpu[int(0.95 * (len(cpu) - 1))]
        out[f"p50_{name}"] = times[len(times) // 2]
        pygame.display.quit()
    return out


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        frames = frame_times(tmp)
        wall = {k: v for k, v in frames.items() if not k.startswith(("cpu_", "p50_"))}
        figures = {f"frame_p95_ms_{k}": round(v, 3) for k, v in wall.items()}
        figures["frame_p95_ms"] = round(max(wall.values()), 3)
        figures["frame_p50_ms"] = round(
            max(v for k, v in frames.items() if k.startswith("p50_")), 3
        )
        figures["frame_p95_cpu_ms"] = round(
            max(v for k, v in frames.items() if k.startswith("cpu_")), 3
        )
        figures["first_frame_s"] = round(first_frame_s(tmp), 3)
        figures["rss_mb"] = round(rss_mb(tmp), 1)
    return figures


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
