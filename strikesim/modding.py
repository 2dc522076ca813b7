"""Tools for modders: start a scenario, pack it into a zip, install a zip.

``new`` writes a small valid scenario (or a copy of an existing one) into the
mods folder; ``pack`` checks a scenario and zips its folder; ``install``
unpacks a zip into the mods folder after checking the archive (no path
traversal, no links, size and count caps, only scenario files) and every
scenario in it. Every mistake is a :class:`ModError` with a message for
people, never a traceback.
"""

from __future__ import annotations

import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path, PurePosixPath

from strikesim.scenario.catalog import CAMPAIGN_FOLDER, discover, find_scenario
from strikesim.scenario.diagnostics import Diagnostic, ScenarioError, Severity
from strikesim.scenario.load import chain_files, resolve_scenario, validate_path
from strikesim.scenario.model import SCENARIO_ID_PATTERN
from strikesim.scenario.resources import SCENARIO_FILE
from strikesim.scenario.roots import ensure_user_mods_dir, root_of

__all__ = [
    "MARKDOWN_FILES",
    "SCHEMA_FILE",
    "Installed",
    "ModError",
    "install_zip",
    "new_scenario",
    "pack_scenarios",
    "write_schema",
]

SCHEMA_FILE = "scenario.schema.json"
"""Written at the top of a mods folder, so the schema line of its scenarios works offline."""
MARKDOWN_FILES = ("background.md", "brief-union.md", "brief-studio.md")
SCHEMA_LINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"

MAX_ZIP_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200
"""Largest compression ratio of a member over 64 KiB (a zip bomb compresses far better)."""
ALLOWED_SUFFIXES = frozenset(
    {".yaml", ".yml", ".md", ".txt", ".json", ".csv", ".png", ".jpg", ".jpeg", ".webp"}
)
"""What a scenario folder may hold: data, text and images, nothing executable."""


class ModError(Exception):
    """A modding command cannot do what was asked; ``diagnostics`` say why, if any."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


def _errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


# ---- the schema beside the mods ----------------------------------------------------------


def write_schema(root: Path) -> Path:
    """Write (or refresh) ``root/scenario.schema.json`` for the scenarios' schema line."""
    from strikesim.records import write_atomic
    from strikesim.scenario.schema import schema_json

    path = root / SCHEMA_FILE
    text = schema_json()
    try:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
    except OSError:
        current = ""
    if current != text:
        write_atomic(path, text)
    return path


# ---- new ------------------------------------------------------------------------------


def _check_new_id(scenario_id: str) -> None:
    if not re.match(SCENARIO_ID_PATTERN, scenario_id):
        raise ModError(
            f"'{scenario_id}' cannot be a scenario id: use lower-case letters, digits, '-' and "
            f"'_', starting with a letter or digit (e.g. 'nurses-2026')"
        )
    existing = discover().scenarios.get(scenario_id)
    if existing is not None:
        raise ModError(
            f"there is already a scenario '{scenario_id}' at {existing.folder}; choose another id"
        )


def _template() -> str:
    return (
        importlib_resources.files("strikesim")
        .joinpath("scaffold_template.yaml")
        .read_text(encoding="utf-8")
    )


def _markdown(scenario_id: str, title: str) -> dict[str, str]:
    return {
        "background.md": (
            f"# {title}\n\nThe public background both sides read before the talks: what is at "
            "stake, who the parties are, what happened last time. Plain Markdown (headings, "
            "lists, **bold**).\n"
        ),
        "brief-union.md": (
            "# Confidential — the union\n\n## Your priorities\n\n- What matters most to the "
            "members, and why.\n\n## Your walk-away point\n\nThe deal below which the members "
            "would rather strike on.\n"
        ),
        "brief-studio.md": (
            "# Confidential — the studios\n\n## Your priorities\n\n- What the companies can "
            "afford, and what they fear.\n\n## Your walk-away point\n\nThe deal above which a "
            "strike is cheaper.\n"
        ),
    }


