"""Which stages can be reached, and from which ones the campaign can end.

Branches are conditions over a ledger that only play decides, so the checks
here are about the graph: a stage is *reachable* when some chain of ``next``
branches leads to it from ``start``; a stage *can end* the campaign when it has
no branches, when none of its branches is unconditional (so possibly none
holds), or when a branch that can be taken leads to a stage that can end.
Branches after an unconditional one are never taken.
"""

from __future__ import annotations

from strikesim.campaign.model import CampaignModel
from strikesim.scenario.findings import Finding, error, warning

__all__ = ["reach_findings"]


def _successors(model: CampaignModel) -> tuple[dict[str, list[str]], set[str]]:
    """Stage id -> stages its takeable branches name; and the stages that may end directly."""
    ids = {s.id for s in model.stages}
    succ: dict[str, list[str]] = {}
    ends: set[str] = set()
    for stage in model.stages:
        targets: list[str] = []
        forced = False
        for branch in stage.next:
            if branch.stage in ids:
                targets.append(branch.stage)
            else:  # reported as an unknown stage; do not report a loop as well
                ends.add(stage.id)
            if branch.when is None:
                forced = True
                break
        if not forced:
            ends.add(stage.id)
        succ.setdefault(stage.id, targets)
    return succ, ends


def reach_findings(model: CampaignModel) -> list[Finding]:
    """A warning per stage unreachable from ``start``; one error naming stages that cannot end."""
    succ, ends = _successors(model)
    out: list[Finding] = []
    if model.start in succ:
        seen = {model.start}
        todo = [model.start]
        while todo:
            for nxt in succ[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        for k, stage in enumerate(model.stages):
            if stage.id not in seen and succ.get(stage.id) is not None:
                message = (
                    f"stage '{stage.id}' cannot be reached from the start stage '{model.start}'"
                )
                out.append(warning(("stages", k, "id"), message, value=stage.id))
    can_end = set(ends)
    changed = True
    while changed:
        changed = False
        for sid, targets in succ.items():
            if sid not in can_end and any(t in can_end for t in targets):
                can_end.add(sid)
                changed = True
    stuck = [(k, st.id) for k, st in enumerate(model.stages) if st.id not in can_end]
    if stuck:
        names = list(dict.fromkeys(sid for _, sid in stuck))
        k, first = stuck[0]
        shown = ", ".join(f"'{n}'" for n in names)
        loop = " -> ".join(_loop(succ, first))
        message = (
            f"the campaign can never end from stage{'s' if len(names) > 1 else ''} {shown}: "
            f"every branch leads on to another stage ({loop}); give one stage no `next`, "
            "or a last branch with a `when`"
        )
        out.append(error(("stages", k, "next"), message, value=first))
    return out


def _loop(succ: dict[str, list[str]], start: str) -> list[str]:
    """The first-branch walk from ``start`` until a stage repeats (for messages)."""
    path = [start]
    current = start
    while succ.get(current):
        current = succ[current][0]
        path.append(current)
        if path.count(current) > 1:
            break
    return path
