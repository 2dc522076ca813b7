"""Colour checks for the theme: WCAG contrast and colour-vision-deficiency simulation.

:func:`contrast` is the WCAG 2 contrast ratio of two colours. :func:`simulate` shows a colour
as a person with protanopia, deuteranopia or tritanopia sees it (the Machado, Oliveira and
Fernandes 2009 model at full severity, applied in linear RGB), and :func:`distance` is the
CIE76 colour difference (ΔE*ab) between two colours, optionally as seen by one of those
people. The tests run these over both palettes.
"""

from __future__ import annotations

from collections.abc import Sequence

Colour = Sequence[int]

CVD = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
               (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
               (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
               (0.004733, 0.691367, 0.303900)),
}  # fmt: skip
"""Machado et al. (2009) simulation matrices at severity 1.0, for linear RGB."""


def _linear(c: int) -> float:
    v = c / 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _encode(v: float) -> int:
    v = min(1.0, max(0.0, v))
    s = 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return round(s * 255)


def luminance(c: Colour) -> float:
    r, g, b = (_linear(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio (1 to 21) of two opaque colours."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def simulate(c: Colour, kind: str) -> tuple[int, int, int]:
    """``c`` as seen with ``kind`` colour blindness (``protan``, ``deutan``, ``tritan``)."""
    lin = [_linear(v) for v in c[:3]]
    m = CVD[kind]
    r, g, b = (sum(m[i][k] * lin[k] for k in range(3)) for i in range(3))
    return _encode(r), _encode(g), _encode(b)


def _lab(c: Colour) -> tuple[float, float, float]:
    r, g, b = (_linear(v) for v in c[:3])
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a: Colour, b: Colour, kind: str | None = None) -> float:
    """CIE76 ΔE between ``a`` and ``b`` (as seen with ``kind`` colour blindness, if given)."""
    if kind is not None:
        a, b = simulate(a, kind), simulate(b, kind)
    la, lb = _lab(a), _lab(b)
    return float(sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5)
