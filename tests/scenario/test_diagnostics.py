"""Diagnostics: one-line format, JSON form, sorting and suggestions."""

from __future__ import annotations

import json

import pytest

from strikesim.scenario.diagnostics import (
    Diagnostic,
    ScenarioError,
    Severity,
    did_you_mean,
    format_path,
    has_errors,
    sort_diagnostics,
)


def _diag(line: int, col: int = 1, file: str = "a.yaml", **kw: object) -> Diagnostic:
    fields: dict[str, object] = {
        "severity": Severity.ERROR,
        "file": file,
        "line": line,
        "column": col,
        "path": "issues[2].weight",
        "message": "expected a number between 0 and 1, got 'high'",
    }
    fields.update(kw)
    return Diagnostic(**fields)  # type: ignore[arg-type]


def test_format_is_one_located_line() -> None:
    d = _diag(41, 7, file="scenarios/x/scenario.yaml")
    assert d.format() == (
        "scenarios/x/scenario.yaml:41:7: error: issues[2].weight: "
        "expected a number between 0 and 1, got 'high'"
    )
    assert str(d) == d.format()
    assert "\n" not in d.format()


def test_format_appends_hint() -> None:
    d = _diag(12, 3, path="parties.union", message="unknown key 'membrs'", hint="members")
    assert d.format() == (
        "a.yaml:12:3: error: parties.union: unknown key 'membrs' (did you mean 'members'?)"
    )


def test_format_without_position_or_path() -> None:
    d = _diag(0, 0, path="", message="file is empty", severity=Severity.WARNING)
    assert d.format() == "a.yaml: warning: file is empty"
    d2 = _diag(0, 0, file="", path="", message="no file")
    assert d2.format() == "<scenario>: error: no file"


def test_to_json_round_trips_through_json() -> None:
    d = _diag(3, 4, value="high", expected="a number between 0 and 1", hint=None)
    data = json.loads(json.dumps(d.to_json()))
    assert data["severity"] == "error"
    assert (data["line"], data["column"]) == (3, 4)
    assert data["value"] == "high"
    assert data["expected"] == "a number between 0 and 1"
    assert data["text"] == d.format()


def test_sort_orders_by_file_line_column_and_drops_duplicates() -> None:
    a = _diag(10, 2)
    b = _diag(2, 9)
    c = _diag(2, 1, severity=Severity.WARNING)
    d = _diag(1, 1, file="b.yaml")
    ordered = sort_diagnostics([a, d, b, c, a])
    assert ordered == (c, b, a, d)


def test_scenario_error_lists_every_line_sorted() -> None:
    err = ScenarioError([_diag(5), _diag(1, severity=Severity.WARNING)])
    lines = str(err).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("a.yaml:1:1: warning:")
    assert lines[1].startswith("a.yaml:5:1: error:")
    assert err.errors == (err.diagnostics[1],)
    assert has_errors(err.diagnostics)
    assert not has_errors([_diag(1, severity=Severity.HINT)])


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("stike_fund", ["strike_fund", "studio_cash"], "strike_fund"),
        ("Members", ["members", "name"], "members"),
        ("weigth", ["weight", "ideal", "reservation"], "weight"),
        ("zzzz", ["weight", "ideal"], None),
        ("weight", ["weight"], None),
        ("x", [], None),
    ],
)
def test_did_you_mean(word: str, candidates: list[str], expected: str | None) -> None:
    assert did_you_mean(word, candidates) == expected


def test_format_path() -> None:
    assert format_path(("issues", 2, "weight")) == "issues[2].weight"
    assert format_path(("parties", "union", "members")) == "parties.union.members"
    assert format_path((0, "id")) == "[0].id"
    assert format_path(()) == ""
