"""The goals panel (G from the table and the dashboard), the goals line on the table, the
debrief's score breakdown and its end-of-game Nash and KS points."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from strikesim.analysis import bargaining_picture, end_disagreement_point
from strikesim.analysis.goals import objective_detail, objectives_of, result_text
from strikesim.analysis.result import result_parts
from strikesim.engine import Move
from strikesim.play.seat import GamePlay
from strikesim.records import Seat
from strikesim.session import Session
from strikesim.ui.audit import AUDIT, STRICT_KINDS, overlaps
from strikesim.ui.screens.game.dashboard import DashboardScreen
from strikesim.ui.screens.game.debrief import DebriefScreen
from strikesim.ui.screens.game.goals import GoalsScreen
from strikesim.ui.screens.game.table import TableScreen, goals_line
from strikesim.ui.transitions import ChangeSettings
from strikesim.ui.widgets.utility_plot import PlaneMarker, UtilityPlot

from .game_helpers import fast_preview, key, make_app, make_play, wga


def _text(screen: GoalsScreen) -> str:
    return "\n".join(line.text for line in screen.lines)


def _labels(play: GamePlay, side: int) -> set[str]:
    own = {o.label for o in objectives_of(play.spec, side)}
    return own - {o.label for o in objectives_of(play.spec, 1 - side)}


def test_g_opens_the_goals_from_the_table_and_the_dashboard(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"guide_seen": true}', "utf-8")
    play = make_play(0, 4)
    app = make_app(tmp_path, lambda ctx: TableScreen(ctx, play, fast_preview(play)))
    app.update(16.0)
    app.handle(key("g"))
    app.update(16.0)
    assert isinstance(app.stack.top, GoalsScreen)
    app.handle(key("g"))
    app.update(16.0)
    assert isinstance(app.stack.top, TableScreen), "G closes the goals again"
    app.handle(key("d"))
    app.update(16.0)
    assert isinstance(app.stack.top, DashboardScreen)
    app.handle(key("g"))
    app.update(16.0)
    assert isinstance(app.stack.top, GoalsScreen)


def test_the_goals_show_the_score_of_each_view_and_the_cost_so_far(tmp_path: Path) -> None:
    play = make_play(0, 12)
    app = make_app(tmp_path, lambda ctx: GoalsScreen(ctx, play))
    app.draw()
    screen = app.stack.top
    assert isinstance(screen, GoalsScreen)
    theirs = play.standing(play.other_offer())
    text = _text(screen)
    assert screen.selected == "theirs"
    assert f"score {theirs.score:.0f} / 100" in text
    assert f"cost you {theirs.parts.cost:.2f}" in text
    cost = result_parts(play.spec, play.session.state, 0).cost
    assert theirs.parts.cost == pytest.approx(cost) and cost > 0, "a strike has started"
    for res in theirs.results:
        assert res.label in text or any(w in text for w in res.label.split()[:2])
    screen.show("draft")
    app.draw()
    assert f"score {play.standing(play.draft).score:.0f} / 100" in _text(screen)
    screen.show("none")
    app.draw()
    assert f"score {play.standing().score:.0f} / 100" in _text(screen)


def test_each_hot_seat_player_sees_only_their_own_goals(tmp_path: Path) -> None:
    play = GamePlay(Session(wga(), (Seat("human"), Seat("human")), 3), autosave=False)
    for side in (0, 1):
        play.switch_to(side)
        app = make_app(tmp_path / str(side), lambda ctx: GoalsScreen(ctx, play))
        app.draw()
        text = _text(app.stack.top)
        mine, theirs = _labels(play, side), _labels(play, 1 - side)
        assert mine and theirs
        assert all(label.split()[0] in text for label in mine)
        assert not [label for label in theirs if label in text]


@pytest.mark.parametrize(
    ("size", "scale"), [((1280, 720), 1.0), ((960, 540), 1.0), ((1280, 720), 1.75)]
)
def test_the_goals_fit_without_cuts_or_overlaps(
    tmp_path: Path, size: tuple[int, int], scale: float
) -> None:
    play = make_play(1, 12)
    app = make_app(tmp_path, lambda ctx: GoalsScreen(ctx, play), size)
    app.apply(ChangeSettings(app.ctx.settings.with_changes(ui_scale=scale)))
    AUDIT.enabled = True
    try:
        AUDIT.reset()
        app.draw()
        screen = app.stack.top
        assert not [e for e in AUDIT.elisions if e["kind"] in STRICT_KINDS | {"text"}]
        assert not overlaps(screen)
    finally:
        AUDIT.enabled = False
        AUDIT.reset()
    pad = app.ctx.space("lg")
    for line in screen.lines:
        if line.text:
            width = app.ctx.font(line.role).size(line.text)[0]
            assert line.indent + width <= screen.box.width - 2 * pad
    page = screen.page_scroll
    assert page is not None
    if scale > 1:
        assert page.active, "at 175 % the page scrolls rather than cutting"
        app.handle(key("end"))
        app.draw()
        assert page.scroll == page.end - page.viewport.bottom


def test_the_table_says_where_the_player_stands(tmp_path: Path) -> None:
    play = make_play(0, 12)
    line = goals_line(play, "G")
    assert f"accept their offer now: {play.standing(play.other_offer()).score:.0f}" in line
    assert f"your draft: {play.standing(play.draft).score:.0f}" in line
    assert "(G: goals)" in line
    app = make_app(tmp_path, lambda ctx: TableScreen(ctx, play, fast_preview(play)))
    app.draw()
    table = app.stack.top
    shown = " ".join(text for text, _c in table.worth_lines(table.worth.width))
    assert "your draft:" in shown


def _finished(side: int) -> GamePlay:
    play = make_play(side, 0, seed=2)
    while not play.is_over:
        legal = play.legal_moves()
        play.play(Move.ACCEPT if Move.ACCEPT in legal and play.session.week >= 8 else Move.HOLD)
    return play


def test_the_debrief_explains_each_component_and_uses_the_end_point(tmp_path: Path) -> None:
    play = _finished(0)
    app = make_app(tmp_path, lambda ctx: DebriefScreen(ctx, play))
    app.draw()
    debrief = app.stack.top
    shown = " ".join(text for _m, text, _c in debrief.score_lines())
    for res in debrief.results:
        detail = objective_detail(play.spec, 0, res, debrief.results)
        assert detail.split(" · ")[0] in shown and "points" in shown
    parts = result_parts(play.spec, play.session.state, 0)
    assert " ".join(result_text(parts).split()) in shown
    d = end_disagreement_point(play.spec, play.session.state)
    walk = next(m for m in debrief.plot.markers if m.label == "Walk-away")
    np.testing.assert_allclose(walk.point, d)
    nash = next(m for m in debrief.plot.markers if m.label == "Nash")
    expected = bargaining_picture(play.spec, d).nash
    assert expected is not None
    assert nash.point == pytest.approx(expected.utility)
    start = bargaining_picture(play.spec).d
    assert not np.allclose(d, start), "the end point is not the pre-game one"


def test_the_plane_extends_below_zero_for_a_negative_point(app: object) -> None:
    ctx = app.ctx  # type: ignore[attr-defined]
    plot = UtilityPlot(ctx, markers=[PlaneMarker((0.5, -0.12), "Walk-away")])
    plot.rect.update(0, 0, 400, 400)
    assert plot.lower == -0.25
    assert plot.ticks() == [-0.25, 0.0, 0.25, 0.5, 0.75, 1.0]
    r = plot.plot_rect()
    assert plot.to_screen((-0.25, -0.25)) == (r.x, r.bottom)
    assert plot.to_screen((1.0, 1.0)) == (r.right, r.y)
    deep = UtilityPlot(ctx, markers=[PlaneMarker((-0.6, 0.2), "x")])
    assert deep.lower == -1.0 and deep.ticks() == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert UtilityPlot(ctx).lower == 0.0
