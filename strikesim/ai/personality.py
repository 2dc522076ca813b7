"""Per-campaign personalities and weekly chances of the tactical negotiator.

No two disputes are fought by quite the same people: each campaign's
negotiators get seeded lognormal factors on their profile (research/models.md
§1.3 — real strike lengths spread out near-exponentially instead of piling up
on one week), and while on strike a war-of-attrition breakthrough may come in
any week (§1.4). Every draw is keyed by (seed, campaign id, week) through the
engine's counter-based RNG, so row ``i`` of a batch plays like a single game
of campaign ``i``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from strikesim.ai.view import resource_level
from strikesim.engine import rng
from strikesim.engine.mathfn import clip
from strikesim.engine.memo import Recent
from strikesim.engine.spec import UNION, Namespace

FACTOR_WEEK = 0xFFFF_FFFF
"""Week part of the key of the per-campaign personality draws (never a real week)."""

Z_LOW = -1.2
"""Lowest tempo draw (in standard deviations): disputes have a long tail of late
settlements (research/models.md §1.3) but few quick collapses."""

SIDE_SPREAD = 0.2
"""Width of a side's own concession-exponent factor, relative to the tempo's."""

UNION_TEMPO = 0.3
"""Share of the dispute's tempo (log-scale) that stretches the union's horizon:
when a dispute ends is mostly the employer's call (the 2023 studios first
countered after 102 days, and moved when their chiefs stepped in), while a
guild's pace follows its members' expectations."""

BREAKTHROUGH = 64
"""Draw index of the weekly breakthrough chance (shared by both sides' negotiators,
so a campaign's week has one draw and the side with the lower cost ratio moves)."""

TABLE_MAX_BATCH = 64
"""Batches up to this size draw all their weekly random numbers at once."""

_TABLES_KEPT = 8
"""How many small batches' draws are remembered (a game makes and resets its
negotiators with the same ids: the draws of a seed are reused)."""

MIN_BURN = 0.002
"""Smallest weekly cost (share of staying power) in the attrition ratio."""

MAX_BREAKTHROUGH_CHANCE = 0.5
"""Highest weekly chance of a breakthrough concession."""

MIN_STAKE = 0.02
"""Smallest stake (own-utility gap between the two offers) in the attrition ratio."""


def personality_factors(seed: int, campaign: np.ndarray, side: int, spread: float) -> np.ndarray:
    """``(B, 2)`` multipliers of each campaign's horizon and concession exponent.

    Column 0 is the dispute's tempo (how fast costs bite, how soon the
    principals step in), one draw per campaign shared by both sides: it
    stretches the studio's horizon and ``UNION_TEMPO`` of the union's, so it
    moves the deal's date more than its terms. Column 1 is the side's own
    temperament (an independent draw). Log-widths ``spread`` and
    ``spread * SIDE_SPREAD``; no spread, no variation.
    """
    batch = campaign.shape[0]
    if spread <= 0:
        return np.ones((batch, 2))
    if batch > TABLE_MAX_BATCH:
        return _factors(seed, campaign, side, spread)
    ids = np.asarray(campaign, dtype=np.uint64)
    cache_key = (int(seed), int(side), float(spread), ids.tobytes())
    hit = _FACTORS.get(cache_key)
    if hit is None:
        hit = _factors(seed, ids, side, spread)
        hit.setflags(write=False)
        _FACTORS.put(cache_key, hit)
    return hit


_FACTORS: Recent[tuple[int, int, float, bytes], np.ndarray] = Recent(_TABLES_KEPT)
"""The last few small batches' factors (read-only), as ``_TABLES``."""


def _factors(seed: int, campaign: np.ndarray, side: int, spread: float) -> np.ndarray:
    z = rng.normal(seed, campaign[:, None], FACTOR_WEEK, rng.NEGOTIATOR, np.array([0, 1 + side]))
    z = clip(z, np.array([Z_LOW, -2.5]), 2.5)
    tempo = spread * (UNION_TEMPO if side == UNION else 1.0)
    return np.asarray(np.exp(z * np.array([tempo, spread * SIDE_SPREAD])))


_TABLES: Recent[tuple[int, int, int, bytes], tuple[np.ndarray, np.ndarray]] = Recent(_TABLES_KEPT)
"""The last few small batches' weekly draw tables (read-only): a negotiator made
and then reset for a game, or replayed, draws the same tables again."""


_WEEK_KEYS: Recent[tuple[int, int, bytes], tuple[np.ndarray, np.ndarray]] = Recent(_TABLES_KEPT)
"""The last few small batches' week keys and breakthrough uniforms: the same for
both sides' negotiators of a game, so the second one reuses the first one's."""


def _weekly_tables(
    seed: int, campaign: np.ndarray, side: int, max_weeks: int
) -> tuple[np.ndarray, np.ndarray]:
    """``(B, W)`` breakthrough uniforms and jitter normals of weeks ``0..max_weeks``."""
    ids = np.asarray(campaign, dtype=np.uint64)
    cache_key = (int(seed), int(side), int(max_weeks), ids.tobytes())
    hit = _TABLES.get(cache_key)
    if hit is not None:
        return hit
    shared_key = (int(seed), int(max_weeks), cache_key[3])
    shared = _WEEK_KEYS.get(shared_key)
    if shared is None:
        weeks = np.arange(max_weeks + 1)
        key = rng.prefix(seed, ids[:, None], weeks[None, :])  # (B, W)
        breakthrough = rng.uniform_from(key, rng.NEGOTIATOR, BREAKTHROUGH)
        for table in (key, breakthrough):
            table.setflags(write=False)
        shared = _WEEK_KEYS.put(shared_key, (key, breakthrough))
    key, breakthrough = shared
    jitter = rng.normal_from(key, rng.NEGOTIATOR, side)
    jitter.setflags(write=False)
    return _TABLES.put(cache_key, (breakthrough, jitter))


class WeeklyDraws:
    """One side's weekly random numbers for a batch of campaigns.

    Big batches hash one key per week and reuse it for every draw of that
    week; batches up to ``TABLE_MAX_BATCH`` draw every week's numbers at once
    (the same numbers, without a dozen array calls per week).
    """

    def __init__(self, seed: int, campaign: np.ndarray, side: int, max_weeks: int) -> None:
        self.seed = seed
        self.campaign = campaign
        self.side = side
        self._key_week: int | None = None
        self._key = np.zeros(campaign.shape[0], dtype=np.uint64)
        self._campaign_key: np.ndarray | None = None  # (B,) hash of (seed, campaign)
        self._tables: tuple[np.ndarray, np.ndarray] | None = None
        if campaign.shape[0] <= TABLE_MAX_BATCH:
            self._tables = _weekly_tables(seed, campaign, side, max_weeks)

    def week_key(self, week: int) -> np.ndarray:
        """(B,) the key of (seed, campaign, week), hashed once a week (and
        shared with the other side's draws of the same campaigns)."""
        if self._key_week != week:
            self._key = _shared(("key", self.seed, week), self.campaign, self._hash_key)
            self._key_week = week
        return self._key

    def _hash_key(self, week: int) -> np.ndarray:
        if self._campaign_key is None:
            self._campaign_key = rng.campaign_key(self.seed, self.campaign)
        return rng.week_prefix(self._campaign_key, week)

    def breakthrough(self, week: int) -> np.ndarray:
        """(B,) this week's uniform breakthrough draws (the same for both sides)."""
        if self._tables is not None and week < self._tables[0].shape[1]:
            return np.asarray(self._tables[0][:, week])
        return _shared(("breakthrough", self.seed, week), self.campaign, self._uniforms)

    def _uniforms(self, week: int) -> np.ndarray:
        return rng.uniform_from(self.week_key(week), rng.NEGOTIATOR, BREAKTHROUGH)

    def jitter(self, week: int, rows: np.ndarray) -> np.ndarray:
        """(b,) this week's standard normal target jitter of campaigns ``rows``."""
        if self._tables is not None and week < self._tables[1].shape[1]:
            return np.asarray(self._tables[1][rows, week])
        return rng.normal_from(self.week_key(week)[rows], rng.NEGOTIATOR, self.side)


_SHARED: dict[str, tuple[tuple[str, int, int], np.ndarray, np.ndarray]] = {}
"""The last big batch's week key and breakthrough draws, by kind: both sides of
a batch draw them from the same (seed, campaign, week), a week apart at most."""


def _shared(
    key: tuple[str, int, int], campaign: np.ndarray, make: Callable[[int], np.ndarray]
) -> np.ndarray:
    """``make(week)`` for ``key = (kind, seed, week)`` and these campaigns, reusing
    the other side's result when it drew the same (read-only) numbers last."""
    hit = _SHARED.get(key[0])
    if (
        hit is not None
        and hit[0] == key
        and (hit[1] is campaign or np.array_equal(hit[1], campaign))
    ):
        return hit[2]
    value = make(key[2])
    value.setflags(write=False)
    _SHARED[key[0]] = (key, campaign, value)
    return value


def attrition_step(
    side: int,
    ns: Namespace,
    initial: Mapping[str, float],
    striking: np.ndarray,
    strike_weeks: np.ndarray,
    stake: np.ndarray,
    draw: np.ndarray,
    attrition: float,
) -> np.ndarray:
    """(B,) bool: campaigns where ``side`` makes this week's breakthrough
    concession (research/models.md §1.4).

    Each side's weekly cost is the share of its staying power burnt per strike
    week (:func:`~strikesim.ai.view.resource_level`), the stake ``V`` the
    own-utility gap between the two standing offers (assumed alike on both
    sides). A breakthrough comes with chance ``h = attrition * (c_U + c_F) / V``
    (at most 1/2; ``draw`` is the campaign-week's shared uniform) and the side
    with the *lower* cost ratio makes it.
    """
    weeks = np.maximum(strike_weeks, 1).astype(np.float64)
    mine, theirs = (
        np.maximum((1.0 - resource_level(s, ns, initial)) / weeks, MIN_BURN)
        for s in (side, 1 - side)
    )
    stake = np.maximum(np.where(striking, stake, 1.0), MIN_STAKE)
    chance = np.minimum(attrition * (mine + theirs) / stake, MAX_BREAKTHROUGH_CHANCE)
    return np.asarray(striking & (draw < chance) & (mine <= theirs))
