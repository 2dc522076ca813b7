"""Printable pages: self-contained HTML that parses and holds what each page must."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from strikesim.catalogue import background_text, brief_text
from strikesim.classroom.html import markdown_html, page
from strikesim.classroom.printing import PAGES, write_pack
from strikesim.errors import RecordError
from strikesim.markdown_lite import parse, plain_text
from strikesim.scenario import load_scenario
from tests.classroom.helpers import QUICK, mod_scenario

VOID = {"meta", "br", "hr", "img", "input", "link", "circle", "line", "polyline", "polygon"}


class Checker(HTMLParser):
    """Collects the text and fails on unbalanced tags or anything fetched from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            assert name not in ("src", "srcset"), f"<{tag} {name}> fetches a resource"
            if name == "href":
                assert value is not None and "://" not in value, f"external link {value}"
        assert tag not in ("script", "link", "img", "iframe"), f"<{tag}> in a page"
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(html: str) -> tuple[str, list[str]]:
    """The page's visible text (whitespace collapsed) and its tags; asserts it is whole."""
    assert html.startswith("<!DOCTYPE html>")
    parser = Checker()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed {parser.stack}"
    assert "@media print" in html, "a print stylesheet"
    return " ".join("".join(parser.text).split()), parser.tags


def words(markdown: str) -> list[str]:
    """The paragraphs and list items of a Markdown-lite text as the page shows them."""
    return [" ".join(plain_text(b.spans).split()) for b in parse(markdown) if b.spans]


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("pack")
    paths = write_pack(load_scenario("wga-2023"), folder)
    assert sorted(p.name for p in paths) == sorted(["index.html", *(n for n, _t, _w in PAGES)])
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


def test_every_page_is_whole_self_contained_html(pack: dict[str, str]) -> None:
    for html in pack.values():
        check(html)
    text, _tags = check(pack["index.html"])
    for name, title, _who in PAGES:
        assert f'href="{name}"' in pack["index.html"] and title in text


def test_each_brief_page_carries_the_games_brief_and_only_its_own(pack: dict[str, str]) -> None:
    spec = load_scenario("wga-2023")
    for side, name in ((0, "brief-union.html"), (1, "brief-studio.html")):
        text, _tags = check(pack[name])
        for line in words(brief_text(spec, side)):
            assert line in text, line
        other = words(brief_text(spec, 1 - side))[0]
        assert other not in text
        assert "Your points for each option" in text
        for issue in spec.issues:
            assert issue.label in text


def test_the_background_page_is_the_public_background(pack: dict[str, str]) -> None:
    text, _tags = check(pack["background.html"])
    for line in words(background_text(load_scenario("wga-2023")))[:8]:
        assert line in text


def test_the_scoring_sheet_lists_every_option_to_tick(pack: dict[str, str]) -> None:
    text, _tags = check(pack["scoring-sheet.html"])
    for issue in load_scenario("wga-2023").issues:
        assert issue.label in text
        for label in issue.level_labels:
            assert f"☐ {label}" in text
    assert "Record a deal" in text and "strike" in text


def test_the_answer_key_page_has_the_plane_the_packages_and_the_notes(
    pack: dict[str, str],
) -> None:
    text, tags = check(pack["answer-key.html"])
    assert "svg" in tags and "polyline" in tags, "the frontier is drawn"
    for needle in ("Nash", "Kalai–Smorodinsky", "2023 deal", "Zone of agreement",
                   "Discussion questions", "Common mistakes", "walk-away point"):  # fmt: skip
        assert needle in text, needle


def test_scenario_text_cannot_inject_markup() -> None:
    html = markdown_html("# A <script>alert(1)</script>\n\n**bold <b>** and `x<y`\n\n- <img src=x>")
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "<strong>bold &lt;b&gt;</strong>" in html
    check(page("t", html))


def test_markdown_tables_lists_and_headings_become_html() -> None:
    html = markdown_html("## Head\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two\n", shift=1)
    assert "<h3>Head</h3>" in html and "<td>1</td>" in html and "<ol>" in html
    assert html.count("<li>") == 2


def test_a_modders_scenario_prints_with_a_generated_key(tmp_path: Path) -> None:
    spec = mod_scenario(tmp_path)
    write_pack(spec, tmp_path / "out")
    text, _tags = check((tmp_path / "out" / "answer-key.html").read_text(encoding="utf-8"))
    assert "generated from the scenario file" in text and "Nash" in text


def test_an_unwritable_folder_is_a_readable_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(RecordError, match="cannot write"):
        write_pack(load_scenario(QUICK), blocker / "pack")
