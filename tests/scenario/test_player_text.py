"""Text a player reads (cards, clippings, tooltips) carries no research-note markers.

Citations belong in YAML comments and ``sources:``; a clipping that says
"(facts §4d)" or "[design]" reads as a mistake on screen.
"""

from __future__ import annotations

import re

import pytest

from strikesim.engine import GameSpec
from strikesim.scenario import list_scenarios, load_scenario

MARKERS = re.compile(r"(facts|models) §|\bDESIGN\b|\[(design|D|C|V|S)\]")


def player_texts(spec: GameSpec) -> list[tuple[str, str]]:
    out = [("summary", spec.summary), ("title", spec.title)]
    out += [(f"parties.{p.id}", f"{p.name} {p.description}") for p in spec.parties]
    for i in spec.issues:
        out.append((f"issues.{i.id}", " ".join((i.label, i.description, *i.level_labels))))
    out += [(f"variables.{v.id}", f"{v.label} {v.description}") for v in spec.variables]
    out += [(f"actions.{a.id}", f"{a.label} {a.description} {a.headline}") for a in spec.actions]
    out += [(f"events.{e.id}", f"{e.headline} {e.body}") for e in spec.events]
    out += [(f"personalities.{p.id}", f"{p.label} {p.description}") for p in spec.personalities]
    out += [(f"objectives.{o.id}", o.label) for o in spec.objectives]
    out += [(f"scripted_offers.{o.week}", f"{o.label} {o.note}") for o in spec.scripted_offers]
    return out


@pytest.mark.parametrize("scenario_id", list_scenarios())
def test_player_text_has_no_research_markers(scenario_id: str) -> None:
    spec = load_scenario(scenario_id)
    found = [
        f"{where}: {m.group(0)!r}"
        for where, text in player_texts(spec)
        for m in [MARKERS.search(text)]
        if m
    ]
    assert not found, "\n".join(found)


def test_marker_pattern_catches_a_citation() -> None:
    assert MARKERS.search("Writers pledged $1.7M (facts §4d).")
    assert not MARKERS.search("Writers pledged $1.7M on May 10.")
