"""Mods: scenario roots, listing, scaffold, pack/install, and scenarios that travel in saves."""

from __future__ import annotations

import io
import json
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from strikesim.cli import main
from strikesim.modding import ModError, install_zip, new_scenario, pack_scenarios
from strikesim.records import RecordError, Seat, load_record, save_record
from strikesim.saves import load_game, save_game
from strikesim.scenario import load_scenario, validate_path
from strikesim.scenario.catalog import discover
from strikesim.scenario.diagnostics import Severity
from strikesim.scenario.roots import user_mods_dir
from strikesim.session import Session

ROOT = Path(__file__).resolve().parents[1]
QUICK = ROOT / "scenarios" / "classroom-quick"
EXAMPLE = ROOT / "docs" / "examples" / "game-voices-2024"


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def copy_scenario(source: Path, root: Path, new_id: str) -> Path:
    """A copy of a scenario folder under ``root`` with its id changed."""
    folder = root / new_id
    shutil.copytree(source, folder)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    old_id = source.name
    path.write_text(text.replace(f"id: {old_id}", f"id: {new_id}", 1), encoding="utf-8")
    return folder


@pytest.fixture
def env_mods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "class-mods"
    folder.mkdir()
    monkeypatch.setenv("STRIKESIM_MODS", str(folder))
    return folder


# ---- roots and listing ------------------------------------------------------------------


def test_a_mod_in_strikesim_mods_is_listed_played_and_marked(env_mods: Path) -> None:
    copy_scenario(QUICK, env_mods, "my-class")
    code, text = run_cli("list")
    assert code == 0
    line = next(row for row in text.splitlines() if row.strip().startswith("my-class"))
    assert "[mod]" in line and "Classroom" in line
    assert str(env_mods / "my-class" / "scenario.yaml") in text
    assert load_scenario("my-class").id == "my-class"
    code, text = run_cli("run", "my-class", "--seed", "2")
    assert code == 0 and "Outcome:" in text


def test_the_user_mods_folder_is_created_and_shown_with_paths() -> None:
    assert not user_mods_dir().exists()
    code, text = run_cli("list", "--paths")
    assert code == 0 and user_mods_dir().is_dir()
    assert f"mods folder: {user_mods_dir().resolve()}" in text
    assert "shipped: " in text


def test_a_broken_mod_is_listed_with_its_first_error(env_mods: Path) -> None:
    folder = copy_scenario(QUICK, env_mods, "broken-mod")
    path = folder / "scenario.yaml"
    path.write_text(path.read_text().replace("title:", "titel:", 1))
    code, text = run_cli("list")
    assert code == 0, "a broken mod never stops the listing"
    line = next(row for row in text.splitlines() if "broken-mod" in row)
    assert "BROKEN" in line and "missing required key 'title'" in line
    assert "wga-2023" in text


def test_an_id_in_two_roots_is_a_clash_naming_both_paths(env_mods: Path) -> None:
    copy_scenario(QUICK, env_mods, "classroom-quick")
    catalog = discover()
    clash = catalog.clash("scenario", "classroom-quick")
    assert clash is not None
    assert catalog.scenarios["classroom-quick"].root.kind == "shipped", "shipped wins"
    code, text = run_cli("list")
    assert code == 0
    assert str(QUICK / "scenario.yaml") in text and str(env_mods / "classroom-quick") in text
    assert "Clash:" in text


def test_campaigns_in_a_mods_folder_are_found_by_id(env_mods: Path) -> None:
    campaigns = env_mods / "campaigns"
    campaigns.mkdir()
    source = ROOT / "scenarios" / "campaigns" / "hollywood-decade.yaml"
    text = source.read_text(encoding="utf-8").replace("id: hollywood-decade", "id: my-decade")
    (campaigns / "my-decade.yaml").write_text(text, encoding="utf-8")
    from strikesim.campaign import list_campaigns, load_campaign

    assert "my-decade" in [c[0] for c in list_campaigns()]
    assert load_campaign("my-decade").id == "my-decade"


def test_briefs_come_from_the_mods_own_folder(env_mods: Path) -> None:
    from strikesim.catalogue import background_text, brief_text

    folder = copy_scenario(QUICK, env_mods, "own-briefs")
    (folder / "background.md").write_text("# Only in the mod\n", encoding="utf-8")
    (folder / "brief-studio.md").write_text("# Studio brief of the mod\n", encoding="utf-8")
    spec = load_scenario("own-briefs")
    assert background_text(spec) == "# Only in the mod\n"
    brief = brief_text(spec, 1)
    assert brief.startswith(
        "# Studio brief of the mod\n\n## Your objectives and how you are scored"
    )


# ---- scenarios that travel --------------------------------------------------------------


def _played(spec_id: str, weeks: int = 3) -> Session:
    spec = load_scenario(spec_id)
    seats = (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1]))
    session = Session(spec, seats, 4)
    for _ in range(weeks):
        session.advance()
    return session


