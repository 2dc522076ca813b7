"""The screenshot tour: a scripted game played headless, one PNG of every screen and dialog.

``strikesim screenshots --out DIR --size WxH`` calls :func:`take_screenshots`. The tour
drives the real app with key presses only (the same path a keyboard player takes): title →
scenario → side → briefing → negotiation table → pressure, news, dashboard and goals → pause,
settings, save, load and a confirmation dialog → then plays on (accepting the other side's
package when it may, otherwise holding, and saying yes to the question Accept asks) through
deal, projection and debrief; then it sets up
a hot seat (two players at one computer): the side choice and the shared briefing, the
hand-over screen and the first player's private brief. It runs in a
temporary data folder (its saves and one deliberately damaged save never touch the
player's), with a fixed seed, so two tours give the same pictures.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

SHOTS = (
    "title",
    "scenario",
    "side",
    "briefing",
    "guide",
    "table",
    "pressure",
    "news",
    "dashboard",
    "goals",
    "pause",
    "settings",
    "save",
    "load",
    "confirm",
    "accept_question",
    "deal",
    "projection",
    "guide_debrief",
    "debrief",
    "classroom",
    "record_deal",
    "side_hot_seat",
    "briefing_hot_seat",
    "handover",
    "private_brief",
)
"""Every shot the full tour takes, in order."""
HOT_SEAT_SHOTS = frozenset(SHOTS[SHOTS.index("side_hot_seat") :])
CLASSROOM_SHOTS = frozenset({"classroom", "record_deal"})
END_SCREENS = {
    "Deal": "deal",
    "Ratification": "deal",
    "Projection": "projection",
    "The years ahead": "projection",
    "Debrief": "debrief",
}
MAX_END_STEPS = 400


@contextmanager
def _headless() -> Iterator[None]:
    """Render with SDL's dummy drivers (no window, no sound), whatever the environment says."""
    names = ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER")
    old = {n: os.environ.get(n) for n in names}
    os.environ.update({n: "dummy" for n in names})
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _temporary_data_dir() -> Iterator[Path]:
    old = os.environ.get("STRIKESIM_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="strikesim-tour-") as tmp:
        os.environ["STRIKESIM_DATA_DIR"] = tmp
        try:
            yield Path(tmp)
        finally:
            if old is None:
                os.environ.pop("STRIKESIM_DATA_DIR", None)
            else:
                os.environ["STRIKESIM_DATA_DIR"] = old


class Tour:
    """One run of the tour at one window size (see :func:`take_screenshots`)."""

    def __init__(
        self,
        out_dir: Path,
        size: tuple[int, int],
        data: Path,
        only: Collection[str] | None = None,
        *,
        audit: bool = False,
    ) -> None:
        import pygame

        from strikesim.ui.app import create_app
        from strikesim.ui.launch import game_routes

        self.pygame = pygame
        self.out_dir = out_dir
        self.size = size
        self.only = set(only) if only is not None else None
        self.paths: list[Path] = []
        self.audit = audit
        self.findings: dict[str, dict[str, list[dict[str, str]]]] = {}
        self.app = create_app(routes=game_routes(), size=size, settings_file=data / "settings.json")

    # --- input and capture ---------------------------------------------------------------
    def key(self, name: str, mod: int = 0) -> None:
        pg = self.pygame
        self.app.handle(pg.event.Event(pg.KEYDOWN, key=pg.key.key_code(name), mod=mod, unicode=""))
        self.settle()

    def settle(self) -> None:
        """Let fades and animations finish (a few long frames)."""
        for _ in range(3):
            self.app.update(1000.0)
        self.app.draw()

    @property
    def top(self) -> object:
        return self.app.stack.top

    def wanted(self, name: str) -> bool:
        return self.only is None or name in self.only

    def shot(self, name: str) -> None:
        if not self.wanted(name) or any(
            p.stem.split("-", 1)[1].startswith(f"{name}-") for p in self.paths
        ):
            return
        self.settle()
        from strikesim.ui.audit import AUDIT, overlaps

        AUDIT.reset()
        AUDIT.enabled = self.audit
        try:
            self.app._needs_draw = True  # redraw the whole frame, not only what changed
            self.app.draw()
            if self.audit:
                self.findings[name] = {
                    "elided": list(AUDIT.elisions),
                    "overlaps": overlaps(self.app.stack.top),
                }
        finally:
            AUDIT.enabled = False
            AUDIT.reset()
        w, h = self.size
        path = self.out_dir / f"{len(self.paths) + 1:02d}-{name}-{w}x{h}.png"
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.pygame.image.save(self.app.window, str(path))
        self.paths.append(path)

    def focus(self, match: Callable[[object], bool]) -> bool:
        """Tab to the first widget of the top screen that ``match`` accepts."""
        screen = self.app.stack.top
        for _ in range(len(screen.widgets) + 1):
            if screen.focus.current is not None and match(screen.focus.current):
                return True
            self.key("tab")
        return False

    def title_is(self, *titles: str) -> bool:
        return getattr(self.top, "title", "") in titles

    # --- the script ---------------------------------------------------------------------
    def choose_scenario(self, scenario: str) -> bool:
        """Title → scenario → side; False if a step did not arrive."""
        self.shot("title")
        self.key("n")
        if not self.title_is("Choose a scenario"):
            return False
        self.focus(
            lambda w: (
                getattr(getattr(w, "info", None), "title", None) is not None
                and _card_id(self.top, w) == scenario
            )
        )
        self.shot("scenario")
        self.key("return")
        return self.title_is("Choose your side")

    def pregame(self, scenario: str) -> bool:
        """Title → scenario → side → briefing → table; False if a step did not arrive."""
        if not self.choose_scenario(scenario):
            return False
        self.focus(lambda w: type(w).__name__ == "Stepper")
        self.shot("side")
        self.focus(lambda w: getattr(w, "label", "") == "Read the briefing")
        self.key("return")
        if not self.title_is("Briefing"):
            return False
        self.shot("briefing")
        self.focus(lambda w: getattr(w, "label", "") == "Start negotiating")
        self.key("return")
        if self.title_is("Guide"):  # the first-game guide: photograph it, then follow it
            self.shot("guide")
            for _ in range(12):
                if not self.title_is("Guide"):
                    break
                self.key("return")
        return getattr(self.top, "play", None) is not None

    def classroom(self) -> None:
        """From the title: the Classroom screen, then Record a deal for its first scenario."""
        from strikesim.ui.screens.title import TitleScreen
        from strikesim.ui.transitions import Reset

        self.app.apply(Reset(TitleScreen(self.app.ctx)))
        self.key("t")
        if not self.title_is("Classroom"):
            return
        self.shot("classroom")
        self.focus(lambda w: getattr(w, "label", "") == "Record a deal")
        self.key("return")
        if self.title_is("Record a deal"):
            self.shot("record_deal")

    def hot_seat(self, scenario: str) -> None:
        """From the title: a hot-seat game's side choice and shared briefing, then its
        first hand-over and the first player's private brief."""
        from strikesim.ui.screens.title import TitleScreen
        from strikesim.ui.transitions import Reset

        self.app.apply(Reset(TitleScreen(self.app.ctx)))
        if not self.choose_scenario(scenario):
            return
        self.focus(lambda w: getattr(w, "label", "") == "Play against")
        self.key("right")
        self.shot("side_hot_seat")
        self.focus(lambda w: getattr(w, "label", "") == "Read the briefing")
        self.key("return")
        if not self.title_is("Briefing"):
            return
        self.shot("briefing_hot_seat")
        self.focus(lambda w: getattr(w, "label", "") == "Start negotiating")
        self.key("return")
        if self.title_is("Hand over"):
            self.shot("handover")
            self.key("c")
        if self.title_is("Confidential brief"):
            self.shot("private_brief")

    def midgame(self) -> None:
        """Table, pressure, a few weeks, news, dashboard, then every menu and dialog."""
        self.shot("table")
        self.visit("p", "Pressure", "pressure")
        for _ in range(3):
            self.play_week(accept=False)
        self.visit("n", "News", "news")
        self.visit("d", "Dashboard", "dashboard")
        self.visit("g", "Goals", "goals")
        if self.wanted("pause") or self.wanted("settings"):
            self.key("escape")
            self.shot("pause")
            self.key("o")
            if self.title_is("Settings"):
                self.shot("settings")
                self.key("escape")
            self.key("escape")
        self.save()
        if self.wanted("load"):
            self.key("escape")
            self.key("l")
            if self.title_is("Load game"):
                self.shot("load")
            self.key("escape")
            while self.title_is("Paused"):
                self.key("escape")
        if self.wanted("confirm"):
            self.key("escape")
            self.key("t")
            if self.title_is("Dialog"):
                self.shot("confirm")
                self.key("n")
            while self.title_is("Paused"):
                self.key("escape")

    def save(self) -> None:
        """Pause → Save game (the named-save dialog), then save under the default name."""
        from strikesim.ui.screens.save_game import SaveGameScreen
        from strikesim.ui.transitions import Push

        play = getattr(self.top, "play", None)
        if play is None or not self.wanted("save"):
            return
        self.key("escape")
        if self.title_is("Paused"):
            self.key("s")
        if not isinstance(self.top, SaveGameScreen):
            while self.title_is("Paused"):
                self.key("escape")
            self.app.apply(Push(SaveGameScreen(self.app.ctx, play.session)))
        self.shot("save")
        self.key("return")

    def visit(self, key: str, title: str, name: str) -> None:
        if not self.wanted(name):
            return
        self.key(key)
        if self.title_is(title):
            self.shot(name)
            self.key("escape")

    def play_week(self, *, accept: bool = True) -> None:
        """On the table: accept the other side's package when allowed (and ``accept``),
        else hold."""
        from strikesim.engine import Move

        play = getattr(self.top, "play", None)
        if play is None or play.is_over:
            return
        self.key("a" if accept and Move.ACCEPT in play.legal_moves() else "h")

    def endgame(self) -> None:
        """Play on to the debrief, photographing deal, projection and debrief on the way."""
        for _ in range(MAX_END_STEPS):
            title = getattr(self.top, "title", "")
            name = END_SCREENS.get(title)
            if name is not None:
                self.shot(name)
                if name == "debrief":
                    return
            if title == "Guide":  # the guide's last card, over the debrief
                self.shot("guide_debrief")
                self.key("return")
                self.key("return")
                continue
            if title == "Dialog":  # the question before Accept, with the members' forecast
                self.shot("accept_question")
                self.key("y")
                continue
            play = getattr(self.top, "play", None)
            before = self.app.stack.screens
            if name is None and play is not None and not play.is_over:
                self.play_week()
            else:
                self.key("c")
                if self.app.stack.screens == before:
                    self.key("return")
            if self.app.stack.quit_requested:
                return


def _card_id(screen: object, widget: object) -> str:
    cards = getattr(screen, "cards", [])
    entries = getattr(screen, "entries", [])
    if widget in cards:
        return str(getattr(entries[cards.index(widget)], "id", ""))
    return ""


def take_screenshots(
    out_dir: Path,
    size: tuple[int, int] = (1280, 720),
    *,
    scenario: str = "wga-2023",
    only: Collection[str] | None = None,
    text_scale: float = 1.0,
    audit: dict[str, dict[str, list[dict[str, str]]]] | None = None,
) -> list[Path]:
    """Play the tour at ``size`` and save PNGs into ``out_dir``; returns their paths.

    ``only`` limits the tour to some of :data:`SHOTS` (the tests use a short tour);
    ``text_scale`` is the player's text size setting (1.75 = 175 %). Given an ``audit``
    dict, the legibility audit runs on every shot and its findings are put in it, by shot:
    ``{"elided": [...], "overlaps": [...]}`` (see :mod:`strikesim.ui.audit`).
    Files are named ``NN-<shot>-<W>x<H>.png`` so several sizes can share a folder.
    """
    import pygame

    if only is not None:
        unknown = set(only) - set(SHOTS)
        if unknown:
            raise ValueError(f"unknown shots {sorted(unknown)}; choose from {', '.join(SHOTS)}")
    with _headless(), _temporary_data_dir() as data:
        saves = data / "saves"
        saves.mkdir(parents=True, exist_ok=True)
        (saves / "damaged.json").write_text('{"format": "strikesim-run", "version": 1', "utf-8")
        if text_scale != 1.0:
            (data / "settings.json").write_text(json.dumps({"ui_scale": text_scale}), "utf-8")
        tour = Tour(Path(out_dir), size, data, only, audit=audit is not None)
        try:
            if tour.pregame(scenario):
                tour.midgame()
                if only is None or {"deal", "projection", "debrief"} & set(only):
                    tour.endgame()
            if only is None or CLASSROOM_SHOTS & set(only):
                tour.classroom()
            if only is None or HOT_SEAT_SHOTS & set(only):
                tour.hot_seat(scenario)
        finally:
            pygame.quit()
    if audit is not None:
        audit.update(tour.findings)
    return tour.paths
