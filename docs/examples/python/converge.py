"""A custom negotiator: concede towards the other side's offer, reaching it at the deadline.

Enter it into the balance harness beside the built-in policies::

    strikesim balance classroom-quick --negotiator docs/examples/python/converge.py:Converge
"""

from __future__ import annotations

import numpy as np

import strikesim
from strikesim import Move, Observation, SideDecision


class Converge:
    """Offers its own best package, conceding issue by issue towards the other side's
    standing offer as the weeks pass (meeting it at the deadline); accepts any offer
    worth at least as much to it as its own current one."""

    def __init__(self, spec: strikesim.GameSpec, side: int) -> None:
        self.spec, self.side, self.name = spec, side, "converge"

    def reset(
        self, spec: strikesim.GameSpec, batch: int, seed: int, campaigns: np.ndarray | None = None
    ) -> None:
        self.spec = spec

    def decide(self, obs: Observation) -> SideDecision:
        best = np.nanargmax(obs.own_utility, axis=1)  # (I,) own best level per issue
        theirs = obs.offers[:, 1 - self.side]  # (B, I), -1 where none
        share = obs.week / max(obs.max_weeks, 1)
        target = np.where(theirs >= 0, best + share * (theirs - best), best)
        offer = np.rint(target).astype(np.int16)  # (B, I) level indices
        issues = np.arange(offer.shape[1])
        mine = np.nansum(obs.own_utility[issues, offer], axis=1)  # (B,)
        move = np.where(obs.legal_moves[:, Move.OFFER], Move.OFFER, Move.HOLD)
        accept = obs.legal_moves[:, Move.ACCEPT] & (obs.offer_utility[:, 1 - self.side] >= mine)
        move = np.where(accept, Move.ACCEPT, move).astype(np.int8)
        offer[move != Move.OFFER] = -1
        pressure = np.zeros_like(obs.legal_pressure)
        return SideDecision(move=move, offer=offer, pressure=pressure)

    def explain(self, row: int) -> str:
        return "Concedes towards the other side's offer, meeting it at the deadline."
