"""Campaigns: several scenarios played in a row, linked by a ledger of numbers.

Public surface::

    load_campaign("hollywood-decade")     # shipped id or path -> Campaign (raises ScenarioError)
    validate_campaign(path)               # -> list[Diagnostic]
    list_campaigns()                      # [(id, title, [scenario ids along first branches])]
    CampaignRun(campaign, seed=1)         # play stage by stage; save / load a run

The format is described in ``docs/campaigns.md``.
"""

from __future__ import annotations

from strikesim.campaign.load import (
    campaign_files,
    load_campaign,
    resolve_campaign,
    validate_campaign,
)
from strikesim.campaign.spec import Campaign, Stage

__all__ = [
    "Campaign",
    "Stage",
    "campaign_files",
    "list_campaigns",
    "load_campaign",
    "resolve_campaign",
    "validate_campaign",
]


def list_campaigns() -> list[tuple[str, str, list[str]]]:
    """``(id, title, chain)`` of every shipped campaign that loads, by file name.

    ``chain`` is the scenario ids played from the start along the first branch
    of each stage. A campaign that does not load is left out (``strikesim
    validate`` explains why).
    """
    from strikesim.scenario.diagnostics import ScenarioError

    out = []
    for path in campaign_files():
        try:
            campaign = load_campaign(path)
        except ScenarioError:
            continue
        out.append((campaign.id, campaign.title, campaign.chain()))
    return out
