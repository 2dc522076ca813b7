"""The formula compiler: what it accepts, what it computes, and how it refuses."""

from __future__ import annotations

import ast
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from strikesim.engine.mathfn import ncdf
from strikesim.scenario.formula import (
    FUNCTIONS,
    MAX_DEPTH,
    MAX_LENGTH,
    FormulaError,
    _rebuild,
    compile_formula,
    dependency_cycles,
    format_cycle,
    formula_names,
)
from strikesim.scenario.formula_check import HELPERS

NAMES = ["a", "b", "c", "x", "week", "strike_fund", "members", "ai_capability", "café"]
A = np.array([1.0, 0.0, -2.0, 3.5])
B = np.array([2.0, 0.0, 4.0, -1.0])
C = np.array([0.5, 0.25, 1.5, 0.0])


def arrays() -> dict[str, np.ndarray]:
    return {"a": A.copy(), "b": B.copy(), "c": C.copy(), "x": np.array([0.2, -1.0, 3.0, 0.9])}


def evaluate(source: str, ns: dict[str, object], kind: str = "number") -> object:
    formula = compile_formula(source, NAMES, kind=kind)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any numpy RuntimeWarning fails the test
        return formula(ns)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a + b * c", A + B * C),
        ("a - b - c", A - B - C),
        ("a / b", np.array([0.5, np.nan, -0.5, -3.5])),
        ("a // 2 + a % 2", np.floor_divide(A, 2) + np.mod(A, 2)),
        ("a ** 2 - b ** -1", A**2 - np.array([0.5, np.inf, 0.25, -1.0])),
        ("-a + +b", -A + B),
        ("min(a, b)", np.minimum(A, B)),
        ("max(a, b, c)", np.maximum(np.maximum(A, B), C)),
        ("min(a, b, c, 0)", np.minimum(np.minimum(np.minimum(A, B), C), 0)),
        ("clip(a, 0, 1)", np.clip(A, 0, 1)),
        ("abs(a) + floor(c) + ceil(c)", np.abs(A) + np.floor(C) + np.ceil(C)),
        ("exp(c) + sqrt(c) + log(c + 1)", np.exp(C) + np.sqrt(C) + np.log(C + 1)),
        ("ncdf(a)", ncdf(A)),
        ("where(a > 0, b, c)", np.where(A > 0, B, C)),
        ("b if a > 0 else c", np.where(A > 0, B, C)),
        ("(a > 0) + (b > 0)", (A > 0).astype(float) + (B > 0).astype(float)),
        ("-(a > 0)", -(A > 0).astype(float)),
        ("where(a > 0, 1, b > 0)", np.where(A > 0, 1.0, (B > 0).astype(float))),
        ("True + 2", np.full(4, 3.0)),
    ],
)
def test_numbers_match_numpy_on_arrays_and_scalars(source: str, expected: np.ndarray) -> None:
    result = evaluate(source, arrays())
    assert isinstance(result, np.ndarray | float)
    assert np.asarray(result).dtype == np.float64
    np.testing.assert_allclose(np.broadcast_to(result, (4,)), expected, equal_nan=True)
    # The same formula on one campaign's Python floats gives that campaign's value.
    for i in range(4):
        scalars = {k: float(v[i]) for k, v in arrays().items()}
        value = evaluate(source, scalars)
        np.testing.assert_allclose(float(value), expected[i], equal_nan=True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a > 0 and b > 0", (A > 0) & (B > 0)),
        ("a > 0 or b > 0 or c > 1", (A > 0) | (B > 0) | (C > 1)),
        ("not a", A == 0),
        ("not (a > 0 and b > 0)", ~((A > 0) & (B > 0))),
        ("0 <= c < 1", (C >= 0) & (C < 1)),
        ("a < b <= 4 != c", (A < B) & (B <= 4) & (C != 4)),
        ("a == -2", A == -2),
        ("c", C != 0),
        ("1", np.ones(4, dtype=bool)),
        ("0", np.zeros(4, dtype=bool)),
    ],
)
def test_conditions_are_elementwise_booleans(source: str, expected: np.ndarray) -> None:
    result = evaluate(source, arrays(), kind="condition")
    assert np.asarray(result).dtype == np.bool_
    np.testing.assert_array_equal(np.broadcast_to(result, (4,)), expected)
    for i in range(4):
        scalars = {k: float(v[i]) for k, v in arrays().items()}
        assert bool(evaluate(source, scalars, kind="condition")) == expected[i]


