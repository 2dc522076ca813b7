"""Run records: JSON round trip, damaged files, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from strikesim.records import (
    RecordError,
    RunRecord,
    Seat,
    WeekActions,
    load_record,
    save_record,
    write_atomic,
)


def _record() -> RunRecord:
    rec = RunRecord("wga-2023", "1.0", 7, (Seat("human"), Seat("ai", "amptp_hardline", "hard")))
    rec = rec.with_week(WeekActions((1, 0), ((3, 1, 2), None), (("picket",), ())))
    return rec.with_week(WeekActions((0, 2), (None, None), ((), ("stockpile",))))


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    save_record(_record(), path)
    assert load_record(path) == _record()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "damaged file, not valid JSON"),
        ("[]", "not a StrikeSim run record (expected a JSON object)"),
        ('{"format": "other"}', "not a StrikeSim run record"),
        ('{"format": "strikesim-run", "version": 99}', "record version 99 is not supported"),
        ('{"format": "strikesim-run", "version": 1}', "damaged record (missing 'scenario')"),
    ],
)
def test_damaged_files_give_messages(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(RecordError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_record(path)


def test_bad_offer_is_reported(tmp_path: Path) -> None:
    data = _record().to_json()
    data["weeks"][0]["offers"][0] = ["x"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    message = r"weeks\[0\]\.offers\[0\]\[0\]: Input should be a valid integer"
    with pytest.raises(RecordError, match=message):
        load_record(path)


def test_binary_garbage_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bin.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(RecordError, match="damaged file"):
        load_record(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="no such file"):
        load_record(tmp_path / "nope.json")


def test_failed_write_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "save.json"
    write_atomic(path, "old")

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(RecordError, match="No space left on device"):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]
