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
GRID = "#d9d2c0"


@dataclass(frozen=True)
class Mark:
    """A labelled point on the plane: ``shape`` is dot, diamond, star or ring."""

    x: float
    y: float
    label: str
    colour: str
    shape: str = "dot"


def _attrs(**kw: object) -> str:
    """``key="value"`` pairs (underscores become dashes; floats get one decimal)."""
    parts = []
    for k, v in kw.items():
        value = f"{v:.1f}" if isinstance(v, float) else str(v)
        parts.append(f'{k.replace("_", "-")}="{esc(value)}"')
    return " ".join(parts)


def text(x: float, y: float, body: str, size: int = 13, **kw: object) -> str:
    return f"<text {_attrs(x=float(x), y=float(y), font_size=size, **kw)}>{esc(body)}</text>"


def line(x1: float, y1: float, x2: float, y2: float, **kw: object) -> str:
    return f"<line {_attrs(x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **kw)}/>"


def polyline(points: Sequence[tuple[float, float]], colour: str, width: float) -> str:
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polyline points="{pts}" fill="none" stroke="{esc(colour)}" stroke-width="{width}"/>'


def _open(width: int, height: int, label: str) -> str:
    return (
        f'<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{esc(label)}" font-family="Arial, sans-serif">'
    )


def _scale(lo: float, hi: float, a: float, b: float) -> tuple[float, float]:
    span = hi - lo if hi > lo else 1.0
    return (b - a) / span, a - lo * (b - a) / span


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    return [lo + (hi - lo) * k / n for k in range(n + 1)]


def _tenths(lo: float, hi: float) -> list[float]:
    """Ticks at round tenths (every 0.1, or 0.2 on a wide axis) from ``lo`` to ``hi``."""
    step = 0.1 if hi - lo <= 0.7 else 0.2
    first = np.ceil(lo / step - 1e-9) * step
    return [round(float(v), 6) + 0.0 for v in np.arange(first, hi + 1e-9, step)]


