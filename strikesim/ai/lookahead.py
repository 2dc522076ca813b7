"""Look-ahead for the hard and expert negotiators.

Before posting an offer, the negotiator compares a few candidate offers — the
one its tactic picked, one conceding a little less, one a little more, and an
alternative trade-off — by Monte Carlo continuations through the batch engine
(:mod:`strikesim.ai.rollout`): ``runs`` copies per candidate, ``weeks`` weeks
ahead, itself continuing with its own tactic and the other side with a cheap
time-dependent policy. Each continuation scores the side's result: the value of
how it ends less what the dispute cost it on the way (a deal, tentative or
ratified, counts its utility; a campaign still open counts the better of the
other side's standing offer and the side's reservation).
The best mean score wins; the tactic's own pick wins ties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from strikesim.ai.difficulty import Difficulty
from strikesim.ai.offers import WINDOW
from strikesim.ai.rollout import belief_state, replicate, rollout
from strikesim.analysis.result import COST_VARIABLE
from strikesim.engine.mathfn import clip
from strikesim.engine.state import Outcome, Phase, State

if TYPE_CHECKING:
    from strikesim.ai.agent import TacticalNegotiator
    from strikesim.engine.observe import Observation

STEP = 0.03
"""How much less / more the alternative candidates concede (own utility)."""

CONTINUATION = Difficulty(
    id="continuation",
    label="Continuation policy",
    patience=1.0,
    noise=0.03,
    opponent_model=False,
    lookahead_weeks=0,
    lookahead_candidates=0,
    lookahead_runs=0,
    description="The other side's behaviour inside look-ahead simulations.",
)


class Lookahead:
    """Monte Carlo comparison of candidate offers for one negotiator."""

    max_batch = 4
    """Look-ahead runs only for batches up to this size (interactive play)."""

    def __init__(self, weeks: int, candidates: int, runs: int) -> None:
        self.weeks = weeks
        self.candidates = max(1, candidates)
        self.runs = max(1, runs)
        self._other: dict[tuple[int, int], TacticalNegotiator] = {}
        self.last_scores: dict[int, np.ndarray] = {}
        """Row -> mean score of each candidate at the last refinement (for tests/debrief)."""

    def candidate_offers(
        self, neg: TacticalNegotiator, row: int, chosen: np.ndarray, target: float
    ) -> np.ndarray:
        """(C, I) candidates: the tactic's pick first, then distinct alternatives."""
        book = neg.book
        rows = np.array([row])
        out = [chosen]
        for t in (target + STEP, target - STEP):
            t = float(clip(t, book.worst, neg.p_max))
            out.append(book.select(np.array([t]), rows, neg.model)[0])
        ranks = book.candidates(np.array([target]), WINDOW, 8)[0]
        out.extend(book.levels[ranks[::-1]])
        unique: list[np.ndarray] = []
        for offer in out:
            if not any(np.array_equal(offer, u) for u in unique):
                unique.append(np.asarray(offer, dtype=np.int16))
            if len(unique) == self.candidates:
                break
        return np.stack(unique)

    def score(self, neg: TacticalNegotiator, states: list[State]) -> np.ndarray:
        """(B,) each continuation's result for the side: the value of how it ends
        less what the dispute cost it on the way (docs/model.md §2). A deal
        (tentative or ratified) counts its utility; a campaign still open counts the
        better of the other side's standing offer and the side's reservation."""
        first, final = states[0], states[-1]
        side = neg.side
        deal = np.where(
            (final.phase == Phase.RATIFICATION)[:, None], final.tentative, final.contract
        )
        settled = (final.phase == Phase.RATIFICATION) | (
            (final.outcome != Outcome.ONGOING) & (final.outcome != Outcome.DEADLINE)
        )
        value_deal = neg.book.own_utility(deal)
        other = neg.book.own_utility(final.offers[:, 1 - side])
        open_value = np.fmax(np.nan_to_num(other, nan=0.0), neg.params["floor"])
        value = np.nan_to_num(np.where(settled, value_deal, open_value), nan=0.0)
        column = neg.spec.var_index[COST_VARIABLE[side]]  # a core variable: always there
        cost = final.values[:, column] - first.values[:, column]
        return np.asarray(value - cost)

    def refine(
        self,
        neg: TacticalNegotiator,
        obs: Observation,
        rows: np.ndarray,
        chosen: np.ndarray,
        target: np.ndarray,
    ) -> np.ndarray:
        """Better offers ``(b, I)`` for campaigns ``rows`` (tactic picks ``chosen``)."""
        from strikesim.ai.agent import TacticalNegotiator

        spec, side = neg.spec, neg.side
        out = chosen.copy()
        for k, row in enumerate(rows):
            cands = self.candidate_offers(neg, int(row), chosen[k], float(target[k]))
            n_c = cands.shape[0]
            if n_c == 1:
                continue
            total = n_c * self.runs
            base = belief_state(spec, obs, int(row), neg.seed)
            start = replicate(base, total)
            me = neg.fork(np.full(total, row, dtype=np.intp))
            key = (id(spec), 1 - side)
            other = self._other.get(key)
            if other is None or other.spec is not spec:
                other = TacticalNegotiator(
                    spec, 1 - side, "time_dependent", {}, CONTINUATION, "continuation"
                )
                self._other = {key: other}
            other.reset(spec, total, neg.seed + 1)
            policies = (me.decide, other.decide) if side == 0 else (other.decide, me.decide)
            offers = np.repeat(cands, self.runs, axis=0)
            result = rollout(spec, start, side, offers, policies, self.weeks)
            scores = self.score(neg, result.states).reshape(n_c, self.runs).mean(axis=1)
            self.last_scores[int(row)] = scores
            best = int(np.argmax(scores - 1e-9 * np.arange(n_c)))
            out[k] = cands[best]
        return out