def test_constants_are_plain_floats() -> None:
    assert evaluate("0.3", {}) == 0.3
    assert evaluate("-2", {}) == -2.0
    assert type(evaluate("1 + 2", {})) in (float, np.float64)
    assert evaluate("1", {}, kind="condition") is True


def test_division_and_logs_never_warn() -> None:
    ns = {"a": np.array([1.0, 0.0, -1.0]), "b": 0.0}
    np.testing.assert_array_equal(evaluate("a / b", ns), [np.inf, np.nan, -np.inf])
    np.testing.assert_array_equal(evaluate("log(b) + 0 * a", ns), [-np.inf] * 3)
    assert math.isnan(evaluate("sqrt(-1)", {}))  # type: ignore[arg-type]
    assert evaluate("1 / b", {"b": 0.0}) == np.inf
    assert math.isnan(evaluate("a % b", {"a": 1.0, "b": 0.0}))  # type: ignore[arg-type]
    assert evaluate("exp(1000)", {}) == np.inf
    assert not evaluate("(-8) ** 0.5 == (-8) ** 0.5", {}, kind="condition")


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("a / b + log(c) - sqrt(x)", "number"),
        ("a / b > 0 and log(c) < 1", "condition"),
        ("2.5", "number"),
        ("1", "condition"),
        ("a", "condition"),
        ("week", "number"),
    ],
)
def test_raw_callable_computes_the_same_without_its_own_guard(source: str, kind: str) -> None:
    """``raw`` is ``fn`` minus the errstate: same values and dtypes; inside a
    caller's errstate it is silent, outside one numpy's settings apply."""
    formula = compile_formula(source, NAMES, kind=kind)  # type: ignore[arg-type]
    assert formula.raw is not None and formula.unguarded is formula.raw
    for ns in (arrays() | {"week": 3.0}, {"a": 1.0, "b": 0.0, "c": 0.0, "x": -1.0, "week": 2.0}):
        want = formula(ns)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("error")
            got = formula.raw(ns)
        assert type(got) is type(want)
        np.testing.assert_array_equal(got, want)
    if kind == "number" and source.startswith("a /"):
        with np.errstate(all="raise"), pytest.raises(FloatingPointError):
            formula.raw({"a": np.ones(2), "b": np.zeros(2), "c": np.ones(2), "x": np.ones(2)})


def test_round_halves_away_from_zero() -> None:
    np.testing.assert_array_equal(
        evaluate("round(a)", {"a": np.array([2.5, -2.5, 0.4, -0.6, 3.0])}),
        [3.0, -3.0, 0.0, -1.0, 3.0],
    )


def test_names_read_and_namespace_untouched() -> None:
    formula = compile_formula("strike_fund - 0.02 * members + clip(x, 0, 1)", NAMES)
    assert formula.names == {"strike_fund", "members", "x"}
    assert formula.source == "strike_fund - 0.02 * members + clip(x, 0, 1)"
    ns = {"strike_fund": np.array([10.0, 20.0]), "members": np.array([100.0, 0.0]), "x": 2.0}
    before = {k: np.copy(v) for k, v in ns.items()}
    np.testing.assert_allclose(formula(ns), [9.0, 21.0])
    for key, value in before.items():
        np.testing.assert_array_equal(ns[key], value)


