"""Custom negotiators entered into ``strikesim balance`` from a Python file.

``--negotiator FILE.py:NAME`` loads ``NAME`` from ``FILE.py``: a class or
function called with ``(spec, side)`` that returns a negotiator (anything with
``reset``, ``decide`` and ``explain``, see :class:`strikesim.ai.Negotiator`).
It is played in the seat beside the suite's policies and reported as
``NAME (custom)``; no bar judges it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from strikesim.balance.policies import DEFAULT_AI, POLICIES, PolicyFactory
from strikesim.errors import UserInputError as UserError

__all__ = ["load_negotiator"]


def load_negotiator(ref: str) -> tuple[str, PolicyFactory]:
    """``(name, factory)`` of a ``FILE.py:NAME`` reference; a clear
    :class:`UserError` when the file or the name cannot be used."""
    path_text, sep, name = ref.rpartition(":")
    if not sep or not path_text or not name.isidentifier():
        raise UserError(f"--negotiator wants FILE.py:NAME (a file and a name in it), got {ref!r}")
    if name == DEFAULT_AI or name in POLICIES:
        raise UserError(f"--negotiator {name!r} is already a policy of the suite; rename it")
    path = Path(path_text)
    if not path.is_file():
        raise UserError(f"--negotiator: no file {path_text!r}")
    module_name = f"strikesim_custom_{path.stem}_{abs(hash(path.resolve()))}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise UserError(f"--negotiator: {path_text!r} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the user's code: any failure is reported, not raised
        sys.modules.pop(module_name, None)
        raise UserError(f"--negotiator: {path_text} failed to load: {exc}") from None
    factory = getattr(module, name, None)
    if factory is None or not callable(factory):
        raise UserError(f"--negotiator: {path_text} has no class or function {name!r}")
    return name, factory
