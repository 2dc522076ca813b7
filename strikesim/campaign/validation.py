"""Pydantic validation errors of a campaign file rewritten as findings.

The same treatment scenario files get (:mod:`strikesim.scenario.validation`):
keep only the location parts that exist in the data, name the key path as it
is written, show the bad value and what was expected, and suggest the closest
valid key for an unknown one.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from strikesim.campaign.model import CampaignModel
from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.findings import Finding, error
from strikesim.scenario.validation import show_value

__all__ = ["validate_campaign_data", "without_unknown_keys"]

_TYPE_NAMES = {
    "float": "a number",
    "int": "a whole number",
    "bool": "true or false",
    "string": "text",
    "dict": "a mapping (key: value lines)",
    "list": "a list",
    "model": "a mapping (key: value lines)",
}


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


def _model_at(path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class describing the mapping at ``path`` (None if not a model)."""
    tp: Any = CampaignModel
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


def _data_path(data: Any, loc: tuple[Any, ...], keep_last: bool) -> tuple[str | int, ...]:
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
    if kind == "too_short":
        return f"at least {ctx.get('min_length', 1)} item(s)"
    if kind == "finite_number":
        return "a finite number"
    for prefix, name in _TYPE_NAMES.items():
        if kind.startswith(prefix):
            return name
    if kind.startswith("model_"):
        return _TYPE_NAMES["model"]
    return str(err["msg"]).lower()


def _finding(data: Any, errs: list[Any]) -> Finding:
    first = errs[0]
    kind = first["type"]
    if kind == "missing":
        path = _data_path(data, first["loc"], keep_last=True)
        return error(path[:-1], f"missing required key '{path[-1]}'", expected=str(path[-1]))
    if kind == "extra_forbidden":
        path = _data_path(data, first["loc"], keep_last=True)
        key = str(path[-1])
        model = _model_at(path[:-1])
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
    guess = None
    if kind == "literal_error" and isinstance(value, str):
        raw = str(first["ctx"]["expected"]).replace(" or ", ",").split(",")
        guess = did_you_mean(value, [c.strip(" '") for c in raw if c.strip(" '")])
    shown = show_value(value)
    if kind == "too_short":
        shown = "an empty list"
    return error(
        path, f"expected {expected}, got {shown}", value=shown, expected=expected, hint=guess
    )


def validate_campaign_data(data: Any) -> tuple[CampaignModel | None, list[Finding]]:
    """Validate plain campaign data; on failure one finding per bad value (never raises)."""
    try:
        return CampaignModel.model_validate(data), []
    except ValidationError as exc:
        groups: dict[tuple[Any, ...], list[Any]] = {}
        for err in exc.errors(include_url=False):
            keep = err["type"] in ("missing", "extra_forbidden")
            key = (_data_path(data, err["loc"], keep_last=keep), keep and err["type"])
            groups.setdefault(key, []).append(err)
        return None, [_finding(data, errs) for errs in groups.values()]


def without_unknown_keys(data: Any, findings: list[Finding]) -> Any:
    """A copy of ``data`` with the keys reported as unknown removed, so that the rest of
    a file whose only shape problems are misspelt keys can still be cross-checked."""
    import copy

    cleaned = copy.deepcopy(data)
    for f in findings:
        if not f.at_key or not f.message.startswith("unknown key"):
            continue
        node = cleaned
        for part in f.path[:-1]:
            node = node[part]
        if isinstance(node, dict):
            node.pop(f.path[-1], None)
    return cleaned
