"""Formulas of a campaign stage checked against the names they may read.

``carry`` formulas read ledger names and set variables or parameters the
stage's scenario has; ``record`` formulas read the finished stage's results
(:func:`strikesim.campaign.scenarios.record_names`) and write ledger names.
Campaign-wide record formulas are checked against every stage that uses them.
Problems become findings located inside the formula text; nothing raises.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

from strikesim.campaign.model import CampaignModel, StageModel
from strikesim.campaign.scenarios import ScenarioInfo, record_names
from strikesim.engine.spec import Formula
from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.findings import Finding, error
from strikesim.scenario.findings import Path as KeyPath
from strikesim.scenario.formula import FormulaError, compile_formula

__all__ = ["LEDGER_ONLY", "FormulaChecker", "TopRecord", "carry_formulas", "record_formulas"]

Kind = Literal["number", "condition"]


class FormulaChecker:
    """Compiles formulas, turning rejections into findings located inside the text."""

    def __init__(self, out: list[Finding]) -> None:
        self.out = out

    def __call__(
        self,
        source: str,
        names: Collection[str],
        path: KeyPath,
        *,
        kind: Kind = "number",
        reads: str = "",
        context: str = "",
    ) -> Formula | None:
        try:
            return compile_formula(source, names, kind=kind)
        except FormulaError as exc:
            message = f"bad formula{context}: {exc.message}"
            if reads and exc.message.startswith("unknown name"):
                message += f"; {reads}"
            self.out.append(
                error(path, message, value=source, hint=exc.hint, column_offset=exc.column)
            )
            return None


LEDGER_ONLY = "these formulas read ledger names only"


def carry_formulas(
    fc: FormulaChecker,
    stage: StageModel,
    k: int,
    info: ScenarioInfo | None,
    ledger: frozenset[str],
    out: list[Finding],
) -> tuple[dict[str, Formula], dict[str, Formula]]:
    variables: dict[str, Formula] = {}
    params: dict[str, Formula] = {}
    for kind, table, target in (
        ("variables", stage.carry.variables, variables),
        ("params", stage.carry.params, params),
    ):
        for name, source in table.items():
            path: KeyPath = ("stages", k, "carry", kind, name)
            if info is not None:
                known = list(info.spec.var_index) if kind == "variables" else list(info.spec.params)
                if name not in known:
                    what = "variable" if kind == "variables" else "parameter"
                    out.append(
                        error(
                            path,
                            f"scenario '{info.spec.id}' has no {what} '{name}'",
                            value=name,
                            hint=did_you_mean(name, known),
                            at_key=True,
                        )
                    )
                    continue
            f = fc(source, ledger, path, reads=LEDGER_ONLY)
            if f is not None:
                target[name] = f
    return variables, params


_RECORD_READS = "record formulas read the stage's results and campaign_<ledger name>"


@dataclass
class TopRecord:
    """Campaign-wide record formulas are compiled once per stage that uses them;
    their failures are gathered here and reported once, naming the stages only
    when the formula fails in some stages but not all."""

    used_by: dict[str, list[str]] = field(default_factory=dict)
    failures: dict[tuple[str, str, int, str | None], list[str]] = field(default_factory=dict)

    def findings(self, model: CampaignModel) -> list[Finding]:
        out = []
        for (name, message, column, hint), stages in self.failures.items():
            where = ""
            if len(stages) < len(self.used_by[name]):
                shown = ", ".join(f"'{s}'" for s in stages)
                where = f" in stage{'s' if len(stages) > 1 else ''} {shown}"
            text = f"bad formula{where}: {message}"
            if message.startswith("unknown name"):
                text += f"; {_RECORD_READS}"
            source = model.record[name]
            out.append(error(("record", name), text, value=source, hint=hint, column_offset=column))
        return out


def record_formulas(
    fc: FormulaChecker,
    model: CampaignModel,
    stage: StageModel,
    k: int,
    info: ScenarioInfo | None,
    top: TopRecord,
) -> dict[str, Formula]:
    ledger = list(model.ledger)
    for name in stage.record:
        if name not in model.ledger:
            fc.out.append(
                error(
                    ("stages", k, "record", name),
                    f"'{name}' is not a ledger name",
                    value=name,
                    hint=did_you_mean(name, ledger),
                    at_key=True,
                )
            )
    if info is None:
        return {}
    names = record_names(info.spec, ledger)
    merged: dict[str, Formula] = {}
    for name, source in {**model.record, **stage.record}.items():
        if name not in model.ledger:
            continue
        if name in stage.record:
            path: KeyPath = ("stages", k, "record", name)
            f = fc(source, names, path, reads=_RECORD_READS)
        else:
            top.used_by.setdefault(name, []).append(stage.id)
            try:
                f = compile_formula(source, names)
            except FormulaError as exc:
                key = (name, exc.message, exc.column, exc.hint)
                top.failures.setdefault(key, []).append(stage.id)
                f = None
        if f is not None:
            merged[name] = f
    return merged
