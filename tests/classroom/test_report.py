"""The class report: one page over every group's run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from strikesim.classroom.report import class_report
from strikesim.classroom.runs import collect_runs
from tests.classroom.helpers import class_folder
from tests.classroom.test_pages import check


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = class_folder(tmp_path_factory.mktemp("report"))
    (folder / "junk.json").write_text("[]", encoding="utf-8")
    runs, problems = collect_runs([folder])
    assert len(runs) == 3 and len(problems) == 1
    return class_report(runs, problems, "Class 3B")


def _row(text: str, group: str) -> str:
    """The group's row of the table (its name, then its cells, up to the next group)."""
    start = text.index(group, text.index("The groups"))
    return text[start : start + 400]


def test_the_report_is_one_self_contained_page(report: str) -> None:
    text, tags = check(report)
    assert "Class 3B" in text and "3 run(s) from 1 scenario(s)" in text
    assert tags.count("svg") == 1 + 4, "the plane and four projection charts"


def test_every_group_is_on_the_plane_and_in_the_table(report: str) -> None:
    text, _tags = check(report)
    plane = report[report.index("<svg") : report.index("</svg>")]
    for group in ("Table 1", "Table 2", "Robots"):
        assert f">{group}</text>" in plane
        assert group in text
    assert "Nash" in plane and "Pareto frontier" in plane
    assert "face to face" in text and "computer only" in text


def test_value_left_on_the_table_is_measured_against_the_frontier(report: str) -> None:
    text, _tags = check(report)
    assert "nothing: on the frontier" in _row(text, "Table 1"), "the Nash deal"
    left = re.search(r"union \+([0-9.]+) and studio \+([0-9.]+) at once", _row(text, "Table 2"))
    assert left is not None and min(float(left.group(1)), float(left.group(2))) > 0
    assert "(3)" in _row(text, "Table 2"), "three weeks on strike"


def test_the_spread_compares_the_class_with_the_computer(report: str) -> None:
    text, _tags = check(report)
    assert "Computer vs computer" in text and "Groups above the computer's median" in text
    for side in ("Union", "Studio"):
        cells = r"(<td class=num>-?[0-9.]+</td>){6}<td class=num>\d of 3</td>"
        assert re.search(f"<td>{side}</td>{cells}", report), side
    assert "computer vs computer, 200 games" in report


def test_the_projection_shows_the_best_median_and_worst_deals(report: str) -> None:
    text, _tags = check(report)
    assert "Ten years on" in text
    for pick in ("best", "median", "worst"):
        assert f"{pick}: " in text
    assert "Jobs in film and TV" in text and "Studio profit" in text
    assert "Files not included" in text


def test_no_runs_is_an_error_for_the_caller(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no runs"):
        class_report([])
