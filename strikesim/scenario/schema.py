"""JSON Schema and the reference document, both generated from the model.

``docs/scenario.schema.json`` lets editors (via ``# yaml-language-server:
$schema=…``) complete keys and flag mistakes while typing;
``docs/scenario-format.md`` is the human reference. Both come from
:mod:`strikesim.scenario.model`, so they cannot drift from what the loader
accepts (a test checks the committed copies are current).
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from strikesim.engine import core
from strikesim.scenario.model import ScenarioModel

__all__ = ["DOC_FILES", "reference_markdown", "scenario_json_schema", "schema_json", "write_docs"]

SCHEMA_ID = "https://strikesim.invalid/scenario.schema.json"
DOC_FILES = ("docs/scenario.schema.json", "docs/scenario-format.md")
"""The generated files, relative to the repository root."""


PARTIAL = "Partial"
"""Suffix of the relaxed copies of each definition used by files with ``extends:``."""


def _relaxed(node: Any) -> Any:
    """``node`` with every ``required`` list cut to ``id`` and refs sent to relaxed copies.

    A file that extends a base may give any part partially (the base supplies
    the rest); only the ``id`` of a list item is needed, to merge it by id.
    Unknown keys stay errors.
    """
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "required":
                kept = [k for k in value if k == "id"]
                if kept:
                    out[key] = kept
            elif key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = value + PARTIAL
            else:
                out[key] = _relaxed(value)
        return out
    if isinstance(node, list):
        return [_relaxed(v) for v in node]
    return node


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file.

    A file without ``extends`` must be complete (``ScenarioModel``); one with
    ``extends`` is checked against relaxed copies (``…Partial``) where nothing
    but ``format_version``, ``id`` and list items' ``id`` is required, since a
    base can supply the rest. Unknown keys are rejected either way.
    """
    schema = ScenarioModel.model_json_schema()
    defs = schema.pop("$defs", {})
    schema.pop("title", None)
    full = {**schema, "title": "ScenarioModel"}
    partial = _relaxed(full)
    partial["required"] = ["format_version", "id", "extends"]
    partial["properties"]["extends"] = {
        "type": "string",
        "minLength": 1,
        "description": full["properties"]["extends"].get("description", ""),
    }
    partial["title"] = "ScenarioModel" + PARTIAL
    all_defs = {**defs, **{name + PARTIAL: _relaxed(d) for name, d in defs.items()}}
    all_defs["ScenarioModel"] = full
    all_defs["ScenarioModel" + PARTIAL] = partial
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "StrikeSim scenario (format 1)",
        "description": full.get("description", ""),
        "type": "object",
        "if": {"required": ["extends"], "properties": {"extends": {"type": "string"}}},
        "then": {"$ref": "#/$defs/ScenarioModel" + PARTIAL},
        "else": {"$ref": "#/$defs/ScenarioModel"},
        "$defs": dict(sorted(all_defs.items())),
    }


def schema_json() -> str:
    """The schema as the text committed in ``docs/scenario.schema.json``."""
    return json.dumps(scenario_json_schema(), indent=2) + "\n"


