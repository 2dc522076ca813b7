"""Format gaps found by a first-time modder: common formula mistakes, dangerous calendars,
agreed issues, short option labels and the news masthead."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikesim.scenario import Severity, load_scenario, validate_path
from strikesim.scenario.formula import FormulaError, compile_formula

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("formula", "words", "fixed"),
    [
        ("+1%", "no percent sign", "+0.01"),
        ("x * 5%", "5% as 0.05", "x * 0.05"),
        ("x ^ 2", "use '**'", "x ** 2"),
        ("0,5 * x", "decimals are written with a point", "0.5 * x"),
        ("x + 0,25", "decimals are written with a point", "x + 0.25"),
        ("(x + 1", "the '(' at column 1 is never closed", "(x + 1)"),
        ("max(x, 1", "never closed", "max(x, 1)"),
        ("x + 1)", "')' closes nothing", "x + 1"),
        ("(x + 1]", "expected ')'", "(x + 1)"),
    ],
)
def test_common_formula_mistakes_are_explained_with_a_fix(
    formula: str, words: str, fixed: str
) -> None:
    with pytest.raises(FormulaError) as info:
        compile_formula(formula, {"x"})
    assert words in info.value.message
    assert info.value.hint == fixed
    compile_formula(fixed, {"x"})  # the suggestion is itself a valid formula


@pytest.mark.parametrize("formula", ["5 % 2", "max(x,1)", "x % 3", "clip(x, 0, 1)"])
def test_valid_formulas_are_not_mistaken_for_mistakes(formula: str) -> None:
    compile_formula(formula, {"x"})


def test_a_percent_in_a_scenario_is_located_with_its_fix(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace(
        'effects: {opinion_shift: "+0.01"}', 'effects: {opinion_shift: "+1%"}'
    )
    (d,) = [d for d in validate_path(_write(tmp_path, text)) if d.severity is Severity.ERROR]
    assert "no percent sign" in d.message and d.hint == "+0.01"
    assert d.path == "actions.union[0].effects.opinion_shift" and d.line > 0


def test_a_horizon_past_the_last_ratifiable_week_warns(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace("horizon: 16", "horizon: 19")
    (d,) = validate_path(_write(tmp_path, text))
    assert d.severity is Severity.WARNING
    assert "after the last week a deal can still be ratified (17" in d.message
    assert d.path == "personalities[0].params.horizon"
    ok = MINIMAL.read_text().replace("horizon: 16", "horizon: 17")
    assert validate_path(_write(tmp_path, ok)) == []


def test_a_calendar_where_no_deal_can_be_ratified_warns(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace("expiry_week: 2", "expiry_week: 19")
    text = text.replace("horizon: 16", "horizon: 10")
    messages = [d.message for d in validate_path(_write(tmp_path, text))]
    assert any("a strike can never end in a deal" in m for m in messages)


def test_an_agreed_issue_is_fixed_and_offers_may_leave_it_out(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace(
        '    cost: "5 * value"\n', '    cost: "5 * value"\n    agreed: 4\n', 1
    )
    text = text.replace("union: {wage: 10, ai: ban}", "union: {ai: ban}")
    spec = load_scenario(_write(tmp_path, text))
    wage = spec.issues[0]
    assert wage.agreed and wage.values == (4.0,) and wage.n_levels == 1
    assert spec.opening_offers[0][0] == 0 and spec.old_contract[0] == 0
    wrong = text.replace("agreed: 4", "agreed: 4.5")
    (d,) = [d for d in validate_path(_write(tmp_path, wrong)) if d.severity is Severity.ERROR]
    assert d.path == "issues[0].agreed"


def test_short_labels_and_masthead_reach_the_spec(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace(
        '{id: consent, label: "Consent", value: 0.6}',
        '{id: consent, label: "Consent for every use", short_label: "Consent", value: 0.6}',
    )
    text += 'news: {masthead: "THE GUILD GAZETTE", outlets: ["DAILY REEL"]}\n'
    spec = load_scenario(_write(tmp_path, text))
    ai = spec.issues[1]
    assert ai.short_label(1) == "Consent" and ai.level_labels[1] == "Consent for every use"
    assert ai.short_label(0) == "None", "no short label: the full one"
    assert (spec.news_masthead, spec.news_outlets) == ("THE GUILD GAZETTE", ("DAILY REEL",))
    too_long = text.replace('short_label: "Consent"', 'short_label: "' + "x" * 30 + '"')
    assert any(d.severity is Severity.ERROR for d in validate_path(_write(tmp_path, too_long)))