def test_a_scenario_name_may_shadow_a_function_name_outside_calls() -> None:
    formula = compile_formula("round + round(0.6)", ["round"])
    assert formula.names == {"round"}
    assert formula({"round": 2.0}) == 3.0


def test_whitespace_and_newlines_from_yaml_blocks() -> None:
    assert evaluate("  a +\n  b\t* 2\n", {"a": 1.0, "b": 2.0}) == 5.0


# ---- refusals ----------------------------------------------------------------
CALLS = "calls are only allowed to: " + ", ".join(sorted(FUNCTIONS))


@pytest.mark.parametrize(
    ("source", "column", "message"),
    [
        ("__import__('os')", 0, f"'__import__' is not a function you can call; {CALLS}"),
        ("().__class__.__bases__", 12, "attribute access ('.') is not allowed"),
        ("x.__dict__", 1, "attribute access ('.') is not allowed"),
        ("a + x.real", 5, "attribute access ('.') is not allowed"),
        ("lambda: 1", 0, "lambda is not allowed"),
        ("[x for x in y]", 0, "comprehensions are not allowed"),
        ("(x for x in y)", 0, "comprehensions are not allowed"),
        ("x[0]", 0, "subscripts ('[...]') are not allowed"),
        ('"a" * 10', 0, "text (strings) is not allowed in formulas"),
        ("b'x'", 0, "bytes are not allowed in formulas"),
        ("f'{x}'", 0, "text (f-strings) is not allowed in formulas"),
        ("1j", 0, "complex numbers are not allowed in formulas"),
        ("...", 0, "'...' is not allowed in formulas"),
        ("None", 0, "None is not allowed in formulas"),
        ("2 ** 10 ** 10", 5, "the exponent of ** must be a number between -8 and 8"),
        ("9 ** 9999", 5, "the exponent of ** must be a number between -8 and 8"),
        ("2 ** a", 5, "the exponent of ** must be a number between -8 and 8"),
        ("a ** 8.5", 5, "the exponent of ** must be a number between -8 and 8"),
        ("(y := 1)", 1, "assignment (':=') is not allowed"),
        ("a = 1", 2, "a formula cannot assign with '='; use '==' to compare"),
        ("clip(x, lo=0, hi=1)", 8, "keyword arguments are not allowed; write clip(x, lo, hi)"),
        ("min(*a)", 4, "starred arguments ('*') are not allowed"),
        ("open('f')", 0, f"'open' is not a function you can call; {CALLS}"),
        ("eval('1')", 0, f"'eval' is not a function you can call; {CALLS}"),
        ("exec('1')", 0, f"'exec' is not a function you can call; {CALLS}"),
        ("getattr(x, 'y')", 0, f"'getattr' is not a function you can call; {CALLS}"),
        ("a + sqr(x)", 4, f"'sqr' is not a function you can call (did you mean 'sqrt'?); {CALLS}"),
        ("(a + b)(1)", 0, CALLS),
        ("a.b(1)", 1, "attribute access ('.') is not allowed"),
        ("strike_fund - stike_fund", 14, "unknown name 'stike_fund' (did you mean 'strike_fund'?)"),
        ("zzz", 0, "unknown name 'zzz'"),
        ("max", 0, "'max' is a function; call it like max(a, b, ...)"),
        ("clip(x, 1)", 0, "clip() takes 3 arguments (x, lo, hi), got 2"),
        ("min(x)", 0, "min() takes at least 2 arguments (a, b, ...), got 1"),
        ("sqrt(a, b)", 0, "sqrt() takes 1 argument (x), got 2"),
        ("x & 1", 0, "the operator '&' is not allowed; use 'and'"),
        ("x | 1", 0, "the operator '|' is not allowed; use 'or'"),
        ("~x", 0, "the operator '~' is not allowed; use 'not'"),
        ("x << 2", 0, "the operator '<<' is not allowed"),
        ("x @ x", 0, "the operator '@' is not allowed"),
        ("x is 1", 0, "the comparison 'is' is not allowed"),
        ("x in a", 0, "the comparison 'in' is not allowed"),
        ("(a, b)", 0, "tuples are not allowed (a formula is one value)"),
        ("{1: 2}", 0, "dictionaries are not allowed"),
        ("1e13", 0, "numbers must be between -1e12 and 1e12 (got 1e13)"),
        ("a + 1" + "0" * 30, 4, f"numbers must be between -1e12 and 1e12 (got 1{'0' * 20}...)"),
        ("", 0, "formula is empty"),
        ("   ", 0, "formula is empty"),
        ("a +", 3, "invalid formula syntax"),
        ("a b", 2, "invalid formula syntax"),
        ("(a + b", 0, "unbalanced brackets: the '(' at column 1 is never closed"),
        ("a if b", 0, "invalid formula syntax: expected 'else' after 'if' expression"),
        ("a\x00", 1, "formula contains a null character"),
        ("  x.y", 3, "attribute access ('.') is not allowed"),
        ("café.y", 4, "attribute access ('.') is not allowed"),
        ("café + zz", 7, "unknown name 'zz'"),
    ],
)
def test_refusals_are_pinned(source: str, column: int, message: str) -> None:
    with pytest.raises(FormulaError) as info:
        compile_formula(source, NAMES, where="variables[3].update")
    err = info.value
    assert err.message == message
    assert str(err) == message
    assert err.column == column
    assert err.source == source
    assert err.where == "variables[3].update"


