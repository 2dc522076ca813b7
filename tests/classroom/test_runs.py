"""Run files: names, groups, collecting records and campaign saves, face-to-face deals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from strikesim.classroom.face_to_face import TableDeal, deal_week, record_deal
from strikesim.classroom.runs import (
    MAX_FILES,
    clean_group,
    collect_runs,
    export_run,
    run_name,
    with_group,
)
from strikesim.engine import Outcome
from strikesim.errors import UserInputError
from strikesim.records import Seat, load_record
from strikesim.saves import load_game, save_game
from strikesim.scenario import load_scenario
from strikesim.session import Session
from tests.classroom.helpers import QUICK, ai_game, class_folder

WHEN = dt.datetime(2026, 3, 4, 9, 5, 7)


def test_run_names_say_scenario_side_group_and_time() -> None:
    spec = load_scenario(QUICK)
    human_union = Session(spec, (Seat("human"), Seat("ai", spec.default_negotiators[1])))
    assert run_name(human_union, "Table 3 / B", WHEN) == f"{QUICK}-union-table-3-b-20260304-090507"
    hot = Session(spec, (Seat("human"), Seat("human")))
    assert run_name(hot, "", WHEN) == f"{QUICK}-hotseat-20260304-090507"
    table = record_deal(spec, TableDeal((6, 2, 1)))
    assert run_name(table, "Ünïcode!!", WHEN).startswith(f"{QUICK}-f2f-n-code-")
    assert clean_group("  a   b  ") == "a b" and len(clean_group("x" * 99)) == 40


def test_the_group_travels_in_the_record_through_save_and_load(tmp_path: Path) -> None:
    spec = load_scenario(QUICK)
    session = Session(spec, (Seat("human"), Seat("ai", spec.default_negotiators[1])))
    session.record = with_group(session.record, "  Table   7 ")
    path = save_game(session, run_name(session, "Table 7", WHEN))
    assert load_record(path).meta["group"] == "Table 7"
    loaded = load_game(path)
    assert loaded.record.meta["group"] == "Table 7"
    assert loaded.record.meta["name"] == path.stem
    assert with_group(session.record, "  ") is session.record


def test_collect_reads_records_campaign_saves_and_names_every_bad_file(tmp_path: Path) -> None:
    from strikesim.campaign.load import load_campaign
    from strikesim.campaign.run import CampaignRun
    from strikesim.campaign.save import save_run

    folder = class_folder(tmp_path)
    run = CampaignRun(load_campaign("hollywood-decade"), seed=2)
    run.play_stage()
    run.play_stage()
    save_run(run, folder / "sub" / "campaign.json")
    (folder / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (folder / ".hidden.json").write_text("{", encoding="utf-8")
    runs, problems = collect_runs([folder, tmp_path / "missing"])
    names = [r.name for r in runs]
    assert names[:3] == ["Table 1", "Table 2", "Robots"]
    stages = [r for r in runs if "(stage" in r.source]
    assert len(stages) == len(run.results) + (run.session is not None)
    assert len(problems) == 3
    assert any("notes.json" in p and "not a StrikeSim run record" in p for p in problems)
    assert any("broken.json" in p for p in problems)
    assert any("missing: no such file or folder" in p for p in problems)


def test_collect_caps_the_number_of_files(tmp_path: Path) -> None:
    for n in range(MAX_FILES + 3):
        (tmp_path / f"{n:04}.json").write_text("{}", encoding="utf-8")
    runs, problems = collect_runs([tmp_path])
    assert runs == [] and f"only the first {MAX_FILES} are read" in problems[0]
    assert len(problems) == MAX_FILES + 1


@pytest.mark.parametrize(("strike", "weeks"), [(0, 2), (0, 9), (2, 5), (5, 2)])
def test_a_face_to_face_deal_is_played_as_reported(strike: int, weeks: int) -> None:
    spec = load_scenario(QUICK)
    session = record_deal(spec, TableDeal((6, 2, 1), weeks=weeks, strike_weeks=strike, group="T"))
    assert session.is_over and session.outcome == Outcome.DEAL_RATIFIED
    assert tuple(int(x) for x in session.state.contract[0]) == (6, 2, 1)
    assert int(session.state.strike_weeks[0]) == strike
    assert session.record.meta == {
        "mode": "face-to-face", "weeks_reported": weeks, "strike_weeks_reported": strike,
        "group": "T",
    }  # fmt: skip
    if strike == 0:
        assert deal_week(spec, TableDeal((6, 2, 1), weeks=weeks)) < spec.phases.expiry_week


def test_a_recorded_deal_replays_exactly(tmp_path: Path) -> None:
    spec = load_scenario(QUICK)
    session = record_deal(spec, TableDeal((5, 2, 1), weeks=3, strike_weeks=2, group="T"))
    path = export_run(session, tmp_path, "t")
    again = load_game(path)
    assert again.record == session.record
    assert (again.state.values == session.state.values).all()


def test_impossible_table_reports_are_explained() -> None:
    spec = load_scenario(QUICK)
    with pytest.raises(UserInputError, match="a strike of at most 7 weeks"):
        record_deal(spec, TableDeal((6, 2, 1), strike_weeks=9))
    with pytest.raises(UserInputError, match="one option for each of the 3 issues"):
        record_deal(spec, TableDeal((6, 2)))
    with pytest.raises(UserInputError, match="no option number 9"):
        record_deal(spec, TableDeal((6, 2, 8)))
    with pytest.raises(UserInputError, match="at least 2 weeks"):
        record_deal(spec, TableDeal((6, 2, 1), weeks=1))
    wga = load_scenario("wga-2023")
    with pytest.raises(UserInputError, match="the strike could not last that long"):
        record_deal(wga, TableDeal((20, 2, 2, 2, 2, 1), strike_weeks=50))


def test_export_writes_the_record_with_its_meta(tmp_path: Path) -> None:
    session = ai_game(load_scenario(QUICK), 4, "Bots")
    path = export_run(session, tmp_path / "new" / "folder", "x")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["group"] == "Bots" and data["format"] == "strikesim-run"


def test_files_for_the_class_are_readable_by_others(tmp_path: Path) -> None:
    session = ai_game(load_scenario(QUICK), 4)
    path = export_run(session, tmp_path, "x")
    assert path.stat().st_mode & 0o044 == 0o044
