"""Which scenarios and campaigns exist, across every root (shipped folder and mods).

A scenario is a folder ``<root>/<id>/scenario.yaml``; a campaign is a file
``<root>/campaigns/<id>.yaml``. Ids must be unique across roots: when two roots
hold the same id, the first root wins (so a mod can never silently replace a
shipped scenario) and the clash is reported with both paths.

Discovery reads folder names and one line of each file, never parses YAML, so
it is cheap enough to run whenever a list is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from strikesim.scenario.resources import SCENARIO_FILE, _is_abstract
from strikesim.scenario.roots import Root, scenario_roots

__all__ = [
    "CAMPAIGN_FOLDER",
    "Catalog",
    "Clash",
    "Entry",
    "discover",
    "find_campaign",
    "find_scenario",
    "scenario_ids",
]

CAMPAIGN_FOLDER = "campaigns"
Kind = Literal["scenario", "campaign"]


@dataclass(frozen=True)
class Entry:
    """One scenario folder or campaign file found in a root."""

    id: str
    path: Path
    """``scenario.yaml`` of a scenario, the ``.yaml`` file of a campaign."""
    root: Root
    abstract: bool = False

    @property
    def is_mod(self) -> bool:
        return self.root.is_mod

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class Clash:
    """The same id in more than one root; ``paths[0]`` is the one used."""

    id: str
    kind: Kind
    paths: tuple[Path, ...]

    def message(self) -> str:
        others = " and ".join(str(p) for p in self.paths[1:])
        return (
            f"{self.kind} id '{self.id}' is used twice: {self.paths[0]} (used) and {others} "
            f"(ignored); rename one of the {'folders' if self.kind == 'scenario' else 'files'}"
        )


@dataclass(frozen=True)
class Catalog:
    """Everything found, by id, plus the clashes between roots."""

    roots: tuple[Root, ...]
    scenarios: dict[str, Entry]
    campaigns: dict[str, Entry]
    clashes: tuple[Clash, ...]

    def clash(self, kind: Kind, item_id: str) -> Clash | None:
        return next((c for c in self.clashes if c.kind == kind and c.id == item_id), None)


def _scenario_folders(root: Root) -> list[Entry]:
    out = []
    try:
        folders = sorted(root.path.iterdir())
    except OSError:
        return []
    for folder in folders:
        path = folder / SCENARIO_FILE
        if folder.name.startswith(".") or not path.is_file():
            continue
        try:
            abstract = _is_abstract(path)
        except OSError:
            abstract = False
        out.append(Entry(folder.name, path, root, abstract))
    return out


def _campaign_files(root: Root) -> list[Entry]:
    folder = root.path / CAMPAIGN_FOLDER
    if not folder.is_dir():
        return []
    return [
        Entry(p.stem, p, root)
        for p in sorted(folder.glob("*.yaml"))
        if p.is_file() and not p.name.startswith(".")
    ]


def discover(roots: list[Root] | None = None) -> Catalog:
    """Scan every root (or those given)."""
    roots = scenario_roots() if roots is None else roots
    found: dict[Kind, dict[str, list[Entry]]] = {"scenario": {}, "campaign": {}}
    for root in roots:
        for entry in _scenario_folders(root):
            found["scenario"].setdefault(entry.id, []).append(entry)
        for entry in _campaign_files(root):
            found["campaign"].setdefault(entry.id, []).append(entry)
    clashes = [
        Clash(item_id, kind, tuple(e.path for e in entries))
        for kind, by_id in found.items()
        for item_id, entries in sorted(by_id.items())
        if len(entries) > 1
    ]
    return Catalog(
        tuple(roots),
        {k: v[0] for k, v in sorted(found["scenario"].items())},
        {k: v[0] for k, v in sorted(found["campaign"].items())},
        tuple(clashes),
    )


def _plain_id(text: str) -> bool:
    return bool(text) and not any(c in text for c in "/\\") and not text.startswith(".")


def find_scenario(scenario_id: str) -> Path | None:
    """The ``scenario.yaml`` of ``scenario_id`` in any root, or None."""
    if not _plain_id(scenario_id):
        return None
    for root in scenario_roots():
        path = root.path / scenario_id / SCENARIO_FILE
        if path.is_file():
            return path
    return None


def find_campaign(campaign_id: str) -> Path | None:
    """The file of campaign ``campaign_id`` in any root, or None."""
    if not _plain_id(campaign_id):
        return None
    for root in scenario_roots():
        path = root.path / CAMPAIGN_FOLDER / f"{campaign_id}.yaml"
        if path.is_file():
            return path
    return None


def scenario_ids(*, include_abstract: bool = False) -> list[str]:
    """Ids of every scenario in every root, sorted; abstract bases only when asked."""
    return [e.id for e in discover().scenarios.values() if include_abstract or not e.abstract]
