"""Charts as inline SVG for the classroom pages: the utility plane and year-by-year lines.

Thin lines, direct labels beside the marks rather than a distant legend, the game's colours
(see :func:`strikesim.classroom.html.palette`). Coordinates are computed here; the browser
only draws, so the pages need no script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strikesim.classroom.html import esc, palette

W, H = 760, 520
PAD_L, PAD_R, PAD_T, PAD_B = 64, 28, 24, 58


@dataclass(frozen=True)
class Mark:
    """A labelled point on the plane: ``shape`` is dot, diamond, star or ring."""

    x: float
    y: float
    label: str
    colour: str
    shape: str = "dot"


def _scale(lo: float, hi: float, a: float, b: float) -> tuple[float, float]:
    span = hi - lo if hi > lo else 1.0
    return (b - a) / span, a - lo * (b - a) / span


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    return [lo + (hi - lo) * k / n for k in range(n + 1)]


def _tenths(lo: float, hi: float) -> list[float]:
    """Ticks at round tenths (every 0.1, or 0.2 on a wide axis) from ``lo`` to ``hi``."""
    step = 0.1 if hi - lo <= 0.7 else 0.2
    first = np.ceil(lo / step - 1e-9) * step
    return [float(v) for v in np.arange(first, hi + 1e-9, step)]


def _shape(m: Mark, x: float, y: float) -> str:
    c = esc(m.colour)
    if m.shape == "diamond":
        pts = f"{x},{y - 8} {x + 8},{y} {x},{y + 8} {x - 8},{y}"
        return f'<polygon points="{pts}" fill="{c}" stroke="#000" stroke-width="1"/>'
    if m.shape == "star":
        pts = " ".join(
            f"{x + r * np.sin(k * np.pi / 5):.1f},{y - r * np.cos(k * np.pi / 5):.1f}"
            for k, r in zip(range(10), [10, 4.5] * 5, strict=True)
        )
        return f'<polygon points="{pts}" fill="{c}" stroke="#000" stroke-width="1"/>'
    if m.shape == "ring":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="none" stroke="{c}" stroke-width="2.5"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{c}" stroke="#000" stroke-width="1"/>'


def utility_plane(
    frontier: np.ndarray,
    d: Sequence[float],
    marks: Sequence[Mark],
    *,
    cloud: np.ndarray | None = None,
    cloud_label: str = "",
    axes: tuple[str, str] = ("Union's utility", "Studio's utility"),
    title: str = "",
) -> str:
    """The plane: ``frontier`` ``(F, 2)`` as a stepped line, ``d`` as dashed guides, a grey
    ``cloud`` ``(N, 2)`` of other outcomes, and the labelled ``marks`` on top."""
    p = palette()
    pts = [np.asarray(frontier, dtype=float).reshape(-1, 2)]
    pts.append(np.asarray([d], dtype=float))
    pts.append(np.asarray([[m.x, m.y] for m in marks], dtype=float).reshape(-1, 2))
    if cloud is not None and len(cloud):
        pts.append(np.asarray(cloud, dtype=float).reshape(-1, 2))
    allp = np.vstack(pts)
    lo = np.floor((np.nanmin(allp, axis=0) - 0.02) * 10) / 10
    hi = np.ceil((np.nanmax(allp, axis=0) + 0.02) * 10) / 10
    lo, hi = np.clip(lo, -1.0, 1.0), np.maximum(np.clip(hi, 0.1, 1.5), lo + 0.2)
    sx, ox = _scale(lo[0], hi[0], PAD_L, W - PAD_R)
    sy, oy = _scale(lo[1], hi[1], H - PAD_B, PAD_T)

    def X(v: float) -> float:
        return v * sx + ox

    def Y(v: float) -> float:
        return v * sy + oy

    out = [f'<svg viewBox="0 0 {W} {H}" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'aria-label="{esc(title or "utility plane")}" font-family="Arial, sans-serif">']  # fmt: skip
    grid = "#d9d2c0"
    for t in _tenths(lo[0], hi[0]):
        out.append(f'<line x1="{X(t):.1f}" y1="{PAD_T}" x2="{X(t):.1f}" y2="{H - PAD_B}" stroke="{grid}"/>')
        out.append(f'<text x="{X(t):.1f}" y="{H - PAD_B + 18}" font-size="13" text-anchor="middle">{round(t, 6) + 0.0:.1f}</text>')
    for t in _tenths(lo[1], hi[1]):
        out.append(f'<line x1="{PAD_L}" y1="{Y(t):.1f}" x2="{W - PAD_R}" y2="{Y(t):.1f}" stroke="{grid}"/>')
        out.append(f'<text x="{PAD_L - 8}" y="{Y(t) + 4:.1f}" font-size="13" text-anchor="end">{round(t, 6) + 0.0:.1f}</text>')
    out.append(f'<text x="{(PAD_L + W - PAD_R) / 2}" y="{H - 14}" font-size="15" text-anchor="middle" fill="{p["ink"]}">{esc(axes[0])} →</text>')
    out.append(f'<text transform="translate(18 {(PAD_T + H - PAD_B) / 2}) rotate(-90)" font-size="15" text-anchor="middle" fill="{p["ink"]}">{esc(axes[1])} →</text>')
    if cloud is not None and len(cloud):
        for u, s in np.asarray(cloud, dtype=float).reshape(-1, 2):
            out.append(f'<circle cx="{X(u):.1f}" cy="{Y(s):.1f}" r="3" fill="{p["neutral"]}" fill-opacity="0.35"/>')
        if cloud_label:
            out.append(f'<text x="{W - PAD_R - 4}" y="{H - PAD_B - 8}" font-size="13" text-anchor="end" fill="{p["ink_muted"]}">grey dots: {esc(cloud_label)}</text>')
    f = np.asarray(frontier, dtype=float).reshape(-1, 2)
    if len(f):
        path = " ".join(f"{X(u):.1f},{Y(s):.1f}" for u, s in f)
        out.append(f'<polyline points="{path}" fill="none" stroke="{p["gold_dim"]}" stroke-width="2.5"/>')
        u, s = f[len(f) // 5]
        out.append(f'<text x="{X(u) + 8:.1f}" y="{Y(s) - 8:.1f}" font-size="13" fill="{p["gold_dim"]}">Pareto frontier</text>')
    dx, dy = X(d[0]), Y(d[1])
    dash = f'stroke="{p["ink_muted"]}" stroke-dasharray="5 4"'
    out.append(f'<line x1="{dx:.1f}" y1="{dy:.1f}" x2="{dx:.1f}" y2="{PAD_T}" {dash}/>')
    out.append(f'<line x1="{dx:.1f}" y1="{dy:.1f}" x2="{W - PAD_R}" y2="{dy:.1f}" {dash}/>')
    out.append(f'<text x="{dx - 6:.1f}" y="{dy + 16:.1f}" font-size="13" text-anchor="end" fill="{p["ink_muted"]}">walk-away point</text>')
    placed: list[tuple[float, float]] = []
    for m in marks:
        x, y = X(m.x), Y(m.y)
        out.append(_shape(m, x, y))
        ly = y - 10
        while any(abs(ly - py) < 15 and abs(x - px) < 150 for px, py in placed):
            ly += 15
        placed.append((x, ly))
        anchor = "end" if x > W * 0.7 else "start"
        lx = x - 12 if anchor == "end" else x + 12
        out.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="13" text-anchor="{anchor}" '
            f'paint-order="stroke" stroke="#fff" stroke-width="3">{esc(m.label)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def line_chart(
    years: Sequence[float],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    title: str,
    unit: str = "",
    width: int = 360,
    height: int = 230,
) -> str:
    """Small multiple: ``series`` of (label, values, colour) against ``years``, labels at the
    lines' ends."""
    p = palette()
    l, r, t, b = 48, 96, 30, 30
    ys = np.asarray([v for _l, vals, _c in series for v in vals], dtype=float)
    ys = ys[np.isfinite(ys)]
    lo, hi = (float(ys.min()), float(ys.max())) if ys.size else (0.0, 1.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 0.08 * (hi - lo)
    lo, hi = lo - pad, hi + pad
    sx, ox = _scale(float(years[0]), float(years[-1]), l, width - r)
    sy, oy = _scale(lo, hi, height - b, t)
    out = [f'<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'aria-label="{esc(title)}" font-family="Arial, sans-serif">',
           f'<text x="{l}" y="18" font-size="14" font-weight="bold" fill="{p["ink"]}">{esc(title)}'
           f'{" (" + esc(unit) + ")" if unit else ""}</text>']  # fmt: skip
    for tv in _ticks(lo, hi, 3):
        y = tv * sy + oy
        out.append(f'<line x1="{l}" y1="{y:.1f}" x2="{width - r}" y2="{y:.1f}" stroke="#e4ddcc"/>')
        out.append(f'<text x="{l - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{_num(tv)}</text>')
    for yr in (years[0], years[len(years) // 2], years[-1]):
        out.append(f'<text x="{float(yr) * sx + ox:.1f}" y="{height - 10}" font-size="11" text-anchor="middle">year {yr:g}</text>')
    ends: list[float] = []
    for label, vals, colour in series:
        v = np.asarray(vals, dtype=float)
        path = " ".join(f"{float(x) * sx + ox:.1f},{float(yv) * sy + oy:.1f}" for x, yv in zip(years, v, strict=True))
        out.append(f'<polyline points="{path}" fill="none" stroke="{esc(colour)}" stroke-width="2.2"/>')
        ey = float(v[-1]) * sy + oy
        while any(abs(ey - e) < 13 for e in ends):
            ey += 13
        ends.append(ey)
        out.append(f'<text x="{width - r + 6}" y="{ey + 4:.1f}" font-size="12" fill="{esc(colour)}" paint-order="stroke" stroke="#fff" stroke-width="2">{esc(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _num(v: float) -> str:
    a = abs(v)
    if a >= 1000:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.0f}"
    if a >= 1:
        return f"{v:.1f}"
    return f"{v:.2f}"
