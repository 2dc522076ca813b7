"""Difficulty levels, as data.

A level changes how a negotiator plays, not what it wants:

* ``patience`` stretches its concession horizon (more patient = concedes later);
* ``noise`` is the scale of a per-week slip of its offers below its target
  utility (a half-normal draw: sloppier offers leave value on the table, never
  ask for more than it planned);
* ``opponent_model`` switches the frequency model and trade-off offers on;
* ``spread`` is the width (log-sd) of the per-campaign lognormal factors on
  the personality's horizon and concession exponent: no two disputes are
  fought by quite the same people (research/models.md §1.3: real strike
  lengths are spread near-exponentially, not clustered on one week);
* ``reads_levers`` lets it value pressure actions that move the levers a scenario
  adds (variables marked ``favours``: a label's reach, a boycott's pressure), not only
  the built-in money, members, public and AI;
* ``lookahead_weeks`` / ``lookahead_candidates`` / ``lookahead_runs`` set the
  Monte Carlo look-ahead (0 weeks = none): how far ahead it plays, how many
  alternative offers it compares and how many continuations score each.
"""

from __future__ import annotations

from dataclasses import dataclass

from strikesim.errors import UserInputError


@dataclass(frozen=True)
class Difficulty:
    """How well a negotiator plays."""

    id: str
    label: str
    patience: float
    noise: float
    opponent_model: bool
    lookahead_weeks: int
    lookahead_candidates: int
    lookahead_runs: int
    description: str
    spread: float = 0.0
    slack: float = 0.0
    """How far below its true walk-away utility it will settle: an easy negotiator
    misjudges its reservation and gives away more than it should."""
    reads_levers: bool = False
    """Whether it sees what the scenario's own levers (variables marked ``favours``)
    are worth when choosing pressure actions."""


DIFFICULTIES: dict[str, Difficulty] = {
    d.id: d
    for d in (
        Difficulty(
            id="easy",
            label="Easy",
            patience=0.7,
            noise=0.04,
            opponent_model=False,
            lookahead_weeks=0,
            lookahead_candidates=0,
            lookahead_runs=0,
            description="Concedes early, settles for less than it could, makes careless "
            "offers and does not read you.",
            spread=0.4,
            slack=0.1,
        ),
        Difficulty(
            id="normal",
            label="Normal",
            patience=1.0,
            noise=0.015,
            opponent_model=True,
            lookahead_weeks=0,
            lookahead_candidates=0,
            lookahead_runs=0,
            description="Follows its personality and learns what you care about.",
            spread=0.3,
        ),
        Difficulty(
            id="hard",
            label="Hard",
            patience=1.15,
            noise=0.0,
            opponent_model=True,
            lookahead_weeks=4,
            lookahead_candidates=3,
            lookahead_runs=8,
            description="Patient, precise, works the scenario's own levers, and tests its "
            "offers against likely futures.",
            spread=0.24,
            reads_levers=True,
        ),
        Difficulty(
            id="expert",
            label="Expert",
            patience=1.3,
            noise=0.0,
            opponent_model=True,
            lookahead_weeks=6,
            lookahead_candidates=4,
            lookahead_runs=10,
            description="The most patient reader of the table, working every lever and "
            "looking furthest ahead.",
            spread=0.2,
            reads_levers=True,
        ),
    )
}


def get_difficulty(level: str | Difficulty) -> Difficulty:
    """The :class:`Difficulty` named ``level`` (clear error for unknown names)."""
    if isinstance(level, Difficulty):
        return level
    try:
        return DIFFICULTIES[level]
    except KeyError:
        known = ", ".join(DIFFICULTIES)
        raise UserInputError(f"unknown difficulty {level!r}; choose one of: {known}") from None
