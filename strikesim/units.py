"""Numbers in their units, written the same way everywhere.

Scenario variables carry a unit string: ``share`` (0–1, shown in per cent or
percentage points), ``utility`` (0–1), money as ``$M`` or ``$M/yr`` (the
dollar sign goes in front: ``$4,349M``), anything else as a suffix
(``12 weeks``). Three forms:

* :func:`quantity` — a value (``45%``, ``$1,234M``, ``0.62``);
* :func:`change` — a signed change (``+4.5 pts``, ``−$120M``);
* :func:`compact` — a short axis label (``1.2k``, ``3.4M``, ``45%``).
"""

from __future__ import annotations

import math

__all__ = ["POINTS", "change", "compact", "quantity", "with_unit"]

POINTS = ("share", "utility", "share/week")
"""Units whose changes read as percentage points."""
_PERCENT = ("share", "share/week")


def with_unit(text: str, unit: str) -> str:
    """``text`` (a written number) with ``unit``: ``"%"`` without a space, a ``$``
    unit in front (``$M`` -> ``$4,349M``, a minus sign before the dollar), other
    units after a space."""
    if not unit:
        return text
    if unit == "%":
        return text + "%"
    if unit.startswith("$"):
        sign = "-" if text.startswith("-") else "−" if text.startswith("−") else ""
        return f"{sign}${text.lstrip('-−')}{unit[1:]}"
    return f"{text} {unit}"


def quantity(value: float, unit: str) -> str:
    """A value in its unit: shares in per cent, utilities to two places, money in $M."""
    if not math.isfinite(value):
        return "?"
    if unit in _PERCENT:
        whole = abs(value) >= 0.1 or value == 0  # small shares keep a decimal
        return f"{value * 100:.0f}%" if whole else f"{value * 100:.1f}%"
    if unit == "utility":
        return f"{value:.2f}"
    if unit.startswith("$"):
        return with_unit(f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}", unit)
    return with_unit(f"{value:.3g}", unit)


def change(value: float, unit: str, *, signed: bool = True) -> str:
    """A change of ``value`` in its unit: shares and utilities in percentage points,
    money in $M. ``signed``: always a sign (``±`` for none); else only a minus."""
    if not math.isfinite(value):
        return "?"
    sign = "−" if value < 0 else ("+" if value > 0 else "±") if signed else ""
    a = abs(value)
    if unit in POINTS:
        pts = a * 100
        text = f"{pts:.1f}" if pts < 10 and pts != int(pts) else f"{pts:.0f}"
        return f"{sign}{text} pts"
    if unit.startswith("$"):
        return sign + with_unit(f"{a:,.1f}" if a < 100 else f"{a:,.0f}", unit)
    return f"{sign}{with_unit(f'{a:.3g}', unit)}"


def compact(value: float, unit: str = "") -> str:
    """Short readable number with unit for chart axes: 1.2k, 3.4M, 45%, 0.62."""
    if not math.isfinite(value):
        return "—"
    if unit == "%":
        return f"{value:.0f}%" if abs(value) >= 10 else f"{value:.1f}%"
    if unit == "share":
        return f"{value * 100:.0f}%"
    a = abs(value)
    if a >= 1e9:
        text = f"{value / 1e9:.1f}B"
    elif a >= 1e6:
        text = f"{value / 1e6:.1f}M"
    elif a >= 1e4:
        text = f"{value / 1e3:.0f}k"
    elif a >= 100:
        text = f"{value:.0f}"
    elif a >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    head = text.rstrip("BMk")
    if "." in head:
        text = head.rstrip("0").rstrip(".") + text[len(head) :]
    return with_unit(text, unit)
