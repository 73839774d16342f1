"""The examples in the code's docstrings run: each is a small check of pure logic."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "index", "web", "evals", "benchmarks")
MODULES = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts) for package in PACKAGES
                 for p in (ROOT / package).rglob("*.py") if p.name != "__main__.py" and ">>> " in p.read_text())


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 or "+SKIP" in (ROOT / (name.replace(".", "/") + ".py")).read_text()
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"
