"""``strikesim print``, ``strikesim report`` and ``strikesim replay`` over many files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from strikesim.cli import main
from strikesim.errors import EXIT_PROBLEMS, EXIT_USAGE
from tests.classroom.helpers import QUICK, class_folder


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_print_writes_the_pack_and_lists_it(tmp_path: Path) -> None:
    code, text = _run("print", QUICK, "--out", str(tmp_path / "pack"))
    assert code == 0
    names = [Path(line).name for line in text.splitlines()]
    assert names == ["index.html", "background.html", "brief-union.html", "brief-studio.html",
                     "scoring-sheet.html", "answer-key.html"]  # fmt: skip
    assert all((tmp_path / "pack" / n).is_file() for n in names)


def test_report_writes_one_page_and_names_skipped_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = class_folder(tmp_path)
    code, text = _run("report", str(folder), "--out", str(tmp_path / "r.html"))
    assert code == 0 and "report of 3 run(s)" in text
    assert "Table 2" in (tmp_path / "r.html").read_text(encoding="utf-8")
    (folder / "bad.json").write_text("{", encoding="utf-8")
    code, _ = _run("report", str(folder), "--out", str(tmp_path / "r.html"))
    assert code == EXIT_PROBLEMS and "bad.json" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "NOWHERE", "--out", "x.html"], "no run could be read"),
        (["report", ".", "--out", "x.txt"], "--out must end in .html"),
        (["print", "no-such-scenario", "--out", "OUT"], "no such scenario"),
    ],
)
def test_classroom_commands_explain_mistakes(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    code, _ = _run(*argv)
    assert code != 0
    assert message in capsys.readouterr().err


def test_print_refuses_a_file_as_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert _run("print", QUICK, "--out", str(tmp_path / "f"))[0] == EXIT_USAGE
    assert "is a file" in capsys.readouterr().err


def test_replay_reads_many_files_folders_and_campaign_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = class_folder(tmp_path)
    camp = tmp_path / "camp.json"
    assert main(["campaign", "hollywood-decade", "--save", str(camp)], out=io.StringIO()) == 0
    code, text = _run("replay", str(folder), str(camp))
    assert code == 0
    heads = [line for line in text.splitlines() if line.startswith("=== ")]
    assert len(heads) == 3 + 4
    assert any("group Table 1" in h for h in heads)
    assert any("(stage 'writers_2023')" in h for h in heads)
    assert text.count("Outcome: ") == 7
    code, _ = _run("replay", str(camp))  # one campaign save on its own
    assert code == 0
    (folder / "bad.json").write_text("{", encoding="utf-8")
    code, text = _run("replay", str(folder))
    assert code == EXIT_PROBLEMS and text.count("=== ") == 3
    assert "bad.json" in capsys.readouterr().err
