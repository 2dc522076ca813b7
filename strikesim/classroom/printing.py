"""``strikesim print``: a scenario's classroom pack as self-contained, printable HTML pages.

One folder per scenario: ``index.html`` (what each page is for), ``background.html`` (the
public background, for everyone), ``brief-union.html`` and ``brief-studio.html`` (each
side's confidential brief, the very text the game shows, plus the side's points per option),
``scoring-sheet.html`` (one page to fill in at a face-to-face table) and ``answer-key.html``
(for the teacher: the key with its utility plane and the scenario's teaching notes).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from strikesim.catalogue import background_text, brief_text
from strikesim.classroom.answer_key import (
    KS,
    NASH,
    REAL,
    AnswerKey,
    answer_key,
    answer_key_markdown,
)
from strikesim.classroom.html import esc, markdown_html, page, palette
from strikesim.classroom.svg import Mark, utility_plane
from strikesim.classroom.teaching_notes import teaching_notes
from strikesim.engine.spec import SIDES, GameSpec
from strikesim.narrate import party_name
from strikesim.records import write_atomic

PAGES = (
    ("background.html", "Public background", "everyone"),
    ("brief-union.html", "Confidential brief: the union", "the union team only"),
    ("brief-studio.html", "Confidential brief: the studio", "the studio team only"),
    ("scoring-sheet.html", "Scoring sheet for a face-to-face deal", "one per table"),
    ("answer-key.html", "Answer key and teaching notes", "the teacher only"),
)


def _head(spec: GameSpec, eyebrow: str, title: str) -> str:
    return (
        f'<p class="eyebrow">StrikeSim · {esc(spec.title)} · {esc(eyebrow)}</p>\n'
        f"<h1>{esc(title)}</h1>\n"
    )


def _foot(spec: GameSpec) -> str:
    return (
        f'<p class="note">Scenario <code>{esc(spec.id)}</code> version {esc(spec.version)}, '
        f"printed {dt.date.today().isoformat()}.</p>"
    )


def background_page(spec: GameSpec) -> str:
    body = _head(spec, "for everyone", "Public background")
    body += markdown_html(background_text(spec), shift=1) + _foot(spec)
    return page(f"{spec.title}: background", body)


def points_table(spec: GameSpec, side: int) -> str:
    """``side``'s points (0–100 over the whole contract) for every option of every issue."""
    rows = []
    for issue in spec.issues:
        if issue.agreed:
            continue
        options = "; ".join(
            f"{esc(label)}: <strong>{100 * issue.weight[side] * u:.0f}</strong>"
            for label, u in zip(issue.level_labels, issue.utility[side], strict=True)
        )
        rows.append(f"<tr><td>{esc(issue.label)}</td><td>{options}</td></tr>")
    return (
        "<h2>Your points for each option</h2>\n<p>For play at a table: add up the points of "
        "the options in your deal. The sum is the contract's value to you in hundredths "
        "(100 is your best contract): the first part of your result, before what the dispute "
        "cost you comes off it. Your score then follows from the objectives above.</p>\n"
        "<table><thead><tr><th>Issue</th><th>Options and points</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def brief_page(spec: GameSpec, side: int) -> str:
    party = spec.parties[side]
    body = f'<div class="confidential side-{SIDES[side]}">'
    body += _head(spec, f"confidential · {party.name} only", f"Brief: {party.name}")
    body += f'<p><span class="stamp">CONFIDENTIAL · {esc(party.name.upper())} ONLY</span></p>'
    body += markdown_html(brief_text(spec, side), shift=1)
    body += points_table(spec, side) + "</div>" + _foot(spec)
    return page(f"{spec.title}: {party.name} brief", body)


def scoring_sheet_page(spec: GameSpec) -> str:
    union, studio = party_name(spec, 0), party_name(spec, 1)
    rows = []
    for issue in spec.issues:
        if issue.agreed:
            continue
        opts = "<br>".join(f"☐ {esc(label)}" for label in issue.level_labels)
        rows.append(f"<tr><td><strong>{esc(issue.label)}</strong></td><td>{opts}</td></tr>")
    body = _head(spec, "one per table", "Scoring sheet: the deal we agreed")
    body += (
        '<p>Group: <span class="write-in">&nbsp;</span> &nbsp; Date: '
        '<span class="write-in">&nbsp;</span></p>\n'
        "<p>Tick exactly one option per issue.</p>\n"
        "<table><thead><tr><th>Issue</th><th>Agreed option</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>\n"
        '<table class="sheet"><tbody>'
        "<tr><td>Weeks of talks it took (a round of offers counts as a week)</td><td></td></tr>"
        "<tr><td>Did the union strike? (☐ no ☐ yes: for how many weeks?)</td><td></td></tr>"
        f"<tr><td>Signed for {esc(union)}</td><td></td></tr>"
        f"<tr><td>Signed for {esc(studio)}</td><td></td></tr>"
        "</tbody></table>\n"
        "<p>To score it: in StrikeSim choose <strong>Classroom → Record a deal</strong>, pick "
        "this scenario, enter the group's name and the ticked options. The game shows both "
        "sides' scores, the members' vote, the ten-year projection and the debrief, and "
        "writes a record for the class report.</p>"
    )
    return page(f"{spec.title}: scoring sheet", body + _foot(spec))


def plane_svg(key: AnswerKey, extra: list[Mark] | None = None, **kw: object) -> str:
    """The key's utility plane: frontier, walk-away point, Nash, KS and the 2023 deal."""
    p = palette()
    marks = []
    style = {NASH: (p["gold_dim"], "star", "Nash"), KS: (p["ink_muted"], "diamond", "KS"),
             REAL: (p["positive"], "ring", "2023 deal")}  # fmt: skip
    for name, (colour, shape, label) in style.items():
        pkg = key.package(name)
        if pkg is not None:
            marks.append(Mark(pkg.utility[0], pkg.utility[1], label, colour, shape))
    return utility_plane(key.picture.frontier.utility, key.d, [*marks, *(extra or [])], **kw)  # type: ignore[arg-type]


def answer_key_page(spec: GameSpec, key: AnswerKey | None = None) -> str:
    key = key or answer_key(spec)
    body = _head(spec, "for the teacher", "Answer key and teaching notes")
    body += f'<div class="chart">{plane_svg(key, title="utility plane")}</div>'
    body += markdown_html(answer_key_markdown(key), shift=0)
    body += '<div class="page-break"></div>'
    body += markdown_html(teaching_notes(spec), shift=0) + _foot(spec)
    return page(f"{spec.title}: answer key", body)


def index_page(spec: GameSpec) -> str:
    items = "".join(
        f'<li><a href="{name}">{esc(title)}</a> — for {esc(who)}</li>' for name, title, who in PAGES
    )
    body = _head(spec, "classroom pack", spec.title)
    body += (
        f"<p>{esc(spec.summary.strip())}</p>\n<ul>{items}</ul>\n"
        "<p>Open a page and print it (Ctrl+P / ⌘P). Every page holds its own styles, so "
        "this folder works offline and can be copied to a shared drive as it is.</p>"
    )
    return page(f"{spec.title}: classroom pack", body + _foot(spec))


def write_pack(spec: GameSpec, folder: Path) -> list[Path]:
    """Write the pack into ``folder`` (created if needed); returns the pages written.

    Raises :class:`~strikesim.errors.RecordError` when the folder cannot be written.
    """
    key = answer_key(spec)
    pages = {
        "index.html": index_page(spec),
        "background.html": background_page(spec),
        "brief-union.html": brief_page(spec, 0),
        "brief-studio.html": brief_page(spec, 1),
        "scoring-sheet.html": scoring_sheet_page(spec),
        "answer-key.html": answer_key_page(spec, key),
    }
    out = []
    for name, text in pages.items():
        path = folder / name
        write_atomic(path, text, shared=True)
        out.append(path)
    return out