def _shape(m: Mark, x: float, y: float) -> str:
    c = esc(m.colour)
    if m.shape in ("diamond", "star"):
        if m.shape == "diamond":
            pts = [(x, y - 8), (x + 8, y), (x, y + 8), (x - 8, y)]
        else:
            radii = [10.0, 4.5] * 5
            pts = [(x + r * np.sin(k * np.pi / 5), y - r * np.cos(k * np.pi / 5))
                   for k, r in enumerate(radii)]  # fmt: skip
        joined = " ".join(f"{a:.1f},{b:.1f}" for a, b in pts)
        return f'<polygon points="{joined}" fill="{c}" stroke="#000" stroke-width="1"/>'
    if m.shape == "ring":
        return (
            f"<circle {_attrs(cx=x, cy=y, r=7, fill='none', stroke=m.colour, stroke_width=2.5)}/>"
        )
    return f"<circle {_attrs(cx=x, cy=y, r=6, fill=m.colour, stroke='#000', stroke_width=1)}/>"


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
    f = np.asarray(frontier, dtype=float).reshape(-1, 2)
    dots = np.asarray(cloud, dtype=float).reshape(-1, 2) if cloud is not None else np.empty((0, 2))
    points = np.asarray([[m.x, m.y] for m in marks], dtype=float).reshape(-1, 2)
    allp = np.vstack([f, np.asarray([d], dtype=float), dots, points])
    lo = np.floor((np.nanmin(allp, axis=0) - 0.02) * 10) / 10
    hi = np.ceil((np.nanmax(allp, axis=0) + 0.02) * 10) / 10
    lo, hi = np.clip(lo, -1.0, 1.0), np.maximum(np.clip(hi, 0.1, 1.5), lo + 0.2)
    sx, ox = _scale(lo[0], hi[0], PAD_L, W - PAD_R)
    sy, oy = _scale(lo[1], hi[1], H - PAD_B, PAD_T)

    def at(u: float, s: float) -> tuple[float, float]:
        return float(u * sx + ox), float(s * sy + oy)

    out = [_open(W, H, title or "utility plane")]
    for t in _tenths(lo[0], hi[0]):
        x, _ = at(t, 0)
        out += [line(x, PAD_T, x, H - PAD_B, stroke=GRID),
                text(x, H - PAD_B + 18, f"{t:.1f}", text_anchor="middle")]  # fmt: skip
    for t in _tenths(lo[1], hi[1]):
        _, y = at(0, t)
        out += [line(PAD_L, y, W - PAD_R, y, stroke=GRID),
                text(PAD_L - 8, y + 4, f"{t:.1f}", text_anchor="end")]  # fmt: skip
    mid_x, mid_y = (PAD_L + W - PAD_R) / 2, (PAD_T + H - PAD_B) / 2
    out.append(text(mid_x, H - 14, f"{axes[0]} →", 15, text_anchor="middle", fill=p["ink"]))
    out.append(
        f'<text transform="translate(18 {mid_y}) rotate(-90)" font-size="15" '
        f'text-anchor="middle" fill="{p["ink"]}">{esc(axes[1])} →</text>'
    )
    for u, s in dots:
        cx, cy = at(u, s)
        out.append(f"<circle {_attrs(cx=cx, cy=cy, r=3, fill=p['neutral'], fill_opacity=0.35)}/>")
    if len(dots) and cloud_label:
        out.append(text(W - PAD_R - 4, H - PAD_B - 8, f"grey dots: {cloud_label}",
                        text_anchor="end", fill=p["ink_muted"]))  # fmt: skip
    if len(f):
        out.append(polyline([at(u, s) for u, s in f], p["gold_dim"], 2.5))
        x, y = at(*f[len(f) // 5])
        out.append(text(x + 8, y - 8, "Pareto frontier", fill=p["gold_dim"]))
    dx, dy = at(d[0], d[1])
    dash = {"stroke": p["ink_muted"], "stroke_dasharray": "5 4"}
    out += [line(dx, dy, dx, PAD_T, **dash), line(dx, dy, W - PAD_R, dy, **dash)]
    out.append(text(dx - 6, dy + 16, "walk-away point", text_anchor="end", fill=p["ink_muted"]))
    out += _marks(marks, at)
    out.append("</svg>")
    return "\n".join(out)


def _marks(marks: Sequence[Mark], at: object) -> list[str]:
    """Each mark with its label, labels nudged down so they do not sit on each other."""
    out: list[str] = []
    placed: list[tuple[float, float]] = []
    for m in marks:
        x, y = at(m.x, m.y)  # type: ignore[operator]
        out.append(_shape(m, x, y))
        ly = y - 10
        while any(abs(ly - py) < 15 and abs(x - px) < 150 for px, py in placed):
            ly += 15
        placed.append((x, ly))
        anchor = "end" if x > W * 0.7 else "start"
        lx = x - 12 if anchor == "end" else x + 12
        out.append(text(lx, ly, m.label, text_anchor=anchor, paint_order="stroke",
                        stroke="#fff", stroke_width=3))  # fmt: skip
    return out


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
    left, right, top, bottom = 48, 112, 30, 30
    ys = np.asarray([v for _l, vals, _c in series for v in vals], dtype=float)
    ys = ys[np.isfinite(ys)]
    lo, hi = (float(ys.min()), float(ys.max())) if ys.size else (0.0, 1.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 0.08 * (hi - lo)
    lo, hi = lo - pad, hi + pad
    sx, ox = _scale(float(years[0]), float(years[-1]), left, width - right)
    sy, oy = _scale(lo, hi, height - bottom, top)
    head = f"{title} ({unit})" if unit else title
    out = [_open(width, height, title),
           text(left, 18, head, 14, font_weight="bold", fill=p["ink"])]  # fmt: skip
    for tv in _ticks(lo, hi, 3):
        y = tv * sy + oy
        out += [line(left, y, width - right, y, stroke="#e4ddcc"),
                text(left - 6, y + 4, _num(tv), 11, text_anchor="end")]  # fmt: skip
    for yr in (years[0], years[len(years) // 2], years[-1]):
        out.append(text(float(yr) * sx + ox, height - 10, f"year {yr:g}", 11,
                        text_anchor="middle"))  # fmt: skip
    ends = _spread_labels([float(np.asarray(v, dtype=float)[-1]) * sy + oy for _l, v, _c in series],
                          top + 4, height - bottom - 4)  # fmt: skip
    for (label, vals, colour), ey in zip(series, ends, strict=True):
        v = np.asarray(vals, dtype=float)
        pts = [(float(x) * sx + ox, float(yv) * sy + oy) for x, yv in zip(years, v, strict=True)]
        out.append(polyline(pts, colour, 2.2))
        out.append(text(width - right + 6, ey + 4, label, 12, fill=colour, paint_order="stroke",
                        stroke="#fff", stroke_width=2))  # fmt: skip
    out.append("</svg>")
    return "\n".join(out)


def _spread_labels(ys: Sequence[float], lo: float, hi: float, gap: float = 13.0) -> list[float]:
    """Label positions near ``ys`` but at least ``gap`` apart and inside ``lo``–``hi``
    (in the input order)."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [0.0] * len(ys)
    last = lo - gap
    for i in order:
        last = max(ys[i], last + gap)
        placed[i] = last
    overflow = max(0.0, last - hi)
    return [max(lo, y - overflow) for y in placed]


def _num(v: float) -> str:
    a = abs(v)
    if a >= 1000:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.0f}"
    if a >= 1:
        return f"{v:.1f}"
    return f"{v:.2f}"
