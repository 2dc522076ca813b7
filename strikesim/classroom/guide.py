"""The teacher's guide: ``docs/teaching.md``, with a generated section per scenario.

The guide's first part is written by hand (learning goals, session plans, set-up). Below
:data:`MARKER` each shipped scenario gets its teaching notes (its folder's ``teaching.md``)
and its answer key, generated from the analysis code, so the two never disagree. Run
``python -m strikesim.classroom.guide`` after changing a scenario to bring the file up to
date (a test fails while it is stale). In the game the guide is shown with the same
sections for every scenario installed, mods included (:func:`guide_with_scenarios`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from strikesim.classroom.answer_key import answer_key, answer_key_markdown
from strikesim.classroom.teaching_notes import teaching_notes
from strikesim.engine.spec import GameSpec

GUIDE_FILE = "teaching.md"
MARKER = "<!-- Everything below is generated: python -m strikesim.classroom.guide -->"


def guide_path() -> Path:
    from strikesim.scenario.resources import resource_path

    return resource_path("docs") / GUIDE_FILE


def hand_written(text: str) -> str:
    """The part of the guide above :data:`MARKER` (all of it when there is none)."""
    head, _, _ = text.partition(MARKER)
    return head.rstrip() + "\n"


def scenario_section(spec: GameSpec) -> str:
    """One scenario's notes and answer key (no AI-vs-AI line: it moves with AI tuning)."""
    notes = teaching_notes(spec).strip()
    key = answer_key_markdown(answer_key(spec, ai_runs=0), level=3).strip()
    return f"## {spec.title} (`{spec.id}`)\n\n{_demote(notes)}\n\n{key}\n"


def _demote(markdown: str) -> str:
    """Headings one level down (a scenario's notes start at ``##``; here they sit under one)."""
    out = []
    for line in markdown.splitlines():
        out.append("#" + line if line.startswith("#") else line)
    return "\n".join(out)


def generated_part(specs: Sequence[GameSpec]) -> str:
    sections = [scenario_section(spec) for spec in specs]
    return f"{MARKER}\n\n# Per scenario: notes and answer keys\n\n" + "\n".join(sections)


def shipped_specs() -> list[GameSpec]:
    from strikesim.scenario import load_scenario
    from strikesim.scenario.resources import list_scenarios

    return [load_scenario(sid) for sid in list_scenarios()]


def guide_with_scenarios(specs: Sequence[GameSpec]) -> str:
    """The hand-written guide followed by ``specs``' sections (what the game shows)."""
    from strikesim.files import FileProblem, read_capped_text

    try:
        text = read_capped_text(guide_path(), 1024 * 1024)
    except FileProblem:
        text = "# Teacher's guide\n\nThe guide file is missing from this installation.\n"
    return hand_written(text) + "\n" + generated_part(specs)


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the generated part of ``docs/teaching.md`` (or of the file given)."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else Path("docs") / GUIDE_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(hand_written(text) + "\n" + generated_part(shipped_specs()), encoding="utf-8")
    print(f"updated {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