def test_a_record_keeps_source_and_hash_and_is_found_in_another_root(
    env_mods: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_scenario(QUICK, env_mods, "travels")
    session = _played("travels")
    record_path = tmp_path / "run.json"
    save_record(session.record, record_path)
    saved = json.loads(record_path.read_text())["scenario"]
    assert saved["source"] == str(env_mods / "travels" / "scenario.yaml")
    assert saved["hash"].startswith("sha256:")
    # the classroom's computer: the folder is in its own mods folder, the old path is gone
    other = tmp_path / "other-computer"
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(other))
    monkeypatch.delenv("STRIKESIM_MODS")
    (other / "mods").mkdir(parents=True)
    shutil.move(env_mods / "travels", other / "mods" / "travels")
    code, text = run_cli("replay", str(record_path))
    assert code == 0 and "record stops at week 3" in text


def test_replay_says_clearly_when_the_scenario_is_missing_or_changed(
    env_mods: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_scenario(QUICK, env_mods, "fragile")
    record_path = tmp_path / "run.json"
    save_record(_played("fragile").record, record_path)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n# a comment changes nothing\n", encoding="utf-8")
    assert run_cli("replay", str(record_path))[0] == 0
    path.write_text(text.replace("max_weeks: 12", "max_weeks: 13", 1), encoding="utf-8")
    code, _ = run_cli("replay", str(record_path))
    err = capsys.readouterr().err
    assert code != 0 and "has changed since this game was saved" in err
    shutil.rmtree(folder)
    code, _ = run_cli("replay", str(record_path))
    err = capsys.readouterr().err
    assert code != 0 and "'fragile' is missing" in err and "strikesim install" in err
    assert "Traceback" not in err


def test_a_save_of_a_scenario_outside_every_root_loads_by_its_path(tmp_path: Path) -> None:
    folder = copy_scenario(QUICK, tmp_path / "somewhere", "by-path")
    spec = load_scenario(folder)
    seats = (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1]))
    session = Session(spec, seats, 1)
    session.advance()
    path = save_game(session, "mine")
    assert load_record(path).scenario_source == str(folder.resolve() / "scenario.yaml")
    assert load_game(path).week == 1


def test_an_old_record_without_source_or_hash_still_loads(tmp_path: Path) -> None:
    record_path = tmp_path / "old.json"
    save_record(_played("classroom-quick").record, record_path)
    data = json.loads(record_path.read_text())
    data["scenario"] = {"id": data["scenario"]["id"], "version": data["scenario"]["version"]}
    record_path.write_text(json.dumps(data))
    assert load_game(record_path).week == 3


def test_a_damaged_source_field_is_a_record_error(tmp_path: Path) -> None:
    record_path = tmp_path / "bad.json"
    save_record(_played("classroom-quick").record, record_path)
    data = json.loads(record_path.read_text())
    data["scenario"]["hash"] = 12
    record_path.write_text(json.dumps(data))
    with pytest.raises(RecordError, match="damaged record"):
        load_game(record_path)


# ---- new --------------------------------------------------------------------------------


def test_new_writes_a_clean_starter_into_the_mods_folder() -> None:
    code, text = run_cli("new", "nurses-2026")
    assert code == 0, text
    folder = user_mods_dir() / "nurses-2026"
    assert sorted(p.name for p in folder.iterdir()) == [
        "background.md",
        "brief-studio.md",
        "brief-union.md",
        "scenario.yaml",
    ]
    first = (folder / "scenario.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../scenario.schema.json"
    assert (user_mods_dir() / "scenario.schema.json").is_file()
    assert validate_path(folder) == [], "no error, warning or hint"
    spec = load_scenario("nurses-2026")
    assert spec.news_masthead == "THE TRADE GAZETTE"
    code, text = run_cli("run", "nurses-2026", "--seed", "1")
    assert code == 0 and "Outcome:" in text


def test_new_from_a_shipped_scenario_copies_it_and_its_markdown() -> None:
    folder, diagnostics = new_scenario("my-wga", base="wga-2023")
    assert not [d for d in diagnostics if d.severity is Severity.ERROR]
    assert "id: my-wga" in (folder / "scenario.yaml").read_text()
    shipped = ROOT / "scenarios" / "wga-2023" / "background.md"
    assert (folder / "background.md").read_text() == shipped.read_text()
    assert load_scenario("my-wga").title == load_scenario("wga-2023").title


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new", "Bad Id"], "cannot be a scenario id"),
        (["new", "wga-2023"], "there is already a scenario 'wga-2023'"),
        (["new", "x-1", "--from", "no-such"], "no scenario 'no-such' to start from"),
    ],
)
def test_new_explains_mistakes(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run_cli(*argv)
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


# ---- pack and install -------------------------------------------------------------------


def test_pack_then_install_on_another_computer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = new_scenario("teacher-mod")
    zip_path, warnings = pack_scenarios([str(folder)], tmp_path / "teacher-mod.zip")
    assert warnings == []
    with zipfile.ZipFile(zip_path) as zf:
        assert sorted(zf.namelist())[0] == "teacher-mod/background.md"
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(tmp_path / "pupil"))
    code, text = run_cli("install", str(zip_path))
    assert code == 0 and "installed scenario teacher-mod" in text
    assert (tmp_path / "pupil" / "mods" / "teacher-mod" / "brief-union.md").is_file()
    assert load_scenario("teacher-mod").id == "teacher-mod"
    code, _ = run_cli("install", str(zip_path))
    assert code == 2, "installing twice needs --replace"
    code, _ = run_cli("install", str(zip_path), "--replace")
    assert code == 0


