"""Pydantic validation errors of a campaign file rewritten as findings.

Campaign files get exactly the treatment scenario files get
(:func:`strikesim.scenario.validation.validate_against`): only the location
parts that exist in the data, the key path as it is written, the bad value,
what was expected, and the closest valid key for an unknown one.
"""

from __future__ import annotations

import copy
from typing import Any

from strikesim.campaign.model import CampaignModel
from strikesim.scenario.findings import Finding
from strikesim.scenario.validation import validate_against

__all__ = ["validate_campaign_data", "without_unknown_keys"]


def validate_campaign_data(data: Any) -> tuple[CampaignModel | None, list[Finding]]:
    """Validate plain campaign data; on failure one finding per bad value (never raises)."""
    return validate_against(CampaignModel, data)


def without_unknown_keys(data: Any, findings: list[Finding]) -> Any:
    """A copy of ``data`` with the keys reported as unknown removed, so that the rest of
    a file whose only shape problems are misspelt keys can still be cross-checked."""
    cleaned = copy.deepcopy(data)
    for f in findings:
        if not f.at_key or not f.message.startswith("unknown key"):
            continue
        node = cleaned
        for part in f.path[:-1]:
            node = node[part]
        if isinstance(node, dict):
            node.pop(f.path[-1], None)
    return cleaned
