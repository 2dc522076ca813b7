"""Every failure StrikeSim reports to people, as one tree of exception classes.

::

    StrikeSimError            base: the message is for people, never a traceback
    ├── UserInputError        a value, name or path the user typed (also ValueError)
    │   └── NotFound          no such scenario, campaign or file (also FileNotFoundError)
    ├── ScenarioError         a scenario that does not validate; .diagnostics lists each problem
    │   └── ScenarioTooLarge  beyond what the engine can hold (outcome space, memory)
    ├── FormulaError          a formula rejected by the checker; .column points at the fault
    ├── RecordError           a save or run record that is damaged or does not fit its scenario
    ├── CampaignError         a campaign that cannot be loaded or cannot go on as asked
    ├── IllegalMove           a move the rules forbid (engine and session; also ValueError)
    └── SettingsError         a settings, theme, keymap or font file that cannot be used
        ├── ThemeError        (the game falls back to the defaults and says so)
        └── KeymapError

Outside the tree, ``ValueError`` and ``TypeError`` are left for programmers'
mistakes in calls (a side that is not 0 or 1, arrays of the wrong shape, a
hand-built scenario the validator never saw): whatever a person can type or
load that ``validate`` accepts reaches them only as one of the classes above.

The command line maps each class to an exit code in one place (:data:`EXIT_CODES`,
:func:`exit_code`); the game window shows the message. Classes that used to
derive from a built-in (``ValueError``, ``FileNotFoundError``) still do, so
older ``except`` clauses keep working.

This module imports nothing beyond the standard library, so the engine (which
must stay free of pygame, yaml and pydantic) can raise from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "EXIT_CODES",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "CampaignError",
    "FormulaError",
    "IllegalMove",
    "KeymapError",
    "NotFound",
    "RecordError",
    "ScenarioError",
    "ScenarioTooLarge",
    "SettingsError",
    "StrikeSimError",
    "ThemeError",
    "UserInputError",
    "clean",
    "exit_code",
    "shown",
]

EXIT_OK = 0
EXIT_PROBLEMS = 1
"""The input was read but has problems (a scenario or campaign that does not validate)."""
EXIT_USAGE = 2
"""The request cannot be carried out (a bad argument, an unreadable file, a damaged save)."""


class StrikeSimError(Exception):
    """Base of every error StrikeSim reports to people; ``str()`` is the message."""


class UserInputError(StrikeSimError, ValueError):
    """A mistake in what the user asked for (an argument, a name, a path)."""


class NotFound(UserInputError, FileNotFoundError):
    """No such scenario id, campaign id or file (or a shipped folder is missing)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class ScenarioError(StrikeSimError):
    """Loading a scenario failed; ``diagnostics`` holds every problem found, sorted by place.

    ``str(error)`` is all the diagnostics, one per line, so an uncaught error
    still reads as a list of located mistakes. Each diagnostic has ``format()``
    and ``severity`` (see :mod:`strikesim.scenario.diagnostics`).
    """

    def __init__(self, diagnostics: Iterable[Any] = (), message: str = "") -> None:
        from strikesim.scenario.diagnostics import sort_diagnostics

        self.diagnostics: tuple[Any, ...] = sort_diagnostics(diagnostics)
        super().__init__(message or "\n".join(d.format() for d in self.diagnostics))

    @property
    def errors(self) -> tuple[Any, ...]:
        """Only the diagnostics of severity ERROR."""
        return tuple(d for d in self.diagnostics if str(d.severity) == "error")


class ScenarioTooLarge(ScenarioError, ValueError):
    """The scenario asks for more than the engine can hold (an outcome space, memory)."""

    def __init__(self, message: str) -> None:
        super().__init__((), message)


class FormulaError(StrikeSimError):
    """A formula was rejected. ``column`` is the 0-based character offset in
    ``source`` of the offending part; ``where`` says which scenario field held
    it (for messages built by the caller); ``hint`` is a suggested replacement."""

    def __init__(
        self, message: str, column: int, source: str, where: str = "", hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.source = source
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        return self.message

    def caret(self) -> str:
        """The formula with a ``^`` under the offending column (two lines)."""
        return f"{self.source}\n{' ' * self.column}^"


class RecordError(StrikeSimError):
    """A save or run record that cannot be read, or that does not fit its scenario."""


class CampaignError(StrikeSimError):
    """A campaign cannot be loaded or cannot go on as asked."""


class IllegalMove(StrikeSimError, ValueError):
    """A move or action the rules forbid this week; the message says why.

    The engine raises it for a programmer's mistake, the session for a player's
    (the message is shown to the player), and replays turn it into a
    :class:`RecordError`.
    """


class SettingsError(StrikeSimError, ValueError):
    """A settings, theme, keymap or font file that cannot be used."""


class ThemeError(SettingsError):
    """The theme file is missing a key or holds a bad value (message names both)."""


class KeymapError(SettingsError):
    """The keymap file binds an unknown action or key (message names both)."""


EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (ScenarioError, EXIT_PROBLEMS),
    (CampaignError, EXIT_USAGE),
    (StrikeSimError, EXIT_USAGE),
)
"""Exit code of each error class; the first matching row wins."""


def exit_code(exc: BaseException) -> int:
    """The ``strikesim`` exit code for ``exc``."""
    for cls, code in EXIT_CODES:
        if isinstance(exc, cls):
            return code
    return EXIT_USAGE


_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def clean(text: str, limit: int = 400) -> str:
    """``text`` safe to print on a terminal: control characters (escapes, NUL,
    bidi overrides) written as ``\\xNN``/``\\uNNNN``, at most ``limit`` characters."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def shown(value: object, limit: int = 80) -> str:
    """``value`` as it may be echoed in a message: like ``repr`` (so terminal
    escapes, NUL and bidi controls are escaped), at most ``limit`` characters."""
    if isinstance(value, str):
        text = repr(value[: limit * 2])
    else:
        try:
            text = repr(value)
        except ValueError:  # an int beyond the digit limit of str()
            text = f"<a {type(value).__name__} too large to show>"
    if len(text) > limit:
        text = text[: max(limit - 1, 1)] + "…"
    return text