_ID_LINE = re.compile(r"^id:.*$", re.MULTILINE)
_EXTENDS_LINE = re.compile(r"^extends:\s*(\S.*?)\s*(#.*)?$", re.MULTILINE)
_SCHEMA_COMMENT = re.compile(r"^# yaml-language-server:.*$", re.MULTILINE)


def _copy_text(source: Path, scenario_id: str) -> str:
    """The text of ``source`` as the start of scenario ``scenario_id``."""
    text = source.read_text(encoding="utf-8")
    text = _ID_LINE.sub(f"id: {scenario_id}", text, count=1)
    if _SCHEMA_COMMENT.search(text):
        text = _SCHEMA_COMMENT.sub(SCHEMA_LINE, text, count=1)
    else:
        text = SCHEMA_LINE + "\n" + text
    match = _EXTENDS_LINE.search(text)
    if match is not None:
        base = match.group(1).strip("'\"")
        if "/" in base or "\\" in base or base.endswith((".yaml", ".yml")):
            # a relative path would break in the new folder: name the base by id or full path
            resolved = resolve_scenario(base, relative_to=source.parent).resolve()
            root = root_of(resolved)
            by_id = root is not None and resolved.parent.parent == root.path
            new_base = resolved.parent.name if by_id else str(resolved)
            text = text[: match.start(1)] + new_base + text[match.end(1) :]
    return text


def new_scenario(
    scenario_id: str, *, base: str | None = None, into: Path | None = None
) -> tuple[Path, list[Diagnostic]]:
    """Write scenario ``scenario_id`` (a starter or a copy of ``base``): folder, diagnostics.

    Raises :class:`ModError` when the id is taken or invalid, or the folder cannot be written.
    """
    _check_new_id(scenario_id)
    root = into if into is not None else ensure_user_mods_dir()
    if root is None:
        raise ModError("the mods folder cannot be created; give a folder with --into")
    folder = root / scenario_id
    if folder.exists():
        raise ModError(f"{folder} already exists; choose another id or remove it")
    if base is not None:
        try:
            source = resolve_scenario(base)
        except ScenarioError as exc:
            raise ModError(f"no scenario '{base}' to start from", list(exc.diagnostics)) from None
        text = _copy_text(source, scenario_id)
        markdown = {
            name: (source.parent / name).read_text(encoding="utf-8")
            for name in MARKDOWN_FILES
            if (source.parent / name).is_file()
        }
        title = scenario_id
    else:
        title = scenario_id.replace("-", " ").replace("_", " ").capitalize()
        text = _template().replace("{id}", scenario_id).replace("{title}", title)
        text = text.replace("{folder}", str(folder))
        markdown = {}
    markdown = {**_markdown(scenario_id, title), **markdown}
    try:
        root.mkdir(parents=True, exist_ok=True)
        write_schema(root)
        staging = Path(tempfile.mkdtemp(prefix=f".new-{scenario_id}-", dir=root))
        (staging / SCENARIO_FILE).write_text(text, encoding="utf-8")
        for name, body in markdown.items():
            (staging / name).write_text(body, encoding="utf-8")
        staging.rename(folder)
    except OSError as exc:
        raise ModError(f"cannot write {folder}: {exc.strerror or exc}") from None
    return folder, validate_path(folder / SCENARIO_FILE)


# ---- pack -----------------------------------------------------------------------------


def _scenario_folder(text: str) -> Path:
    path = Path(text)
    if path.is_file() and path.name == SCENARIO_FILE:
        return path.parent
    if path.is_dir():
        if not (path / SCENARIO_FILE).is_file():
            raise ModError(f"{text}: no {SCENARIO_FILE} in this folder")
        return path
    found = find_scenario(text) if "/" not in text and "\\" not in text else None
    if found is None:
        raise ModError(f"{text}: no such scenario folder or scenario id")
    return found.parent


