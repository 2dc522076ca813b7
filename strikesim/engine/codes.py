"""Integer codes of the engine enums, for fast comparisons in hot loops.

Enum member access is slow in tight numpy code; these plain ints equal the
members of :class:`Phase`, :class:`Outcome`, :class:`Move` and :class:`EventKind`.
"""

from __future__ import annotations

from .state import EventKind, Move, Outcome, Phase

EV_ACTION_TAKEN = int(EventKind.ACTION_TAKEN)
EV_ARBITRATION = int(EventKind.ARBITRATION)
EV_AUTHORIZATION_VOTE = int(EventKind.AUTHORIZATION_VOTE)
EV_COIN_TOSS = int(EventKind.COIN_TOSS)
EV_CAPITULATION = int(EventKind.CAPITULATION)
EV_DEADLINE_REACHED = int(EventKind.DEADLINE_REACHED)
EV_DEAL_REACHED = int(EventKind.DEAL_REACHED)
EV_GAME_ENDED = int(EventKind.GAME_ENDED)
EV_OFFER_ACCEPTED = int(EventKind.OFFER_ACCEPTED)
EV_OFFER_MADE = int(EventKind.OFFER_MADE)
EV_RATIFICATION_FAILED = int(EventKind.RATIFICATION_FAILED)
EV_RATIFICATION_VOTE = int(EventKind.RATIFICATION_VOTE)
EV_SCENARIO_EVENT = int(EventKind.SCENARIO_EVENT)
EV_STRIKE_BEGAN = int(EventKind.STRIKE_BEGAN)
EV_TALKS_RESUMED = int(EventKind.TALKS_RESUMED)
EV_WALKED_OUT = int(EventKind.WALKED_OUT)
MOVE_ACCEPT = int(Move.ACCEPT)
MOVE_HOLD = int(Move.HOLD)
MOVE_OFFER = int(Move.OFFER)
MOVE_WALK_OUT = int(Move.WALK_OUT)
OUTCOME_DEADLINE = int(Outcome.DEADLINE)
OUTCOME_DEAL_RATIFIED = int(Outcome.DEAL_RATIFIED)
OUTCOME_ONGOING = int(Outcome.ONGOING)
OUTCOME_STUDIO_CAPITULATED = int(Outcome.STUDIO_CAPITULATED)
OUTCOME_UNION_CAPITULATED = int(Outcome.UNION_CAPITULATED)
PHASE_ENDED = int(Phase.ENDED)
PHASE_RATIFICATION = int(Phase.RATIFICATION)
PHASE_STRIKE = int(Phase.STRIKE)
PHASE_TALKS = int(Phase.TALKS)
