"""Load a scenario: YAML -> merged data -> validated model -> compiled GameSpec.

Every stage collects its problems instead of stopping at the first one, and
each problem is located at ``file:line:col`` (inside the right file even when
it comes from an ``extends:`` base). A user mistake surfaces as a
:class:`ScenarioError` listing all of them, never a traceback.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from strikesim.engine.spec import GameSpec
from strikesim.errors import shown
from strikesim.scenario.catalog import find_scenario, scenario_ids
from strikesim.scenario.checks import Finding, check_model, warning
from strikesim.scenario.compile import compile_model
from strikesim.scenario.diagnostics import (
    Diagnostic,
    ScenarioError,
    Severity,
    did_you_mean,
    format_path,
    has_errors,
    sort_diagnostics,
    suggestion_budget,
)
from strikesim.scenario.merge import MergeProblem, Origin, line_col, merge, origin_of
from strikesim.scenario.model import ScenarioModel
from strikesim.scenario.resources import SCENARIO_FILE, scenario_file, scenario_roots
from strikesim.scenario.sweep import sweep_formulas
from strikesim.scenario.validation import validate_model
from strikesim.scenario.yaml_source import SourceDoc, load_yaml, position

__all__ = [
    "chain_files",
    "extends_roots",
    "load_model",
    "load_scenario",
    "resolve_scenario",
    "scenario_hash",
    "scenario_source",
    "stamped",
    "validate_path",
]

MAX_EXTENDS_DEPTH = 8


@dataclass
class _Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    model: ScenarioModel | None = None
    spec: GameSpec | None = None
    files: list[Path] = field(default_factory=list)
    """The scenario file, then each base it extends, in order."""


def _plain(file: str, message: str, severity: Severity = Severity.ERROR, **kw: Any) -> Diagnostic:
    return Diagnostic(severity, file, 0, 0, "", message, **kw)


def resolve_scenario(id_or_path: str | Path, *, relative_to: Path | None = None) -> Path:
    """The ``scenario.yaml`` for an id (shipped or a mod), a folder or a file path.

    Raises :class:`ScenarioError` (with suggestions) when nothing matches.
    """
    text = str(id_or_path)
    candidate = Path(text)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    looks_like_path = "/" in text or "\\" in text or text.endswith((".yaml", ".yml"))
    if candidate.is_dir() and (candidate / SCENARIO_FILE).is_file():
        return candidate / SCENARIO_FILE
    if candidate.is_file():
        return candidate
    if candidate.exists() and not candidate.is_dir():  # a FIFO, a device, a socket
        raise ScenarioError([_plain(text, "is not a regular file (a device, pipe or socket)")])
    if not looks_like_path:
        found = find_scenario(text)
        if found is not None:
            return found
    known = scenario_ids(include_abstract=True)
    raise ScenarioError(
        [
            _plain(
                text,
                "no such scenario file or scenario id",
                value=text,
                expected="an id from 'strikesim list' (" + ", ".join(known) + ") or a path",
                hint=None if looks_like_path else did_you_mean(text, known),
            )
        ]
    )


def _read_chain(
    path: Path, chain: tuple[Path, ...], out: list[Diagnostic], files: list[Path] | None = None
) -> Any:
    """Merged data + origin of ``path`` with all its bases (None on fatal errors).

    ``files`` collects every file read, ``path`` first.
    """
    if files is not None:
        files.append(path.resolve())
    try:
        doc = load_yaml(path, display_name=_display(path))
    except ScenarioError as exc:
        out.extend(exc.diagnostics)
        return None
    data, org = doc.data, origin_of(doc)
    base = data.get("extends")
    problems: list[MergeProblem] = []
    base_data: Any = None
    base_org: Origin | None = None
    if isinstance(base, str) and base:
        line, col = position(doc, ("extends",))

        def located(message: str, **kw: str | None) -> Diagnostic:
            return Diagnostic(Severity.ERROR, doc.file, line, col, "extends", message, **kw)

        try:
            base_path = resolve_scenario(base, relative_to=path.parent).resolve()
        except ScenarioError as exc:
            first = exc.diagnostics[0]
            message = f"unknown base scenario '{base}'"
            out.append(located(message, value=base, expected=first.expected, hint=first.hint))
            return None
        top = chain[0] if chain else path.resolve()
        if not _inside(base_path, extends_roots(top)):
            out.append(
                located(
                    "extends may only name a scenario id or a .yaml file inside the "
                    "scenario folders (the shipped scenarios, or the folder around "
                    f"{_display(top.parent)})",
                    value=shown(base, 80),
                )
            )
            return None
        if base_path in chain or base_path == path.resolve():
            names = " -> ".join(_display(p) for p in (*chain, path.resolve(), base_path))
            out.append(located(f"extends cycle: {names}"))
            return None
        if len(chain) >= MAX_EXTENDS_DEPTH:
            message = f"extends chain is deeper than {MAX_EXTENDS_DEPTH} files"
            out.append(located(message))
            return None
        loaded = _read_chain(base_path, (*chain, path.resolve()), out, files)
        if loaded is None:
            return None
        base_data, base_org = loaded
    merged, morg = merge(base_data, base_org, data, org, problems)
    if "abstract" not in data:
        merged.pop("abstract", None)
    for p in problems:
        file, line, col = line_col(p.origin, ())
        out.append(Diagnostic(Severity.ERROR, file, line, col, format_path(p.path), p.message,
                              value=p.value))  # fmt: skip
    return merged, morg


def extends_roots(top: Path) -> list[Path]:
    """Folders an ``extends:`` in the file ``top`` (or in its bases) may reach:
    :func:`~strikesim.scenario.resources.scenario_roots` and the folder around
    ``top``'s own folder (so ``my-mod/scenario.yaml`` may extend
    ``../my-base/scenario.yaml``). Only ``.yaml``/``.yml`` files are read."""
    return [*scenario_roots(), top.resolve().parent.parent]


def _inside(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return resolved.suffix in (".yaml", ".yml") and any(
        resolved.is_relative_to(root.resolve()) for root in roots
    )


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _to_diagnostic(root: Origin, f: Finding) -> Diagnostic:
    file, line, col = line_col(root, f.path, at_key=f.at_key)
    if f.column_offset is not None and line > 0:
        doc = _doc_at(root, f.path)
        col += _quote_width(doc, line, col) + f.column_offset
    # a problem with a key names the key in its message; show where the key sits
    shown = f.path[:-1] if f.at_key and f.path else f.path
    return Diagnostic(
        f.severity, file, line, col, format_path(shown), f.message,
        value=f.value, expected=f.expected, hint=f.hint,
    )  # fmt: skip


def _doc_at(root: Origin, path: tuple[str | int, ...]) -> SourceDoc:
    org = root
    for part in path:
        org = org.child(part)
    return org.doc


def _quote_width(doc: SourceDoc, line: int, col: int) -> int:
    """1 if the scalar at (line, col) starts with a quote (its text starts after it)."""
    lines = doc.text.splitlines()
    if 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
        return 1 if lines[line - 1][col - 1] in "'\"" else 0
    return 0


def _run(path: Path) -> _Result:
    with suggestion_budget():
        return _run_unbudgeted(path)


def _run_unbudgeted(path: Path) -> _Result:
    result = _Result()
    loaded = _read_chain(path, (), result.diagnostics, result.files)
    if loaded is None or has_errors(result.diagnostics):
        return result
    data, root = loaded
    model, findings = validate_model(data)
    compiled = False
    if model is not None:
        findings = check_model(model)
        if not any(f.severity is Severity.ERROR for f in findings) and not model.abstract:
            spec, more = compile_model(model)
            findings += more
            result.spec = spec
            compiled = True
        result.model = model
        findings += _folder_name(model, path)
    if not compiled:
        findings += sweep_formulas(data)
    result.diagnostics += [_to_diagnostic(root, f) for f in findings]
    return result


def _folder_name(model: ScenarioModel, path: Path) -> list[Finding]:
    """A ``scenario.yaml`` is listed by its folder name, so the id should match it."""
    folder = path.resolve().parent.name
    if path.name != SCENARIO_FILE or model.id == folder:
        return []
    message = f"the id '{model.id}' differs from the folder name '{folder}'"
    return [warning(("id",), message + "; the game lists scenarios by folder", hint=folder)]


def chain_files(id_or_path: str | Path) -> list[Path]:
    """The scenario's file and every base it extends (as far as they can be read)."""
    files: list[Path] = []
    _read_chain(resolve_scenario(id_or_path), (), [], files)
    return files


