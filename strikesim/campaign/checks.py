"""Cross-checks of a campaign model, and its compilation into a :class:`Campaign`.

Pydantic has checked the shape; here the whole file and every stage's scenario
are known, so names are checked where they are read: ledger names in ``carry``,
``when``, intro values, epilogues and the summary; a stage's results and
``campaign_<name>`` in ``record``; variable and parameter ids of the stage's
scenario in ``carry``; stage ids in ``start`` and ``next``; placeholders in
texts. Problems come back as findings (key paths) or, for a scenario that does
not load, as that scenario's own located diagnostics. Nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

from strikesim.campaign.formulas import (
    LEDGER_ONLY,
    FormulaChecker,
    TopRecord,
    carry_formulas,
    record_formulas,
)
from strikesim.campaign.model import CampaignModel, StageModel
from strikesim.campaign.reach import reach_findings
from strikesim.campaign.scenarios import AbstractScenario, ScenarioInfo, scenario_info
from strikesim.campaign.spec import (
    Branch,
    Campaign,
    Epilogue,
    IntroChoice,
    LedgerDisplay,
    Stage,
    SummaryRow,
)
from strikesim.campaign.text import spec_problem, template_problems
from strikesim.engine.spec import Formula
from strikesim.scenario.diagnostics import Diagnostic, ScenarioError, did_you_mean
from strikesim.scenario.findings import Finding, error
from strikesim.scenario.findings import Path as KeyPath
from strikesim.scenario.load import resolve_scenario
from strikesim.scenario.model import ID_PATTERN

__all__ = ["CheckResult", "check_campaign"]

_ID = re.compile(ID_PATTERN)


@dataclass
class CheckResult:
    """What the cross-checks found: findings in the campaign file, diagnostics elsewhere."""

    findings: list[Finding] = field(default_factory=list)
    passthrough: list[Diagnostic] = field(default_factory=list)
    """Diagnostics of stage scenarios that failed to load (located in their own files)."""


def _when(
    fc: FormulaChecker, source: str | None, names: frozenset[str], path: KeyPath
) -> Formula | None:
    if source is None:
        return None
    return fc(source, names, path, kind="condition", reads=LEDGER_ONLY)


def _texts(
    out: list[Finding],
    text: str,
    path: KeyPath,
    numbers: Collection[str],
    texts: Collection[str] = (),
) -> None:
    for message, hint in template_problems(text, numbers, texts):
        out.append(error(path, message, hint=hint))


def _load_stage(stage: StageModel, k: int, base: Path, result: CheckResult) -> ScenarioInfo | None:
    path: KeyPath = ("stages", k, "scenario")
    try:
        file = resolve_scenario(stage.scenario, relative_to=base)
    except ScenarioError as exc:
        first = exc.diagnostics[0]
        result.findings.append(
            error(
                path,
                f"unknown scenario '{stage.scenario}'",
                value=stage.scenario,
                expected=first.expected,
                hint=first.hint,
            )
        )
        return None
    try:
        return scenario_info(file)
    except AbstractScenario:
        message = f"scenario '{stage.scenario}' is an abstract base and cannot be played"
        result.findings.append(error(path, message, value=stage.scenario))
    except ScenarioError as exc:
        result.findings.append(
            error(
                path,
                f"scenario '{stage.scenario}' does not load "
                f"({len(exc.errors)} error(s), listed with its file)",
                value=stage.scenario,
            )
        )
        result.passthrough.extend(exc.diagnostics)
    except OSError as exc:
        message = f"scenario '{stage.scenario}' cannot be read ({exc.strerror or exc})"
        result.findings.append(error(path, message, value=stage.scenario))
    return None


def _stage(
    fc: FormulaChecker,
    model: CampaignModel,
    stage: StageModel,
    k: int,
    base: Path,
    result: CheckResult,
    top: TopRecord,
) -> Stage | None:
    out = result.findings
    ledger = frozenset(model.ledger)
    info = _load_stage(stage, k, base, result)
    variables, params = carry_formulas(fc, stage, k, info, ledger, out)
    record = record_formulas(fc, model, stage, k, info, top)
    intro_values: dict[str, tuple[IntroChoice, ...]] = {}
    for name, choices in stage.intro_values.items():
        items = []
        for j, choice in enumerate(choices):
            path: KeyPath = ("stages", k, "intro_values", name, j)
            when = _when(fc, choice.when, ledger, (*path, "when"))
            items.append(IntroChoice(when, choice.text))
        intro_values[name] = tuple(items)
    _texts(out, stage.intro, ("stages", k, "intro"), ledger, stage.intro_values)
    branches = []
    ids = [s.id for s in model.stages]
    for j, branch in enumerate(stage.next):
        path = ("stages", k, "next", j)
        if branch.stage not in ids:
            out.append(
                error(
                    (*path, "stage"),
                    f"unknown stage '{branch.stage}'",
                    value=branch.stage,
                    hint=did_you_mean(branch.stage, ids),
                )
            )
        branches.append(Branch(_when(fc, branch.when, ledger, (*path, "when")), branch.stage))
    if info is None:
        return None
    return Stage(
        id=stage.id,
        index=k,
        label=stage.label or info.spec.title,
        scenario=stage.scenario,
        scenario_path=info.path,
        scenario_id=info.spec.id,
        scenario_title=info.spec.title,
        intro=stage.intro,
        intro_values=intro_values,
        carry_variables=variables,
        carry_params=params,
        record=record,
        next=tuple(branches),
    )


def _top_level(model: CampaignModel, out: list[Finding]) -> None:
    for name in model.ledger:
        if not _ID.match(name):
            out.append(
                error(
                    ("ledger", name),
                    f"ledger name '{name}' is not a snake_case id",
                    value=name,
                    at_key=True,
                    expected="lowercase letters, digits and '_', starting with a letter",
                )
            )
    ledger = list(model.ledger)
    for name in model.record:
        if name not in model.ledger:
            out.append(
                error(
                    ("record", name),
                    f"'{name}' is not a ledger name",
                    value=name,
                    hint=did_you_mean(name, ledger),
                    at_key=True,
                )
            )
    seen: dict[str, int] = {}
    for k, stage in enumerate(model.stages):
        if stage.id in seen:
            out.append(
                error(
                    ("stages", k, "id"),
                    f"duplicate stage id '{stage.id}' (also used by stages[{seen[stage.id]}])",
                    value=stage.id,
                )
            )
        seen.setdefault(stage.id, k)
    if model.start not in seen:
        out.append(
            error(
                ("start",),
                f"unknown stage '{model.start}'",
                value=model.start,
                hint=did_you_mean(model.start, list(seen)),
            )
        )


def check_campaign(
    model: CampaignModel, file: Path, display: str = ""
) -> tuple[Campaign | None, CheckResult]:
    """Every cross-check of ``model`` (read from ``file``, shown as ``display`` in messages);
    the campaign if none failed."""
    result = CheckResult()
    out = result.findings
    fc = FormulaChecker(out)
    _top_level(model, out)
    ledger = frozenset(model.ledger)
    top = TopRecord()
    stages = [_stage(fc, model, s, k, file.parent, result, top) for k, s in enumerate(model.stages)]
    out += top.findings(model)
    epilogues = []
    for k, ep in enumerate(model.epilogues):
        when = _when(fc, ep.when, ledger, ("epilogues", k, "when"))
        _texts(out, ep.title, ("epilogues", k, "title"), ledger)
        _texts(out, ep.text, ("epilogues", k, "text"), ledger)
        epilogues.append(Epilogue(when, ep.title, ep.text))
    rows = []
    for k, row in enumerate(model.decade_summary):
        value = fc(row.value, ledger, ("decade_summary", k, "value"), reads=LEDGER_ONLY)
        why = spec_problem(row.format)
        if why is not None:
            out.append(
                error(("decade_summary", k, "format"), f"bad format spec ({why})", value=row.format)
            )
        if value is not None:
            rows.append(SummaryRow(row.label, value, row.format, row.unit))
    shown_entries: dict[str, LedgerDisplay] = {}
    for name, shown in model.ledger_display.items():
        if name not in ledger:
            out.append(
                error(("ledger_display", name), f"'{name}' is not a ledger name", at_key=True,
                      hint=did_you_mean(name, ledger))
            )  # fmt: skip
        why = spec_problem(shown.format) if shown.format else None
        if why is not None:
            out.append(error(("ledger_display", name, "format"), f"bad format spec ({why})"))
        shown_entries[name] = LedgerDisplay(shown.label, shown.format, shown.unit)
    out += reach_findings(model)
    if any(f.severity == "error" for f in out) or result.passthrough:
        return None, result
    return Campaign(
        id=model.id,
        title=model.title,
        summary=model.summary,
        difficulty=model.difficulty,
        player_side=model.player_side,
        ledger=dict(model.ledger),
        start=model.start,
        stages={s.id: replace(s, source=display or str(file)) for s in stages if s is not None},
        epilogues=tuple(epilogues),
        summary_rows=tuple(rows),
        ledger_display=shown_entries,
        sources=tuple(model.sources),
        path=file,
    ), result
