"""What really happened: a scenario folder's ``history.yaml``, read for the teacher.

The file (shipped with the 2023 scenarios) holds the real outcome in words, the real terms
per issue and, optionally, ``levels``: the real contract placed on the scenario's own levels
(an option id, or a range issue's number), so the answer key and the class report can put
the 2023 deal on the utility plane beside the frontier.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from strikesim.catalogue import scenario_folder
from strikesim.engine.spec import GameSpec
from strikesim.files import FileProblem, read_capped_text

MAX_HISTORY_BYTES = 256 * 1024


@dataclass(frozen=True)
class History:
    """The real dispute a scenario is based on."""

    title: str
    outcome: str
    terms: dict[str, str] = field(default_factory=dict)
    """Issue id -> the real term in words."""
    levels: tuple[int, ...] | None = None
    """The real contract as level indices (None when not every issue is placed)."""


def load_history(spec: GameSpec) -> History | None:
    """The scenario's ``history.yaml`` (None when there is none or it cannot be read)."""
    folder = scenario_folder(spec)
    if folder is None:
        return None
    try:
        data = yaml.safe_load(read_capped_text(folder / "history.yaml", MAX_HISTORY_BYTES))
    except (FileProblem, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    terms = data.get("terms")
    terms = {str(k): str(v) for k, v in terms.items()} if isinstance(terms, dict) else {}
    return History(
        title=str(data.get("title", "What really happened")),
        outcome=" ".join(str(data.get("outcome", "")).split()),
        terms=terms,
        levels=_levels(spec, data.get("levels")),
    )


def _levels(spec: GameSpec, raw: object) -> tuple[int, ...] | None:
    """Level indices of ``raw`` (issue id -> option id or number); None if any is missing."""
    if not isinstance(raw, dict):
        return None
    out = []
    for issue in spec.issues:
        value = raw.get(issue.id)
        if value is None:
            return None
        if isinstance(value, str) and value in issue.level_ids:
            out.append(issue.level_ids.index(value))
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            near = min(range(issue.n_levels), key=lambda k: abs(issue.values[k] - value))
            if abs(issue.values[near] - value) <= 1e-9 * max(1.0, abs(value)):
                out.append(near)
                continue
        return None
    return tuple(out)