def load_model(id_or_path: str | Path) -> tuple[ScenarioModel, tuple[Diagnostic, ...]]:
    """The validated (merged) model and its warnings/hints; raises on errors."""
    result = _run(resolve_scenario(id_or_path))
    if has_errors(result.diagnostics) or result.model is None:
        raise ScenarioError(result.diagnostics)
    return result.model, sort_diagnostics(result.diagnostics)


def load_scenario(id_or_path: str | Path, *, strict: bool = False) -> GameSpec:
    """Load a shipped scenario id or a path into a compiled :class:`GameSpec`.

    ``strict`` also refuses warnings. Raises :class:`ScenarioError` with every
    problem found.
    """
    path = resolve_scenario(id_or_path)
    result = _run(path)
    blocking = [
        d for d in result.diagnostics
        if d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
    ]  # fmt: skip
    if blocking:
        raise ScenarioError(blocking)
    if result.model is not None and result.model.abstract:
        message = "is an abstract base scenario (for extends:) and cannot be played"
        raise ScenarioError([_plain(_display(path), message)])
    assert result.spec is not None and result.model is not None
    return stamped(result.spec, result.model, path)


def scenario_hash(model: ScenarioModel) -> str:
    """``sha256:<hex>`` of the validated model (bases merged, comments and layout
    ignored): two files with the same hash play the same game."""
    digest = hashlib.sha256(model.model_dump_json().encode("utf-8")).hexdigest()
    return f"sha256:{digest}"


def scenario_source(path: Path) -> str:
    """Where a scenario file lives, as saves store it: the shipped id for a shipped
    scenario, otherwise the absolute path of its file."""
    resolved = path.resolve()
    shipped = scenario_file(resolved.parent.name)
    if resolved.name == SCENARIO_FILE and shipped is not None and shipped.resolve() == resolved:
        return resolved.parent.name
    return str(resolved)


def stamped(spec: GameSpec, model: ScenarioModel, path: Path) -> GameSpec:
    """``spec`` with its :attr:`~GameSpec.scenario_hash` and ``scenario_source`` set."""
    return replace(spec, scenario_hash=scenario_hash(model), scenario_source=scenario_source(path))


def validate_path(path: str | Path) -> list[Diagnostic]:
    """Every diagnostic for a scenario file, a scenario folder, or a folder of them."""
    target = Path(path)
    if target.is_dir() and not (target / SCENARIO_FILE).is_file():
        files = sorted(target.glob(f"*/{SCENARIO_FILE}"))
        if not files:
            return [_plain(str(target), f"no */{SCENARIO_FILE} files in this folder")]
        out: list[Diagnostic] = []
        for file in files:
            out += _run(file).diagnostics
        return list(sort_diagnostics(out))
    try:
        file = resolve_scenario(target)
    except ScenarioError as exc:
        return list(exc.diagnostics)
    return list(sort_diagnostics(_run(file).diagnostics))
