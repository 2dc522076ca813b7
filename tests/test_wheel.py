"""The built wheel carries the scenarios and assets where the resource lookup expects them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _build_wheel(out: Path) -> Path:
    """Build with hatchling directly (no network, no isolated environment)."""
    pytest.importorskip("hatchling", reason="the dev extras install hatchling")
    code = "import sys, hatchling.build as b; print(b.build_wheel(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out / done.stdout.strip().splitlines()[-1]


def test_wheel_contains_scenarios_and_assets(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "strikesim/scenarios/wga-2023/scenario.yaml" in names
    assert "strikesim/scenario/resources.py" in names
    assert any(n.startswith("strikesim/assets/") for n in names)
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "scenarios").rglob("*.yaml")}
    assert {f"strikesim/{s}" for s in shipped} <= names


def test_installed_layout_finds_shipped_scenarios(tmp_path: Path) -> None:
    """Unpack the wheel and look the scenarios up from the unpacked package."""
    wheel = _build_wheel(tmp_path / "dist")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert not (site / "scenarios").exists()  # only inside the package
    code = (
        "from strikesim.scenario.resources import resource_path, list_scenarios; "
        "print(resource_path('scenarios')); print(resource_path('assets')); "
        "print(','.join(list_scenarios()))"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    scenarios, assets, ids = done.stdout.strip().splitlines()
    assert Path(scenarios) == site / "strikesim" / "scenarios"
    assert Path(assets) == site / "strikesim" / "assets"
    assert "wga-2023" in ids.split(",")
    shutil.rmtree(site)
