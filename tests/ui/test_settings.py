from __future__ import annotations

import json
from pathlib import Path

import pytest

from strikesim.ui.app import create_app
from strikesim.ui.settings import Settings, load_settings, save_settings


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.json"
    s = Settings(
        window_size=(1600, 900),
        fullscreen=True,
        ui_scale=1.3,
        colourblind_palette=True,
        reduced_motion=True,
    )
    save_settings(s, path)
    assert load_settings(path) == (s, None)
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp files left


def test_missing_file_gives_defaults_silently(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nope.json") == (Settings(), None)


def test_corrupt_file_falls_back_with_message(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"ui_scale": 1.3,', encoding="utf-8")
    settings, msg = load_settings(path)
    assert settings == Settings()
    assert msg is not None and "damaged" in msg and "default" in msg
    assert "settings.json.damaged" in msg
    assert (tmp_path / "settings.json.damaged").read_text() == '{"ui_scale": 1.3,'


def test_bad_field_is_reset_and_named(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"ui_scale": "huge", "fullscreen": True, "window_size": [10, 10]}))
    settings, msg = load_settings(path)
    assert settings == Settings(fullscreen=True)
    assert msg is not None and "ui_scale" in msg and "window_size" in msg


def test_failed_write_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(ui_scale=1.15), path)

    def boom(*a: object, **k: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", boom)
    with pytest.raises(OSError):
        save_settings(Settings(ui_scale=1.5), path)
    monkeypatch.undo()
    assert load_settings(path)[0].ui_scale == 1.15
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_app_shows_notice_for_corrupt_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("not json at all", encoding="utf-8")
    app = create_app(size=(1280, 720), settings_file=path)
    assert any("damaged" in n for n in app.ctx.notices)
    app.step([], 16.0)  # the notice is drawn without error
    assert app.ctx.settings == Settings()
