"""Reading files the game did not write itself, with bounded work.

Every reader of a scenario, campaign, save, run record, settings, theme, keymap
or brief goes through :func:`read_capped`: it refuses anything but a regular
file (a FIFO would block forever, ``/dev/zero`` never ends) and reads at most
``limit`` bytes, so a 1 GiB file costs no more than a ``limit``-byte one.
Problems raise :class:`FileProblem`, whose message is for people and never
contains the file's content.
"""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

from strikesim.errors import UserInputError

__all__ = ["FileProblem", "load_json", "parse_json", "read_capped", "read_capped_text"]


class FileProblem(UserInputError):
    """A file that cannot be read: missing, not a regular file, too large, unreadable.

    ``reason`` is the message without the file name (``"no such file"``).
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def read_capped(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` if it holds at most ``limit`` bytes."""
    try:
        info = os.stat(path)  # follows links: a link to /dev/zero is not regular
    except FileNotFoundError:
        raise FileProblem(path, "no such file") from None
    except OSError as exc:
        raise FileProblem(path, f"cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(path, "is not a regular file (a device, pipe or socket)")
    if info.st_size > limit:
        raise FileProblem(path, f"is too large ({info.st_size:,} bytes; at most {limit:,})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since stat
                raise FileProblem(path, "is not a regular file (a device, pipe or socket)")
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise FileProblem(path, f"cannot read ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise FileProblem(path, f"is too large (more than {limit:,} bytes)")
    return raw


def read_capped_text(path: Path | str, limit: int) -> str:
    """:func:`read_capped` decoded as UTF-8 (a BOM is dropped; bad bytes raise)."""
    raw = read_capped(path, limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(path, f"is not UTF-8 text (byte {exc.start:,})") from None


MAX_JSON_DEPTH = 32
"""Deepest nesting of lists and objects accepted in a JSON file the game reads."""
MAX_JSON_DIGITS = 30
"""Longest integer (in digits) accepted in a JSON file the game reads."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise ValueError(f"a number with {len(text):,} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is out of range")
    return value


def parse_json(raw: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Strict JSON (no NaN or Infinity, no huge integers, bounded nesting).

    Raises ``ValueError`` with a short reason that never quotes the input.
    """
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start:,})") from None
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_int=_int, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise ValueError(f"nested more than {max_depth} levels deep") from None
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > max_depth:
                raise ValueError(f"nested more than {max_depth} levels deep")
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return data


def load_json(path: Path | str, limit: int, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """:func:`read_capped` then :func:`parse_json`; every problem is a :class:`FileProblem`."""
    raw = read_capped(path, limit)
    try:
        return parse_json(raw, max_depth)
    except ValueError as exc:
        raise FileProblem(path, f"damaged file, {exc}") from None
