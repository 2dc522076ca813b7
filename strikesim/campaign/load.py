"""Load a campaign file: hardened YAML -> validated model -> checked :class:`Campaign`.

Like scenarios, every problem is collected and located at ``file:line:col``
(inside a formula, at the offending character), so a modder sees all of them
at once; a scenario a stage plays that fails to load contributes its own
located diagnostics. A user mistake surfaces as a :class:`ScenarioError`,
never a traceback.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from strikesim.campaign.checks import check_campaign
from strikesim.campaign.spec import Campaign
from strikesim.campaign.validation import validate_campaign_data, without_unknown_keys
from strikesim.scenario.catalog import discover
from strikesim.scenario.diagnostics import (
    Diagnostic,
    ScenarioError,
    Severity,
    did_you_mean,
    format_path,
    has_errors,
    sort_diagnostics,
    suggestion_budget,
)
from strikesim.scenario.findings import Finding, warning
from strikesim.scenario.yaml_source import SourceDoc, key_position, load_yaml, position

__all__ = ["campaign_files", "load_campaign", "resolve_campaign", "validate_campaign"]


def campaign_files() -> list[Path]:
    """The campaign files of every root (shipped and mods), sorted by id."""
    return [entry.path for entry in discover().campaigns.values()]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def resolve_campaign(id_or_path: str | Path) -> Path:
    """The file of a campaign id (shipped or a mod) or a path; raises :class:`ScenarioError`."""
    text = str(id_or_path)
    candidate = Path(text)
    if candidate.is_file():
        return candidate
    looks_like_path = "/" in text or "\\" in text or text.endswith((".yaml", ".yml"))
    shipped = {p.stem: p for p in campaign_files()}
    if not looks_like_path and text in shipped:
        return shipped[text]
    known = sorted(shipped)
    message = "no such campaign file or campaign id"
    raise ScenarioError(
        [
            Diagnostic(
                Severity.ERROR,
                text,
                0,
                0,
                "",
                message,
                value=text,
                expected="an id from 'strikesim list' (" + ", ".join(known) + ") or a path",
                hint=None if looks_like_path else did_you_mean(text, known),
            )
        ]
    )


def _quote_width(doc: SourceDoc, line: int, col: int) -> int:
    lines = doc.text.splitlines()
    if 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
        return 1 if lines[line - 1][col - 1] in "'\"" else 0
    return 0


def _locate(doc: SourceDoc, f: Finding) -> Diagnostic:
    line, col = key_position(doc, f.path) if f.at_key else position(doc, f.path)
    if f.column_offset is not None and line > 0 and not f.at_key:
        col += _quote_width(doc, line, col) + f.column_offset
    shown = f.path[:-1] if f.at_key and f.path else f.path
    return Diagnostic(
        f.severity,
        doc.file,
        line,
        col,
        format_path(shown),
        f.message,
        value=f.value,
        expected=f.expected,
        hint=f.hint,
    )


def _run(path: Path) -> tuple[Campaign | None, list[Diagnostic]]:
    with suggestion_budget():
        return _run_unbudgeted(path)


def _run_unbudgeted(path: Path) -> tuple[Campaign | None, list[Diagnostic]]:
    try:
        doc = load_yaml(path, display_name=_display(path))
    except ScenarioError as exc:
        return None, list(exc.diagnostics)
    model, shape = validate_campaign_data(doc.data)
    if model is None and all(f.message.startswith("unknown key") for f in shape):
        # only misspelt keys: check the rest too, so every problem shows at once
        model, _ = validate_campaign_data(without_unknown_keys(doc.data, shape))
    if model is None:
        return None, [_locate(doc, f) for f in shape]
    campaign, result = check_campaign(model, path, doc.file)
    findings = shape + result.findings
    if shape:
        campaign = None
    if path.suffix in (".yaml", ".yml") and path.stem != model.id:
        message = f"the id '{model.id}' differs from the file name '{path.stem}.yaml'"
        findings.append(
            warning(("id",), message + "; the game lists campaigns by file name", hint=path.stem)
        )
    diagnostics = [_locate(doc, f) for f in findings] + result.passthrough
    return campaign, list(sort_diagnostics(diagnostics))


def validate_campaign(path: str | Path) -> list[Diagnostic]:
    """Every diagnostic (errors, warnings) of one campaign file."""
    try:
        file = resolve_campaign(path)
    except ScenarioError as exc:
        return list(exc.diagnostics)
    return _run(file)[1]


def load_campaign(id_or_path: str | Path) -> Campaign:
    """A shipped campaign id or a file path -> a checked :class:`Campaign`.

    Raises :class:`ScenarioError` with every error found; warnings are kept in
    :attr:`Campaign.warnings`.
    """
    campaign, diagnostics = _run(resolve_campaign(id_or_path))
    if campaign is None or has_errors(diagnostics):
        raise ScenarioError([d for d in diagnostics if d.severity is Severity.ERROR])
    return replace(campaign, warnings=tuple(diagnostics))
