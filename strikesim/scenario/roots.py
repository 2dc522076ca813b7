"""The folders scenarios and campaigns are read from: the one list every part asks.

In order of precedence:

1. the shipped ``scenarios/`` folder (see :mod:`strikesim.scenario.resources`);
2. the per-user mods folder, ``<user data dir>/mods`` (``STRIKESIM_DATA_DIR/mods``
   when that variable is set), created on first run;
3. every folder named in ``STRIKESIM_MODS`` (separated by ``os.pathsep``).

Each root holds one folder per scenario (``<id>/scenario.yaml``) and a
``campaigns/`` folder of campaign files, the same layout as the shipped folder.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from strikesim.scenario.resources import ResourceNotFound, resource_path

__all__ = [
    "MODS_ENV",
    "Root",
    "ensure_user_mods_dir",
    "root_of",
    "scenario_roots",
    "user_data_dir",
    "user_mods_dir",
]

MODS_ENV = "STRIKESIM_MODS"
DATA_ENV = "STRIKESIM_DATA_DIR"
RootKind = Literal["shipped", "mods", "env"]


@dataclass(frozen=True)
class Root:
    """One folder of scenarios: where it is and why it is read."""

    path: Path
    kind: RootKind

    @property
    def is_mod(self) -> bool:
        """Everything outside the shipped folder is a mod."""
        return self.kind != "shipped"

    def describe(self) -> str:
        name = {"shipped": "shipped", "mods": "mods folder", "env": MODS_ENV}[self.kind]
        return f"{name}: {self.path}"


def user_data_dir() -> Path:
    """The user's StrikeSim data folder (``STRIKESIM_DATA_DIR`` overrides the platform's)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir as platform_dir

    return Path(platform_dir("strikesim", appauthor=False))


def user_mods_dir() -> Path:
    """The per-user mods folder (it may not exist yet: see :func:`ensure_user_mods_dir`)."""
    return user_data_dir() / "mods"


def ensure_user_mods_dir() -> Path | None:
    """Create the per-user mods folder if needed; None when it cannot be created.

    A read-only home must not stop the game, so failure is not an error here.
    """
    folder = user_mods_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _env_roots() -> list[Path]:
    raw = os.environ.get(MODS_ENV, "")
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part.strip()]


def scenario_roots(*, create: bool = False) -> list[Root]:
    """Every folder scenarios are read from, shipped first; each folder once.

    Folders that do not exist are left out (``create`` makes the user mods
    folder first, as the game does at start-up).
    """
    if create:
        ensure_user_mods_dir()
    candidates: list[Root] = []
    with contextlib.suppress(ResourceNotFound):
        candidates.append(Root(resource_path("scenarios"), "shipped"))
    candidates.append(Root(user_mods_dir(), "mods"))
    candidates += [Root(p, "env") for p in _env_roots()]
    out: list[Root] = []
    seen: set[Path] = set()
    for root in candidates:
        try:
            resolved = root.path.resolve()
        except OSError:
            continue
        if resolved in seen or not resolved.is_dir():
            continue
        seen.add(resolved)
        out.append(Root(resolved, root.kind))
    return out


def root_of(path: Path) -> Root | None:
    """The root holding ``path`` (a file or folder inside it), or None."""
    try:
        target = Path(path).resolve()
    except OSError:
        return None
    for root in scenario_roots():
        if target == root.path or root.path in target.parents:
            return root
    return None
