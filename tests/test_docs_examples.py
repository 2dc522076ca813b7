"""The examples of docs/python-api.md run as written (from the repository root)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import runpy
import sys
from pathlib import Path

import pytest

from strikesim.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "python-api.md"
EXAMPLES = ROOT / "docs" / "examples" / "python"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "path", list(sys.path))  # examples may add their folder


def test_the_page_has_its_examples() -> None:
    assert len(python_blocks()) == 7


@pytest.mark.parametrize("index", range(7))
def test_each_python_example_runs(index: int, at_root: None) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(python_blocks()[index], f"{DOC.name}[{index}]", "exec"), {})
    assert out.getvalue().strip(), "every example prints what it found"


def test_the_monte_carlo_study_prints_a_row_per_negotiator(at_root: None) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(python_blocks()[2], {})
    rows = out.getvalue().splitlines()[1:]
    assert [r.split()[0] for r in rows] == ["boulware", "linear", "conceder", "tit_for_tat"]
    assert all(r.split()[1].endswith("%") for r in rows)


def test_the_custom_negotiator_enters_the_balance_command(at_root: None) -> None:
    out = io.StringIO()
    code = cli_main(
        [
            "balance", "classroom-quick", "--side", "union", "--runs", "4",
            "--difficulty", "normal", "--negotiator",
            f"{os.path.relpath(EXAMPLES / 'converge.py', ROOT)}:Converge",
        ],
        out,
    )  # fmt: skip
    text = out.getvalue()
    assert code == 0
    assert "Converge (custom)" in text
    verdicts = text.split("Verdict", 1)[1]
    assert "Converge" not in verdicts  # no bar judges a custom entrant


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("converge.py", "FILE.py:NAME"),
        ("nowhere.py:Thing", "no file"),
        ("docs/examples/python/converge.py:Missing", "no class or function 'Missing'"),
        ("docs/examples/python/converge.py:never_agree", "already a policy"),
    ],
)
def test_a_bad_negotiator_reference_is_a_clear_message(
    ref: str, message: str, at_root: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli_main(["balance", "classroom-quick", "--negotiator", ref], io.StringIO())
    assert code != 0
    assert message in capsys.readouterr().err


def test_random_agents_play_whole_games(at_root: None) -> None:
    module = runpy.run_path(str(EXAMPLES / "random_agents.py"))
    endings = module["main"](games=15, scenario="classroom-quick", seed=3)
    assert sum(endings.values()) == 15
    assert set(endings) <= {"deal_ratified", "union_capitulated", "studio_capitulated", "deadline"}
    assert endings == module["main"](games=15, scenario="classroom-quick", seed=3)
