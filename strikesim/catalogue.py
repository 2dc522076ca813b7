"""What the game offers before play: scenario and campaign entries, opponents, briefing texts.

Plain data gathered from the scenario package, the AI registry and the campaign module,
with every failure turned into text for the player: a scenario that does not load is listed
with its first error and cannot be chosen, never a crash. The pre-game screens show it and
the classroom pages print it; no pygame here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from strikesim.engine.spec import SIDES, GameSpec
from strikesim.scenario import ScenarioError, Severity, load_scenario, validate_path
from strikesim.scenario.catalog import discover, find_scenario

SIDE_TITLES = ("The union", "The studios")
"""Eyebrow text for each side (index 0 union, 1 studio)."""

BUILTIN_DESCRIPTIONS = {
    "time_dependent": "Concedes steadily as the weeks pass.",
    "boulware": "Holds its ground almost to the end, then gives way in a rush.",
    "linear": "Gives the same amount of ground every week.",
    "conceder": "Moves early and generously to get a deal done.",
    "resource": "Concedes as its money or members' patience runs out.",
    "tit_for_tat": "Answers each of your concessions with one of its own.",
    "zeuthen": "Concedes when it has less to lose from a strike than you do.",
    "adaptive": "Blends time, resources and your moves; hard to read.",
    "scripted": "Tables the real packages of the time, in their real weeks.",
}
"""Descriptions of the built-in negotiators that any scenario can use."""


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario card. ``spec`` is None when the scenario cannot be loaded (``error``)."""

    id: str
    title: str
    summary: str
    spec: GameSpec | None
    tags: tuple[str, ...] = ()
    difficulty: str = ""
    max_weeks: int = 0
    sides: tuple[str, str] = ("", "")
    warnings: tuple[str, ...] = ()
    error: str = ""
    folder: str = ""
    """The scenario's folder (shown for mods)."""
    is_mod: bool = False

    @property
    def playable(self) -> bool:
        return self.spec is not None


@dataclass(frozen=True)
class CampaignEntry:
    """One campaign card: an id, a title and the scenario ids it chains, in order."""

    id: str
    title: str
    chain: tuple[str, ...]
    first: ScenarioEntry | None
    summary: str = ""
    difficulty: str = ""

    @property
    def playable(self) -> bool:
        return self.first is not None and self.first.playable


@dataclass(frozen=True)
class Opponent:
    """A negotiator the player can face: registry name, display label, description."""

    name: str
    label: str
    description: str


def _warnings(path: Path | None) -> tuple[str, ...]:
    if path is None:
        return ()
    return tuple(
        f"{d.path}: {d.message}" if d.path else d.message
        for d in validate_path(path)
        if d.severity == Severity.WARNING
    )


@lru_cache(maxsize=64)
def scenario_entry(scenario_id: str) -> ScenarioEntry:
    """Load one scenario (shipped or a mod) for its card.

    Cached: the files do not change in play (the reload key clears the cache).
    """
    path = find_scenario(scenario_id)
    entry = next((e for e in discover().scenarios.values() if e.id == scenario_id), None)
    is_mod = entry.is_mod if entry is not None else False
    folder = str(path.parent) if path is not None else ""

    def broken(reason: str) -> ScenarioEntry:
        return ScenarioEntry(
            scenario_id, scenario_id, "", None, error=reason, folder=folder, is_mod=is_mod
        )

    try:
        spec = load_scenario(path if path is not None else scenario_id)
    except ScenarioError as exc:
        errors = [d for d in exc.diagnostics if d.severity == Severity.ERROR]
        first = (errors or list(exc.diagnostics))[:1]
        return broken(first[0].format() if first else str(exc))
    except (OSError, ValueError) as exc:
        return broken(str(exc))
    return ScenarioEntry(
        id=spec.id,
        title=spec.title,
        summary=spec.summary,
        spec=spec,
        tags=tuple(spec.tags),
        difficulty=spec.difficulty,
        max_weeks=spec.phases.max_weeks,
        sides=(spec.parties[0].name, spec.parties[1].name),
        warnings=_warnings(path),
        folder=folder,
        is_mod=is_mod,
    )


def scenario_entries() -> list[ScenarioEntry]:
    """Every scenario in every root (shipped first, then mods), in id order.

    A mod that does not load is listed with its first error; a mod whose id is
    already taken is listed as a clash naming both folders. Neither can be chosen.
    """
    catalog = discover()
    out = [scenario_entry(e.id) for e in catalog.scenarios.values() if not e.abstract]
    for clash in catalog.clashes:
        if clash.kind == "scenario":
            ignored = clash.paths[1]
            out.append(
                ScenarioEntry(
                    clash.id,
                    clash.id,
                    "",
                    None,
                    error=clash.message(),
                    folder=str(ignored.parent),
                    is_mod=True,
                )
            )
    return sorted(out, key=lambda e: (e.is_mod, e.id))


def clear_cache() -> None:
    """Forget loaded scenario cards (after a scenario changed on disk)."""
    scenario_entry.cache_clear()


