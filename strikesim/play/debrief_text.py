"""The debrief's texts: what drove each variable (ranked and complete) and what really
happened in a history scenario, beside the player's deal.

"What drove" lists the largest causes of a variable's change first: the events and actions
aimed at it (summed over the run) and, as one more cause, the rest of the change, which
came from its own weekly rule (the variables it reads, proportional effects). The causes
after the first :data:`SHOWN` are summed on one line, so the lines always add up to the
whole change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from strikesim.analysis.drivers import RunDrivers
from strikesim.engine import GameSpec
from strikesim.units import change, quantity

SHOWN = 3
"""Causes listed one by one; the rest are summed on one line."""


def driver_block(r: RunDrivers) -> str:
    """One variable's change and its causes, largest first, adding up to the change."""
    moved = r.end - r.start
    causes: list[tuple[str, float]] = []
    for label, total, times in r.pushes:
        if total:
            causes.append((f"{label} ({times}×)", total))
    rest = moved - sum(t for _l, t in causes)
    if abs(rest) > 1e-9 * max(1.0, abs(r.start)):
        reads = ", ".join(label for label, _c, _u in r.inputs[:2])
        rule = "its own weekly rule" + (f" (reads {reads})" if reads else "")
        causes.append((rule, rest))
    causes.sort(key=lambda c: -abs(c[1]))
    head = f"{r.label}: {quantity(r.start, r.unit)} → {quantity(r.end, r.unit)}"
    lines = [head]
    for label, amount in causes[:SHOWN]:
        share = abs(amount) / max(sum(abs(a) for _l, a in causes), 1e-12)
        lines.append(f"  {change(amount, r.unit)} {label} · {share:.0%} of the movement")
    others = causes[SHOWN:]
    if others:
        total = sum(a for _l, a in others)
        lines.append(f"  {change(total, r.unit)} from {len(others)} smaller causes")
    return "\n".join(lines)


def load_history(folder: Path | None) -> dict[str, Any] | None:
    """The scenario folder's ``history.yaml`` (what really happened), or None."""
    if folder is None:
        return None
    try:
        data = yaml.safe_load((folder / "history.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return data if isinstance(data, dict) else None


def history_text(spec: GameSpec, history: dict[str, Any], deal: tuple[int, ...] | None) -> str:
    """What happened, then each issue: the player's deal and the real one."""
    lines = [str(history.get("outcome", "")).strip(), ""]
    terms = history.get("terms") or {}
    for j, issue in enumerate(spec.issues):
        real = terms.get(issue.id) if isinstance(terms, dict) else None
        if real is None:
            continue
        yours = issue.level_labels[deal[j]] if deal is not None else "no deal"
        lines.append(f"{issue.label}. You: {yours}. 2023: {real}.\n")
    return "\n".join(lines).strip()