def test_error_hint_and_caret() -> None:
    with pytest.raises(FormulaError) as info:
        compile_formula("strike_fund - 0.02 * membrs", NAMES)
    assert info.value.hint == "members"
    assert info.value.caret() == (
        "strike_fund - 0.02 * membrs\n"  # the caret sits under the bad name
        "                     ^"
    )


def test_length_limit() -> None:
    longest = "strike_fund + " * 35 + "a" * 9
    longest += " " * (MAX_LENGTH - len(longest))
    assert len(longest) == MAX_LENGTH
    compile_formula(longest, [*NAMES, "a" * 9])
    source = "a + " * 153
    with pytest.raises(FormulaError) as info:
        compile_formula(source, NAMES)
    assert info.value.message == "formula is too long (612 characters, at most 500)"
    assert info.value.column == MAX_LENGTH


def test_depth_limit() -> None:
    compile_formula("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH, NAMES)
    deep = "(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1)
    with pytest.raises(FormulaError) as info:
        compile_formula(deep, NAMES)
    assert info.value.message == "formula nests too deeply (more than 32 levels)"
    assert info.value.column == MAX_DEPTH
    with pytest.raises(FormulaError, match="nests too deeply"):
        compile_formula("-" * 40 + "a", NAMES)
    with pytest.raises(FormulaError, match="nests too deeply"):
        compile_formula("abs(" * 33 + "a" + ")" * 33, NAMES)


def test_long_flat_sums_are_not_deep() -> None:
    source = " + ".join(f"0.1 * {n}" for n in ["a", "b", "c", "x"] * 10)
    assert evaluate(source, {"a": 1.0, "b": 1.0, "c": 1.0, "x": 1.0}) == pytest.approx(4.0)


def test_node_limit() -> None:
    compile_formula("a+" * 99 + "a", NAMES)
    with pytest.raises(FormulaError) as info:
        compile_formula("a+" * 100 + "a", NAMES)
    assert info.value.message == "formula is too complex (more than 200 parts)"


def test_exponent_and_constant_bounds() -> None:
    assert evaluate("2 ** 8 + 2 ** -8 + 4 ** 0.5", {}) == 256 + 2**-8 + 2
    assert evaluate("1e12 - 1000000000000", {}) == 0.0
    assert evaluate("a ** - - 2", {"a": 3.0}) == 9.0


def test_non_text_source() -> None:
    with pytest.raises(FormulaError) as info:
        compile_formula(3, NAMES)  # type: ignore[arg-type]
    assert info.value.message == "a formula must be text, got int"


# ---- the generated code ------------------------------------------------------
SAFE_NODES = (
    ast.Call, ast.Name, ast.Subscript, ast.Constant, ast.BinOp, ast.UnaryOp, ast.Compare,
    ast.Load, ast.Add, ast.Sub, ast.Mult, ast.USub, ast.UAdd,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
)  # fmt: skip


def assert_safe_tree(tree: ast.AST) -> None:
    for node in ast.walk(tree):
        assert isinstance(node, SAFE_NODES), ast.dump(node)
        if isinstance(node, ast.Name):
            assert node.id == "ns" or node.id in HELPERS, node.id
        if isinstance(node, ast.Subscript):
            assert isinstance(node.value, ast.Name) and node.value.id == "ns"
            assert isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)
        if isinstance(node, ast.Constant):
            assert type(node.value) in (float, bool, str)
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name) and node.func.id in HELPERS
            assert not node.keywords


