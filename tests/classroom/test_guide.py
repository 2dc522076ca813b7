"""The teacher's guide: its generated part is current and the game shows it whole."""

from __future__ import annotations

from pathlib import Path

from strikesim.classroom.guide import (
    MARKER,
    generated_part,
    guide_path,
    guide_with_scenarios,
    hand_written,
    main,
    shipped_specs,
)
from tests.classroom.helpers import mod_scenario

DOC = Path(__file__).resolve().parents[2] / "docs" / "teaching.md"


def test_the_guide_file_is_the_one_the_game_ships() -> None:
    assert guide_path() == DOC


def test_the_generated_part_of_the_guide_is_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    want = hand_written(text) + "\n" + generated_part(shipped_specs())
    assert text == want, "docs/teaching.md is stale: run python -m strikesim.classroom.guide"


def test_the_guide_has_the_plans_and_a_key_for_every_shipped_scenario() -> None:
    text = DOC.read_text(encoding="utf-8")
    head = hand_written(text)
    for needle in ("45 minutes", "90 minutes", "multi-week campaign", "computer lab",
                   "One projector", "Record a deal", "class folder"):  # fmt: skip
        assert needle in head, needle
    for spec in shipped_specs():
        assert f"(`{spec.id}`)" in text and f"Answer key: {spec.title}" in text


def test_the_game_adds_a_section_for_a_modders_scenario(tmp_path: Path) -> None:
    spec = mod_scenario(tmp_path)
    text = guide_with_scenarios([spec])
    assert text.count(MARKER) == 1
    assert f"Answer key: {spec.title}" in text and "generated from the scenario file" in text


def test_the_updater_rewrites_only_the_generated_part(tmp_path: Path) -> None:
    path = tmp_path / "teaching.md"
    path.write_text("# Mine\n\nHand text.\n\n" + MARKER + "\n\nold stuff\n", encoding="utf-8")
    assert main([str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Mine\n\nHand text.\n") and "old stuff" not in text
    assert "Answer key: Writers' Strike 2023" in text
