"""The negotiator interface: an observation in, one side's legal decision out.

A negotiator plays one side of every campaign in a batch at once. It sees only
an :class:`~strikesim.engine.observe.Observation` (what that side may know,
never the full state) and answers with a :class:`SideDecision` whose moves,
offers and pressure actions are legal under the observation's masks.

Explanations (one or two plain sentences per campaign) are produced when the
batch is small (interactive play, the CLI log); large Monte Carlo batches skip
them, and :meth:`Negotiator.explain` can produce one row's on request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from strikesim.engine.observe import Observation
    from strikesim.engine.spec import GameSpec

EXPLAIN_MAX_BATCH = 8
"""Batches up to this size get explanations with every decision."""


@dataclass(frozen=True)
class SideDecision:
    """What one side does this week in every campaign of the batch."""

    move: np.ndarray
    """(B,) int8 :class:`~strikesim.engine.state.Move`."""
    offer: np.ndarray
    """(B, I) int16 level indices, read where ``move == OFFER`` (-1 elsewhere)."""
    pressure: np.ndarray
    """(B, A) bool pressure actions taken (only this side's actions)."""
    explanations: Sequence[str] = field(default_factory=list)
    """One text per campaign (written when read), or empty when explanations
    were skipped (large batches; :meth:`Negotiator.explain` still answers)."""

    @property
    def batch(self) -> int:
        return int(self.move.shape[0])


@runtime_checkable
class Negotiator(Protocol):
    """One side's player: reset once per batch, then asked every week."""

    side: int
    name: str

    def reset(
        self, spec: GameSpec, batch: int, seed: int, campaigns: np.ndarray | None = None
    ) -> None:
        """Forget everything and prepare for ``batch`` new campaigns, with ids
        ``campaigns`` (default ``0..batch-1``, as ``initial_state`` numbers
        them): per-campaign draws are keyed by them, so row ``i`` of a batch
        plays like a single game of campaign ``i``."""
        ...

    def decide(self, obs: Observation) -> SideDecision:
        """This week's legal decision for every campaign in ``obs``."""
        ...

    def explain(self, row: int) -> str:
        """The explanation of the last decision in campaign row ``row``."""
        ...