@pytest.mark.parametrize(
    "source",
    [
        "strike_fund - 0.02 * members + clip(x, 0, 1)",
        "week >= 8 and ai_capability > 0.3 or not a",
        "b if 0 < a < 1 else max(a, b, c) ** 2 / (c % 2) // 1",
        "ncdf((a - b) / 0.1) + round(-c) + where(a, b > 0, c)",
    ],
)
def test_generated_tree_holds_only_safe_parts(source: str) -> None:
    for kind in ("number", "condition"):
        body, _ = _rebuild(source, NAMES, kind, "")
        assert_safe_tree(body)


def test_formula_names() -> None:
    assert formula_names("max(a, b) + c * a") == {"a", "b", "c"}
    assert formula_names("a + b", NAMES) == {"a", "b"}
    with pytest.raises(FormulaError):
        formula_names("a + zz", NAMES)
    with pytest.raises(FormulaError):
        formula_names("a +")


# ---- dependency cycles -------------------------------------------------------
def test_dependency_cycles_by_name() -> None:
    graph = {
        "a": {"b"},
        "b": {"a", "param"},
        "c": {"c"},
        "d": {"e"},
        "e": {"f"},
        "f": {"d", "a"},
        "g": {"a", "h"},
        "h": set(),
    }
    cycles = dependency_cycles(graph)
    assert cycles == [["a", "b"], ["c"], ["d", "e", "f"]]
    assert [format_cycle(c) for c in cycles] == ["a -> b -> a", "c -> c", "d -> e -> f -> d"]


def test_no_cycles_in_a_chain() -> None:
    assert dependency_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert dependency_cycles({}) == []


def test_cycle_is_a_real_path_inside_a_tangled_group() -> None:
    graph = {"a": {"c"}, "b": {"a"}, "c": {"b", "d"}, "d": {"a"}}
    (cycle,) = dependency_cycles(graph)
    assert cycle[0] == "a"
    for here, there in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
        assert there in graph[here]


def test_long_cycle_does_not_recurse() -> None:
    n = 5000
    graph = {f"v{i}": {f"v{(i + 1) % n}"} for i in range(n)}
    (cycle,) = dependency_cycles(graph)
    assert len(cycle) == n


# ---- the modder reference stays true ----------------------------------------
DOC = Path(__file__).resolve().parents[2] / "docs" / "formulas.md"
DOC_FORMULA = re.compile(
    r"(?:update|formula|condition|chance|cost|yes|union_capitulates|strike_fund|"
    r"public_support_union): \"([^\"]+)\""
)


def test_every_formula_in_the_reference_compiles() -> None:
    text = DOC.read_text(encoding="utf-8")
    examples = DOC_FORMULA.findall(text)
    assert len(examples) >= 8
    for source in examples:
        source = source.lstrip("+")  # effect sugar: "+x" adds x
        compile_formula(source, formula_names(source))


def test_reference_lists_every_function() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in FUNCTIONS:
        assert f"`{name}(" in text, name