def campaign_entries() -> list[CampaignEntry]:
    """The shipped campaigns (empty when the game has none or they cannot be read)."""
    from strikesim.campaign import list_campaigns

    try:
        raw = list(list_campaigns())
    except Exception:  # a broken campaign file must not keep the player from playing
        return []
    out = []
    for item in raw:
        cid, title, chain = str(item[0]), str(item[1]), tuple(str(s) for s in item[2])
        first = scenario_entry(chain[0]) if chain else None
        summary, difficulty = _campaign_details(cid)
        out.append(CampaignEntry(cid, title, chain, first, summary, difficulty))
    return out


def _campaign_details(campaign_id: str) -> tuple[str, str]:
    """(summary, difficulty) of a campaign, ('', '') when they cannot be read."""
    try:
        from strikesim.campaign import load_campaign

        campaign = load_campaign(campaign_id)
    except Exception:  # the card still shows the chain of scenarios
        return "", ""
    return str(campaign.summary), str(campaign.difficulty)


def length_label(weeks: int) -> str:
    return f"Up to {weeks} weeks" if weeks else ""


def opponents(spec: GameSpec, side: int) -> list[Opponent]:
    """Negotiators that can play ``side`` (the scenario's personalities first)."""
    from strikesim.ai import negotiator_names

    personalities = {p.id: p for p in spec.personalities}
    out = []
    for name in negotiator_names(spec, side):
        p = personalities.get(name)
        if p is not None:
            out.append(Opponent(name, p.label, p.description))
        else:
            label = name.replace("_", " ").capitalize()
            out.append(Opponent(name, label, BUILTIN_DESCRIPTIONS.get(name, "")))
    return out


def scenario_folder(spec: GameSpec) -> Path | None:
    """The folder the scenario was loaded from (briefs and background live there)."""
    source = Path(spec.scenario_source) if spec.scenario_source else None
    if source is not None and source.is_absolute():
        return source.parent
    path = find_scenario(spec.id)
    return path.parent if path is not None else None


def _read(folder: Path | None, name: str) -> str:
    if folder is None:
        return ""
    from strikesim.files import FileProblem, read_capped_text

    try:
        return read_capped_text(folder / name, 1024 * 1024)
    except FileProblem:
        return ""


def background_text(spec: GameSpec) -> str:
    """The public background (``background.md``), or one built from the scenario file."""
    text = _read(scenario_folder(spec), "background.md")
    if text.strip():
        return text
    lines = [f"# {spec.title} — background", "", spec.summary.strip(), ""]
    for party in spec.parties:
        lines += [f"## {party.name}", "", party.description.strip() or "—", ""]
    lines += ["## The issues on the table", ""]
    for issue in spec.issues:
        levels = " · ".join(issue.level_labels)
        lines.append(f"- **{issue.label}**: {levels}")
    return "\n".join(lines) + "\n"


def brief_text(spec: GameSpec, side: int) -> str:
    """The confidential brief of ``side`` (``brief-<side>.md``, or one built from the
    scenario file), ending with the side's objectives and how it is scored
    (:func:`strikesim.analysis.goals.goals_markdown`)."""
    from strikesim.analysis.goals import goals_markdown

    goals = goals_markdown(spec, side)
    text = _read(scenario_folder(spec), f"brief-{SIDES[side]}.md")
    if text.strip():
        return text.rstrip() + ("\n\n" + goals if goals else "\n")
    party = spec.parties[side]
    lines = [f"# Confidential — {party.name}", "", "## Your priorities", ""]
    issues = sorted(spec.issues, key=lambda i: -i.weight[side])
    for issue in issues:
        best = max(range(issue.n_levels), key=lambda k: issue.utility[side][k])
        worst = min(range(issue.n_levels), key=lambda k: issue.utility[side][k])
        lines.append(
            f"- **{issue.label}** ({issue.weight[side]:.0%} of the contract's value to you): "
            f"best {issue.level_labels[best]}, worst {issue.level_labels[worst]}"
        )
    lines += [
        "",
        f"**Reservation:** a deal below {party.reservation.source} is worse than a fight.",
    ]
    return "\n".join(lines) + "\n" + ("\n" + goals if goals else "")


def public_sides_text(spec: GameSpec, first: int) -> str:
    """For a hot seat, what both players may read together: each side's description and
    opening position (on the table from week 0), player 1 leading ``first``. Nothing from
    the confidential briefs."""
    lines = ["# The two sides", ""]
    for player, side in enumerate((first, 1 - first), start=1):
        party = spec.parties[side]
        lines += [f"## Player {player}: {party.name}", "", party.description.strip() or "—", ""]
        lines += ["Its opening position:", ""]
        for issue, level in zip(spec.issues, spec.opening_offers[side], strict=True):
            lines.append(f"- **{issue.label}**: {issue.level_labels[level]}")
        lines.append("")
    lines += [
        "## Your confidential briefs",
        "",
        "Each side also has a confidential brief: its priorities, its walk-away point and its "
        "objectives. Neither is shown here. When the game starts, a hand-over screen asks one "
        "player at a time to take the controls while the other looks away, and shows each "
        "player their own brief at their first turn.",
    ]
    return "\n".join(lines) + "\n"
