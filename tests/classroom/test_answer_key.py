"""Answer keys: computed from the analysis, the 2023 deals placed, modders' scenarios too."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from strikesim.analysis import bargaining_picture
from strikesim.classroom.answer_key import (
    KS,
    NASH,
    OLD,
    REAL,
    STUDIO_BEST,
    UNION_BEST,
    answer_key,
    answer_key_markdown,
    trade_offs,
)
from strikesim.classroom.history import load_history
from strikesim.classroom.teaching_notes import teaching_notes
from strikesim.scenario import load_scenario
from tests.classroom.helpers import QUICK, mod_scenario


def test_the_key_holds_the_analysis_packages_of_the_scenario() -> None:
    spec = load_scenario(QUICK)
    key = answer_key(spec, ai_runs=0)
    picture = bargaining_picture(spec)
    nash, ks = key.package(NASH), key.package(KS)
    assert nash is not None and ks is not None
    assert nash.levels == picture.levels(picture.nash)
    assert ks.levels == picture.levels(picture.ks)
    assert nash.efficient and nash.gap == 0.0
    # the zone's ends give the other side at least its walk-away value, each side its best
    union_best, studio_best = key.package(UNION_BEST), key.package(STUDIO_BEST)
    assert union_best is not None and studio_best is not None
    assert union_best.utility[1] >= key.d[1] - 1e-12
    assert studio_best.utility[0] >= key.d[0] - 1e-12
    assert union_best.utility[0] >= nash.utility[0] >= studio_best.utility[0]
    old = key.package(OLD)
    assert old is not None and old.levels == tuple(spec.old_contract)
    assert key.package(REAL) is None and key.history is None
    cost = sum(i.cost[lv] for i, lv in zip(spec.issues, nash.levels, strict=True))
    assert nash.cost == pytest.approx(cost)


@pytest.mark.parametrize(
    ("scenario", "levels"),
    [
        ("wga-2023", {"wage_minimum": "13%", "ai_writing": "consent", "writers_room": "tiered"}),
        ("sag-aftra-2023", {"wage_general": "7%", "streaming_share": "success_bonus"}),
    ],
)
def test_the_real_2023_deal_is_placed_on_the_scenarios_levels(
    scenario: str, levels: dict[str, str]
) -> None:
    spec = load_scenario(scenario)
    key = answer_key(spec, ai_runs=0)
    real = key.package(REAL)
    assert real is not None and key.history is not None
    for issue_id, want in levels.items():
        j = [i.id for i in spec.issues].index(issue_id)
        issue = spec.issues[j]
        assert want in (issue.level_ids[real.levels[j]], issue.level_labels[real.levels[j]])
    text = answer_key_markdown(key)
    assert "What happened in 2023" in text and "2023 deal" in text
    assert key.history.outcome.split()[0] in text


def test_history_levels_that_do_not_fit_the_scenario_leave_the_deal_out(tmp_path: Path) -> None:
    spec = mod_scenario(tmp_path)
    folder = Path(spec.scenario_source).parent
    (folder / "history.yaml").write_text(
        "title: Then\noutcome: A deal.\nlevels: {pay_raise: 5.5, ai_writing: ban, "
        "streaming_bonus: none}\n",
        encoding="utf-8",
    )
    history = load_history(spec)
    assert history is not None and history.outcome == "A deal." and history.levels is None
    (folder / "history.yaml").write_text(
        "levels: {pay_raise: 5, ai_writing: ban, streaming_bonus: none}\n", encoding="utf-8"
    )
    history = load_history(spec)
    assert history is not None and history.levels == (3, 3, 0)
    (folder / "history.yaml").write_text("[not, a, mapping", encoding="utf-8")
    assert load_history(spec) is None


def test_a_modders_scenario_gets_a_generated_key_and_generated_notes(tmp_path: Path) -> None:
    spec = mod_scenario(tmp_path)
    key = answer_key(spec, ai_runs=20)
    assert key.ai is not None and key.ai.runs == 20 and 0.0 <= key.ai.deal_share <= 1.0
    text = answer_key_markdown(key)
    assert f"Scenario `{spec.id}`" in text and "computer against itself" in text
    for issue in spec.issues:
        assert issue.label in text
    notes = teaching_notes(spec)
    assert "generated from the scenario file" in notes
    assert "Discussion questions" in notes and "Common mistakes" in notes
    # the most union-leaning issue (AI, 45% vs 20%) is the logrolling question's first half
    assert notes.index("AI in the writers' room") < notes.index("Bonus for hit shows")


def test_trade_offs_run_from_the_unions_issues_to_the_studios() -> None:
    rows = trade_offs(load_scenario(QUICK))
    diffs = [u - s for _label, u, s in rows]
    assert diffs == sorted(diffs, reverse=True)
    assert rows[0][0] == "AI in the writers' room" and rows[-1][0] == "Bonus for hit shows"


def test_shipped_scenarios_have_hand_written_notes() -> None:
    from strikesim.scenario.resources import list_scenarios

    for sid in list_scenarios():
        notes = teaching_notes(load_scenario(sid))
        assert "generated" not in notes.splitlines()[2], sid
        assert "### Discussion questions" in notes and "### Common mistakes" in notes, sid


def test_the_key_enumerates_every_contract_of_the_scenario() -> None:
    # every shipped outcome space is small enough to enumerate (the key needs it whole)
    key = answer_key(load_scenario("wga-2023"), ai_runs=0)
    assert key.picture.space.size == int(np.prod([i.n_levels for i in key.spec.issues]))
