"""Playing campaigns: whole AI-vs-AI runs, stage seeds, saves that replay exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from strikesim.campaign import ledger as L
from strikesim.campaign import load_campaign
from strikesim.campaign.run import CampaignError, CampaignRun, stage_seed
from strikesim.campaign.save import load_run, run_from_json, run_to_json, save_run
from strikesim.campaign.spec import Campaign
from strikesim.records import RecordError, Seat

MINI = Path(__file__).parent / "fixtures" / "valid" / "mini.yaml"


@pytest.fixture(scope="module")
def decade() -> Campaign:
    return load_campaign("hollywood-decade")


@pytest.fixture(scope="module")
def mini() -> Campaign:
    return load_campaign(MINI)


@pytest.fixture(scope="module")
def decade_run(decade: Campaign) -> CampaignRun:
    run = CampaignRun(decade, seed=5)
    run.play_to_end()
    return run


def test_whole_campaign_reaches_a_final_summary(decade_run: CampaignRun) -> None:
    run = decade_run
    assert run.is_over and run.stage is None and run.session is None
    ids = [r.stage_id for r in run.results]
    assert ids[:2] == ["writers_2023", "actors_2023"]
    assert ids[2] in ("writers_2026_guarded", "writers_2026_exposed")
    assert ids[3].startswith("coalition_2030")
    assert run.ledger["stages_played"] == 4
    assert run.ledger["total_strike_weeks"] == sum(r.strike_weeks for r in run.results)
    assert run.summary()[0][0] == "Rounds played"
    assert dict(run.summary())["Rounds played"] == "4"
    assert run.epilogues()[-1][0] == "The decade in one line"
    for before, after in zip(run.results, run.results[1:], strict=False):
        assert after.ledger_before == before.ledger_after
        assert before.next_stage == after.stage_id


def test_each_stage_follows_the_branch_its_ledger_picks(
    decade_run: CampaignRun, decade: Campaign
) -> None:
    for result in decade_run.results:
        stage = decade.stage(result.stage_id)
        assert L.next_stage(stage, result.ledger_after) == result.next_stage


def test_same_seed_same_campaign_other_seed_other_news(
    decade: Campaign, decade_run: CampaignRun
) -> None:
    again = CampaignRun(decade, seed=5)
    again.play_to_end()
    assert again.ledger == decade_run.ledger
    assert [r.record for r in again.results] == [r.record for r in decade_run.results]
    other = CampaignRun(decade, seed=6)
    other.play_to_end()
    assert [r.record.seed for r in other.results] != [r.record.seed for r in decade_run.results]
    assert other.ledger != decade_run.ledger


def test_stage_seeds_derive_from_campaign_seed_and_position(decade_run: CampaignRun) -> None:
    seeds = [r.record.seed for r in decade_run.results]
    assert seeds == [stage_seed(5, k, r.stage_id) for k, r in enumerate(decade_run.results)]
    assert len(set(seeds)) == 4
    assert all(0 <= s < 2**63 for s in seeds)
    assert stage_seed(5, 0, "a") == stage_seed(5, 0, "a") != stage_seed(6, 0, "a")
    assert stage_seed(5, 0, "a") != stage_seed(5, 1, "a") != stage_seed(5, 1, "b")


def test_carry_reaches_the_played_stage(decade_run: CampaignRun, decade: Campaign) -> None:
    # the actors' stage started from the fund the ledger carried, not the scenario's own
    actors = decade_run.results[1]
    assert actors.stage_id == "actors_2023"
    spec = L.stage_spec(decade.stage("actors_2023"), actors.ledger_before)
    fund = spec.variables[spec.var_index["strike_fund"]].initial
    assert fund == actors.ledger_before["actors_fund"]


def test_named_personalities_must_exist_in_every_stage(decade: Campaign) -> None:
    run = CampaignRun(decade, seed=1, seats=(Seat("ai", "nobody"), Seat("ai", "")))
    with pytest.raises(CampaignError, match="no union negotiator 'nobody' in scenario 'wga-2023'"):
        run.start_stage()


def test_stage_order_is_enforced(mini: Campaign) -> None:
    run = CampaignRun(mini, seed=1)
    with pytest.raises(CampaignError, match="has not been started"):
        run.finish_stage()
    session = run.start_stage()
    with pytest.raises(CampaignError, match="already in play"):
        run.start_stage()
    with pytest.raises(CampaignError, match="not over yet"):
        run.finish_stage(session)
    session.play_to_end()
    run.finish_stage()
    run.play_to_end()
    with pytest.raises(CampaignError, match="the campaign is over"):
        run.start_stage()


def test_save_and_load_round_trip_mid_stage(mini: Campaign, tmp_path: Path) -> None:
    run = CampaignRun(mini, seed=11)
    run.play_stage()
    session = run.start_stage()
    for _ in range(3):
        session.advance()
    path = tmp_path / "campaign.json"
    save_run(run, path)
    loaded = load_run(path)
    assert loaded.ledger == run.ledger
    assert loaded.current == run.current
    assert [r.record for r in loaded.results] == [r.record for r in run.results]
    assert loaded.session is not None
    assert loaded.session.record == session.record
    assert loaded.session.week == session.week == 3
    # both continue to the same end
    for r in (run, loaded):
        assert r.session is not None
        r.session.play_to_end()
        r.finish_stage()
        r.play_to_end()
    assert loaded.ledger == run.ledger
    assert loaded.summary() == run.summary()
    assert run_to_json(loaded) == run_to_json(run)


def test_finished_campaign_save_replays_to_the_same_story(
    decade_run: CampaignRun, tmp_path: Path
) -> None:
    path = tmp_path / "decade.json"
    save_run(decade_run, path)
    loaded = load_run(path)
    assert loaded.is_over
    assert loaded.ledger == decade_run.ledger
    assert loaded.epilogues() == decade_run.epilogues()
    assert [(r.stage_id, r.ledger_after) for r in loaded.results] == [
        (r.stage_id, r.ledger_after) for r in decade_run.results
    ]


def _saved(mini: Campaign) -> dict[str, object]:
    run = CampaignRun(mini, seed=2)
    run.play_stage()
    return run_to_json(run)


def test_a_tampered_ledger_is_refused(mini: Campaign) -> None:
    data = _saved(mini)
    data["stages"][0]["ledger"]["fund"] += 1.0  # type: ignore[index]
    with pytest.raises(RecordError, match="gives a different ledger than the one saved"):
        run_from_json(data)


def test_a_save_for_other_branches_is_refused(mini: Campaign) -> None:
    data = _saved(mini)
    data["stages"][0]["stage"] = "second"  # type: ignore[index]
    with pytest.raises(
        RecordError, match="was 'second' when saved, but the campaign now leads to stage 'first'"
    ):
        run_from_json(data)


def test_a_changed_seed_is_refused(mini: Campaign) -> None:
    data = _saved(mini)
    data["seed"] = 3
    with pytest.raises(RecordError, match="seed that does not match"):
        run_from_json(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "damaged file, not valid JSON"),
        ('{"format": "strikesim-run"}', "not a StrikeSim campaign save"),
        ('{"format": "strikesim-campaign-run", "version": 9}', "version 9 is not supported"),
        ('{"format": "strikesim-campaign-run", "version": 1}', "damaged save ('campaign')"),
        (
            '{"format": "strikesim-campaign-run", "version": 1, "campaign": {"id": "nope"},'
            ' "seed": 1, "seats": {"union": {"kind": "ai"}, "studio": {"kind": "ai"}}}',
            "its campaign cannot be loaded",
        ),
    ],
)
def test_damaged_saves_give_readable_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_run(path)


def test_missing_save_file(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="no such file"):
        load_run(tmp_path / "none.json")


def test_save_is_plain_versioned_json(mini: Campaign, tmp_path: Path) -> None:
    run = CampaignRun(mini, seed=4)
    path = tmp_path / "x.json"
    save_run(run, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "strikesim-campaign-run" and data["version"] == 1
    assert data["stages"] == [] and data["active"] is None
    assert load_run(path).current == "first"
