"""Hardened YAML loading that remembers where every value came from.

Scenario files come from strangers, so reading one must be cheap and safe
whatever it contains. This module never lets PyYAML construct objects: it
reads the parser's *event stream* and builds plain Python data itself, which
lets it enforce, while reading:

* a size cap (:data:`MAX_BYTES`), a nesting-depth cap (:data:`MAX_DEPTH`) and a
  node-count cap (:data:`MAX_NODES`);
* no anchors or aliases at all (so an alias bomb stops at its first ``&``);
* no duplicate keys;
* no tags beyond YAML's plain types (``!!python/...``, ``!!binary``, custom
  ``!tags`` are refused).

Plain scalars are resolved with the YAML 1.2 core schema, not PyYAML's YAML
1.1 one: only ``true``/``false`` are booleans (``yes``, ``no``, ``on`` stay
text), dates such as ``2023-03-20`` stay text, and ``1:30`` is not base 60.
Mapping keys are always text, so ``yes:`` or ``2023:`` are keys ``"yes"`` and
``"2023"``.

Every value's position is kept: :attr:`SourceDoc.positions` maps a key path
(a tuple of ``str`` keys and ``int`` list indices; ``()`` is the root) to the
1-based ``(line, column)`` of the value, and :attr:`SourceDoc.key_positions`
to the position of the key itself, so later stages can point at both
"unknown key" and "bad value". Problems become :class:`Diagnostic` values
raised together in one :class:`ScenarioError`, never a traceback.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from strikesim.scenario.diagnostics import Diagnostic, ScenarioError, Severity, format_path

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "KeyPath",
    "SourceDoc",
    "key_position",
    "load_yaml",
    "position",
]

MAX_BYTES = 1024 * 1024
"""Largest scenario file accepted, in bytes (1 MiB)."""
MAX_DEPTH = 40
"""Deepest nesting of mappings and lists accepted (the root mapping is depth 1)."""
MAX_NODES = 50_000
"""Most YAML nodes (keys, values and list items together) accepted in one file."""
MAX_INT_DIGITS = 100
"""Integer literals longer than this stay text (Python refuses to parse huge ones)."""

KeyPath = tuple[str | int, ...]
Position = tuple[int, int]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_INT_RE = re.compile(
    r"[-+]?[0-9](?:_?[0-9])*$|0o[0-7](?:_?[0-7])*$|0x[0-9a-fA-F](?:_?[0-9a-fA-F])*$"
)
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF_RE = re.compile(r"[-+]?\.(?:inf|Inf|INF)$")
_NAN_RE = re.compile(r"\.(?:nan|NaN|NAN)$")
_SCALAR_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null"))
_SEQ_TAGS = frozenset({_CORE + "seq"})
_MAP_TAGS = frozenset({_CORE + "map"})
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})


@dataclass(frozen=True)
class SourceDoc:
    """A parsed YAML file: plain data plus where each value was written.

    ``data`` holds only ``dict`` (str keys), ``list``, ``str``, ``int``,
    ``float``, ``bool`` and ``None``. Positions are 1-based ``(line, column)``.
    """

    file: str
    data: Any
    positions: Mapping[KeyPath, Position]
    key_positions: Mapping[KeyPath, Position] = field(default_factory=dict)
    text: str = field(default="", repr=False)


def position(doc: SourceDoc, path: KeyPath) -> Position:
    """Where the value at ``path`` was written, or its nearest known ancestor."""
    return _lookup(doc.positions, path)


def key_position(doc: SourceDoc, path: KeyPath) -> Position:
    """Where the key of ``path`` was written (a list item's own position for
    indices), falling back to the value position and then to ancestors."""
    if tuple(path) in doc.key_positions:
        return doc.key_positions[tuple(path)]
    return _lookup(doc.positions, path)


def _lookup(table: Mapping[KeyPath, Position], path: KeyPath) -> Position:
    path = tuple(path)
    while path:
        if path in table:
            return table[path]
        path = path[:-1]
    return table.get((), (1, 1))


class _Fatal(Exception):
    """Reading cannot go on; carries the diagnostic that explains why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def load_yaml(
    path: Path | str, *, text: str | None = None, display_name: str | None = None
) -> SourceDoc:
    """Read and check one YAML file whose top level must be a mapping.

    ``text`` supplies the content directly (``path`` then only names it);
    ``display_name`` is the file name used in messages (default ``str(path)``).
    Raises :class:`ScenarioError` with every problem found.
    """
    name = display_name if display_name is not None else str(path)
    try:
        source = _read_text(Path(path), name) if text is None else _check_text(text, name)
        builder = _Builder(name, source)
        data = builder.build()
    except _Fatal as fatal:
        raise ScenarioError([fatal.diagnostic]) from None
    if builder.diagnostics:
        raise ScenarioError(builder.diagnostics)
    return SourceDoc(name, data, builder.positions, builder.key_positions, source)


