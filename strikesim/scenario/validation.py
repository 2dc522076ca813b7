"""Pydantic validation errors rewritten as findings a modder can act on.

Pydantic reports a location tuple that may contain internal markers (which
member of a union failed, which validator ran); we keep only the parts that
exist in the data, name the key path the way the file is written, show the bad
value and what was expected, and suggest the closest valid key for unknown
keys and the closest valid choice for misspelled options.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from strikesim.scenario.checks import Finding, error
from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.model import ScenarioModel

M = TypeVar("M", bound=BaseModel)

__all__ = ["show_value", "validate_against", "validate_model"]

_TYPE_NAMES = {
    "float": "a number",
    "int": "a whole number",
    "bool": "true or false",
    "string": "text",
    "dict": "a mapping (key: value lines)",
    "list": "a list",
    "model": "a mapping (key: value lines)",
}


def show_value(value: Any) -> str:
    """A short, YAML-flavoured rendering of a bad value for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"'{text}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is typing.Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            rich = [a for a in members if get_origin(a) in (list, dict) or _is_model(a)]
            tp = rich[0] if rich else members[0]
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _model_at(root: type[BaseModel], path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class describing the mapping at ``path`` (None if not a model)."""
    tp: Any = root
    for part in path:
        tp = _unwrap(tp)
        if _is_model(tp) and isinstance(part, str) and part in tp.model_fields:
            tp = tp.model_fields[part].annotation
        elif get_origin(tp) is list and isinstance(part, int):
            tp = get_args(tp)[0]
        elif get_origin(tp) is dict and isinstance(part, str):
            tp = get_args(tp)[1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if _is_model(tp) else None


def _bounds(root: type[BaseModel], path: tuple[str | int, ...]) -> tuple[float, float] | None:
    """(lower, upper) when the field at ``path`` has both bounds (e.g. a weight)."""
    if not path or not isinstance(path[-1], str):
        return None
    model = _model_at(root, path[:-1])
    info = model.model_fields.get(path[-1]) if model else None
    if info is None:
        return None
    lo = next((m.ge for m in info.metadata if getattr(m, "ge", None) is not None), None)
    hi = next((m.le for m in info.metadata if getattr(m, "le", None) is not None), None)
    return (float(lo), float(hi)) if lo is not None and hi is not None else None


def _data_path(data: Any, loc: tuple[Any, ...], keep_last: bool) -> tuple[str | int, ...]:
    """Keep the location parts that exist in ``data`` (drop union/validator markers)."""
    out: list[str | int] = []
    node = data
    for k, part in enumerate(loc):
        in_map = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_map or in_list:
            node = node[part]
            out.append(part)
        elif keep_last and k == len(loc) - 1 and isinstance(part, str):
            out.append(part)
    return tuple(out)


def _lookup(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _expected(err: Any) -> str:
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "literal_error":
        choices = str(ctx.get("expected", ""))
        return f"one of {choices}" if " or " in choices else choices
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "_-]" in pattern:
            return "an id of lowercase letters, digits, '_' and '-'"
        return "a snake_case id (lowercase letters, digits and '_', starting with a letter)"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=",
                "less_than": "<"}[kind]  # fmt: skip
        bound = next(iter(ctx.values()), "")
        shown = f"{bound:g}" if isinstance(bound, float) else str(bound)
        return f"a number {sign} {shown}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])).removeprefix("expected ")
    if kind == "finite_number":
        return "a finite number"
    if kind == "too_short":
        return f"at least {ctx.get('min_length', 1)} item(s)"
    if kind == "int_from_float":
        return "a whole number"
    for prefix, name in _TYPE_NAMES.items():
        if kind.startswith(prefix):
            return name
    if kind.startswith("model_") or kind == "dataclass_type":
        return _TYPE_NAMES["model"]
    return str(err["msg"]).lower()


def _finding(root: type[BaseModel], data: Any, errs: list[Any]) -> Finding:
    first = errs[0]
    kind = first["type"]
    if kind == "missing":
        path = _data_path(data, first["loc"], keep_last=True)
        return error(path[:-1], f"missing required key '{path[-1]}'", expected=str(path[-1]))
    if kind == "extra_forbidden":
        path = _data_path(data, first["loc"], keep_last=True)
        key = str(path[-1])
        model = _model_at(root, path[:-1])
        fields = list(model.model_fields) if model else []
        return error(
            path,
            f"unknown key '{key}'",
            value=key,
            expected="one of " + ", ".join(fields) if fields else None,
            hint=did_you_mean(key, fields),
            at_key=True,
        )
    path = _data_path(data, first["loc"], keep_last=False)
    value = first.get("input")
    expected = " or ".join(dict.fromkeys(_expected(e) for e in errs))
    bounds = _bounds(root, path)
    if bounds and kind.startswith(("float", "greater_than", "less_than")):
        expected = f"a number between {bounds[0]:g} and {bounds[1]:g}"
    guess = None
    if kind == "literal_error" and isinstance(value, str):
        choices = [
            c.strip(" '") for c in str(first["ctx"]["expected"]).replace(" or ", ",").split(",")
        ]
        guess = did_you_mean(value, [c for c in choices if c])
    shown = "an empty list" if kind == "too_short" else show_value(value)
    return error(
        path, f"expected {expected}, got {shown}", value=shown, expected=expected, hint=guess
    )


def validate_against(root: type[M], data: Any) -> tuple[M | None, list[Finding]]:
    """Validate plain data against ``root``; on failure, one finding per bad value.

    Never raises: a modder gets every problem of the file at once.
    """
    try:
        return root.model_validate(data), []
    except ValidationError as exc:
        groups: dict[tuple[Any, ...], list[Any]] = {}
        for err in exc.errors(include_url=False):
            keep = err["type"] in ("missing", "extra_forbidden")
            key = (_data_path(data, err["loc"], keep_last=keep), keep and err["type"])
            groups.setdefault(key, []).append(err)
        return None, [_finding(root, data, errs) for errs in groups.values()]


def validate_model(data: Any) -> tuple[ScenarioModel | None, list[Finding]]:
    """Validate merged scenario data (see :func:`validate_against`)."""
    return validate_against(ScenarioModel, data)
