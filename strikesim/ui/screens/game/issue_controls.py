"""The table's controls for contract issues: a slider per range, an option picker per options.

The draft is a level index per issue; a slider works in the issue's own numbers (its level
values) and snaps to the nearest level. Markers on each control show the other side's
standing offer, the player's own offer on the table when the draft differs from it, and the
old contract, and a note under each control says the other side's offer in words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from strikesim.engine.spec import IssueSpec
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.widgets.option_picker import OptionPicker
from strikesim.ui.widgets.slider import Marker, Slider

IssueControl = Slider | OptionPicker


def level_of(issue: IssueSpec, value: float) -> int:
    """Nearest level index of a range issue to a slider value."""
    return min(range(issue.n_levels), key=lambda k: abs(issue.values[k] - value))


def make_control(
    ctx: UIContext, issue: IssueSpec, level: int, accent: str, on_level: Callable[[int], None]
) -> IssueControl:
    """A slider for a range issue with at least two levels, else an option picker;
    ``on_level(level)`` is called with the new level index when the player moves it."""
    if issue.kind == "range" and issue.n_levels >= 2:
        step = (issue.values[-1] - issue.values[0]) / (issue.n_levels - 1)
        return Slider(
            ctx, issue.label, issue.values[0], issue.values[-1], issue.values[level], step=step,
            on_change=lambda v: on_level(level_of(issue, v)),
            fmt=lambda v: issue.level_labels[level_of(issue, v)],
            accent=accent,
        )  # fmt: skip
    return OptionPicker(
        ctx, issue.label + (" (agreed)" if issue.agreed else ""), list(issue.level_labels), level,
        on_change=on_level, accent=accent,
        short_options=[issue.short_label(k) for k in range(issue.n_levels)],
    )  # fmt: skip


def position(control: IssueControl, issue: IssueSpec, level: int) -> float:
    """Where ``level`` sits on ``control`` (a value for sliders, an index for pickers)."""
    return issue.values[level] if isinstance(control, Slider) else level


def sync_controls(play: GamePlay, controls: Sequence[IssueControl]) -> None:
    """Put the draft into the controls and mark the offers and the old contract on them."""
    theirs = play.other_offer()
    ours = play.own_offer()
    for j, (issue, c) in enumerate(zip(play.spec.issues, controls, strict=True)):
        marks: list[Marker] = []
        if theirs is not None:
            marks.append(
                Marker(position(c, issue, theirs[j]), play.name(play.other), play.other_key)
            )
        if ours is not None and ours[j] != play.draft[j]:
            marks.append(Marker(position(c, issue, ours[j]), "On the table", play.side_key))
        old = play.spec.old_contract[j]
        marks.append(Marker(position(c, issue, old), "Old contract", "neutral"))
        c.markers = tuple(marks)
        other = play.name(play.other)
        if theirs is None:
            c.note, c.note_colour = f"{other} has made no offer yet", "text_muted"
        elif theirs[j] == play.draft[j]:
            c.note, c.note_colour = f"{other} offers the same ✓", "positive"
        else:
            c.note = f"{other} offers: {issue.level_labels[theirs[j]]}"
            c.note_colour = f"{play.other_key}_text"
        if isinstance(c, Slider):
            c.value = c.snap(issue.values[play.draft[j]])
        else:
            c.index = play.draft[j]