def test_pack_refuses_a_scenario_that_does_not_validate(tmp_path: Path) -> None:
    folder = copy_scenario(QUICK, tmp_path, "bad-pack")
    path = folder / "scenario.yaml"
    path.write_text(path.read_text().replace("title:", "titel:", 1))
    with pytest.raises(ModError, match="does not validate") as info:
        pack_scenarios([str(folder)], tmp_path / "x.zip")
    assert info.value.diagnostics
    assert not (tmp_path / "x.zip").exists()


def _zip(path: Path, members: dict[str, bytes], *, link: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


GOOD = (QUICK / "scenario.yaml").read_bytes().replace(b"id: classroom-quick", b"id: zipped", 1)


@pytest.mark.parametrize(
    ("members", "link", "message"),
    [
        ({"../evil/scenario.yaml": GOOD}, None, "points outside"),
        ({"/abs/scenario.yaml": GOOD}, None, "points outside"),
        ({"zipped/../../x.yaml": GOOD}, None, "points outside"),
        ({"C:/zipped/scenario.yaml": GOOD}, None, "not a safe file name"),
        ({"zipped\\scenario.yaml": GOOD}, None, "not a safe file name"),
        ({"zipped/scenario.yaml": GOOD}, "zipped/link.yaml", "is a link"),
        ({"zipped/scenario.yaml": GOOD, "zipped/run.py": b"x"}, None, "'.py' files"),
        ({"scenario.yaml": GOOD}, None, "not inside a scenario folder"),
        ({"zipped/scenario.yaml": GOOD, "zipped/big.txt": b"0" * 2_000_000}, None, "suspic"),
        ({}, None, "empty"),
        ({"Bad Name/scenario.yaml": GOOD}, None, "not a scenario id"),
        ({"classroom-quick/scenario.yaml": GOOD}, None, "already exists"),
        ({"zipped/scenario.yaml": GOOD.replace(b"title:", b"titel:", 1)}, None, "validate"),
    ],
)
def test_install_refuses_unsafe_or_broken_zips_and_leaves_nothing(
    tmp_path: Path, members: dict[str, bytes], link: str | None, message: str
) -> None:
    zip_path = _zip(tmp_path / "in.zip", members, link=link)
    target = tmp_path / "mods"
    with pytest.raises(ModError, match=message):
        install_zip(zip_path, into=target)
    assert sorted(p.name for p in target.iterdir()) == [], "no folder, no staging left"
    assert not (tmp_path / "evil").exists() and not Path("/abs").exists()


def test_install_refuses_what_is_not_a_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "notes.zip"
    bogus.write_text("hello")
    code, _ = run_cli("install", str(bogus))
    err = capsys.readouterr().err
    assert code == 2 and "not a readable zip" in err
    code, _ = run_cli("install", str(tmp_path / "missing.zip"))
    assert code == 2 and "No such file" in capsys.readouterr().err


def test_install_never_writes_more_than_a_member_declares(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strikesim import modding

    monkeypatch.setattr(modding, "MAX_TOTAL_BYTES", 1000)
    zip_path = _zip(tmp_path / "in.zip", {"zipped/scenario.yaml": GOOD})
    with pytest.raises(ModError, match="unpacks to more than 1000 bytes"):
        install_zip(zip_path, into=tmp_path / "mods")


# ---- validate --format json and the worked example ------------------------------------


def test_validate_json_is_machine_readable(tmp_path: Path) -> None:
    folder = copy_scenario(QUICK, tmp_path, "json-check")
    path = folder / "scenario.yaml"
    path.write_text(path.read_text().replace("title:", "titel:", 1))
    code, text = run_cli("validate", "--format", "json", str(folder))
    data = json.loads(text)
    assert code == 1 and data["errors"] >= 1
    (first,) = [d for ds in data["files"].values() for d in ds if "titel" in d["message"]]
    assert first["line"] > 0 and first["severity"] == "error" and first["hint"] == "title"


def test_the_worked_example_validates_clean_and_plays() -> None:
    assert validate_path(EXAMPLE) == []
    spec = load_scenario(EXAMPLE)
    assert spec.news_masthead == "THE PLAYER'S PRESS"
    term = spec.issues[spec.issue_index["term_years"]]
    assert term.agreed and term.n_levels == 1 and term.level_labels == ("3 years",)
    replicas = spec.issues[spec.issue_index["ai_replicas"]]
    assert replicas.short_label(3) == "Consent+pay"
    assert replicas.level_labels[3] == "Consent and payment for every use"
    code, text = run_cli("run", str(EXAMPLE), "--seed", "3")
    assert code == 0 and "Outcome:" in text
