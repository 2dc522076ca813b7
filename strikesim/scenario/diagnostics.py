"""Located, human-readable problems found while loading a scenario.

Every stage of loading (YAML parsing, model validation, formula compilation,
cross-reference checks) reports problems as :class:`Diagnostic` values instead
of raising at the first one, so a modder sees every mistake in one pass. A
stage that cannot continue raises :class:`ScenarioError` carrying all the
diagnostics gathered so far.

A diagnostic prints as one line that editors and terminals can jump to::

    x/scenario.yaml:41:7: error: issues[2].weight: expected a number between 0 and 1, got 'high'
    x/scenario.yaml:12:3: error: parties.union: unknown key 'membrs' (did you mean 'members'?)
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import functools
import heapq
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from strikesim.errors import ScenarioError, clean

MAX_LINE = 1000
"""Longest diagnostic line printed; echoed values are escaped and cut to fit."""

__all__ = [
    "Diagnostic",
    "ScenarioError",
    "Severity",
    "did_you_mean",
    "format_path",
    "has_errors",
    "sort_diagnostics",
    "suggestion_budget",
]


class Severity(StrEnum):
    """How bad a problem is: errors stop loading, warnings and hints do not."""

    ERROR = "error"
    WARNING = "warning"
    HINT = "hint"


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.HINT: 2}


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place in one file.

    ``line`` and ``column`` are 1-based; 0 means "unknown" (the position is
    then left out of :meth:`format`). ``path`` is the key path in the scenario
    in the dotted/indexed form a modder reads (``issues[2].weight``).
    ``value`` is the offending value as written, ``expected`` says what would
    have been accepted, and ``hint`` is a suggested replacement (usually the
    closest valid key or name), printed as "(did you mean 'hint'?)".
    """

    severity: Severity
    file: str
    line: int
    column: int
    path: str
    message: str
    value: str | None = None
    expected: str | None = None
    hint: str | None = None

    def format(self) -> str:
        """The one-line form ``file:line:col: severity: path: message (did you mean 'x'?)``."""
        parts: list[str] = []
        location = self.file or "<scenario>"
        if self.line > 0:
            location += f":{self.line}"
            if self.column > 0:
                location += f":{self.column}"
        parts.append(location)
        parts.append(str(self.severity))
        if self.path:
            parts.append(self.path)
        text = ": ".join(parts) + ": " + self.message
        if self.hint is not None and "did you mean" not in self.message:
            text += f" (did you mean '{self.hint}'?)"
        # one line even when a key or value written in the file holds a line break
        return clean(text, MAX_LINE).replace("\r", "\\r").replace("\n", "\\n")

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with every field (for ``validate --format json``)."""
        return {
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "value": self.value,
            "expected": self.expected,
            "hint": self.hint,
            "text": self.format(),
        }

    def __str__(self) -> str:
        return self.format()


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Order by file, line, column, then severity; drop exact duplicates.

    Unlocated diagnostics (line 0) of a file come first, before its located
    ones, so file-level problems ("file is empty") lead.
    """
    unique = list(dict.fromkeys(diagnostics))
    unique.sort(
        key=lambda d: (d.file, d.line, d.column, _SEVERITY_RANK[d.severity], d.path, d.message)
    )
    return tuple(unique)


def format_path(path: Iterable[str | int]) -> str:
    """A key path as a modder reads it: ``("issues", 2, "weight")`` -> ``issues[2].weight``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an ERROR (warnings and hints do not block loading)."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


MAX_SUGGESTION_LENGTH = 64
"""Words and candidates longer than this get no "did you mean" (the cost grows with length)."""
SHORTLIST = 16
"""At most this many candidates, those sharing the most letter pairs with the word, are
compared closely; so a suggestion costs time linear in the number of candidates."""


MAX_SUGGESTIONS = 200
"""Suggestions made while checking one file (:func:`suggestion_budget`); a file with
more mistakes than this gets its further ones reported without a suggestion."""
_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "suggestion_budget", default=None
)


@contextlib.contextmanager
def suggestion_budget(limit: int = MAX_SUGGESTIONS) -> Iterator[None]:
    """Within this block :func:`did_you_mean` makes at most ``limit`` suggestions,
    so checking a file costs time linear in its size however many mistakes it has."""
    token = _BUDGET.set([limit])
    try:
        yield
    finally:
        _BUDGET.reset(token)


@functools.lru_cache(maxsize=1 << 16)
def _letter_pairs(text: str) -> frozenset[str]:
    padded = f" {text.lower()} "
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


def did_you_mean(word: str, candidates: Collection[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate closest to a mistyped ``word``, or None if nothing is close.

    A case-insensitive exact match wins; otherwise :func:`difflib.get_close_matches`
    with ``cutoff`` (0-1, higher = stricter). ``word`` itself is never suggested.
    """
    if len(word) > MAX_SUGGESTION_LENGTH:
        return None
    budget = _BUDGET.get()
    if budget is not None:
        if budget[0] <= 0:
            return None
        budget[0] -= 1
    pool = sorted(c for c in candidates if c != word and len(c) <= MAX_SUGGESTION_LENGTH)
    if not pool:
        return None
    lowered = word.lower()
    for candidate in pool:
        if candidate.lower() == lowered:
            return candidate
    if len(pool) > SHORTLIST:
        # difflib is quadratic in the pool: rank by shared letter pairs first (cheap)
        grams = _letter_pairs(word)
        pool = sorted(heapq.nlargest(SHORTLIST, pool, key=lambda c: len(grams & _letter_pairs(c))))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if matches:
        return matches[0]
    folded = {c.lower(): c for c in pool}
    matches = difflib.get_close_matches(lowered, list(folded), n=1, cutoff=cutoff)
    return folded[matches[0]] if matches else None
