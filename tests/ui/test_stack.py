from __future__ import annotations

from typing import Any

from strikesim.ui.context import UIContext
from strikesim.ui.screen import Screen
from strikesim.ui.settings import Settings
from strikesim.ui.stack import ScreenStack
from strikesim.ui.transitions import ChangeSettings, Pop, Push, Quit, Replace, Reset


class Probe(Screen):
    def __init__(self, ctx: UIContext, name: str, log: list[str], modal: bool = False) -> None:
        super().__init__(ctx)
        self.name = name
        self.log = log
        self.modal = modal
        self.layouts = 0

    def layout(self) -> None:
        self.layouts += 1

    def on_enter(self) -> None:
        super().on_enter()
        self.log.append(f"enter {self.name}")

    def on_exit(self) -> None:
        self.log.append(f"exit {self.name}")


def test_push_pop_delivers_typed_result(ctx: UIContext) -> None:
    log: list[str] = []
    a, b = Probe(ctx, "a", log), Probe(ctx, "b", log)
    stack = ScreenStack(a)
    results: list[Any] = []
    stack.apply(Push(b, on_result=lambda r: results.append(r)))
    assert stack.top is b
    stack.apply(Pop(42))
    assert stack.top is a and results == [42]
    assert log == ["enter a", "exit a", "enter b", "exit b", "enter a"]


def test_result_callback_may_chain_a_transition(ctx: UIContext) -> None:
    log: list[str] = []
    a, b, c = (Probe(ctx, n, log) for n in "abc")
    stack = ScreenStack(a)
    stack.apply(Push(b, on_result=lambda r: Replace(c) if r else None))
    stack.apply(Pop(True))
    assert stack.screens == [c]


def test_replace_keeps_callback_and_reset_clears(ctx: UIContext) -> None:
    log: list[str] = []
    a, b, c, d = (Probe(ctx, n, log) for n in "abcd")
    got: list[Any] = []
    stack = ScreenStack(a)
    stack.apply(Push(b, on_result=got.append))
    stack.apply(Replace(c))
    stack.apply(Pop("from c"))
    assert got == ["from c"] and stack.top is a
    stack.apply(Push(b))
    stack.apply(Reset(d))
    assert stack.screens == [d]


def test_quit_and_popping_last_screen_end_the_game(ctx: UIContext) -> None:
    stack = ScreenStack(Probe(ctx, "a", []))
    stack.apply(Quit())
    assert stack.quit_requested
    stack = ScreenStack(Probe(ctx, "a", []))
    stack.apply(Pop())
    assert stack.quit_requested


def test_modal_screens_draw_over_the_screen_beneath(ctx: UIContext) -> None:
    log: list[str] = []
    a, b = Probe(ctx, "a", log), Probe(ctx, "b", log)
    m = Probe(ctx, "m", log, modal=True)
    stack = ScreenStack(a)
    stack.apply(Push(b))
    stack.apply(Push(m))
    assert stack.visible() == [b, m]


def test_change_settings_reaches_sink_and_relayouts(ctx: UIContext) -> None:
    seen: list[Settings] = []

    def sink(s: Settings) -> None:
        seen.append(s)
        ctx.configure(s, ctx.size)

    a = Probe(ctx, "a", [])
    stack = ScreenStack(a, sink)
    before = a.layouts
    stack.apply(ChangeSettings(Settings(ui_scale=1.3)))
    assert seen == [Settings(ui_scale=1.3)] and a.layouts == before + 1


def test_screen_changes_fade_unless_motion_is_reduced(tmp_path: object) -> None:
    from pathlib import Path

    from strikesim.ui.app import create_app
    from strikesim.ui.screens.settings_screen import SettingsScreen

    app = create_app(size=(1280, 720), settings_file=Path(str(tmp_path)) / "s.json")
    app.step([], 16.0)
    app.apply(Push(SettingsScreen(app.ctx)))
    assert app._fade is not None and app._fade.duration_ms <= 250
    app.step([], 300.0)
    app.step([], 16.0)
    assert app._fade is None
    app.apply(ChangeSettings(app.ctx.settings.with_changes(reduced_motion=True)))
    app.apply(Pop())
    assert app._fade is None
