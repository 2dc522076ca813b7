"""Legible at any size: the audit of cut text and overlapping boxes over the whole tour,
and the screenshot tool's honesty about sizes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pygame
import pytest

from strikesim.cli import main
from strikesim.ui.audit import AUDIT, STRICT_KINDS, box, elided, overlaps
from strikesim.ui.draw import ellipsize, wrap_text
from strikesim.ui.tour import SHOTS, take_screenshots

CONFIGS = [
    pytest.param((1280, 720), 1.0, marks=pytest.mark.slow),
    pytest.param((1280, 720), 1.75, marks=pytest.mark.slow),
    pytest.param((960, 540), 1.0, marks=pytest.mark.slow),
    pytest.param((960, 540), 1.75),
]
"""The smallest window at the largest text runs by default (it is where layouts break
first); the other three run with ``-m slow``."""


@pytest.mark.parametrize(("size", "scale"), CONFIGS, ids=lambda v: str(v))
def test_no_player_text_is_cut_and_no_boxes_overlap_on_any_tour_screen(
    tmp_path: Path, size: tuple[int, int], scale: float
) -> None:
    findings: dict[str, dict[str, list[dict[str, str]]]] = {}
    paths = take_screenshots(tmp_path, size, text_scale=scale, audit=findings)
    assert len(paths) == len(SHOTS), "the whole tour ran"
    assert set(findings) == set(SHOTS)
    cut = [
        (shot, e["kind"], e["text"])
        for shot, found in findings.items()
        for e in found["elided"]
        if e["kind"] in STRICT_KINDS
    ]
    assert not cut, f"cut short: {cut}"
    crossed = [(shot, o) for shot, found in findings.items() for o in found["overlaps"]]
    assert not crossed, f"overlapping boxes: {crossed}"


def test_the_audit_notes_cuts_and_overlaps_only_while_on(ctx: object) -> None:
    font = pygame.font.Font(None, 20)
    AUDIT.reset()
    ellipsize(font, "a label far too long for its box " * 3, 60, "option")
    assert AUDIT.elisions == [], "off by default"
    AUDIT.enabled = True
    try:
        shown = ellipsize(font, "a label far too long for its box " * 3, 60, "option")
        assert shown.endswith("…") and AUDIT.elisions[0]["kind"] == "option"
        wrap_text(font, "Supercalifragilisticexpialidocious", 40, "chart")
        assert AUDIT.elisions[-1]["kind"] == "chart"
        elided("move", "Walk out", "W…")
        box("legend", pygame.Rect(0, 0, 50, 10), "a")
        box("legend", pygame.Rect(40, 5, 50, 10), "b")
        box("other", pygame.Rect(0, 0, 50, 10), "c")

        class Screen:
            class ctx:
                size = (200, 200)

            widgets = ()

        found = overlaps(Screen())
        assert [(o["a"], o["b"]) for o in found] == [("a", "b")]
    finally:
        AUDIT.enabled = False
        AUDIT.reset()


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = main(list(argv), out=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_screenshots_refuse_sizes_the_game_cannot_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out = _cli("screenshots", "--out", str(tmp_path), "--size", "800x600")
    assert code != 0
    assert "960x540" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.png")), "no file named with a size it did not make"
    code, _out = _cli("screenshots", "--out", str(tmp_path), "--text-scale", "3")
    assert code != 0


def test_audit_prints_json_with_totals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import strikesim.ui.tour as tour

    monkeypatch.setattr(tour, "SHOTS", ("title",))

    def short(out: Path, size: tuple[int, int], **kw: object) -> list[Path]:
        audit = kw["audit"]
        assert isinstance(audit, dict) and kw["text_scale"] == 1.75
        audit["title"] = {"elided": [{"kind": "text", "text": "x", "shown": "…"}], "overlaps": []}
        return [out / "01-title-1280x720.png"]

    monkeypatch.setattr(tour, "take_screenshots", short)
    code, out = _cli("screenshots", "--out", str(tmp_path), "--audit", "--text-scale", "1.75")
    assert code == 0
    report = json.loads(out)
    assert report["elided"] == 1 and report["overlaps"] == 0 and "title" in report
