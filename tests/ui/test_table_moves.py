"""Keyboard scrolling and focus, the questions before Accept and Walk out, hold until news,
the members' forecast, the runway warning, help, the guide and where toasts go."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from strikesim.analysis.drivers import RunDrivers
from strikesim.engine import Move
from strikesim.play.debrief_text import driver_block
from strikesim.play.forecast import forecast_yes
from strikesim.ui.screens.dialog import Dialog
from strikesim.ui.screens.game.table import TableScreen
from strikesim.ui.screens.game.table_moves import (
    MAX_QUIET_WEEKS,
    STOP_KINDS,
    hold_until_change,
    runway_text,
)
from strikesim.ui.screens.guide import GuideScreen
from strikesim.ui.screens.help import HelpScreen
from strikesim.ui.transitions import ChangeSettings

from .game_helpers import fast_preview, key, make_app, make_play


def _table(
    tmp_path: Path, size: tuple[int, int] = (1280, 720), *, seen: bool = False, **kw: object
) -> tuple:
    if seen:
        tmp_path.mkdir(parents=True, exist_ok=True)
        (tmp_path / "settings.json").write_text('{"guide_seen": true}', "utf-8")
    play = make_play(0, 0)
    app = make_app(tmp_path, lambda ctx: TableScreen(ctx, play, fast_preview(play), **kw), size)
    app.update(16.0)
    return app, play, app.stack.top


def test_page_keys_scroll_the_table_the_right_way(tmp_path: Path) -> None:
    app, _play, table = _table(tmp_path, (960, 540))
    app.apply(ChangeSettings(app.ctx.settings.with_changes(ui_scale=1.75)))
    app.draw()
    assert not table.wide and table.view.end > table.view.viewport.bottom
    app.handle(key("page down"))
    assert table.view.scroll > 0, "PageDown scrolls down"
    app.handle(key("end"))
    assert table.view.scroll == table.view.end - table.view.viewport.bottom
    app.handle(key("page up"))
    app.handle(key("home"))
    assert table.view.scroll == 0


def test_focus_leaves_a_control_that_becomes_disabled(tmp_path: Path) -> None:
    _app, _play, table = _table(tmp_path)
    accept = table.move_buttons[Move.ACCEPT]
    table.focus.focus(accept)
    accept.enabled = False
    table.update(16.0)
    assert table.focus.current is not None and table.focus.current is not accept
    assert table.focus.current.enabled and not accept.focused


def test_accept_asks_first_with_the_members_forecast(tmp_path: Path) -> None:
    app, play, _table_screen = _table(tmp_path)
    assert play.other_offer() is not None, "the AMPTP package is on the table from week 0"
    week = play.session.week
    app.handle(key("a"))
    question = app.stack.top
    assert isinstance(question, Dialog) and "Members would vote" in question.text
    app.handle(key("n"))
    assert play.session.week == week, "Cancel plays nothing"
    app.handle(key("w"))
    assert isinstance(app.stack.top, Dialog) and "suspended" in app.stack.top.text
    app.handle(key("escape"))
    assert play.session.week == week


def test_the_questions_can_be_turned_off(tmp_path: Path) -> None:
    app, play, _table_screen = _table(tmp_path)
    app.apply(ChangeSettings(app.ctx.settings.with_changes(confirm_moves=False)))
    week = play.session.week
    app.handle(key("w"))
    assert isinstance(app.stack.top, TableScreen) and play.session.week == week + 1


def test_hold_until_news_stops_at_something_new() -> None:
    play = make_play(0, 0)
    weeks, report = hold_until_change(play)
    assert report is not None and weeks >= 1
    stopped = any(h.kind in STOP_KINDS for h in report.happenings)
    assert stopped or play.is_over or weeks == MAX_QUIET_WEEKS
    assert play.session.week == weeks
    for r in play.session.reports[:-1]:
        assert not any(h.kind in STOP_KINDS for h in r.happenings), "quiet weeks only"


def test_hold_until_news_from_the_table_key(tmp_path: Path) -> None:
    app, play, table = _table(tmp_path)
    assert table.hold_on.enabled
    app.handle(key("u"))
    assert play.session.week >= 1


def test_forecast_tells_a_poor_package_from_a_rich_one() -> None:
    play = make_play(0, 0)
    theirs = play.other_offer()
    ours = tuple(play.draft)
    low, high = forecast_yes(play, theirs), forecast_yes(play, ours)
    assert low is not None and high is not None and low < 0.5 < high


def test_runway_warns_when_the_fund_is_running_out() -> None:
    play = make_play(0, 3)
    j = play.spec.var_index["strike_fund"]
    history = [np.array(h, dtype=np.float64) for h in play.session.history]
    for k, h in enumerate(history):
        h[j] = 20.0 - 4.0 * k  # $4M a week
    play.session.history[:] = history
    warning = runway_text(play)
    assert warning is not None and "weeks left" in warning[0]
    history[-1][j] = 30.0  # rising: no warning
    assert runway_text(play) is None


def test_what_drove_adds_up_and_ranks_causes() -> None:
    r = RunDrivers(
        "strike_fund", "Strike fund", "$M", 20.0, 0.2,
        (("Picket", -1.0, 3), ("Donation", 2.0, 1), ("Ad", -0.5, 1), ("Rally", -0.3, 1)),
        (("Solidarity", 0.1, "share"),),
    )  # fmt: skip
    lines = driver_block(r).splitlines()
    assert lines[0].startswith("Strike fund: $20.0M → $0.2M")
    assert "weekly rule" in lines[1], "the largest cause first: the rest of the change"
    assert "smaller causes" in lines[-1]


def test_help_key_opens_the_screens_glossary(tmp_path: Path) -> None:
    app, _play, _table_screen = _table(tmp_path)
    app.handle(key("f1"))
    page = app.stack.top
    assert isinstance(page, HelpScreen) and page.topic == "table"
    assert "Hold until news" in page.page.text
    app.handle(key("f1"))
    assert isinstance(app.stack.top, TableScreen)


def test_guide_runs_once_and_settings_bring_it_back(tmp_path: Path) -> None:
    app, play, _table_screen = _table(tmp_path, guide=True)
    app.update(16.0)
    guide = app.stack.top
    assert isinstance(guide, GuideScreen)
    for _ in range(len(guide.steps)):
        app.handle(key("return"))
    assert isinstance(app.stack.top, TableScreen)
    assert app.ctx.settings.guide_seen and play.guided
    again, _p, _t = _table(tmp_path / "again", seen=True, guide=True)
    again.update(16.0)
    assert isinstance(again.stack.top, TableScreen), "seen once, not shown again"


def test_toasts_never_cover_a_control(tmp_path: Path) -> None:
    app, _play, table = _table(tmp_path)
    spot, _lines = app.notice_layout("Saved as “wga-2023-union-week-3” (/home/player/saves).")
    controls = [w for w in table.widgets if w.visible and w.focusable]
    assert controls and not any(spot.colliderect(w.rect) for w in controls)
