"""Face-to-face play: a deal two teams reached across a table, played into the engine.

The computer is only the scorekeeper: :func:`record_deal` builds a two-person game in which
both sides hold their positions until the week the teams say they settled, then the union
tables the agreed package and the studio accepts it, and the members vote as in any game.
Everything the game knows follows from that record: both sides' scores, the dispute's cost,
the projection and the debrief, and a run file the class report reads (``meta.mode`` is
``face-to-face``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from strikesim.engine import GameSpec, Move, Phase
from strikesim.engine.spec import STUDIO, UNION
from strikesim.errors import UserInputError
from strikesim.records import Seat
from strikesim.session import Decision, Session

HUMAN = Seat("human")


@dataclass(frozen=True)
class TableDeal:
    """What a table reports: the package, how long it took and how long they struck."""

    package: tuple[int, ...]
    weeks: int = 2
    """Weeks of talks before the deal was signed (at least 2: one to table it, one to
    accept it)."""
    strike_weeks: int = 0
    """Weeks on strike before the deal (0: settled before the contract expired)."""
    group: str = ""


def deal_week(spec: GameSpec, deal: TableDeal) -> int:
    """The week in which the studio accepts: by the expiry without a strike, else that many
    weeks after it. Raises :class:`UserInputError` when the scenario's calendar has no room."""
    expiry = spec.phases.expiry_week
    last = spec.phases.max_weeks - spec.phases.ratification_weeks - 2
    if deal.strike_weeks < 0 or deal.weeks < 2:
        raise UserInputError("a deal takes at least 2 weeks and a strike cannot be negative")
    if deal.strike_weeks == 0:
        week = min(deal.weeks - 1, max(1, expiry - 1))
    else:
        week = expiry + deal.strike_weeks - 1
    if week > last:
        longest = max(0, last - expiry + 1)
        raise UserInputError(
            f"{spec.title} ends in week {spec.phases.max_weeks}: a strike of at most "
            f"{longest} weeks leaves time for the members' vote"
        )
    return week


def _check_package(spec: GameSpec, package: tuple[int, ...]) -> None:
    if len(package) != len(spec.issues):
        raise UserInputError(f"a package has one option for each of the {len(spec.issues)} issues")
    for issue, level in zip(spec.issues, package, strict=True):
        if not 0 <= level < issue.n_levels:
            raise UserInputError(f"{issue.label}: no option number {level + 1}")


def record_deal(spec: GameSpec, deal: TableDeal, seed: int = 0) -> Session:
    """The game of ``deal``, played to its end (or to a rejected vote: then the dispute is
    not over, and the session is back at the table)."""
    _check_package(spec, deal.package)
    accept_week = deal_week(spec, deal)
    session = Session(spec, (HUMAN, HUMAN), seed)
    meta = {"mode": "face-to-face", "weeks_reported": deal.weeks,
            "strike_weeks_reported": deal.strike_weeks}  # fmt: skip
    if deal.group:
        meta["group"] = deal.group
    session.record = replace(session.record, meta=meta)
    hold = Decision(Move.HOLD)
    while session.week < accept_week - 1 and not session.is_over:
        session.submit(UNION, hold)
        session.submit(STUDIO, hold)
        session.advance()
    if session.is_over:
        from strikesim.narrate import OUTCOME_TEXT

        raise UserInputError(
            f"the strike could not last that long: in week {session.week} the dispute ended "
            f"on its own ({OUTCOME_TEXT.get(session.outcome, session.outcome.name)})"
        )
    session.submit(UNION, Decision(Move.OFFER, tuple(deal.package)))
    session.submit(STUDIO, hold)
    session.advance()
    session.submit(UNION, hold)
    session.submit(STUDIO, Decision(Move.ACCEPT))
    session.advance()
    while session.phase == Phase.RATIFICATION and not session.is_over:
        session.submit(UNION, hold)
        session.submit(STUDIO, hold)
        session.advance()
    return session
