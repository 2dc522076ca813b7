"""``extends:`` — deep-merging a scenario onto its base, remembering origins.

Merge rules (documented in ``docs/scenario-format.md``):

* mappings merge key by key, recursively; the extending file wins;
* lists whose items are all mappings with an ``id`` merge by id: an item with
  a known id is merged into the inherited one, a new id is appended, and an
  item with ``remove: true`` deletes the inherited item;
* any other value (numbers, text, other lists) is replaced as a whole;
* ``id``, ``extends`` and ``abstract`` are never inherited.

Because a merged value may come from any file in the chain, the merge also
builds an *origin tree* so a problem found later can still be located at the
right ``file:line:col``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from strikesim.scenario.diagnostics import format_path
from strikesim.scenario.yaml_source import KeyPath, SourceDoc, key_position, position

__all__ = ["NOT_INHERITED", "MergeProblem", "Origin", "line_col", "locate", "merge", "origin_of"]

NOT_INHERITED = ("id", "extends", "abstract")


@dataclass(frozen=True)
class Origin:
    """Where a (merged) value came from: a file and a key path in it, plus the
    origins of its children when they came from different places."""

    doc: SourceDoc
    path: KeyPath
    children: Union[dict[str, Origin], list[Origin], None] = None  # noqa: UP007

    def child(self, key: str | int) -> Origin:
        ch = self.children
        if isinstance(ch, dict) and isinstance(key, str) and key in ch:
            return ch[key]
        if isinstance(ch, list) and isinstance(key, int) and 0 <= key < len(ch):
            return ch[key]
        return Origin(self.doc, (*self.path, key))


@dataclass(frozen=True)
class MergeProblem:
    """A mistake found while merging, located directly in its file."""

    origin: Origin
    path: KeyPath
    message: str
    value: str | None = None


def origin_of(doc: SourceDoc) -> Origin:
    return Origin(doc, ())


def locate(root: Origin, path: KeyPath) -> tuple[SourceDoc, KeyPath]:
    """The file and in-file key path of the merged value at ``path``."""
    org = root
    for part in path:
        org = org.child(part)
    return org.doc, org.path


def line_col(root: Origin, path: KeyPath, *, at_key: bool = False) -> tuple[str, int, int]:
    doc, src = locate(root, path)
    line, col = key_position(doc, src) if at_key else position(doc, src)
    return doc.file, line, col


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(x, dict) and isinstance(x.get("id"), str) for x in value
    )


def merge(
    base: Any, base_org: Origin | None, over: Any, over_org: Origin, findings: list[MergeProblem]
) -> tuple[Any, Origin]:
    """Merge ``over`` onto ``base`` (``None`` = nothing inherited)."""
    return _merge(base, base_org, over, over_org, (), findings)


def _merge(
    base: Any,
    bo: Origin | None,
    over: Any,
    oo: Origin,
    path: KeyPath,
    findings: list[MergeProblem],
) -> tuple[Any, Origin]:
    if isinstance(over, dict) and (base is None or isinstance(base, dict)):
        result: dict[str, Any] = {}
        children: dict[str, Origin] = {}
        if isinstance(base, dict) and bo is not None:
            for key, value in base.items():
                if path == () and key in NOT_INHERITED:
                    continue
                result[key], children[key] = value, bo.child(key)
        for key, value in over.items():
            inherited = result.get(key)
            ino = children.get(key)
            result[key], children[key] = _merge(
                inherited, ino, value, oo.child(key), (*path, key), findings
            )
        return result, Origin(oo.doc, oo.path, children)
    if _is_id_list(over) and (base is None or _is_id_list(base)):
        return _merge_items(base or [], bo, over, oo, path, findings)
    return over, oo


def _merge_items(
    base: list[dict[str, Any]],
    bo: Origin | None,
    over: list[dict[str, Any]],
    oo: Origin,
    path: KeyPath,
    findings: list[MergeProblem],
) -> tuple[list[Any], Origin]:
    items: list[Any] = list(base)
    origins: list[Origin] = [bo.child(k) for k in range(len(base))] if bo else []
    index = {item["id"]: k for k, item in enumerate(base)}
    removed: set[int] = set()
    seen: dict[str, int] = {}
    for k, item in enumerate(over):
        io = oo.child(k)
        if item["id"] in seen:
            first = format_path((*oo.path, seen[item["id"]]))
            message = f"duplicate id '{item['id']}' (also used by {first})"
            findings.append(MergeProblem(io.child("id"), (*path, k, "id"), message, item["id"]))
            continue
        seen[item["id"]] = k
        remove = item.get("remove") is True
        clean = {key: v for key, v in item.items() if not (key == "remove" and isinstance(v, bool))}
        ident = item["id"]
        if ident in index and index[ident] not in removed:
            j = index[ident]
            if remove:
                removed.add(j)
                continue
            items[j], origins[j] = _merge(items[j], origins[j], clean, io, (*path, j), findings)
        elif remove:
            where = "the base scenario has no" if bo else "there is no inherited"
            message = f"cannot remove '{ident}': {where} item with this id"
            findings.append(MergeProblem(io.child("remove"), (*path, k), message, ident))
        else:
            index[ident] = len(items)
            value, org = _merge(None, None, clean, io, (*path, len(items)), findings)
            items.append(value)
            origins.append(org)
    keep = [k for k in range(len(items)) if k not in removed]
    return [items[k] for k in keep], Origin(oo.doc, oo.path, [origins[k] for k in keep])
