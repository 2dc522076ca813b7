"""Key bindings as data: ``assets/keymap.json`` maps context -> action -> list of keys.

A binding is a pygame key name with optional modifiers: ``"ctrl+shift+s"``, ``"f11"``,
``"keypad enter"``. Screens ask ``keymap.action(event, "navigation", "title")`` for the first
action (in the contexts' order) bound to a key press, and ``keymap.label("title", "new_game")``
for the text of a hotkey hint. Key names are resolved with ``pygame.key.key_code``, so
``pygame.init()`` must have run before :func:`load_keymap`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from strikesim.errors import KeymapError as KeymapError
from strikesim.ui.assets import asset_path, read_json_object

_MODS = {
    "ctrl": pygame.KMOD_CTRL,
    "shift": pygame.KMOD_SHIFT,
    "alt": pygame.KMOD_ALT,
    "meta": pygame.KMOD_META,
}
_RELEVANT = pygame.KMOD_CTRL | pygame.KMOD_SHIFT | pygame.KMOD_ALT | pygame.KMOD_META


@dataclass(frozen=True)
class KeyBinding:
    """One key plus the exact set of modifiers (ctrl/shift/alt/meta) that must be held."""

    key: int
    mods: tuple[str, ...]
    text: str

    def matches(self, key: int, mod: int) -> bool:
        if key != self.key:
            return False
        return all((name in self.mods) == bool(mod & mask) for name, mask in _MODS.items())

    @property
    def label(self) -> str:
        """Human text for hints: ``Ctrl+S``, ``F11``, ``Enter``."""
        parts = [m.capitalize() for m in self.mods]
        pretty = {"return": "Enter", "escape": "Esc", "keypad enter": "Enter"}
        base = self.text
        parts.append(pretty.get(base, base.upper() if len(base) <= 3 else base.title()))
        return "+".join(parts)


def parse_binding(text: str) -> KeyBinding:
    """``"ctrl+shift+s"`` -> KeyBinding. A trailing ``+`` key is written ``"ctrl+keypad +"``."""
    raw = text.strip().lower()
    parts = raw.split("+")
    # "ctrl+keypad +" splits into ["ctrl", "keypad ", ""]: glue the key back together.
    if parts[-1] == "" and len(parts) >= 2:
        parts = [*parts[:-2], parts[-2] + "+"]
    *mods, key_name = parts
    for m in mods:
        if m not in _MODS:
            raise KeymapError(
                f"keymap: unknown modifier {m!r} in {text!r} (use ctrl, shift, alt, meta)"
            )
    try:
        code = pygame.key.key_code(key_name)
    except ValueError:
        raise KeymapError(f"keymap: unknown key {key_name!r} in {text!r}") from None
    return KeyBinding(code, tuple(sorted(mods)), key_name)


class Keymap:
    """Bindings grouped by context (``"global"``, ``"navigation"``, a screen's own context)."""

    def __init__(self, bindings: dict[str, dict[str, tuple[KeyBinding, ...]]]) -> None:
        self._bindings = bindings

    def contexts(self) -> list[str]:
        return list(self._bindings)

    def actions(self, context: str) -> dict[str, tuple[KeyBinding, ...]]:
        return dict(self._bindings.get(context, {}))

    def action(self, event: pygame.event.Event, *contexts: str) -> str | None:
        """First action bound to this KEYDOWN event in ``contexts`` (searched in order)."""
        if event.type != pygame.KEYDOWN:
            return None
        key = getattr(event, "key", None)
        mod = int(getattr(event, "mod", 0)) & _RELEVANT
        if not isinstance(key, int):
            return None
        for ctx in contexts:
            for name, keys in self._bindings.get(ctx, {}).items():
                if any(b.matches(key, mod) for b in keys):
                    return name
        return None

    def label(self, context: str, action: str) -> str:
        """Hint text of the first key bound to ``action`` ('' when unbound)."""
        keys = self._bindings.get(context, {}).get(action, ())
        return keys[0].label if keys else ""


def keymap_from_data(data: dict[str, Any], problems: list[str] | None = None) -> Keymap:
    """The bindings in parsed ``keymap.json`` data.

    Without ``problems`` the first bad entry raises :class:`KeymapError`; with a list, each
    bad context or key is left out and its message appended, so the game still starts with
    every binding that is fine.
    """
    out: dict[str, dict[str, tuple[KeyBinding, ...]]] = {}

    def bad(message: str) -> None:
        if problems is None:
            raise KeymapError(message)
        problems.append(message)

    for ctx, actions in data.items():
        if ctx.startswith("_") or ctx == "format_version":
            continue
        if not isinstance(actions, dict):
            bad(f"keymap: context {ctx!r} must map action names to key lists")
            continue
        out[ctx] = {}
        for action, keys in actions.items():
            if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
                bad(f"keymap: {ctx}.{action} must be a list of key names")
                continue
            parsed: list[KeyBinding] = []
            for k in keys:
                try:
                    parsed.append(parse_binding(k))
                except KeymapError as exc:
                    bad(str(exc))
            out[ctx][action] = tuple(parsed)
    return Keymap(out)


def load_keymap(path: Path | None = None, problems: list[str] | None = None) -> Keymap:
    """Load ``assets/keymap.json`` (or ``path``); see :func:`keymap_from_data` for
    ``problems``."""
    path = path or asset_path("keymap.json")
    data = read_json_object(path, KeymapError, file_name="key bindings", subject="key bindings")
    return keymap_from_data(data, problems)
