"""Text placeholders of campaign texts: ``{name}`` and ``{name:FORMAT}``.

Intros, epilogue titles and texts may quote ledger values (``{ai_adoption:.0%}``)
and, in intros, chosen text pieces (``{writers_status}``). Only plain names and
a Python format spec are accepted; ``{{`` and ``}}`` are literal braces.
:func:`template_problems` explains what is wrong with a text before it is ever
shown; :func:`fill` renders a checked text.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Mapping

__all__ = [
    "fill",
    "format_number",
    "ledger_label",
    "ledger_value",
    "spec_problem",
    "template_problems",
]

_FORMATTER = string.Formatter()


_SPEC = re.compile(
    r"(?:(?P<fill>.)?[<>=^])?[-+ ]?z?#?0?(?P<width>\d+)?[,_]?(?:\.(?P<precision>\d+))?"
    r"[bcdeEfFgGnosxX%]?",
    re.DOTALL,
)
MAX_WIDTH = 40
"""Widest field a placeholder may ask for (``{x:>40}``)."""
MAX_PRECISION = 12
"""Most digits a placeholder may ask for after the point (``{x:.12f}``)."""


def spec_problem(spec: str, sample: float | str = 1.0) -> str | None:
    """Why ``spec`` cannot format ``sample`` (a number or a text), or None if it can.

    The spec is parsed first (Python's format mini-language) and its width and
    precision bounded, so checking or showing a text never builds a huge string.
    """
    if "{" in spec or "}" in spec:
        return "nested braces are not allowed in a format spec"
    parsed = _SPEC.fullmatch(spec)
    if parsed is None and any(len(run) > 3 for run in re.findall(r"\d+", spec)):
        return "not a format spec like '.0%' or ',.1f'"
    width, precision = (None, None) if parsed is None else parsed.group("width", "precision")
    if width is not None and (len(width) > 3 or int(width) > MAX_WIDTH):
        return f"the width is at most {MAX_WIDTH}"
    if precision is not None and (len(precision) > 3 or int(precision) > MAX_PRECISION):
        return f"the precision is at most {MAX_PRECISION}"
    try:
        format(sample, spec)
    except (ValueError, TypeError) as exc:
        return str(exc)
    return None


def template_problems(
    text: str, numbers: Collection[str], texts: Collection[str] = ()
) -> list[tuple[str, str | None]]:
    """Problems of ``text``: a list of ``(message, closest valid name or None)``.

    ``numbers`` are the names that stand for numbers (ledger entries), ``texts``
    the names that stand for text pieces (intro values).
    """
    from strikesim.scenario.diagnostics import did_you_mean

    try:
        parts = list(_FORMATTER.parse(text))
    except ValueError as exc:
        return [
            (f"bad placeholder braces: {exc}; write '{{{{' and '}}}}' for literal braces", None)
        ]
    problems: list[tuple[str, str | None]] = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name in numbers or name in texts:
            if conversion:
                problems.append(
                    (f"placeholder '{{{name}!{conversion}}}': '!' is not allowed", None)
                )
                continue
            why = spec_problem(spec or "", 1.0 if name in numbers else "text")
            if why is not None:
                problems.append((f"placeholder '{{{name}:{spec}}}': bad format spec ({why})", None))
            continue
        shown = name or "an empty name"
        hint = did_you_mean(name, [*numbers, *texts]) if name else None
        problems.append((f"placeholder '{{{shown}}}' is not a ledger name", hint))
    return problems


def fill(text: str, values: Mapping[str, float | str]) -> str:
    """``text`` with every placeholder replaced (the text must have been checked)."""
    out: list[str] = []
    for literal, name, spec, _conversion in _FORMATTER.parse(text):
        out.append(literal)
        if name is not None:
            value = values[name]
            if isinstance(value, str):
                out.append(format(value, spec or ""))
            else:
                out.append(format_number(float(value), spec or ""))
    return "".join(out)


def format_number(value: float, spec: str) -> str:
    """``value`` formatted by ``spec``, with ``-0`` shown as ``0``."""
    text = format(value, spec)
    stripped = text.lstrip("-")
    if text.startswith("-") and not any(c in "123456789" for c in stripped):
        return stripped
    return text


def ledger_value(value: float) -> str:
    """A ledger number for people: whole numbers and large ones without decimals,
    others with about three significant digits (``4,318``, ``32.2``, ``0.114``)."""
    if value == int(value) or abs(value) >= 100:
        return format_number(value, ",.0f")
    if abs(value) >= 10:
        return format_number(value, ".1f")
    return format_number(value, ".3g")


def ledger_label(name: str) -> str:
    """A ledger name as a label: ``writers_fund`` -> ``Writers fund``, ``ai_orders`` ->
    ``AI orders``."""
    words = [w.upper() if w in _ACRONYMS else w for w in name.split("_") if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


_ACRONYMS = frozenset({"ai", "tv", "us", "uk", "wga", "sag", "dga", "amptp"})
