"""The strikesim command: headless runs, validation, listing, and clear errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from strikesim.cli import main

REPO = Path(__file__).resolve().parents[1]


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_run_prints_a_whole_dispute() -> None:
    code, text = _run("run", "wga-2023", "--seed", "1")
    assert code == 0
    assert text.startswith("StrikeSim — ")
    assert "Week 0 · Mar 20, 2023" in text
    assert "Outcome: " in text
    assert "offers:" in text


def test_run_json_is_parseable_and_deterministic() -> None:
    a = json.loads(_run("run", "wga-2023", "--seed", "2", "--json")[1])
    b = json.loads(_run("run", "wga-2023", "--seed", "2", "--json")[1])
    assert a == b
    assert a["outcome"] != "ongoing"
    assert a["weeks"][0]["week"] == 0


def test_validate_shipped_scenarios_clean() -> None:
    code, text = _run("validate", str(REPO / "scenarios"))
    assert code == 0, text
    assert "0 error(s), 0 warning(s)" in text


def test_list_shows_the_default_scenario() -> None:
    code, text = _run("list")
    assert code == 0
    assert "wga-2023" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "no-such-scenario"], "no-such-scenario"),
        (["run", "wga-2023", "--union", "nobody"], "no union negotiator 'nobody'"),
        (["validate", "/no/such/path"], "no such file or folder"),
    ],
)
def test_user_mistakes_give_one_clear_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _run(*argv)
    err = capsys.readouterr().err
    assert code != 0
    assert message in err
    assert "Traceback" not in err


def test_bad_seed_is_a_usage_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "strikesim", "run", "wga-2023", "--seed", "x"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 2
    assert "a seed is a whole number" in proc.stderr
