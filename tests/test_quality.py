"""One test command checks everything: lint, format and strict types, beside the tests."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import strikesim

REPO = Path(__file__).resolve().parents[1]


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "strikesim", "tests", "benchmarks"),
        ("ruff", "format", "--check", "strikesim", "tests", "benchmarks"),
        ("mypy", "strikesim"),
    ],
    ids=["lint", "format", "types"],
)
def test_code_quality(command: tuple[str, ...], tmp_path: Path) -> None:
    pytest.importorskip(command[0])
    extra = ("--cache-dir", str(tmp_path / "cache")) if command[0] == "mypy" else ()
    proc = _tool(*command, *extra)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_public_surfaces_match_all() -> None:
    """Every package's ``__all__`` names exist, and nothing private is exported."""
    for info in pkgutil.walk_packages(strikesim.__path__, "strikesim."):
        if not info.ispkg or info.name.startswith("strikesim.ui"):
            continue
        module = importlib.import_module(info.name)
        names = getattr(module, "__all__", None)
        if names is None:
            continue
        missing = [n for n in names if not hasattr(module, n)]
        assert not missing, f"{info.name}.__all__ names missing objects: {missing}"
        assert all(not n.startswith("_") for n in names), info.name
