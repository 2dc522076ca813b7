"""The allow-list of the formula language: what a formula may contain.

:class:`Checker` walks a parsed formula and either rebuilds it as a *fresh*,
safe expression tree or raises :class:`FormulaError` naming the first refused
construct and its column. In the rebuilt tree every scenario name ``x`` is
``ns["x"]`` and every function or risky operator is a call to one of
:data:`HELPERS` (fixed numpy callables), so the generated code holds no
attribute access, no names but ``ns`` and the helpers, and no strings but
namespace keys. True/false sub-expressions used in arithmetic are wrapped so
they count as 0.0/1.0 for arrays and scalars alike.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Mapping
from typing import Any, TypedDict

from strikesim.errors import FormulaError as FormulaError
from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.formula_functions import ARITY, FUNCTIONS, HELPERS

__all__ = [
    "AT",
    "FUNCTIONS",
    "HELPERS",
    "MAX_CONSTANT",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_NODES",
    "Checker",
    "FormulaError",
]

MAX_LENGTH = 500
"""Longest formula source, in characters."""
MAX_NODES = 200
"""Most syntax-tree parts (names, numbers, operators, calls) in one formula."""
MAX_DEPTH = 32
"""Deepest nesting of brackets or sub-expressions."""
MAX_CONSTANT = 1e12
"""Largest magnitude of a number written in a formula."""
MAX_EXPONENT = 8
"""Largest magnitude of the constant exponent of ``**``."""

_CALLS_ALLOWED = "calls are only allowed to: " + ", ".join(sorted(FUNCTIONS))


_BINOPS: Mapping[type[ast.operator], str | None] = {
    ast.Add: None,
    ast.Sub: None,
    ast.Mult: None,
    ast.Div: "_div",
    ast.FloorDiv: "_floordiv",
    ast.Mod: "_mod",
    ast.Pow: "_pow",
}
_PRECEDENCE: Mapping[type[ast.operator], int] = {
    ast.Add: 1,
    ast.Sub: 1,
    ast.Mult: 2,
    ast.Div: 2,
    ast.FloorDiv: 2,
    ast.Mod: 2,
}
_COMPARES = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_OPERATOR_TEXT: Mapping[type[ast.AST], str] = {
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.MatMult: "@",
    ast.Invert: "~",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}
_OPERATOR_ADVICE: Mapping[str, str] = {
    "&": "; use 'and'",
    "|": "; use 'or'",
    "~": "; use 'not'",
    "^": " ('^' is not a power here); use '**', as in x ** 2",
}
_CONSTRUCTS: Mapping[type[ast.AST], str] = {
    ast.Attribute: "attribute access ('.') is not allowed",
    ast.Subscript: "subscripts ('[...]') are not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are not allowed (a formula is one value)",
    ast.Set: "sets are not allowed",
    ast.Dict: "dictionaries are not allowed",
    ast.JoinedStr: "text (f-strings) is not allowed in formulas",
    ast.NamedExpr: "assignment (':=') is not allowed",
    ast.Starred: "starred arguments ('*') are not allowed",
    ast.Await: "'await' is not allowed",
    ast.Yield: "'yield' is not allowed",
    ast.YieldFrom: "'yield' is not allowed",
    ast.Slice: "slices are not allowed",
}


class _Location(TypedDict):
    lineno: int
    col_offset: int
    end_lineno: int
    end_col_offset: int


AT: _Location = {"lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 0}
"""Location given to every generated node (setting it directly is much cheaper than
:func:`ast.fix_missing_locations`; tracebacks never point into generated code)."""


def _ns(name: str) -> ast.expr:
    return ast.Subscript(
        ast.Name("ns", ast.Load(), **AT), ast.Constant(name, **AT), ast.Load(), **AT
    )


def _call(helper: str, *args: ast.expr) -> ast.expr:
    return ast.Call(ast.Name(helper, ast.Load(), **AT), list(args), [], **AT)


class Checker:
    """Validates a parsed formula and returns the rebuilt, safe expression."""

    def __init__(self, source: str, offset: int, names: frozenset[str], where: str) -> None:
        self.source = source
        self.offset = offset
        self.encoded = source[offset:].encode("utf-8")
        self.names = names
        self.where = where
        self.used: set[str] = set()
        self.nodes = 0

    def fail(self, message: str, node: ast.AST | int, hint: str | None = None) -> FormulaError:
        column = node if isinstance(node, int) else getattr(node, "col_offset", 0)
        # ast columns are UTF-8 byte offsets into the parsed (left-stripped) text.
        chars = len(self.encoded[:column].decode("utf-8", errors="ignore"))
        return FormulaError(message, self.offset + chars, self.source, self.where, hint)

    def text_of(self, node: ast.expr, limit: int = 24) -> str:
        """The source text of ``node``, shortened to ``limit`` characters."""
        start, end = node.col_offset, node.end_col_offset or node.col_offset
        text = self.encoded[start:end].decode("utf-8", errors="replace")
        return text if len(text) <= limit else text[: limit - 3] + "..."

    def check(self, node: ast.expr, depth: int) -> ast.expr:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(f"formula is too complex (more than {MAX_NODES} parts)", node)
        if depth > MAX_DEPTH:
            raise self.fail(f"formula nests too deeply (more than {MAX_DEPTH} levels)", node)
        method = _ACCEPTED.get(type(node))
        if method is None:
            raise self.fail(self._refusal(node), node)
        return method(self, node, depth + 1)

    def _refusal(self, node: ast.AST) -> str:
        for kind, message in _CONSTRUCTS.items():
            if isinstance(node, kind):
                return message
        return f"'{type(node).__name__}' expressions are not allowed"

    def _Attribute(self, node: ast.Attribute, depth: int) -> ast.expr:
        end = node.value.end_col_offset or node.col_offset
        raise self.fail(_CONSTRUCTS[ast.Attribute], end)

    def numeric(self, original: ast.expr, built: ast.expr) -> ast.expr:
        """Wrap a true/false sub-expression so arithmetic treats it as 0.0/1.0."""
        return _call("_num", built) if _is_boolean(original) else built

    def _Constant(self, node: ast.Constant, depth: int) -> ast.expr:
        value = node.value
        if isinstance(value, bool):
            return ast.Constant(value, **AT)
        if isinstance(value, int | float):
            if not abs(value) <= MAX_CONSTANT:
                message = f"numbers must be between -1e12 and 1e12 (got {self.text_of(node)})"
                raise self.fail(message, node)
            return ast.Constant(float(value), **AT)
        kinds = {
            str: "text (strings) is",
            bytes: "bytes are",
            complex: "complex numbers are",
            type(None): "None is",
            type(...): "'...' is",
        }
        label = kinds.get(type(value), f"{value!r} is")
        raise self.fail(f"{label} not allowed in formulas", node)

    def _Name(self, node: ast.Name, depth: int) -> ast.expr:
        if node.id in self.names:
            self.used.add(node.id)
            return _ns(node.id)
        if node.id in FUNCTIONS:
            arity = ARITY[node.id][2]
            message = f"'{node.id}' is a function; call it like {node.id}({arity})"
            raise self.fail(message, node)
        hint = did_you_mean(node.id, self.names)
        suffix = f" (did you mean '{hint}'?)" if hint else ""
        raise self.fail(f"unknown name '{node.id}'{suffix}", node, hint)

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> ast.expr:
        if isinstance(node.op, ast.Not):
            return _call("_not", self.check(node.operand, depth))
        if isinstance(node.op, ast.Invert):
            raise self.fail("the operator '~' is not allowed; use 'not'", node)
        operand = self.check(node.operand, depth)
        if isinstance(operand, ast.Constant) and isinstance(operand.value, float):
            value = operand.value if isinstance(node.op, ast.UAdd) else -operand.value
            return ast.Constant(value, **AT)
        return ast.UnaryOp(node.op, self.numeric(node.operand, operand), **AT)

    def _BinOp(self, node: ast.BinOp, depth: int) -> ast.expr:
        op_type = type(node.op)
        if op_type not in _BINOPS:
            text = _OPERATOR_TEXT.get(op_type, op_type.__name__)
            advice = _OPERATOR_ADVICE.get(text, "")
            hint = self.source.replace("^", "**") if text == "^" else None
            raise self.fail(f"the operator '{text}' is not allowed{advice}", node, hint)
        # A flat chain like a + b - c + d is one level, however long (MAX_NODES bounds it).
        chained = isinstance(node.left, ast.BinOp) and _PRECEDENCE.get(
            type(node.left.op)
        ) == _PRECEDENCE.get(op_type)
        left = self.numeric(node.left, self.check(node.left, depth - 1 if chained else depth))
        if isinstance(node.op, ast.Pow):
            exponent = _constant_value(node.right)
            if exponent is None or not abs(exponent) <= MAX_EXPONENT:
                message = (
                    f"the exponent of ** must be a number between "
                    f"-{MAX_EXPONENT} and {MAX_EXPONENT}"
                )
                raise self.fail(message, node.right)
        right = self.numeric(node.right, self.check(node.right, depth))
        helper = _BINOPS[op_type]
        if helper is None:
            return ast.BinOp(left, node.op, right, **AT)
        return _call(helper, left, right)

    def _BoolOp(self, node: ast.BoolOp, depth: int) -> ast.expr:
        helper = "_and" if isinstance(node.op, ast.And) else "_or"
        values = [self.check(v, depth) for v in node.values]
        return functools.reduce(lambda a, b: _call(helper, a, b), values)

    def _Compare(self, node: ast.Compare, depth: int) -> ast.expr:
        for op in node.ops:
            if not isinstance(op, _COMPARES):
                text = _OPERATOR_TEXT.get(type(op), type(op).__name__)
                raise self.fail(f"the comparison '{text}' is not allowed", node)
        originals = [node.left, *node.comparators]
        operands = [self.numeric(o, self.check(o, depth)) for o in originals]
        parts: list[ast.expr] = [
            ast.Compare(operands[i], [op], [operands[i + 1]], **AT) for i, op in enumerate(node.ops)
        ]
        return functools.reduce(lambda a, b: _call("_and", a, b), parts)

    def _IfExp(self, node: ast.IfExp, depth: int) -> ast.expr:
        test = self.check(node.test, depth)
        body = self.check(node.body, depth)
        orelse = self.check(node.orelse, depth)
        if _is_boolean(node.body) != _is_boolean(node.orelse):
            body, orelse = self.numeric(node.body, body), self.numeric(node.orelse, orelse)
        return _call("_f_where", test, body, orelse)

    def _Call(self, node: ast.Call, depth: int) -> ast.expr:
        func = node.func
        if not isinstance(func, ast.Name):
            if isinstance(func, ast.Attribute | ast.Subscript | ast.Lambda | ast.Constant):
                self.check(func, depth)  # raises the construct's own, clearer message
            raise self.fail(_CALLS_ALLOWED, node)
        if func.id not in FUNCTIONS:
            hint = did_you_mean(func.id, FUNCTIONS)
            suffix = f" (did you mean '{hint}'?)" if hint else ""
            message = f"'{func.id}' is not a function you can call{suffix}; {_CALLS_ALLOWED}"
            raise self.fail(message, node, hint)
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.fail(_CONSTRUCTS[ast.Starred], arg)
        if node.keywords:
            keyword = node.keywords[0]
            raise self.fail(
                f"keyword arguments are not allowed; write {func.id}({ARITY[func.id][2]})",
                keyword,
            )
        low, high, signature = ARITY[func.id]
        count = len(node.args)
        if count < low or (high is not None and count > high):
            wanted = f"at least {low}" if high is None else str(low)
            plural = "argument" if wanted == "1" else "arguments"
            message = f"{func.id}() takes {wanted} {plural} ({signature}), got {count}"
            raise self.fail(message, node)
        args = [self.check(a, depth) for a in node.args]
        if func.id == "where":
            if _is_boolean(node.args[1]) != _is_boolean(node.args[2]):
                args[1] = self.numeric(node.args[1], args[1])
                args[2] = self.numeric(node.args[2], args[2])
        elif not (func.id in {"min", "max"} and all(_is_boolean(a) for a in node.args)):
            args = [self.numeric(o, a) for o, a in zip(node.args, args, strict=True)]
        return _call(f"_f_{func.id}", *args)


def _is_boolean(node: ast.expr) -> bool:
    """True when ``node`` is statically a true/false value (comparison, and/or/not ...)."""
    if isinstance(node, ast.Compare | ast.BoolOp):
        return True
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.Not)
    if isinstance(node, ast.Constant):
        return isinstance(node.value, bool)
    if isinstance(node, ast.IfExp):
        return _is_boolean(node.body) and _is_boolean(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "where" and len(node.args) == 3:
            return _is_boolean(node.args[1]) and _is_boolean(node.args[2])
        if node.func.id in {"min", "max"}:
            return bool(node.args) and all(_is_boolean(a) for a in node.args)
    return False


def _constant_value(node: ast.expr) -> float | None:
    """The number a constant (optionally signed) expression stands for, else None."""
    sign = 1.0
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        sign = -sign if isinstance(node.op, ast.USub) else sign
        node = node.operand
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        if isinstance(node.value, bool) or abs(node.value) > MAX_CONSTANT:
            return None
        return sign * float(node.value)
    return None


_ACCEPTED: Mapping[type[ast.AST], Callable[[Checker, Any, int], ast.expr]] = {
    ast.Attribute: Checker._Attribute,
    ast.BinOp: Checker._BinOp,
    ast.BoolOp: Checker._BoolOp,
    ast.Call: Checker._Call,
    ast.Compare: Checker._Compare,
    ast.Constant: Checker._Constant,
    ast.IfExp: Checker._IfExp,
    ast.Name: Checker._Name,
    ast.UnaryOp: Checker._UnaryOp,
}
"""The syntax-tree node types a formula may contain, each with its checker
(``Attribute`` only to refuse it with the column of its dot)."""
