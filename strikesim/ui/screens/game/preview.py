"""The offer preview on the table: an estimate of the other side's answer, and 8-week spreads.

:class:`OfferPreview` asks :func:`strikesim.ai.preview.preview_offer` (Monte Carlo
continuations of the batch engine) about the draft offer. Requests are debounced: dragging a
slider restarts a short timer and only the settled draft is simulated. Results are cached per
(week, side, draft) so going back to an earlier draft is instant. When the preview API is not
available the panel says so instead of showing numbers.

The other side is played by the player's own belief about it
(:class:`strikesim.ai.belief.OpponentBelief`: the kinds of negotiator it might be, weighted
by what it has done so far in this game), never by the negotiator actually across the table;
so the chance it accepts is an estimate with a band. In a hot seat the other side is a
person: nothing is forecast about their choice (they hold in the continuations), only the
side's own variables are shown.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from strikesim.play.seat import GamePlay

if TYPE_CHECKING:
    from strikesim.ai.belief import OpponentBelief
    from strikesim.session import Session

DEBOUNCE_MS = 220.0
RUNS = 200
WEEKS = 8


@dataclass(frozen=True)
class Spread:
    """Median and 10–90 % band of one variable week by week (index 0 = this week)."""

    id: str
    label: str
    unit: str
    median: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]


@dataclass(frozen=True)
class PreviewResult:
    accept_chance: float | None
    """Estimated chance the other side accepts next week (None: no forecast, a hot seat)."""
    spreads: tuple[Spread, ...]
    runs: int
    first_week: int
    accept_band: tuple[float, float] | None = None
    """10–90 % band of the estimate."""
    deal_chance: float | None = None
    """Estimated chance of a deal within the preview's weeks."""
    evidence_weeks: int = 0
    """Weeks of the other side's play the estimate has learnt from."""
    standing_chance: float | None = None
    """Estimated chance they take the player's current standing offer this week."""

    @property
    def forecast(self) -> bool:
        """Whether the other side's answer is forecast at all."""
        return self.accept_chance is not None


KEY_VARIABLES: dict[int, tuple[str, ...]] = {
    0: ("strike_fund", "solidarity", "public_support_union", "member_expectation"),
    1: ("studio_cash", "content_stock", "subscribers", "public_support_union"),
}
"""Variables charted in the preview, per player side (those the scenario has)."""


def _floats(seq: Any) -> tuple[float, ...]:
    return tuple(float(v) for v in np.asarray(seq, dtype=np.float64).reshape(-1))


def key_variables(play: GamePlay, available: Sequence[str]) -> list[str]:
    """Up to four variables to chart: the side's key ones, then its own others."""
    chosen = [v for v in KEY_VARIABLES[play.side] if v in available]
    for var in play.spec.variables:
        if len(chosen) >= 4:
            break
        if var.id in available and var.owner == play.side_key and var.id not in chosen:
            chosen.append(var.id)
    return chosen[:4]


def adapt(play: GamePlay, raw: Any) -> PreviewResult:
    """Turn a :class:`strikesim.ai.preview.Preview` into what the panel draws."""
    spec = play.spec
    spreads = []
    for vid in key_variables(play, raw.variables):
        low, median, high = raw.band(vid)
        var = spec.variables[spec.var_index[vid]]
        spreads.append(
            Spread(vid, var.label, var.unit, _floats(median), _floats(low), _floats(high))
        )
    accept = getattr(raw, "accept_chance", None)
    band = getattr(raw, "accept_band", None)
    deal = getattr(raw, "deal_chance", None)
    return PreviewResult(
        None if accept is None else float(accept),
        tuple(spreads),
        int(raw.runs),
        int(raw.weeks[0]),
        None if band is None else (float(band[0]), float(band[1])),
        None if deal is None else float(deal),
        int(getattr(raw, "evidence_weeks", 0)),
        _maybe_float(getattr(raw, "standing_chance", None)),
    )


def _maybe_float(value: Any) -> float | None:
    return None if value is None else float(value)


_BELIEFS: dict[tuple[int, int], tuple[weakref.ref[Session], OpponentBelief]] = {}
"""Each game's belief of a side, kept across table screens (by session and side)."""


def belief_for(play: GamePlay) -> OpponentBelief:
    """The player's belief about the other side, brought up to date with the game's record
    (what both sides did each week). Only the player's side's view is read."""
    from strikesim.ai.belief import OpponentBelief, announced_opponent

    session = play.session
    key = (id(session), play.side)
    hit = _BELIEFS.get(key)
    if hit is None or hit[0]() is not session:
        belief = OpponentBelief(
            play.spec,
            play.side,
            session.seed,
            announced=announced_opponent(session.seats, play.other),
        )
        for k in [k for k, (ref, _) in _BELIEFS.items() if ref() is None]:
            del _BELIEFS[k]
        _BELIEFS[key] = (weakref.ref(session), belief)
    else:
        belief = hit[1]
    belief.follow(session.record.weeks)
    return belief


class OfferPreview:
    """Debounced, cached previews of the draft offer."""

    def __init__(self, play: GamePlay, preview: Callable[..., Any] | None = None) -> None:
        self.play = play
        from strikesim.ai.preview import preview_offer  # (loaded with the first preview)

        self.fn: Callable[..., Any] = preview_offer if preview is None else preview
        self.result: PreviewResult | None = None
        self.error = ""
        self.pending_ms: float | None = None
        self.last_ms = 0.0
        self._cache: dict[tuple[int, int, tuple[int, ...]], PreviewResult] = {}

    @property
    def available(self) -> bool:
        return self.fn is not None

    def key(self) -> tuple[int, int, tuple[int, ...]]:
        return (self.play.session.week, self.play.side, tuple(self.play.draft))

    @property
    def forecast(self) -> bool:
        """False in a hot seat: a person's choice is not forecast."""
        return not self.play.hot_seat

    def request(self, immediate: bool = False) -> None:
        """The draft changed: simulate it after the debounce delay (or now)."""
        hit = self._cache.get(self.key())
        if hit is not None:
            self.result, self.pending_ms = hit, None
            return
        self.pending_ms = 0.0 if immediate else DEBOUNCE_MS

    def update(self, dt_ms: float) -> bool:
        """Advance the debounce timer; runs the simulation when due. True when the result
        changed."""
        if self.pending_ms is None:
            return False
        self.pending_ms -= dt_ms
        if self.pending_ms > 0:
            return False
        self.pending_ms = None
        return self.compute()

    def compute(self) -> bool:
        if self.play.is_over:
            return False
        key = self.key()
        import time

        started = time.perf_counter()
        try:
            belief = belief_for(self.play) if self.forecast else None
            raw = self.fn(
                self.play.spec,
                self.play.simulation_state(),
                self.play.side,
                np.asarray(self.play.draft, dtype=np.int16),
                runs=RUNS,
                weeks=WEEKS,
                belief=belief,
                forecast=self.forecast,
            )
            result = adapt(self.play, raw)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            self.error = f"Preview unavailable: {exc}"
            self.result = None
            return True
        self.last_ms = (time.perf_counter() - started) * 1000.0
        self.error = ""
        if result.accept_chance is not None and not math.isfinite(result.accept_chance):
            self.error = "Preview unavailable for this offer"
        self._cache[key] = result
        if len(self._cache) > 64:
            self._cache.pop(next(iter(self._cache)))
        self.result = result
        return True

    def current(self) -> PreviewResult | None:
        """The result for the draft as it is now (None while it is being recomputed)."""
        hit = self._cache.get(self.key())
        return hit
