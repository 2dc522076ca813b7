"""The table's preview panel: an estimate from the player's belief; no forecast in a hot seat."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from strikesim.ai.belief import OpponentBelief
from strikesim.play.seat import GamePlay
from strikesim.records import Seat
from strikesim.session import Session
from strikesim.ui.app import App
from strikesim.ui.screens.game.preview import OfferPreview, PreviewResult
from strikesim.ui.screens.game.preview_view import estimate_text
from strikesim.ui.screens.game.table import TableScreen

from .game_helpers import cheap_preview, make_app, make_play, wga


class Untouchable:
    """Stands in for the live opponent: any use of it fails the test."""

    def __getattribute__(self, name: str) -> object:
        raise AssertionError(f"the preview read the live opponent ({name})")


class Spy:
    """The real (cheap) preview, remembering how it was asked."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return cheap_preview(*args, **kwargs)


def _drawn_texts(app: App) -> list[str]:
    """Every string the next frame draws."""
    seen: list[str] = []
    ctx = app.ctx
    real = ctx.text

    def text(role: str, value: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(value)
        return real(role, value, *args, **kwargs)

    ctx.text = text  # type: ignore[method-assign,assignment]
    try:
        app._needs_draw = True
        app.draw()
    finally:
        del ctx.text
    return seen


def _table(tmp_path: Path, play: GamePlay, spy: Spy) -> tuple[App, OfferPreview]:
    preview = OfferPreview(play, spy)
    app = make_app(tmp_path, lambda ctx: TableScreen(ctx, play, preview))
    app.update(1.0)
    return app, preview


def test_the_estimate_comes_from_the_belief_not_the_live_opponent(tmp_path: Path) -> None:
    play = make_play(0, 6)
    play.session.negotiators[play.other] = Untouchable()  # type: ignore[call-overload]
    spy = Spy()
    app, preview = _table(tmp_path, play, spy)
    assert spy.calls, "the preview ran"
    belief = spy.calls[-1]["belief"]
    assert isinstance(belief, OpponentBelief) and belief.weeks_seen == 6
    assert spy.calls[-1]["forecast"] is True
    result = preview.current()
    assert result is not None and result.accept_chance is not None
    assert result.accept_band is not None
    assert result.accept_band[0] <= result.accept_chance <= result.accept_band[1]
    texts = " | ".join(_drawn_texts(app))
    assert "Estimate from what they have done so far" in texts
    assert "estimated chance" in texts
    lo, hi = (round(v * 100) for v in result.accept_band)
    assert (f"likely {lo}–{hi} %" in texts) == (lo != hi)


def test_the_estimate_line_gives_its_band_and_where_it_comes_from() -> None:
    play = make_play(0, 0)
    band = PreviewResult(0.4, (), 200, 3, (0.2, 0.65), 0.7, evidence_weeks=3)
    assert estimate_text(play, band) == (
        "Estimate from what they have done so far, likely 20–65 %. "
        "A deal within 8 weeks: about 70 %."
    )
    now = PreviewResult(0.0, (), 200, 3, (0.0, 0.0), 0.99, 3, standing_chance=0.97)
    assert estimate_text(play, now) == (
        "Estimate from what they have done so far. They may take your standing offer this "
        "week (about 97 %), before they see this one. A deal within 8 weeks: about 99 %."
    )
    first = PreviewResult(0.0, (), 200, 0, (0.0, 0.001), 0.0)
    assert estimate_text(play, first).startswith("Estimate from the kinds of negotiator")


def test_a_hot_seat_shows_no_forecast_of_the_other_player(tmp_path: Path) -> None:
    play = GamePlay(Session(wga(), (Seat("human"), Seat("human")), 3), autosave=False)
    assert play.hot_seat
    spy = Spy()
    app, preview = _table(tmp_path, play, spy)
    assert spy.calls and spy.calls[-1]["forecast"] is False
    assert spy.calls[-1]["belief"] is None
    result = preview.current()
    assert result is not None and result.accept_chance is None and result.spreads
    texts = " | ".join(_drawn_texts(app))
    assert "No forecast of" in texts and "PREVIEW · YOUR NEXT 8 WEEKS" in texts
    assert "accepts" not in texts and "Estimate from" not in texts
