"""JSON Schema of a campaign file, generated from :mod:`strikesim.campaign.model`.

``docs/campaign.schema.json`` lets editors complete keys and flag mistakes while a
campaign is written (``# yaml-language-server: $schema=../../docs/campaign.schema.json``).
It comes from the same models the loader validates with, so it cannot drift (a test
checks that the committed copy is current). Regenerate it with
``python -m strikesim.campaign.schema``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from strikesim.campaign.model import CampaignModel

__all__ = ["SCHEMA_FILE", "campaign_json_schema", "schema_json"]

SCHEMA_ID = "https://strikesim.invalid/campaign.schema.json"
SCHEMA_FILE = "docs/campaign.schema.json"
"""The generated file, relative to the repository root."""


def campaign_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a campaign file."""
    schema = CampaignModel.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "StrikeSim campaign (format 1)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_json() -> str:
    """The schema as the text of :data:`SCHEMA_FILE`."""
    return json.dumps(campaign_json_schema(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write :data:`SCHEMA_FILE` under the repository root (or the folder given)."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2]
    from strikesim.records import write_atomic

    write_atomic(root / SCHEMA_FILE, schema_json())
    print(root / SCHEMA_FILE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
