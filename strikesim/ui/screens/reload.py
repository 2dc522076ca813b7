"""The modder's reload key (F5) on the briefing and the table.

Reads the scenario again from its file, and restarts the game at week 0 with
the same seats and seed; when the file has problems, a dialog lists them and
the current game goes on untouched. Campaign stages are not reloaded (their
scenarios carry values over from earlier stages).
"""

from __future__ import annotations

from collections.abc import Callable

from strikesim.engine.spec import GameSpec
from strikesim.records import Seat
from strikesim.scenario import ScenarioError, Severity, load_scenario
from strikesim.ui.context import UIContext
from strikesim.ui.screens.dialog import message
from strikesim.ui.transitions import Push, Transition

__all__ = ["MAX_SHOWN", "problems_text", "reload_spec", "reload_transition"]

MAX_SHOWN = 12
"""Problems listed in the dialog (the rest are counted)."""


def problems_text(exc: ScenarioError) -> str:
    """The problems of a failed reload, errors first, one per line."""
    ordered = sorted(exc.diagnostics, key=lambda d: d.severity is not Severity.ERROR)
    lines = [d.format() for d in ordered[:MAX_SHOWN]]
    if len(ordered) > MAX_SHOWN:
        lines.append(f"… and {len(ordered) - MAX_SHOWN} more ('strikesim validate' lists all)")
    return "\n".join(lines)


def reload_spec(spec: GameSpec) -> GameSpec:
    """``spec`` read again from where it was loaded; raises :class:`ScenarioError`."""
    from strikesim.catalogue import clear_cache

    clear_cache()
    return load_scenario(spec.scenario_source or spec.id)


def _seats_for(spec: GameSpec, seats: tuple[Seat, Seat]) -> tuple[Seat, Seat]:
    """The same seats, with an AI whose personality the new file dropped set to the default."""
    from strikesim.ai import negotiator_names

    out = []
    for side, seat in enumerate(seats):
        if not seat.is_human and seat.personality not in negotiator_names(spec, side):
            seat = Seat("ai", spec.default_negotiators[side], seat.difficulty)
        out.append(seat)
    return out[0], out[1]


def reload_transition(
    ctx: UIContext,
    spec: GameSpec,
    seats: tuple[Seat, Seat],
    restart: Callable[[GameSpec, tuple[Seat, Seat]], Transition | None],
    *,
    in_campaign: bool = False,
) -> Transition | None:
    """Reload ``spec`` and call ``restart`` with the new one, or explain why not."""
    if in_campaign:
        return Push(
            message(
                ctx,
                "Reload is for single scenarios",
                "A campaign stage carries values over from earlier stages, so it cannot be "
                "reloaded from its file. Play the scenario on its own to try changes.",
            )
        )
    try:
        fresh = reload_spec(spec)
    except ScenarioError as exc:
        return Push(message(ctx, "The scenario file has problems", problems_text(exc)))
    except (OSError, ValueError) as exc:
        return Push(message(ctx, "The scenario could not be read", str(exc)))
    return restart(fresh, _seats_for(fresh, seats))
