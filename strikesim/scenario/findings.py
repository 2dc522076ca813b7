"""Problems found in a scenario model, before they are located in a file.

A :class:`Finding` names a key path in the (merged) scenario; the loader turns
it into a located :class:`~strikesim.scenario.diagnostics.Diagnostic`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from strikesim.scenario.diagnostics import Severity

__all__ = ["Finding", "Path", "check_ids", "error", "hint", "warning"]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One problem at a key path; ``at_key`` points at the key instead of the value.

    ``column_offset`` (0-based, in characters of the value's text) locates a
    problem inside a formula string.
    """

    severity: Severity
    path: Path
    message: str
    value: str | None = None
    expected: str | None = None
    hint: str | None = None
    at_key: bool = False
    column_offset: int | None = None


def error(path: Path, message: str, **kw: object) -> Finding:
    return Finding(Severity.ERROR, path, message, **kw)  # type: ignore[arg-type]


def warning(path: Path, message: str, **kw: object) -> Finding:
    return Finding(Severity.WARNING, path, message, **kw)  # type: ignore[arg-type]


def hint(path: Path, message: str, **kw: object) -> Finding:
    return Finding(Severity.HINT, path, message, **kw)  # type: ignore[arg-type]


def check_ids(items: Iterable[object], path: Path, what: str) -> list[Finding]:
    seen: dict[str, int] = {}
    found = []
    for k, item in enumerate(items):
        ident = getattr(item, "id", "")
        if ident in seen:
            found.append(
                error(
                    (*path, k, "id"),
                    f"duplicate {what} id '{ident}' (also used by {path[-1]}[{seen[ident]}])",
                    value=ident,
                )
            )
        else:
            seen[ident] = k
    return found
