"""The scenario formula language: an allow-list compiler from Python ``ast`` to numpy.

Scenario files hold small expressions such as ``"strike_fund - 0.02 * members"``
or ``"week >= 8 and ai_capability > 0.3"``. They come from strangers, so they
are never ``eval``-ed as written. Instead :func:`compile_formula`

1. parses the text with :func:`ast.parse` (expression mode) after a length and
   bracket-depth check,
2. walks the tree, accepting only the constructs listed below and rejecting
   anything else with a :class:`FormulaError` that names the construct and its
   column,
3. builds a *fresh* tree from the accepted one, in which every scenario name
   ``x`` becomes ``ns["x"]`` and every function or risky operator becomes a
   call to a fixed numpy helper, and compiles it once into a ``lambda ns: ...``
   evaluated with empty builtins.

The generated code therefore contains no attribute access, no names but ``ns``
and the helpers, and no strings but namespace keys. Accepted: numbers
(``|x| <= 1e12``), ``True``/``False``, scenario names, ``+ - * / // % **``
(``**`` only with a constant exponent in [-8, 8]), unary ``-``/``+``, the
comparisons ``== != < <= > >=`` (chains work elementwise), ``and``/``or``/``not``
(elementwise, both sides always evaluated), ``a if cond else b`` and calls to
:data:`FUNCTIONS`.

Evaluation works on Python floats and on ``(batch,)`` float64 arrays alike.
Numeric formulas return float64 (scalar or array), conditions return bool.
Floating-point trouble never warns or raises: ``x / 0`` is ``inf`` (``0 / 0``
is ``nan``), ``log(0)`` is ``-inf``, ``log``/``sqrt`` of a negative number is
``nan``; the engine clips variables to their bounds afterwards.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Collection
from typing import Any, Literal

import numpy as np

from strikesim.engine.spec import Formula, Namespace
from strikesim.scenario.cycles import dependency_cycles, format_cycle
from strikesim.scenario.formula_check import (
    AT,
    FUNCTIONS,
    HELPERS,
    MAX_CONSTANT,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_NODES,
    Checker,
    FormulaError,
)

__all__ = [
    "FUNCTIONS",
    "MAX_CONSTANT",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_NODES",
    "FormulaError",
    "compile_formula",
    "dependency_cycles",
    "format_cycle",
    "formula_names",
]


def compile_formula(
    source: str,
    names: Collection[str],
    *,
    kind: Literal["number", "condition"] = "number",
    where: str = "",
) -> Formula:
    """Compile ``source`` into a :class:`~strikesim.engine.spec.Formula`.

    ``names`` are the scenario names the formula may read (variables, params,
    built-ins such as ``week``). The formula's callable takes a namespace
    mapping those names to Python floats or ``(batch,)`` float64 arrays and
    returns float64 (``kind="number"``) or bool (``kind="condition"``) of the
    broadcast shape. Raises :class:`FormulaError` on any rejected construct.
    """
    try:
        body, used = _rebuild(source, names, kind, where)
    except FormulaError as exc:
        raise _explained(exc) from None
    fn, raw = _build(body, kind)
    return Formula(source, used, fn, raw)


def _rebuild(
    source: str, names: Collection[str], kind: str, where: str
) -> tuple[ast.expr, frozenset[str]]:
    """The checked, rebuilt expression tree and the scenario names it reads."""
    tree, offset = _parse(source, where)
    checker = Checker(source, offset, frozenset(names), where)
    body = checker.check(tree.body, 1)
    if kind == "number":
        body = checker.numeric(tree.body, body)
    return body, frozenset(checker.used)


def formula_names(source: str, names: Collection[str] | None = None) -> frozenset[str]:
    """The scenario names ``source`` reads (function names in call position excluded).

    With ``names`` given the formula is fully checked as by :func:`compile_formula`;
    without, only its syntax is, and every bare name counts.
    """
    if names is not None:
        return compile_formula(source, names).names
    try:
        tree, _ = _parse(source, "")
    except FormulaError as exc:
        raise _explained(exc) from None
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return frozenset(
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and id(node) not in called
    )


# ---- common mistakes -------------------------------------------------------
_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d*)?|\.\d+)\s*%(?!\s*[\w.(])")
"""A number followed by '%' with nothing to take the remainder by: meant as percent."""
_DECIMAL_COMMA = re.compile(r"(?<![\w.])(\d+),(\d+)(?![\w.])")
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def _percent_text(match: re.Match[str]) -> str:
    return f"{float(match.group(1)) / 100:g}"


def _brackets(source: str) -> FormulaError | None:
    """An error for the first unbalanced or mismatched bracket, with a repaired formula."""
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(source):
        if char in _OPEN:
            stack.append((char, i))
        elif char in _CLOSE:
            if not stack:
                message = (
                    f"unbalanced brackets: '{char}' closes nothing (no '{_CLOSE[char]}' before it)"
                )
                return FormulaError(message, i, source, hint=source[:i] + source[i + 1 :])
            opened, at = stack.pop()
            if _OPEN[opened] != char:
                message = (
                    f"unbalanced brackets: '{char}' closes the '{opened}' at column {at + 1}; "
                    f"expected '{_OPEN[opened]}'"
                )
                return FormulaError(
                    message, i, source, hint=source[:i] + _OPEN[opened] + source[i + 1 :]
                )
    if stack:
        opened, at = stack[-1]
        closing = "".join(_OPEN[c] for c, _ in reversed(stack))
        message = f"unbalanced brackets: the '{opened}' at column {at + 1} is never closed"
        return FormulaError(message, at, source, hint=source.rstrip() + closing)
    return None


def _explained(exc: FormulaError) -> FormulaError:
    """``exc`` reworded when the formula shows a common mistake, with a suggested fix.

    Percent signs ("+1%"), decimal commas ("0,5") and unbalanced brackets; a
    '^' for a power is explained by the checker itself.
    """
    source, where = exc.source, exc.where
    if not isinstance(source, str) or exc.hint is not None:
        return exc
    syntax = exc.message.startswith("invalid formula syntax")
    if syntax:
        broken = _brackets(source)
        if broken is not None:
            broken.where = where
            return broken
    percent = _PERCENT.search(source)
    if syntax and percent is not None:
        fixed = _PERCENT.sub(_percent_text, source)
        message = (
            f"'{percent.group(0).strip()}': formulas have no percent sign ('%' is the "
            f"remainder of a division); write a share as a number, e.g. "
            f"{percent.group(1)}% as {_percent_text(percent)}"
        )
        return FormulaError(message, percent.start(), source, where, fixed)
    comma = _DECIMAL_COMMA.search(source)
    if comma is not None and ("tuples" in exc.message or syntax):
        fixed = _DECIMAL_COMMA.sub(r"\1.\2", source)
        message = (
            f"'{comma.group(0)}': decimals are written with a point, not a comma "
            f"({comma.group(1)}.{comma.group(2)})"
        )
        return FormulaError(message, comma.start(), source, where, fixed)
    return exc


# ---- parsing ---------------------------------------------------------------
def _parse(source: str, where: str) -> tuple[ast.Expression, int]:
    """Parse after the cheap checks; returns the tree and the count of stripped leading blanks."""
    if not isinstance(source, str):
        raise FormulaError(
            f"a formula must be text, got {type(source).__name__}", 0, str(source), where
        )
    if len(source) > MAX_LENGTH:
        message = f"formula is too long ({len(source)} characters, at most {MAX_LENGTH})"
        raise FormulaError(message, MAX_LENGTH, source, where)
    flat = source.translate({10: 32, 13: 32, 9: 32, 12: 32, 11: 32})
    body = flat.lstrip(" ")
    offset = len(flat) - len(body)
    if not body.strip():
        raise FormulaError("formula is empty", 0, source, where)
    if "\x00" in flat:
        raise FormulaError("formula contains a null character", flat.index("\x00"), source, where)
    depth = 0
    for i, char in enumerate(flat):
        if char in "([{":
            depth += 1
            if depth > MAX_DEPTH:
                message = f"formula nests too deeply (more than {MAX_DEPTH} levels)"
                raise FormulaError(message, i, source, where)
        elif char in ")]}":
            depth -= 1
    try:
        tree = ast.parse(body, mode="eval")
    except SyntaxError as exc:
        at = (exc.offset or 0) - 1 if exc.lineno == 1 else len(body)
        column = offset + (at if 0 <= at < len(body) else len(body.rstrip()))
        raise FormulaError(_syntax_message(exc, body), column, source, where) from None
    except (ValueError, RecursionError, MemoryError):
        raise FormulaError("formula cannot be read", offset, source, where) from None
    return tree, offset


def _syntax_message(exc: SyntaxError, body: str) -> str:
    text = exc.msg or "invalid syntax"
    if "null bytes" in text:
        return "formula contains a null character"
    stripped = body.replace("==", "").replace("<=", "").replace(">=", "").replace("!=", "")
    if "=" in stripped and ":=" not in stripped:
        return "a formula cannot assign with '='; use '==' to compare"
    if text.startswith("invalid syntax"):
        return "invalid formula syntax"
    return f"invalid formula syntax: {text}"


# ---- code generation --------------------------------------------------------
def _build(
    body: ast.expr, kind: Literal["number", "condition"]
) -> tuple[Callable[[Namespace], Any], Callable[[Namespace], Any]]:
    """Compile the rebuilt expression once into a plain function of the namespace.

    Returns ``(fn, raw)``: ``fn`` silences floating-point warnings itself;
    ``raw`` computes the same result and leaves ``np.errstate`` to the caller.
    """
    arguments = ast.arguments(
        posonlyargs=[], args=[ast.arg("ns", **AT)], kwonlyargs=[], kw_defaults=[], defaults=[]
    )
    tree = ast.Expression(ast.Lambda(arguments, body, **AT))
    code = compile(tree, "<formula>", "eval")
    inner: Callable[[Namespace], Any] = eval(code, {"__builtins__": {}, **HELPERS})
    if kind == "condition":
        if isinstance(body, ast.Constant):
            constant = bool(body.value)

            def constant_condition(ns: Namespace) -> Any:
                return constant

            return constant_condition, constant_condition

        def condition_raw(ns: Namespace) -> Any:
            value = inner(ns)
            if isinstance(value, bool | np.bool_) or (
                isinstance(value, np.ndarray) and value.dtype == np.bool_
            ):
                return value
            return np.asarray(value, dtype=np.bool_)

        def condition(ns: Namespace) -> Any:
            with np.errstate(all="ignore"):
                return condition_raw(ns)

        return condition, condition_raw
    if isinstance(body, ast.Constant) and isinstance(body.value, float | bool):
        number = float(body.value)

        def constant_number(ns: Namespace) -> Any:
            return number

        return constant_number, constant_number

    def number_raw(ns: Namespace) -> Any:
        value = inner(ns)
        if isinstance(value, float) or (
            isinstance(value, np.ndarray) and value.dtype == np.float64
        ):
            return value
        return np.asarray(value, dtype=np.float64)

    def number_fn(ns: Namespace) -> Any:
        with np.errstate(all="ignore"):
            return number_raw(ns)

    return number_fn, number_raw
