"""Finding a recorded game's scenario again, on this computer or another one.

A run record keeps the scenario's id, where it came from (``shipped``,
``mods``, ``env`` — one of the roots, see :mod:`strikesim.scenario.roots` —
or ``file:<path>`` for a scenario outside every root) and a content hash.
Loading looks for the id in every root first (so a mod copied to another
computer's mods folder is found), then at the recorded path, and says
clearly when the scenario is missing or its files have changed.
"""

from __future__ import annotations

from pathlib import Path

from strikesim.engine.spec import GameSpec
from strikesim.scenario.catalog import find_scenario
from strikesim.scenario.diagnostics import ScenarioError
from strikesim.scenario.load import load_scenario
from strikesim.scenario.roots import MODS_ENV, root_of, user_mods_dir

__all__ = ["ScenarioNotFound", "load_recorded", "scenario_source"]

FILE_PREFIX = "file:"


class ScenarioNotFound(Exception):
    """A recorded scenario is missing, broken or changed: the message is for people."""


def scenario_source(spec: GameSpec) -> str:
    """How a record names where ``spec`` came from ("" for a scenario built in code)."""
    if not spec.source:
        return ""
    root = root_of(Path(spec.source))
    if root is not None and Path(spec.source).parent.parent == root.path:
        return root.kind
    return FILE_PREFIX + spec.source


def _where(source: str) -> str:
    if source.startswith(FILE_PREFIX):
        return f"the file {source.removeprefix(FILE_PREFIX)}"
    return {
        "shipped": "the shipped scenarios",
        "mods": f"the mods folder ({user_mods_dir()})",
        "env": f"a folder in {MODS_ENV}",
    }.get(source, "an unknown place")


def load_recorded(scenario_id: str, version: str, source: str, digest: str) -> GameSpec:
    """The scenario a record was played with; raises :class:`ScenarioNotFound`.

    An empty ``source``/``digest`` (records written before they were kept)
    skips the corresponding step.
    """
    candidates: list[Path] = []
    found = find_scenario(scenario_id)
    if found is not None:
        candidates.append(found)
    if source.startswith(FILE_PREFIX):
        recorded = Path(source.removeprefix(FILE_PREFIX))
        if recorded.is_file() and recorded.resolve() not in {c.resolve() for c in candidates}:
            candidates.append(recorded)
    if not candidates:
        came = f" (it came from {_where(source)})" if source else ""
        raise ScenarioNotFound(
            f"the scenario '{scenario_id}' is not installed{came}; copy its folder into the "
            f"mods folder {user_mods_dir()} or install it with 'strikesim install FILE.zip'"
        )
    problems: list[str] = []
    for path in candidates:
        try:
            spec = load_scenario(path)
        except ScenarioError as exc:
            first = exc.diagnostics[0].format() if exc.diagnostics else str(exc)
            problems.append(f"{path} does not load ({first})")
            continue
        if spec.id != scenario_id:
            problems.append(f"{path} now holds scenario '{spec.id}'")
            continue
        if spec.version != version:
            problems.append(
                f"{path} is version {spec.version} of '{scenario_id}', the game was played "
                f"with version {version}"
            )
            continue
        if digest and spec.content_hash and spec.content_hash != digest:
            problems.append(
                f"{path} has changed since the game was played (its content hash differs); "
                "restore the files it was played with to load it"
            )
            continue
        return spec
    raise ScenarioNotFound("; ".join(problems))
