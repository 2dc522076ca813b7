"""Property tests: any text gives a formula or a FormulaError, and accepted
formulas evaluate safely and identically on batches and on single campaigns."""

from __future__ import annotations

import ast
import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from strikesim.scenario.formula import FormulaError, _rebuild, compile_formula
from strikesim.scenario.formula_check import HELPERS

NAMES = ["a", "b", "c", "week"]
BATCH = {
    "a": np.array([0.0, 1.0, -2.5, 1e6, -1e-9, 3.0]),
    "b": np.array([0.0, -1.0, 2.0, 0.5, 7.0, np.inf]),
    "c": np.array([1.0, 0.0, 0.25, -3.0, 0.0, -1.0]),
    "week": np.array([0.0, 5.0, 10.0, 20.0, 59.0, 1.0]),
}
ALLOWED_NODES = (
    ast.Call, ast.Name, ast.Subscript, ast.Constant, ast.BinOp, ast.UnaryOp, ast.Compare,
    ast.Load, ast.Add, ast.Sub, ast.Mult, ast.USub, ast.UAdd,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
)  # fmt: skip

TOKENS = st.sampled_from(
    [
        *NAMES, "zz", "__class__", "__import__", "ns", "_div", "__builtins__",
        "0", "1", "2.5", "1e12", "1e13", "9999", "-", "+", "*", "/", "//", "%", "**",
        "and", "or", "not", "<", "<=", "==", "!=", ">", ">=", "if", "else", ".", ",",
        "[", "]", "(", ")", "(", ")", "lambda", ":", ":=", "&", "|", "~", "@", "is", "in",
        "min", "max", "clip", "exp", "log", "sqrt", "abs", "where", "ncdf", "floor", "ceil",
        "round", "open", "eval", "getattr", "'s'", "f'{a}'", "...", "1j", "\n", "=",
        "for", "x", "yield", "await", "*", "**", "{", "}", "\\", "#", "True", "None",
    ]
)  # fmt: skip


def check_accepted(source: str, kind: str) -> None:
    """An accepted formula's code is safe and it evaluates without warnings."""
    body, used = _rebuild(source, NAMES, kind, "")
    for node in ast.walk(body):
        assert isinstance(node, ALLOWED_NODES), ast.dump(node)
        if isinstance(node, ast.Name):
            assert node.id == "ns" or node.id in HELPERS
    formula = compile_formula(source, NAMES, kind=kind)  # type: ignore[arg-type]
    assert formula.names == used <= set(NAMES)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        batch = formula(BATCH)
        single = formula({k: float(v[1]) for k, v in BATCH.items()})
    wanted = np.float64 if kind == "number" else np.bool_
    assert np.asarray(batch).dtype == wanted
    assert np.asarray(single).dtype == wanted
    assert np.shape(batch) in ((), (6,))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["number", "condition"]))
def test_random_text_gives_formula_or_formula_error(source: str, kind: str) -> None:
    try:
        compile_formula(source, NAMES, kind=kind)  # type: ignore[arg-type]
    except FormulaError as err:
        assert 0 <= err.column <= len(source)
        assert err.message and "\n" not in err.message
        return
    check_accepted(source, kind)


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=30), st.sampled_from(["number", "condition"]))
def test_random_tokens_give_formula_or_formula_error(tokens: list[str], kind: str) -> None:
    source = " ".join(tokens)
    try:
        compile_formula(source, NAMES, kind=kind)  # type: ignore[arg-type]
    except FormulaError as err:
        assert 0 <= err.column <= len(source)
        return
    check_accepted(source, kind)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 700), st.sampled_from(["(", "-", "not ", "abs(", "[", "a+"]))
def test_long_and_deep_sources_fail_cleanly(n: int, piece: str) -> None:
    source = piece * n + "a"
    try:
        compile_formula(source, NAMES)
    except FormulaError:
        return
    check_accepted(source, "number")


# ---- batch = many single campaigns -------------------------------------------
LEAVES = st.one_of(
    st.sampled_from(NAMES),
    st.floats(-1e3, 1e3, allow_nan=False).map(lambda v: repr(round(v, 3))),
    st.sampled_from(["0", "1", "True", "False"]),
)


def _branches(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "//", "%"]), inner)
    compare = st.tuples(inner, st.sampled_from(["<", "<=", "==", "!=", ">", ">="]), inner)
    unary = st.tuples(st.sampled_from(["-", "not ", "+"]), inner)
    power = st.tuples(inner, st.sampled_from(["2", "3", "-1", "0.5", "-2"]))
    one_arg = st.tuples(
        st.sampled_from(["exp", "log", "sqrt", "abs", "floor", "ceil", "round", "ncdf"]), inner
    )
    return st.one_of(
        binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        compare.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        unary.map(lambda t: f"({t[0]}{t[1]})"),
        power.map(lambda t: f"({t[0]}) ** {t[1]}"),
        one_arg.map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(inner, inner, inner).map(lambda t: f"clip({t[0]}, {t[1]}, {t[2]})"),
        st.tuples(inner, inner, inner).map(lambda t: f"where({t[0]}, {t[1]}, {t[2]})"),
        st.tuples(inner, inner, inner).map(lambda t: f"({t[1]} if {t[0]} else {t[2]})"),
        st.lists(inner, min_size=2, max_size=4).map(lambda xs: f"min({', '.join(xs)})"),
        st.lists(inner, min_size=2, max_size=4).map(lambda xs: f"max({', '.join(xs)})"),
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
    )


EXPRESSIONS = st.recursive(LEAVES, _branches, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(EXPRESSIONS, st.sampled_from(["number", "condition"]))
def test_batch_equals_each_single_campaign(source: str, kind: str) -> None:
    try:
        formula = compile_formula(source, NAMES, kind=kind)  # type: ignore[arg-type]
    except FormulaError as err:
        # Only the size limits may refuse a generated, well-formed expression.
        assert "too" in err.message, (source, err.message)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        batch = np.broadcast_to(formula(BATCH), (6,))
        for i in range(6):
            single = formula({k: float(v[i]) for k, v in BATCH.items()})
            assert np.shape(single) == ()
            np.testing.assert_array_equal(single, batch[i], err_msg=f"{source} at {i}")
