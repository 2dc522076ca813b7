"""Check every formula even when the rest of the file is broken.

Compiling a scenario needs a valid model, so a file with a structural mistake
(a misspelled key, a bad weight) would otherwise hide its formula mistakes
until the first ones are fixed. This sweep walks the raw data alongside the
model's types, finds every formula field that holds text, and compiles it
against the names the file appears to define, so a modder sees all problems
in one pass. Anything not shaped as expected is skipped silently: those parts
already have their own errors.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from strikesim.engine import core
from strikesim.scenario.checks import Finding
from strikesim.scenario.compile import FormulaCompiler
from strikesim.scenario.model import ScenarioModel

__all__ = ["sweep_formulas"]

Path = tuple[str | int, ...]
_CONDITIONS = frozenset({"condition", "union_capitulates", "studio_capitulates"})


def _ids(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    return [x["id"] for x in items if isinstance(x, dict) and isinstance(x.get("id"), str)]


def _keys(mapping: Any) -> list[str]:
    return [k for k in mapping if isinstance(k, str)] if isinstance(mapping, dict) else []


def _is_formula(tp: Any, metadata: Iterable[Any] = ()) -> bool:
    if any("_formula_text" in str(m) for m in metadata):
        return True
    if get_origin(tp) is typing.Annotated:
        return any("_formula_text" in str(a) for a in get_args(tp)[1:])
    if get_origin(tp) in (Union, types.UnionType):
        return any(_is_formula(a) for a in get_args(tp))
    return False


def _model_of(tp: Any) -> Any:
    """The model, list or dict type inside an optional/annotated annotation."""
    if get_origin(tp) is typing.Annotated:
        return _model_of(get_args(tp)[0])
    if get_origin(tp) in (Union, types.UnionType):
        for arg in get_args(tp):
            inner = _model_of(arg)
            if inner is not None:
                return inner
        return None
    if get_origin(tp) in (list, dict) or (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return tp
    return None


class _Sweep:
    def __init__(self, data: Mapping[str, Any]) -> None:
        params = {*core.CORE_PARAMS, *_keys(data.get("params"))}
        variables = {v.id for v in core.CORE_VARIABLES} | set(_ids(data.get("variables")))
        projection = data.get("projection")
        terms = _keys(projection.get("contract_terms")) if isinstance(projection, dict) else []
        self.full = frozenset(
            {*params, *variables, *core.BUILTIN_NAMES, *(f"contract_{t}" for t in terms)}
        )
        self.value_scope = frozenset({"value", *params})
        self.issue_scope = frozenset({*_ids(data.get("issues")), *params})
        self.fc = FormulaCompiler()

    def formula(self, text: str, path: Path, *, effect: bool = False) -> None:
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        names = self.full
        if "contract_terms" in path:
            names = self.issue_scope
        elif path[0] == "issues" and path[-1] == "cost":
            names = self.value_scope
        offset = 0
        if effect:
            stripped = text.lstrip()
            offset = len(text) - len(stripped)
            if stripped[:1] in ("=", "*"):
                stripped, offset = stripped[1:], offset + 1
            text = stripped
        kind: typing.Literal["number", "condition"] = (
            "condition" if key in _CONDITIONS else "number"
        )
        self.fc(text, names, path, kind=kind, offset=offset)

    def walk(self, value: Any, tp: Any, path: Path, metadata: Iterable[Any] = ()) -> None:
        if _is_formula(tp, metadata):
            if isinstance(value, str):
                self.formula(value, path)
            return
        inner = _model_of(tp)
        if inner is None:
            return
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            if isinstance(value, dict):
                for name, info in inner.model_fields.items():
                    if name in value:
                        self.walk(value[name], info.annotation, (*path, name), info.metadata)
        elif get_origin(inner) is list and isinstance(value, list):
            (item,) = get_args(inner)
            for k, element in enumerate(value):
                self.walk(element, item, (*path, k))
        elif get_origin(inner) is dict and isinstance(value, dict):
            item = get_args(inner)[1]
            effect = path[-1] in ("effects", "cost")
            for key, element in value.items():
                if effect and _is_formula(item) and isinstance(element, str):
                    self.formula(element, (*path, key), effect=True)
                else:
                    self.walk(element, item, (*path, key))


def sweep_formulas(data: Any) -> list[Finding]:
    """Formula errors anywhere in raw scenario data (no other checks)."""
    if not isinstance(data, dict):
        return []
    sweep = _Sweep(data)
    sweep.walk(data, ScenarioModel, ())
    return sweep.fc.findings
