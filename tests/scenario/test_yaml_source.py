"""Hardened YAML loading: plain data, positions, caps and located errors."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from strikesim.scenario import yaml_source
from strikesim.scenario.diagnostics import ScenarioError, Severity
from strikesim.scenario.yaml_source import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    key_position,
    load_yaml,
    position,
)

LOADERS = [yaml.SafeLoader]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(yaml.CSafeLoader)


@pytest.fixture(params=LOADERS, ids=lambda c: c.__name__, autouse=True)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run every test with the pure-Python parser and, when present, libyaml's."""
    monkeypatch.setattr(yaml_source, "_Loader", request.param)
    yield


def errors_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_yaml("s.yaml", text=text)
    assert all(d.severity is Severity.ERROR for d in info.value.diagnostics)
    return [d.format() for d in info.value.diagnostics]


SAMPLE = """\
id: wga
phases:
  authorization: {week: 4, yes: "0.9", threshold: 0.5}
start_date: 2023-03-20
flags: [yes, no, on, true, False, 0x1f, 0o17, 1_000, 1.5e3, -.inf, ~, '3', 1:30, 12]
issues:
  - id: a
    range: {min: 6, max: 18}
  - id: b
"""


def test_plain_data_under_yaml_12_core_schema() -> None:
    doc = load_yaml("s.yaml", text=SAMPLE)
    assert doc.file == "s.yaml"
    assert doc.data["phases"]["authorization"] == {"week": 4, "yes": "0.9", "threshold": 0.5}
    assert doc.data["start_date"] == "2023-03-20"
    flags = doc.data["flags"]
    assert flags[:5] == ["yes", "no", "on", True, False]
    assert flags[5:10] == [31, 15, 1000, 1500.0, float("-inf")]
    assert flags[10:] == [None, "3", "1:30", 12]
    assert isinstance(flags[13], int)
    assert doc.data["issues"] == [{"id": "a", "range": {"min": 6, "max": 18}}, {"id": "b"}]


def test_keys_stay_text() -> None:
    doc = load_yaml("s.yaml", text="yes: 1\n2023: 2\nnull: 3\ntrue: 4\n")
    assert doc.data == {"yes": 1, "2023": 2, "null": 3, "true": 4}


def test_positions_of_values_and_keys() -> None:
    doc = load_yaml("s.yaml", text=SAMPLE)
    assert doc.positions[()] == (1, 1)
    assert doc.positions[("id",)] == (1, 5)
    assert doc.key_positions[("id",)] == (1, 1)
    assert doc.positions[("phases", "authorization", "threshold")] == (3, 51)
    assert doc.key_positions[("phases", "authorization", "threshold")] == (3, 40)
    assert doc.positions[("issues", 1)] == (9, 5)
    assert doc.positions[("issues", 0, "range", "max")] == (8, 26)
    assert doc.key_positions[("issues", 0, "range")] == (8, 5)


def test_position_falls_back_to_nearest_ancestor() -> None:
    doc = load_yaml("s.yaml", text=SAMPLE)
    assert position(doc, ("issues", 0, "range", "step")) == (8, 12)
    assert position(doc, ("issues", 7, "label")) == (7, 3)
    assert position(doc, ("nowhere", "deep")) == (1, 1)
    assert key_position(doc, ("issues", 0, "range")) == (8, 5)
    assert key_position(doc, ("issues", 0, "range", "step")) == (8, 12)


BOMB = "\n".join(
    [
        'a: &a ["lolol","lolol","lolol","lolol","lolol","lolol","lolol","lolol","lolol"]',
        *(
            f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]"
            for prev, name in zip("abcdefghi", "bcdefghij", strict=True)
        ),
    ]
)
"""About 400 bytes that a naive loader would expand to 9**10 (3.5 billion) strings."""


def test_billion_laughs_is_refused_at_once() -> None:
    assert 390 <= len(BOMB) <= 600
    start = time.perf_counter()
    lines = errors_of(BOMB)
    elapsed = time.perf_counter() - start
    assert lines == ["s.yaml:1:4: error: a: YAML anchors and aliases are not allowed (found '&a')"]
    assert elapsed < 0.5


