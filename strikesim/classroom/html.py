"""Self-contained HTML pages for the classroom: Markdown to HTML, the page shell, the styles.

Pages carry their whole style inline (no fonts, scripts or images fetched), so they open
offline and print cleanly: a print stylesheet drops the screen's margins and colours behind
the text, keeps tables and charts whole across page breaks, and starts each brief on a new
sheet. Colours are the game's own (``assets/theme.json``): the union's and the studio's
identity colours, marquee gold and the news clippings' paper and ink.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache

from strikesim.markdown_lite import Block, Span, parse


@lru_cache(maxsize=1)
def palette() -> dict[str, str]:
    """The game's standard palette (``#RRGGBB`` strings) from the shipped theme."""
    from strikesim.scenario.resources import resource_path

    data = json.loads((resource_path("assets") / "theme.json").read_text(encoding="utf-8"))
    colours = data["palettes"]["standard"]
    return {k: v[:7] for k, v in colours.items() if isinstance(v, str)}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _spans(spans: list[Span]) -> str:
    out = []
    for s in spans:
        text = esc(s.text)
        if s.italic:
            text = f"<em>{text}</em>"
        if s.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def markdown_html(text: str, *, shift: int = 0) -> str:
    """The Markdown-lite of the game's briefs as HTML (headings moved down ``shift`` levels).

    Everything is escaped: a scenario's text can never inject mark-up into a page.
    """
    out: list[str] = []
    open_list = ""

    def close_list() -> None:
        nonlocal open_list
        if open_list:
            out.append(f"</{open_list}>")
            open_list = ""

    for block in parse(text):
        kind = {"bullet": "ul", "number": "ol"}.get(block.kind, "")
        if kind != open_list:
            close_list()
            if kind:
                out.append(f"<{kind}>")
                open_list = kind
        out.append(_block(block, shift))
    close_list()
    return "\n".join(out)


def _block(block: Block, shift: int) -> str:
    if block.kind == "heading":
        level = min(6, block.level + shift)
        return f"<h{level}>{_spans(block.spans)}</h{level}>"
    if block.kind in ("bullet", "number"):
        return f"<li>{_spans(block.spans)}</li>"
    if block.kind == "quote":
        return f"<blockquote>{_spans(block.spans)}</blockquote>"
    if block.kind == "rule":
        return "<hr>"
    if block.kind == "table":
        head, *body = block.rows
        rows = ["<tr>" + "".join(f"<th>{_spans(c)}</th>" for c in head) + "</tr>"]
        rows += ["<tr>" + "".join(f"<td>{_spans(c)}</td>" for c in r) + "</tr>" for r in body]
        return (
            "<table>\n<thead>"
            + rows[0]
            + "</thead>\n<tbody>"
            + "".join(rows[1:])
            + "</tbody></table>"
        )
    return f"<p>{_spans(block.spans)}</p>"


def _css() -> str:
    p = palette()
    return f"""
:root {{ --union: {p["union"]}; --studio: {p["studio"]}; --gold: {p["gold"]};
  --ink: {p["ink"]}; --ink-muted: {p["ink_muted"]}; --paper: {p["paper"]};
  --paper-edge: {p["paper_edge"]}; --navy: {p["bg_top"]}; --gold-dim: {p["gold_dim"]}; }}
* {{ box-sizing: border-box; }}
html {{ background: var(--navy); }}
body {{ font-family: "Inter", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
  background: #fffdf8; max-width: 60rem; margin: 1.5rem auto; padding: 2.5rem 3rem;
  font-size: 1.05rem; line-height: 1.5; border-top: 0.5rem solid var(--gold); }}
h1, h2, h3, h4 {{ font-family: "League Spartan", "Arial Narrow", Arial, sans-serif;
  line-height: 1.15; margin: 1.4em 0 0.5em; }}
h1 {{ font-size: 2.1rem; margin-top: 0; }}
h2 {{ font-size: 1.5rem; border-bottom: 2px solid var(--paper-edge); padding-bottom: 0.2em; }}
h3 {{ font-size: 1.2rem; }}
.eyebrow {{ text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem;
  color: var(--gold-dim); font-weight: 700; margin: 0 0 0.3rem; }}
.confidential {{ border-left: 0.6rem solid var(--side, var(--gold)); padding-left: 1.2rem; }}
.side-union {{ --side: var(--union); }} .side-studio {{ --side: var(--studio); }}
.stamp {{ display: inline-block; border: 2px solid var(--side, var(--ink)); color: var(--ink);
  padding: 0.15rem 0.6rem; font-weight: 700; letter-spacing: 0.1em; font-size: 0.85rem; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.8rem 0 1.2rem; font-size: 0.95rem; }}
th, td {{ border: 1px solid var(--paper-edge); padding: 0.35rem 0.55rem; text-align: left;
  vertical-align: top; }}
th {{ background: var(--paper); }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
blockquote {{ margin: 1rem 0; padding: 0.5rem 1rem; background: var(--paper);
  border-left: 4px solid var(--gold); font-style: italic; }}
.note {{ color: var(--ink-muted); font-size: 0.9rem; }}
.write-in {{ display: inline-block; min-width: 8rem; border-bottom: 1px solid var(--ink); }}
.sheet td {{ height: 2.4rem; }}
.chart {{ margin: 1rem 0; break-inside: avoid; }}
.chart svg {{ width: 100%; height: auto; background: #fff; border: 1px solid var(--paper-edge); }}
.key {{ display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; font-size: 0.9rem; }}
.swatch {{ display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 50%;
  vertical-align: -0.1rem; margin-right: 0.3rem; }}
nav.pages a {{ margin-right: 1rem; }}
.page-break {{ break-before: page; }}
@media print {{
  html, body {{ background: #fff; }}
  body {{ margin: 0; padding: 0; max-width: none; border-top: none; font-size: 11pt; }}
  nav.pages, .screen-only {{ display: none; }}
  table, .chart, blockquote, tr {{ break-inside: avoid; }}
  h1, h2, h3 {{ break-after: avoid; }}
  a {{ color: inherit; text-decoration: none; }}
  @page {{ margin: 16mm 15mm; }}
}}
"""


def page(title: str, body: str, *, lang: str = "en") -> str:
    """A whole HTML document around ``body`` (already HTML), with the shared styles."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="StrikeSim">\n'
        f"<title>{esc(title)}</title>\n<style>{_css()}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
