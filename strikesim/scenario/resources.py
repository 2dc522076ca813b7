"""One lookup for the data folders shipped with the game.

In a source checkout ``assets/``, ``scenarios/`` and ``docs/`` sit at the repository root,
next to the ``strikesim`` package; in an installed wheel they are copied into
the package itself (``strikesim/assets``, ``strikesim/scenarios``, see the
hatchling ``force-include`` table in ``pyproject.toml``). Every part of the
program asks :func:`resource_path` instead of guessing, so both layouts work.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from strikesim.errors import NotFound

__all__ = ["ResourceNotFound", "list_scenarios", "resource_path", "scenario_file", "scenario_roots"]

Resource = Literal["assets", "scenarios", "docs"]
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The ``strikesim`` package folder."""
SCENARIO_FILE = "scenario.yaml"


class ResourceNotFound(NotFound):
    """A shipped data folder is missing (a broken install or checkout)."""


@cache
def resource_path(name: Resource) -> Path:
    """The folder ``name`` (``"assets"``, ``"scenarios"`` or ``"docs"``: the guides shown in
    the game), installed or in a checkout.

    The copy inside the package (wheel install) wins over the checkout one.
    """
    if name not in ("assets", "scenarios", "docs"):
        raise ValueError(
            f"unknown resource folder {name!r}; expected 'assets', 'scenarios' or 'docs'"
        )
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise ResourceNotFound(
        f"the '{name}' folder was not found next to or inside {_PACKAGE_DIR}; reinstall StrikeSim"
    )


def scenario_roots() -> list[Path]:
    """The folders holding scenarios the game may read by id or by ``extends:``:
    the shipped ``scenarios`` folder, the per-user mods folder and the folders of
    ``STRIKESIM_MODS`` (see :mod:`strikesim.scenario.roots`, which lists them).
    ``extends:`` may also name files inside the folder of the file being checked;
    see :func:`strikesim.scenario.load.extends_roots`.
    """
    from strikesim.scenario.roots import scenario_roots as roots

    return [root.path for root in roots()]


def scenario_file(scenario_id: str) -> Path | None:
    """The ``scenario.yaml`` of a shipped scenario, or None if there is no such id."""
    if not scenario_id or "/" in scenario_id or "\\" in scenario_id or scenario_id.startswith("."):
        return None
    path = resource_path("scenarios") / scenario_id / SCENARIO_FILE
    return path if path.is_file() else None


def list_scenarios(*, include_abstract: bool = False) -> list[str]:
    """Ids of the shipped scenarios, sorted; abstract bases only when asked.

    A scenario is abstract when its file has a top-level ``abstract: true``
    line; this is read from the text so listing never parses every file.
    """
    root = resource_path("scenarios")
    ids = []
    for folder in sorted(root.iterdir()):
        path = folder / SCENARIO_FILE
        if not path.is_file():
            continue
        if include_abstract or not _is_abstract(path):
            ids.append(folder.name)
    return ids


def _is_abstract(path: Path) -> bool:
    from strikesim.files import FileProblem, read_capped

    try:
        text = read_capped(path, 1024 * 1024).decode("utf-8", errors="replace")
    except FileProblem:
        return False
    for line in text.splitlines():
        if line.startswith("abstract:"):
            return line.split(":", 1)[1].split("#", 1)[0].strip() == "true"
    return False
