"""The one resource lookup finds the data folders in a checkout and inside the package."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikesim.scenario import resources
from strikesim.scenario.resources import list_scenarios, resource_path, scenario_file

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_layout_finds_the_repository_folders() -> None:
    assert resource_path("scenarios") == ROOT / "scenarios"
    assert resource_path("assets") == ROOT / "assets"


def test_wheel_layout_prefers_the_copy_inside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "strikesim"
    (package / "scenarios" / "demo").mkdir(parents=True)
    (package / "scenarios" / "demo" / "scenario.yaml").write_text("id: demo\n")
    (package / "assets").mkdir()
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    resource_path.cache_clear()
    try:
        assert resource_path("scenarios") == package / "scenarios"
        assert resource_path("assets") == package / "assets"
        assert list_scenarios() == ["demo"]
    finally:
        resource_path.cache_clear()


def test_missing_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "nowhere" / "strikesim")
    resource_path.cache_clear()
    try:
        with pytest.raises(resources.ResourceNotFound, match="reinstall"):
            resource_path("assets")
    finally:
        resource_path.cache_clear()


def test_unknown_resource_name_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown resource folder"):
        resource_path("fonts")  # type: ignore[arg-type]


def test_list_scenarios_skips_abstract_bases() -> None:
    ids = list_scenarios()
    assert "wga-2023" in ids
    assert "base-hollywood" not in ids
    assert ids == sorted(ids)
    assert "base-hollywood" in list_scenarios(include_abstract=True)


@pytest.mark.parametrize("bad", ["", "../scenarios", "wga-2023/../x", ".hidden", "no-such"])
def test_scenario_file_rejects_paths_and_unknown_ids(bad: str) -> None:
    assert scenario_file(bad) is None


def test_scenario_file_of_a_shipped_id() -> None:
    path = scenario_file("wga-2023")
    assert path is not None and path.name == "scenario.yaml" and path.is_file()
