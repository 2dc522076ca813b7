"""``strikesim campaign``, and campaign files in ``strikesim validate`` and ``list``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from strikesim.campaign.save import load_run
from strikesim.cli import main

ROOT = Path(__file__).resolve().parents[2]
BROKEN = Path(__file__).parent / "fixtures" / "broken"
MINI = Path(__file__).parent / "fixtures" / "valid" / "mini.yaml"


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_campaign_command_prints_the_whole_story(tmp_path: Path) -> None:
    save = tmp_path / "run.json"
    code, text = _run("campaign", "hollywood-decade", "--seed", "3", "--save", str(save))
    assert code == 0
    assert text.startswith("StrikeSim campaign — The AI Decade (hollywood-decade), seed 3")
    assert "== 1. The writers' strike (2023) ==" in text
    assert "March 2023. Streaming has shrunk writers' rooms" in text
    assert "== 2. The actors' strike (2023) ==" in text
    assert text.count("  Ledger:") == 4
    assert "    Rounds played " in text  # ledger entries under their display labels
    assert "== The AI Decade: how it ended ==" in text
    assert "The decade in one line" in text
    assert "  Rounds played " in text
    run = load_run(save)
    assert run.is_over and len(run.results) == 4
    for result in run.results:
        stage = run.campaign.stage(result.stage_id)
        assert f"== {stage.label} ==" in text


def test_campaign_command_is_deterministic_for_a_seed() -> None:
    assert (
        _run("campaign", str(MINI), "--seed", "8")[1]
        == _run("campaign", str(MINI), "--seed", "8")[1]
    )


def test_campaign_command_accepts_negotiators() -> None:
    code, text = _run("campaign", str(MINI), "--union", "boulware", "--studio", "conceder")
    assert code == 0
    assert "boulware (normal) vs conceder (normal)" in text


def test_campaign_command_user_mistakes(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("campaign", "hollywood-decad")[0] == 1
    assert "did you mean 'hollywood-decade'?" in capsys.readouterr().err
    assert _run("campaign", str(MINI), "--union", "nobody")[0] == 2
    assert "no union negotiator 'nobody' in scenario 'classroom-quick'" in capsys.readouterr().err
    assert _run("campaign", str(MINI), "--difficulty", "godlike")[0] == 2
    assert "no difficulty 'godlike'" in capsys.readouterr().err
    broken = BROKEN / "unknown_start.yaml"
    assert _run("campaign", str(broken))[0] == 1
    assert "unknown stage 'frist'" in capsys.readouterr().err


def test_validate_routes_campaign_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, text = _run("validate", "scenarios/campaigns/hollywood-decade.yaml")
    assert code == 0
    assert text.endswith("1 file(s): 0 error(s), 0 warning(s)\n")
    code, text = _run("validate", str(BROKEN.relative_to(ROOT) / "carry_unknown_param.yaml"))
    assert code == 1
    assert "has no parameter 'psi_0' (did you mean 'psi0'?)" in text
    code, text = _run("validate", "scenarios")
    assert code == 0
    assert "scenarios/campaigns/hollywood-decade.yaml: ok" in text


def test_list_shows_the_campaign_chain() -> None:
    code, text = _run("list")
    assert code == 0
    assert "hollywood-decade" in text
    assert "wga-2023 → sag-aftra-2023 → next-round-2026 → ai-everywhere-2030" in text


def test_campaign_save_to_a_folder_fails_before_playing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = _run("campaign", str(MINI), "--save", str(tmp_path))
    assert code == 2 and text == ""
    assert "is a folder; give a file name" in capsys.readouterr().err


def test_campaign_seeds_prints_a_line_per_seed_and_the_path_table() -> None:
    code, text = _run("campaign", str(MINI), "--seeds", "4-6")
    assert code == 0
    lines = text.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["seed 4", "seed 5", "seed 6"]
    assert lines[0].split(": ", 1)[1].startswith("first (")
    assert " | " in lines[0] and "The end" in lines[0]
    paths = next(line for line in lines if "distinct path(s) over 3 seed(s)" in line)
    assert paths
    counts = [int(line.split()[0]) for line in lines if line.startswith("     ")]
    assert sum(counts) == 2 * 3  # every seed counted once in paths and once in epilogue sets


@pytest.mark.parametrize(
    ("text", "needle"),
    [("5-2", "seeds A-B need 0 <= A <= B"), ("a-b", "seeds are A-B"), ("0-20000", "at most")],
)
def test_campaign_seeds_rejects_bad_ranges(text: str, needle: str) -> None:
    import argparse

    from strikesim.cli import _seed_range

    with pytest.raises(argparse.ArgumentTypeError, match=needle):
        _seed_range(text)
    assert _seed_range("7") == range(7, 8)


def test_campaign_seeds_and_save_do_not_mix(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run("campaign", str(MINI), "--seeds", "0-1", "--save", "x.json")
    assert code != 0
    assert "leave it out with --seeds" in text + capsys.readouterr().err
