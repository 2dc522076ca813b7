"""The historical negotiator: replays the offers a scenario scripts for a side.

``spec.scripted_offers`` lists real packages by side and week (for
``wga-2023`` the studios' May, August and September offers). In a scripted
week the side posts that package; in between it holds it. It awaits the answer
to a new package for a week, and otherwise accepts the other side's offer only
when that offer is worth at least as much to it as its own latest scripted
package (so history plays out unless the other side offers more). Before its
first package it opens with the scenario's opening offer. Pressure actions are
chosen from the state like any negotiator's.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

import numpy as np

from strikesim.ai.negotiator import EXPLAIN_MAX_BATCH, SideDecision
from strikesim.ai.offers import OfferBook
from strikesim.ai.pressure import PressurePolicy
from strikesim.analysis.space import outcome_space
from strikesim.engine.observe import visible_namespace
from strikesim.engine.spec import GameSpec, ScriptedOffer
from strikesim.engine.state import Move

if TYPE_CHECKING:
    from strikesim.engine.observe import Observation


class ScriptedNegotiator:
    """Plays one side's scripted packages, week by week."""

    def __init__(self, spec: GameSpec, side: int, name: str = "scripted") -> None:
        self.side = side
        self.name = name
        self.spec = spec
        self.script: dict[int, ScriptedOffer] = {}
        for item in spec.scripted_offers:
            if item.side == side:
                self.script[item.week] = item
        if not self.script:
            who = spec.parties[side].short_name or spec.parties[side].name
            raise ValueError(
                f"scenario '{spec.id}' scripts no offers for {who}; "
                "the historical negotiator needs scripted_offers for this side"
            )
        self.book = OfferBook(outcome_space(spec), side)
        self.pressure = PressurePolicy(spec, side)
        self._texts: list[str] = []
        self.reset(spec, 1, 0)

    def reset(
        self, spec: GameSpec, batch: int, seed: int, campaigns: np.ndarray | None = None
    ) -> None:
        """Forget everything (the script needs no campaign ids; accepted for
        the common interface)."""
        self.batch = batch
        self.seed = seed
        self._texts = [""] * batch

    def fork(self, index: np.ndarray, seed: int | None = None) -> ScriptedNegotiator:
        """A copy for the campaigns at ``index`` (the script has no per-campaign state)."""
        out = copy.copy(self)
        out.reset(self.spec, int(index.shape[0]), self.seed if seed is None else seed)
        return out

    def explain(self, row: int) -> str:
        return self._texts[row] if row < len(self._texts) else ""

    def current(self, week: int) -> ScriptedOffer | None:
        """The latest scripted package at or before ``week`` (None before the first)."""
        weeks = [w for w in self.script if w <= week]
        return self.script[max(weeks)] if weeks else None

    def decide(self, obs: Observation) -> SideDecision:
        spec, side = self.spec, self.side
        batch = obs.batch
        n_issues = len(spec.issues)
        legal = obs.legal_moves
        package = self.current(obs.week)
        levels = np.asarray(
            package.levels if package is not None else spec.opening_offers[side], dtype=np.int16
        )
        mine = obs.offers[:, side]
        u_other = self.book.own_utility(obs.offers[:, 1 - side])
        u_package = float(self.book.own_utility(levels))
        # in a week with a new package, history tables it rather than answer, and the
        # week after it waits for the answer to its package
        answering = obs.week not in self.script and obs.week - 1 not in self.script
        accept = (
            legal[:, Move.ACCEPT]
            & answering
            & (np.nan_to_num(u_other, nan=-1.0) >= u_package - 1e-9)
        )
        differs = (mine != levels[None, :]).any(axis=1)
        post = legal[:, Move.OFFER] & differs & ~accept
        move = np.full(batch, Move.HOLD, dtype=np.int8)
        move[post] = Move.OFFER
        move[accept] = Move.ACCEPT
        offers = np.full((batch, n_issues), -1, dtype=np.int16)
        offers[post] = levels
        pressure, _ = self.pressure.choose(visible_namespace(spec, obs), obs.legal_pressure)
        pressure &= np.asarray(legal.any(axis=1))[:, None]
        texts: list[str] = []
        if batch <= EXPLAIN_MAX_BATCH:
            for r in range(batch):
                if move[r] == Move.ACCEPT:
                    texts.append("We accepted: the offer matches what we were prepared to sign.")
                elif move[r] == Move.OFFER and package is not None:
                    note = f" {package.note}" if package.note else ""
                    texts.append(f"We tabled the {package.label}.{note}".strip())
                elif move[r] == Move.OFFER:
                    texts.append("We opened with our full proposal.")
                elif legal[r].any():
                    texts.append("We stood by our last package.")
                else:
                    texts.append("")
        self._texts = texts or [""] * batch
        return SideDecision(move=move, offer=offers, pressure=pressure, explanations=texts)