def _folder_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if path.is_symlink():
            raise ModError(f"{path} is a link; a packed scenario holds only plain files")
        if path.is_file():
            if path.suffix.lower() not in ALLOWED_SUFFIXES:
                raise ModError(
                    f"{path}: '{path.suffix}' files are not packed (allowed: "
                    f"{', '.join(sorted(ALLOWED_SUFFIXES))})"
                )
            files.append(path)
    if len(files) > MAX_MEMBERS:
        raise ModError(f"{folder} holds more than {MAX_MEMBERS} files")
    return files


def pack_scenarios(targets: list[str], out: Path | None = None) -> tuple[Path, list[Diagnostic]]:
    """Check and zip the scenario folders (or ids) ``targets``; the zip and any warnings.

    Every scenario must validate, and every base it extends must be shipped
    or packed along, so the zip installs cleanly on another computer.
    """
    folders = [_scenario_folder(t).resolve() for t in targets]
    names = [f.name for f in folders]
    if len(set(names)) != len(names):
        raise ModError("two of the folders have the same name; a zip holds each id once")
    diagnostics: list[Diagnostic] = []
    for folder in folders:
        found = validate_path(folder / SCENARIO_FILE)
        if _errors(found):
            raise ModError(f"{folder.name} does not validate; fix it before packing", found)
        diagnostics += found
        for base in chain_files(folder / SCENARIO_FILE)[1:]:
            root = root_of(base)
            shipped = root is not None and not root.is_mod
            if not shipped and base.parent.resolve() not in folders:
                raise ModError(
                    f"{folder.name} extends {base.parent.name} ({base}), which is not shipped "
                    f"with the game; pack it too: strikesim pack {' '.join(targets)} "
                    f"{base.parent}"
                )
    target = out if out is not None else Path.cwd() / f"{names[0]}.zip"
    total = 0
    try:
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for folder in folders:
                for path in _folder_files(folder):
                    total += path.stat().st_size
                    if total > MAX_TOTAL_BYTES:
                        raise ModError(f"the scenarios hold more than {MAX_TOTAL_BYTES} bytes")
                    arcname = PurePosixPath(folder.name, *path.relative_to(folder).parts)
                    zf.write(path, str(arcname))
    except ModError:
        target.unlink(missing_ok=True)
        raise
    except OSError as exc:
        raise ModError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target, diagnostics


# ---- install --------------------------------------------------------------------------


@dataclass
class Installed:
    """What an install put where, and the warnings of its scenarios."""

    scenarios: list[Path] = field(default_factory=list)
    campaigns: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _safe_name(info: zipfile.ZipInfo) -> PurePosixPath:
    """The member's path, or a ModError when it could escape the target folder."""
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise ModError(f"'{name}' is a link; a scenario zip holds only plain files")
    if "\\" in name or "\x00" in name or re.match(r"^[A-Za-z]:", name):
        raise ModError(f"'{name}' is not a safe file name in a scenario zip")
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("..", "") for part in path.parts):
        raise ModError(f"'{name}' points outside the folder it would be unpacked into")
    if any(part.startswith(".") for part in path.parts):
        raise ModError(f"'{name}': hidden files are not installed")
    return path