def test_alias_alone_is_refused_with_location() -> None:
    text = "x: 1\ny: *undefined\n"
    # PyYAML's parser itself complains about undefined aliases only when composing,
    # so the event reader must catch the alias.
    assert errors_of(text) == [
        "s.yaml:2:4: error: y: YAML anchors and aliases are not allowed (found '*undefined')"
    ]


def test_anchor_on_a_key_is_refused() -> None:
    assert errors_of("&k a: 1\n") == [
        "s.yaml:1:1: error: YAML anchors and aliases are not allowed (found '&k')"
    ]


def test_duplicate_keys_are_all_reported() -> None:
    assert errors_of("a: 1\nb: {c: 1, c: 2}\na: 3\n") == [
        "s.yaml:2:11: error: b.c: duplicate key 'c' (first written on line 2)",
        "s.yaml:3:1: error: a: duplicate key 'a' (first written on line 1)",
    ]


def test_duplicate_key_keeps_first_value_positions() -> None:
    # The second 'a' is an error, but its subtree must not move the first's positions.
    with pytest.raises(ScenarioError):
        load_yaml("s.yaml", text="a: {x: 1}\na: {x: 2}\n")


def test_unsafe_and_unknown_tags_are_refused() -> None:
    text = "a: !!python/object:os.system x\nb: !!binary aGk=\nc: !foo x\nd: !!set {x}\n"
    assert errors_of(text) == [
        "s.yaml:1:4: error: a: YAML tag '!!python/object:os.system' is not allowed here;"
        " use plain values",
        "s.yaml:2:4: error: b: YAML tag '!!binary' is not allowed here; use plain values",
        "s.yaml:3:4: error: c: YAML tag '!foo' is not allowed here; use plain values",
        "s.yaml:4:4: error: d: YAML tag '!!set' is not allowed here; use plain values",
    ]


def test_plain_type_tags_are_checked() -> None:
    doc = load_yaml("s.yaml", text="a: !!str 12\nb: !!float 3\nc: !!int '7'\nd: !!bool true\n")
    assert doc.data == {"a": "12", "b": 3.0, "c": 7, "d": True}
    assert isinstance(doc.data["b"], float)
    assert errors_of("a: !!int abc\n") == [
        "s.yaml:1:4: error: a: 'abc' is not a valid int for the tag '!!int'"
    ]


def test_huge_integer_literal_stays_text() -> None:
    digits = "9" * 5000
    doc = load_yaml("s.yaml", text=f"a: {digits}\n")
    assert doc.data["a"] == digits


def test_depth_cap() -> None:
    # The root mapping is level 1, so MAX_DEPTH - 1 nested lists fit exactly.
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    load_yaml("s.yaml", text=ok)
    deep = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    (line,) = errors_of(deep)
    assert line.startswith("s.yaml:1:43: error: a[0]")
    assert line.endswith(f"the file nests too deeply (more than {MAX_DEPTH} levels)")


@pytest.mark.parametrize("parser", [LOADERS[-1]], indirect=True, ids=["fastest"])
def test_node_cap() -> None:
    # root mapping + key + list = 3 nodes, then one node per item.
    fits = "a: [" + ",".join(["0"] * (MAX_NODES - 3)) + "]\n"
    assert len(load_yaml("s.yaml", text=fits).data["a"]) == MAX_NODES - 3
    over = "a: [" + ",".join(["0"] * (MAX_NODES - 2)) + "]\n"
    (line,) = errors_of(over)
    assert (
        line == "s.yaml:1:99999: error: a[49997]: the file has too many values (more than 50,000)"
    )


def test_size_cap_on_text_and_file(tmp_path: Path) -> None:
    big = "a: '" + "x" * MAX_BYTES + "'\n"
    assert errors_of(big) == [
        f"s.yaml: error: the file is too large ({len(big):,} bytes, at most 1 MiB)"
    ]
    path = tmp_path / "big.yaml"
    path.write_text(big, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_yaml(path, display_name="big.yaml")
    assert str(info.value) == (
        "big.yaml: error: the file is too large (more than 1,048,576 bytes, at most 1 MiB)"
    )


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"id: x\ntitle: Caf" + b"\xe9 ok\n")
    with pytest.raises(ScenarioError) as info:
        load_yaml(path, display_name="latin.yaml")
    assert str(info.value) == (
        "latin.yaml:2:11: error: the file is not UTF-8 text (byte 0xe9 cannot be read);"
        " save it with UTF-8 encoding"
    )


