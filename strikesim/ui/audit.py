"""The legibility audit: what the text layer had to cut and which boxes collide.

Off by default (nothing is recorded in play). The screenshot tour switches it on and, for
each screen it photographs, collects every text the drawing code shortened with '…'
(:func:`elided`, called by :func:`strikesim.ui.draw.ellipsize`), every pair of visible
widgets whose boxes overlap, and every pair of labelled boxes in one group (a chart's end
labels, say) that overlap (:func:`box`). Each elision carries a *kind* naming what was cut:
``option`` (an issue option's label), ``move`` (a move button), ``objective``, ``chart`` (a
chart label or legend) or ``text`` (anything else).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pygame

KINDS = ("option", "move", "objective", "chart", "text")
STRICT_KINDS = frozenset({"option", "move", "objective", "chart"})
"""Kinds a player must always read whole (the tests allow none of them cut)."""


@dataclass
class Audit:
    enabled: bool = False
    elisions: list[dict[str, str]] = field(default_factory=list)
    boxes: list[tuple[str, pygame.Rect, str]] = field(default_factory=list)

    def reset(self) -> None:
        self.elisions.clear()
        self.boxes.clear()


AUDIT = Audit()


def elided(kind: str, text: str, shown: str) -> None:
    """Note that ``text`` was drawn as ``shown`` (a no-op unless the audit is on)."""
    if AUDIT.enabled:
        entry = {"kind": kind, "text": text, "shown": shown}
        if entry not in AUDIT.elisions:
            AUDIT.elisions.append(entry)


def box(group: str, rect: pygame.Rect, label: str) -> None:
    """Note a drawn label's box; boxes of one ``group`` must not overlap."""
    if AUDIT.enabled:
        AUDIT.boxes.append((group, pygame.Rect(rect), label))


def _name(widget: object) -> str:
    label = getattr(widget, "label", "") or getattr(widget, "title", "")
    return f"{type(widget).__name__}({label})" if label else type(widget).__name__


def overlaps(screen: Any) -> list[dict[str, str]]:
    """Pairs of the screen's visible widgets whose boxes overlap, and of same-group boxes.

    A widget inside a scrolled view (or on a scrolling page) counts only with the part
    inside the viewport.
    """
    area = pygame.Rect((0, 0), screen.ctx.size)
    views = [v for v in (getattr(screen, "view", None),) if v is not None]
    page = getattr(screen, "page_scroll", None)
    pinned = page.pinned if page is not None and page.active else None
    shown: list[tuple[str, pygame.Rect]] = []
    for w in screen.widgets:
        if not w.visible or w.rect.width <= 0 or w.rect.height <= 0:
            continue
        clip = area
        for v in views:
            if w in v.items:
                clip = clip.clip(v.viewport)
        if page is not None and pinned is not None and w not in pinned:
            clip = clip.clip(page.viewport)
        r = w.rect.clip(clip)
        if r.width > 0 and r.height > 0:
            shown.append((_name(w), r))
    found: list[dict[str, str]] = []
    for i, (a, ra) in enumerate(shown):
        for b, rb in shown[i + 1 :]:
            if ra.colliderect(rb):
                found.append({"a": a, "b": b, "where": str(tuple(ra.clip(rb)))})
    for i, (g, ra, a) in enumerate(AUDIT.boxes):
        for g2, rb, b in AUDIT.boxes[i + 1 :]:
            if g == g2 and ra.colliderect(rb):
                found.append({"a": a, "b": b, "where": f"{g} {tuple(ra.clip(rb))}"})
    return found