def _members(zf: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ModError(f"the zip holds {len(infos)} entries; at most {MAX_MEMBERS} are installed")
    out = []
    total = 0
    for info in infos:
        path = _safe_name(info)
        if info.is_dir():
            continue
        if len(path.parts) < 2:
            raise ModError(
                f"'{info.filename}' is not inside a scenario folder; a scenario zip holds "
                "folders (<id>/scenario.yaml), as 'strikesim pack' makes them"
            )
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            raise ModError(f"'{info.filename}': '{path.suffix}' files are not installed")
        if info.file_size > MAX_MEMBER_BYTES:
            raise ModError(f"'{info.filename}' is too large ({info.file_size} bytes)")
        if info.file_size > 65536 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ModError(f"'{info.filename}' is compressed suspiciously well; not installed")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise ModError(f"the zip unpacks to more than {MAX_TOTAL_BYTES} bytes")
        out.append((info, path))
    if not out:
        raise ModError("the zip is empty")
    return out


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    """Copy one member, never writing more than its declared size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    left = info.file_size
    with zf.open(info) as src, target.open("wb") as dst:
        while True:
            chunk = src.read(min(65536, left + 1))
            if not chunk:
                break
            left -= len(chunk)
            if left < 0:
                raise ModError(f"'{info.filename}' is larger than the zip says")
            dst.write(chunk)


def _check_folders(staging: Path, target_root: Path, replace: bool) -> list[Path]:
    folders = sorted(p for p in staging.iterdir() if p.is_dir() and p.name != CAMPAIGN_FOLDER)
    catalog = discover()
    for folder in folders:
        if not re.match(SCENARIO_ID_PATTERN, folder.name):
            raise ModError(f"'{folder.name}' is not a scenario id (lower-case, digits, - and _)")
        if not (folder / SCENARIO_FILE).is_file():
            raise ModError(f"'{folder.name}/' has no {SCENARIO_FILE}")
        existing = catalog.scenarios.get(folder.name)
        if existing is None:
            continue
        if existing.folder.resolve() == (target_root / folder.name).resolve():
            if not replace:
                raise ModError(
                    f"'{folder.name}' is already installed at {existing.folder}; "
                    "add --replace to overwrite it"
                )
        else:
            raise ModError(
                f"a scenario '{folder.name}' already exists at {existing.folder}; ids must be "
                "unique across the game's folders, so this one cannot be installed"
            )
    return folders


def install_zip(zip_path: Path, *, into: Path | None = None, replace: bool = False) -> Installed:
    """Check and unpack ``zip_path`` into the mods folder (or ``into``)."""
    root = into if into is not None else ensure_user_mods_dir()
    if root is None:
        raise ModError("the mods folder cannot be created; give a folder with --into")
    try:
        size = zip_path.stat().st_size
    except OSError as exc:
        raise ModError(f"{zip_path}: {exc.strerror or 'cannot be read'}") from None
    if size > MAX_ZIP_BYTES:
        raise ModError(f"{zip_path} is larger than {MAX_ZIP_BYTES} bytes; not a scenario zip")
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
    try:
        try:
            with zipfile.ZipFile(zip_path) as zf:
                for info, path in _members(zf):
                    _extract(zf, info, staging.joinpath(*path.parts))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise ModError(f"{zip_path} is not a readable zip file ({exc})") from None
        except (OSError, RuntimeError, NotImplementedError) as exc:
            raise ModError(f"{zip_path} cannot be unpacked ({exc})") from None
        folders = _check_folders(staging, root, replace)
        result = Installed()
        for folder in folders:
            found = validate_path(folder / SCENARIO_FILE)
            if _errors(found):
                raise ModError(f"'{folder.name}' in {zip_path.name} does not validate", found)
            result.diagnostics += found
        campaigns = staging / CAMPAIGN_FOLDER
        for folder in folders:
            final = root / folder.name
            if final.exists():
                shutil.rmtree(final)
            folder.rename(final)
            result.scenarios.append(final)
        if campaigns.is_dir():
            (root / CAMPAIGN_FOLDER).mkdir(exist_ok=True)
            for file in sorted(campaigns.glob("*.yaml")):
                final = root / CAMPAIGN_FOLDER / file.name
                if final.exists() and not replace:
                    raise ModError(f"campaign {final} exists; add --replace to overwrite it")
                file.replace(final)
                result.campaigns.append(final)
        write_schema(root)
        return result
    except OSError as exc:
        raise ModError(f"cannot install into {root}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
