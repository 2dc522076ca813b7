"""The members' ratification forecast for a package, before anyone accepts it.

The scenario's vote formula (``phases.ratification.yes``) reads the deal's utility for the
union (``deal_union_utility``) and the members' mood (``member_expectation`` and the like).
:func:`forecast_yes` evaluates it today with the package put in the deal's place: the yes
share the members would give it if they voted now (the real vote comes a few weeks later,
and adds a little noise). :func:`forecast_text` says it in words for the table and for the
confirmation before Accept. Only the union's player sees it: a studio does not know how
the members would vote.
"""

from __future__ import annotations

from strikesim.play.seat import GamePlay


def forecast_yes(play: GamePlay, package: tuple[int, ...] | None) -> float | None:
    """Members' yes share for ``package`` if voted on today (None when unknown, and always
    for the studio: the members' mood is the union's private knowledge)."""
    return None if package is None else play.members_yes(package)


def forecast_text(play: GamePlay, package: tuple[int, ...] | None, what: str) -> str:
    """``"Members would vote 83% yes for <what> today (50% needed): likely to pass."``"""
    yes = forecast_yes(play, package)
    if yes is None:
        return ""
    need = play.spec.phases.ratification_threshold
    verdict = (
        "likely to pass"
        if yes >= need + 0.1
        else "close"
        if yes >= need - 0.1
        else ("likely to fail")
    )
    return f"Members would vote {yes:.0%} yes for {what} today ({need:.0%} needed): {verdict}."