def _type_name(tp: Any) -> str:
    origin = get_origin(tp)
    args = get_args(tp)
    if origin is typing.Annotated:
        inner = _type_name(args[0])
        return "formula" if any("_formula_text" in str(a) for a in args[1:]) else inner
    if origin in (Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(names))
    if origin is Literal:
        return " or ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"map of {_type_name(args[0])} to {_type_name(args[1])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{_title(tp)}](#{_anchor(tp)})"
    return {str: "text", float: "number", int: "integer", bool: "true/false"}.get(tp, str(tp))


def _title(model: type[BaseModel]) -> str:
    return model.__name__.removesuffix("Model") or model.__name__


def _anchor(model: type[BaseModel]) -> str:
    return _title(model).lower()


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        return "see description"
    value = info.default
    if value is PydanticUndefined or value is None:
        return "—"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value == "":
        return "empty"
    return f"`{value}`"


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """``root`` and every model reachable from its fields, in first-seen order."""
    seen: list[type[BaseModel]] = []

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.append(tp)
            for info in tp.model_fields.values():
                visit(info.annotation)
            return
        for arg in get_args(tp):
            visit(arg)

    visit(root)
    return seen


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _formula_fields(model: type[BaseModel], name: str, info: FieldInfo) -> str:
    if any("_formula_text" in str(m) for m in info.metadata):
        return "formula"
    return _type_name(info.annotation)


def reference_markdown() -> str:
    """The reference document: one table per part of the file."""
    lines = [
        "# Scenario file format, version 1",
        "",
        "Generated from `strikesim/scenario/model.py`; do not edit by hand. Regenerate",
        "this file and `scenario.schema.json` with `python -m strikesim.scenario.schema`.",
        "Start a scenario file with",
        "`# yaml-language-server: $schema=../../docs/scenario.schema.json` for editor help.",
        "",
        "Conventions: ids are snake_case (`^[a-z][a-z0-9_]*$`; a scenario id may also use",
        "`-`), labels are free text. A *formula* is text in the expression language",
        "(numbers, names of variables and parameters, `+ - * / ** %`, comparisons,",
        "`and or not`, `x if c else y`, and the functions min, max, clip, exp, log, sqrt,",
        "abs, where, ncdf, floor, ceil, round); a plain number is accepted too.",
        "Unknown keys are errors.",
        "",
        "## extends",
        "",
        "`extends: <id or relative path>` merges this file onto a base scenario:",
        "mappings merge key by key (this file wins); lists of items with an `id`",
        "merge by id (same id: merged; new id: appended; `remove: true`: deleted);",
        "other values are replaced. `id`, `extends` and `abstract` are not inherited.",
        "",
    ]
    for model in _models(ScenarioModel):
        lines += [f"## {_title(model)}", ""]
        doc = (model.__doc__ or "").strip().splitlines()
        if doc:
            lines += [doc[0], ""]
        lines += ["| Key | Type | Default | Description |", "|---|---|---|---|"]
        for name, info in model.model_fields.items():
            kind = _formula_fields(model, name, info)
            desc = info.description or ""
            meta = [m for m in info.metadata if hasattr(m, "pattern")]
            if meta:
                desc += f" Pattern `{meta[0].pattern}`."
            row = [f"`{name}`", _cell(kind), _default(info), _cell(desc)]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    return "\n".join(lines + _core_tables())


def _bound(x: float | None) -> str:
    return "—" if x is None else f"{x:g}"


def _core_tables() -> list[str]:
    """Reference tables of the names every scenario can read (from the engine's core)."""
    lines = [
        "## Names available in formulas",
        "",
        "Besides the scenario's own variables and `params`, every formula may read the",
        "built-in names " + ", ".join(f"`{n}`" for n in core.BUILTIN_NAMES) + ", and",
        "`contract_<term>` for each `projection.contract_terms` entry. The language",
        "itself is described in `docs/formulas.md`.",
        "",
        "### Core variables",
        "",
        "Override any field with a `variables:` item of the same id.",
        "",
        "| Id | Unit | Owner | Initial | Min | Max | Kind | Description |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for v in core.CORE_VARIABLES:
        kind = "derived" if v.derived else "state"
        row = [f"`{v.id}`", v.unit, v.owner, f"{v.initial:g}", _bound(v.lo), _bound(v.hi), kind]
        lines.append("| " + " | ".join([*map(_cell, row), _cell(v.description)]) + " |")
    lines += [
        "",
        "### Core parameters",
        "",
        "Override any of them under `params:`.",
        "",
        "| Id | Default | Description | Basis |",
        "|---|---|---|---|",
    ]
    for name, p in core.CORE_PARAMS.items():
        lines.append(f"| `{name}` | {p.default:g} | {_cell(p.description)} | {_cell(p.source)} |")
    lines.append("")
    return lines


def write_docs(root: Path) -> list[Path]:
    """Write both generated documents under ``root`` (the repository root)."""
    texts = (schema_json(), reference_markdown() + "\n")
    paths = []
    for name, text in zip(DOC_FILES, texts, strict=True):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_docs(Path(__file__).resolve().parents[2]):
        print(f"wrote {written}")
