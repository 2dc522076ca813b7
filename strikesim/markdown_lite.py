"""A small Markdown subset for briefs: parsed into blocks of styled spans, no pygame.

Supported: ``#``/``##``/``###`` headings, paragraphs, ``-``/``*`` bullets, ``1.`` numbered
items, ``>`` quotes, ``---`` rules, pipe tables, and inline ``**bold**``, ``*italic*`` /
``_italic_``, ``code`` and ``[links](url)`` (shown as their text). Anything else is kept as
plain text, so a modder's brief always shows, even if not every mark-up is understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|(?<![\w*])\*(?P<star>[^*\s][^*]*?)\*(?![\w*])"
    r"|(?<!\w)_(?P<under>[^_\s][^_]*?)_(?!\w)"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<link>[^\]]+)\]\([^)]*\)"
)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class Span:
    """A run of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """``kind``: heading, para, bullet, number, quote, rule or table.

    ``level`` is the heading level or the list indent; ``marker`` the item number text;
    ``rows`` holds a table's cells as span lists (first row is the header).
    """

    kind: str
    spans: list[Span] = field(default_factory=list)
    level: int = 0
    marker: str = ""
    rows: list[list[list[Span]]] = field(default_factory=list)


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> list[Span]:
    """Split ``text`` into styled spans (nesting: italic inside bold and vice versa)."""
    spans: list[Span] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            spans.append(Span(text[pos : m.start()], bold, italic))
        if m.group("bold") is not None:
            spans += parse_inline(m.group("bold"), True, italic)
        elif m.group("star") is not None or m.group("under") is not None:
            spans += parse_inline(m.group("star") or m.group("under"), bold, True)
        elif m.group("code") is not None:
            spans.append(Span(m.group("code"), bold, italic))
        else:
            spans += parse_inline(m.group("link"), bold, italic)
        pos = m.end()
    if pos < len(text):
        spans.append(Span(text[pos:], bold, italic))
    return [s for s in spans if s.text]


def _cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]


def parse(text: str) -> list[Block]:
    """Markdown-lite source -> blocks, in order."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", parse_inline(" ".join(para))))
            para.clear()

    lines = text.replace("\r\n", "\n").replace("\t", "    ").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("|") and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]):
            flush()
            rows = [_cells(line)]
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            table = [
                [parse_inline(c, bold=(n == 0)) for c in r + [""] * (width - len(r))]
                for n, r in enumerate(rows)
            ]
            blocks.append(Block("table", rows=table))
            continue
        elif m := _HEADING.match(stripped):
            flush()
            blocks.append(Block("heading", parse_inline(m.group(2)), level=len(m.group(1))))
        elif _RULE.match(stripped):
            flush()
            blocks.append(Block("rule"))
        elif m := _BULLET.match(line):
            flush()
            blocks.append(Block("bullet", parse_inline(m.group(2)), level=len(m.group(1)) // 2))
        elif m := _NUMBERED.match(line):
            flush()
            blocks.append(
                Block(
                    "number",
                    parse_inline(m.group(3)),
                    level=len(m.group(1)) // 2,
                    marker=f"{m.group(2)}.",
                )
            )
        elif stripped.startswith(">"):
            flush()
            blocks.append(Block("quote", parse_inline(stripped.lstrip("> "), italic=True)))
        elif (
            blocks and blocks[-1].kind in ("bullet", "number") and line.startswith(" ") and not para
        ):
            blocks[-1].spans += parse_inline(" " + stripped)
        else:
            para.append(stripped)
        i += 1
    flush()
    return blocks


def plain_text(spans: list[Span]) -> str:
    return "".join(s.text for s in spans)