def _error(
    file: str, line: int, column: int, message: str, path: str = "", **kw: Any
) -> Diagnostic:
    return Diagnostic(Severity.ERROR, file, line, column, path, message, **kw)


def _read_text(path: Path, name: str) -> str:
    from strikesim.files import FileProblem, read_capped

    try:
        raw = read_capped(path, MAX_BYTES)
    except FileProblem as exc:
        reason = {"no such file": "file not found"}.get(exc.reason, exc.reason)
        if reason.startswith("is a folder"):
            reason = "is a folder, not a YAML file"
        elif reason.startswith("is too large"):
            _too_large(f"more than {MAX_BYTES:,}", name)
        raise _Fatal(_error(name, 0, 0, reason)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        message = (
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read); "
            "save it with UTF-8 encoding"
        )
        raise _Fatal(_error(name, line, column, message)) from None


def _check_text(text: str, name: str) -> str:
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        raise _Fatal(_error(name, line, column, "the text contains invalid characters")) from None
    if size > MAX_BYTES:
        _too_large(f"{size:,}", name)
    return text.removeprefix("\ufeff")


def _too_large(shown: str, name: str) -> None:
    raise _Fatal(_error(name, 0, 0, f"the file is too large ({shown} bytes, at most 1 MiB)"))


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _Builder:
    """Builds plain data from the parser's events, recording positions."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.diagnostics: list[Diagnostic] = []
        self.positions: dict[KeyPath, Position] = {}
        self.key_positions: dict[KeyPath, Position] = {}
        self.nodes = 0
        self.events: Iterator[Any] = iter(())

    # ---- driving the parser -------------------------------------------
    def build(self) -> Any:
        self.events = yaml.parse(self.text, Loader=_Loader)
        try:
            return self._stream()
        except yaml.YAMLError as exc:
            raise _Fatal(self._syntax_error(exc)) from None

    def _next(self) -> Any:
        return next(self.events)

    def _stream(self) -> Any:
        self._next()  # StreamStartEvent
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            raise _Fatal(_error(self.file, 0, 0, "the file is empty"))
        root_event = self._next()  # after DocumentStartEvent
        data = self._node(root_event, (), 1, record=True)
        self._next()  # DocumentEndEvent
        event = self._next()
        if isinstance(event, yaml.DocumentStartEvent):
            line, col = self._mark(event)
            raise _Fatal(
                _error(self.file, line, col, "only one YAML document is allowed (found '---')")
            )
        if data is None:
            raise _Fatal(_error(self.file, 0, 0, "the file is empty"))
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else f"a single value ({data!r})"
            line, col = self.positions[()]
            message = f"the top level must be a mapping of keys (like 'id: ...'), not {kind}"
            raise _Fatal(_error(self.file, line, col, message))
        return data

    @staticmethod
    def _mark(event: Any) -> Position:
        return event.start_mark.line + 1, event.start_mark.column + 1

    # ---- nodes ---------------------------------------------------------
    def _node(self, event: Any, path: KeyPath, depth: int, *, record: bool) -> Any:
        self._count(event, path)
        if record:
            self.positions[path] = self._mark(event)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, path)
        if depth > MAX_DEPTH:
            line, col = self._mark(event)
            message = f"the file nests too deeply (more than {MAX_DEPTH} levels)"
            raise _Fatal(_error(self.file, line, col, message, format_path(path)))
        if isinstance(event, yaml.SequenceStartEvent):
            self._check_tag(event, path, _SEQ_TAGS)
            items: list[Any] = []
            while not isinstance(event := self._next(), yaml.SequenceEndEvent):
                item_path = (*path, len(items))
                if record:
                    self.key_positions[item_path] = self._mark(event)
                items.append(self._node(event, item_path, depth + 1, record=record))
            return items
        self._check_tag(event, path, _MAP_TAGS)
        return self._mapping(path, depth, record=record)

    def _mapping(self, path: KeyPath, depth: int, *, record: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        while not isinstance(event := self._next(), yaml.MappingEndEvent):
            self._count(event, path)
            line, col = self._mark(event)
            key: str | None = None
            if isinstance(event, yaml.ScalarEvent):
                self._check_tag(event, path, _SCALAR_TAGS)
                key = event.value
            else:
                message = "a key must be plain text, not a list or mapping"
                self.diagnostics.append(_error(self.file, line, col, message, format_path(path)))
                self._node(event, path, depth + 1, record=False)
            value_event = self._next()
            if key is None:
                self._node(value_event, path, depth + 1, record=False)
            elif key in result:
                message = f"duplicate key '{key}' (first written on line {first_line[key]})"
                where = format_path((*path, key))
                self.diagnostics.append(_error(self.file, line, col, message, where, value=key))
                self._node(value_event, (*path, key), depth + 1, record=False)
            else:
                first_line[key] = line
                if record:
                    self.key_positions[(*path, key)] = (line, col)
                result[key] = self._node(value_event, (*path, key), depth + 1, record=record)
        return result

    def _count(self, event: Any, path: KeyPath) -> None:
        self.nodes += 1
        is_alias = isinstance(event, yaml.AliasEvent)
        if is_alias or event.anchor:
            line, col = self._mark(event)
            shown = f"*{event.anchor}" if is_alias else f"&{event.anchor}"
            message = f"YAML anchors and aliases are not allowed (found '{shown}')"
            expected = "every value written out in full"
            where = format_path(path)
            raise _Fatal(
                _error(self.file, line, col, message, where, value=shown, expected=expected)
            )
        if self.nodes > MAX_NODES:
            line, col = self._mark(event)
            message = f"the file has too many values (more than {MAX_NODES:,})"
            raise _Fatal(_error(self.file, line, col, message, format_path(path)))

    def _check_tag(self, event: Any, path: KeyPath, allowed: frozenset[str]) -> bool:
        tag = event.tag
        if tag is None or tag == "!" or tag in allowed:
            return True
        line, col = self._mark(event)
        message = f"YAML tag '{_tag_name(tag)}' is not allowed here; use plain values"
        self.diagnostics.append(
            _error(self.file, line, col, message, format_path(path), value=_tag_name(tag))
        )
        return False

    # ---- scalars -------------------------------------------------------
    def _scalar(self, event: Any, path: KeyPath) -> Any:
        if not self._check_tag(event, path, _SCALAR_TAGS):
            return None
        value: str = event.value
        bad = _CONTROL_CHARS.search(value)
        if bad is not None:
            line, col = self._mark(event)
            message = (
                f"text holds the control character U+{ord(bad.group()):04X}, which cannot "
                "be shown; remove it"
            )
            self.diagnostics.append(_error(self.file, line, col, message, format_path(path)))
            return None
        tag = event.tag
        if tag is None:
            return _resolve_plain(value) if event.implicit[0] else value
        if tag == "!" or tag == _CORE + "str":
            return value
        kind = tag[len(_CORE) :]
        resolved = _resolve_plain(value.strip())
        ok = {
            "int": isinstance(resolved, int) and not isinstance(resolved, bool),
            "float": isinstance(resolved, int | float) and not isinstance(resolved, bool),
            "bool": isinstance(resolved, bool),
            "null": resolved is None,
        }[kind]
        if ok:
            return float(resolved) if kind == "float" else resolved
        line, col = self._mark(event)
        message = f"'{value}' is not a valid {kind} for the tag '!!{kind}'"
        self.diagnostics.append(_error(self.file, line, col, message, format_path(path)))
        return None

    def _syntax_error(self, exc: yaml.YAMLError) -> Diagnostic:
        mark = getattr(exc, "problem_mark", None)
        if isinstance(exc, yaml.reader.ReaderError):
            offset = int(exc.position)
            line = self.text.count("\n", 0, offset) + 1
            column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
            return _error(self.file, line, column, f"invalid YAML: {exc.reason}")
        if mark is None:
            return _error(self.file, 0, 0, f"invalid YAML: {exc}")
        line, column = mark.line + 1, mark.column + 1
        lines = self.text.splitlines()
        here = lines[mark.line] if mark.line < len(lines) else ""
        problem = str(getattr(exc, "problem", "") or "syntax error")
        if "\t" in here[: mark.column + 1] and ("tab" in problem or "token" in problem):
            return _error(
                self.file, line, column, "invalid YAML: tabs cannot indent YAML; use spaces"
            )
        context = getattr(exc, "context", None)
        if context:
            problem += f" ({context})"
        return _error(self.file, line, column, f"invalid YAML: {problem}")


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a scenario's text may not hold (a NUL crashes text rendering, escapes
garble terminals); tabs and line breaks are fine."""


def _resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar under the YAML 1.2 core schema."""
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if _INT_RE.match(value):
        digits = value.replace("_", "")
        if len(digits) > MAX_INT_DIGITS:
            return value
        if digits.startswith("0o"):
            return int(digits[2:], 8)
        if digits.startswith("0x"):
            return int(digits[2:], 16)
        return int(digits)
    if _FLOAT_RE.match(value) and any(c.isdigit() for c in value):
        return float(value.replace("_", ""))
    if _INF_RE.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN_RE.match(value):
        return math.nan
    return value
