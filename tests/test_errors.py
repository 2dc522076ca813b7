"""The one error tree: every reported failure derives from StrikeSimError."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from strikesim import errors
from strikesim.cli import report_error


def test_engine_and_session_share_one_illegal_move_class() -> None:
    from strikesim.engine.state import IllegalAction
    from strikesim.session import Impossible

    assert IllegalAction is Impossible is errors.IllegalMove
    assert issubclass(errors.IllegalMove, ValueError)


@pytest.mark.parametrize(
    "cls",
    [
        "strikesim.records:RecordError",
        "strikesim.campaign.run:CampaignError",
        "strikesim.scenario:ScenarioError",
        "strikesim.scenario.formula:FormulaError",
        "strikesim.analysis:OutcomeSpaceTooLarge",
        "strikesim.expectations:UnknownMetric",
        "strikesim.scenario.resources:ResourceNotFound",
        "strikesim.campaign.scenarios:AbstractScenario",
        "strikesim.cli:UserError",
        "strikesim.ui.theme:ThemeError",
        "strikesim.ui.keymap:KeymapError",
    ],
)
def test_every_reported_error_class_is_in_the_tree(cls: str) -> None:
    import importlib

    module, name = cls.split(":")
    assert issubclass(getattr(importlib.import_module(module), name), errors.StrikeSimError)


def test_exit_codes_come_from_one_table() -> None:
    assert errors.exit_code(errors.ScenarioError((), "x")) == errors.EXIT_PROBLEMS
    assert errors.exit_code(errors.RecordError("x")) == errors.EXIT_USAGE
    assert errors.exit_code(errors.NotFound("x")) == errors.EXIT_USAGE
    err = io.StringIO()
    assert report_error(errors.RecordError("bad save"), err) == errors.EXIT_USAGE
    assert err.getvalue() == "strikesim: bad save\n"


def test_shown_escapes_and_truncates() -> None:
    text = errors.shown("a\x1b[2Jb\x00\u202e" + "x" * 10_000, limit=40)
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text
    assert len(text) <= 40 and text.endswith("…")
    assert errors.shown(10**5000).startswith("<a int too large")


def test_errors_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, strikesim.errors, strikesim.engine;"
        "bad = [m for m in ('yaml', 'pydantic', 'pygame') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_names_a_person_types_are_refused_with_user_input_errors() -> None:
    from strikesim.ai import make_negotiator
    from strikesim.ai.difficulty import get_difficulty
    from strikesim.balance.harness import check_request
    from strikesim.balance.policies import make_policy
    from strikesim.scenario import load_scenario

    spec = load_scenario("classroom-quick")
    studio = spec.default_negotiators[1]
    for call in (
        lambda: make_negotiator(spec, "nobody", 0),
        lambda: make_negotiator(spec, studio, 0),
        lambda: get_difficulty("impossible"),
        lambda: check_request(spec, 0, ["impossible"], [], 10),
        lambda: check_request(spec, 0, [], ["nobody"], 10),
        lambda: make_policy(spec, "nobody", 0, "normal"),
    ):
        with pytest.raises(errors.UserInputError):
            call()