def test_utf8_file_with_bom_and_accents(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_bytes("\ufefftitle: Café 🎬\n".encode())
    doc = load_yaml(path)
    assert doc.data == {"title": "Café 🎬"}
    assert doc.file == str(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml(tmp_path / "nope.yaml", display_name="nope.yaml")
    assert str(info.value) == "nope.yaml: error: file not found"
    with pytest.raises(ScenarioError) as info:
        load_yaml(tmp_path, display_name="dir")
    assert str(info.value) == "dir: error: is a folder, not a YAML file"


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n", "---\n", "---\n...\n"])
def test_empty_file(text: str) -> None:
    assert errors_of(text) == ["s.yaml: error: the file is empty"]


def test_top_level_must_be_a_mapping() -> None:
    assert errors_of("- id: a\n- id: b\n") == [
        "s.yaml:1:1: error: the top level must be a mapping of keys (like 'id: ...'), not a list"
    ]
    assert errors_of("just text\n") == [
        "s.yaml:1:1: error: the top level must be a mapping of keys (like 'id: ...'),"
        " not a single value ('just text')"
    ]


def test_only_one_document() -> None:
    assert errors_of("a: 1\n---\nb: 2\n") == [
        "s.yaml:2:1: error: only one YAML document is allowed (found '---')"
    ]


def test_tab_indentation_message() -> None:
    assert errors_of("a:\n\tb: 2\n") == [
        "s.yaml:2:1: error: invalid YAML: tabs cannot indent YAML; use spaces"
    ]


def test_syntax_errors_are_located() -> None:
    (line,) = errors_of("id: x\nissues: [1, 2\nname: y\n")
    assert line.startswith("s.yaml:3:")
    assert ": error: invalid YAML: " in line
    (line,) = errors_of("a: b: c\n")
    assert line == "s.yaml:1:5: error: invalid YAML: mapping values are not allowed here" or (
        line == "s.yaml:1:5: error: invalid YAML: mapping values are not allowed in this context"
    )


def test_control_characters_are_located() -> None:
    (line,) = errors_of("a: 1\nb: x\x07y\n")
    assert line.startswith("s.yaml:2:5: error: invalid YAML: ")


def test_complex_keys_are_refused() -> None:
    assert errors_of("? [1]\n: 2\nok: 3\n") == [
        "s.yaml:1:3: error: a key must be plain text, not a list or mapping"
    ]


YAML_ALPHABET = st.sampled_from(
    [*":-[]{}&*!|>'\"#%@`?,.~\\ \n\t", "a", "b", "1", "0", "e", "x", "é", "\x00", "\ufeff"]
)
YAML_TOKENS = st.sampled_from(
    [
        "a: ",
        "- ",
        "\n",
        "  ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "&x ",
        "*x",
        "!!str ",
        "!!python/name:os ",
        "'q'",
        '"q\\n"',
        "|\n  t",
        ">-\n  t",
        "? ",
        "---\n",
        "...\n",
        "%YAML 1.2\n",
        "1e9",
        "0x1",
        "~",
        "yes",
        "#c",
        "\t",
        ": ",
        "-1",
        ".inf",
        "!t ",
        "\\",
        "b:\n  c: 1\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.text(YAML_ALPHABET, max_size=200),
        st.lists(YAML_TOKENS, max_size=40).map("".join),
    )
)
def test_random_text_gives_data_or_scenario_error(text: str) -> None:
    try:
        doc = load_yaml("fuzz.yaml", text=text)
    except ScenarioError as err:
        assert err.diagnostics
        for d in err.diagnostics:
            assert "\n" not in d.format()
        return
    assert isinstance(doc.data, dict)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_give_data_or_scenario_error(raw: bytes) -> None:
    # Hypothesis reuses the function across examples, so write under a fresh name each time.
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(raw)
        try:
            load_yaml(path)
        except ScenarioError as err:
            assert err.diagnostics


def test_a_line_break_inside_a_key_stays_on_the_diagnostics_one_line() -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml("fuzz.yaml", text='"q\\n": &x ')
    (line,) = [d.format() for d in info.value.diagnostics]
    assert "\n" not in line and "q\\n" in line
