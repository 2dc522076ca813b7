from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("package", ["strikesim.ai", "strikesim.analysis"])
def test_public_surface_matches_all(package: str) -> None:
    module = importlib.import_module(package)
    names = module.__all__
    assert len(names) == len(set(names))
    assert names == sorted(names, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    for name in names:
        assert hasattr(module, name), f"{package}.{name} is listed but missing"
    public = {n for n in vars(module) if not n.startswith("_")}
    imported_modules = {n for n in public if type(getattr(module, n)).__name__ == "module"}
    assert public - imported_modules - {"annotations", "np"} <= set(names)
