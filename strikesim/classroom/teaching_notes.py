"""A scenario's teaching notes: its folder's ``teaching.md``, or notes built from the file.

Shipped scenarios carry hand-written notes (discussion questions, common mistakes); a
modder's scenario without one gets questions and mistakes drawn from its own issues and
weights, so every scenario has notes a teacher can use.
"""

from __future__ import annotations

from strikesim.catalogue import scenario_folder
from strikesim.classroom.answer_key import trade_offs
from strikesim.engine.spec import STUDIO, UNION, GameSpec
from strikesim.files import FileProblem, read_capped_text
from strikesim.narrate import party_name

MAX_NOTES_BYTES = 256 * 1024


def folder_notes(spec: GameSpec) -> str:
    """The scenario folder's ``teaching.md`` ("" when there is none)."""
    folder = scenario_folder(spec)
    if folder is None:
        return ""
    try:
        return read_capped_text(folder / "teaching.md", MAX_NOTES_BYTES)
    except FileProblem:
        return ""


def generated_notes(spec: GameSpec) -> str:
    """Discussion questions and common mistakes built from the scenario's own data."""
    union, studio = party_name(spec, UNION), party_name(spec, STUDIO)
    rows = trade_offs(spec)
    lines = [f"## Teaching notes: {spec.title}", "",
             "*These notes are generated from the scenario file (it has no teaching.md).*", "",
             "### Discussion questions", ""]  # fmt: skip
    if rows:
        top, bottom = rows[0], rows[-1]
        lines.append(
            f"1. {top[0]} weighs {top[1]:.0%} for {union} and {top[2]:.0%} for {studio}; "
            f"{bottom[0]} the reverse ({bottom[1]:.0%} against {bottom[2]:.0%}). Which "
            "groups traded one for the other, and what did it earn both sides?"
        )
    lines += [
        "2. What was each side's walk-away point, and when did it move during the game?",
        "3. Who paid more for the weeks without a deal, and how did that show in the offers?",
        "4. Compare your deal with the Nash deal on the plane: who left value on the table?",
        "5. What does the ten-year projection say the AI terms did to jobs and pay?",
        "",
        "### Common mistakes",
        "",
        "- Splitting every issue down the middle instead of trading the issues each side "
        "values differently.",
        "- Treating the opening offers as the range of the deal; the walk-away points are "
        "what bound it.",
        "- Holding out without counting the weekly cost of the strike to one's own side.",
        "- Reading the other side's priorities from one offer instead of from how its offers move.",
    ]
    return "\n".join(lines) + "\n"


def teaching_notes(spec: GameSpec) -> str:
    """Hand-written notes when the folder has them, else generated ones."""
    return folder_notes(spec) or generated_notes(spec)
