"""The examples in the toolkit's docstrings run and print what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

# modules whose docstrings carry runnable examples
MODULES = [
    "toolkit.candidates",
    "toolkit.codebook",
    "toolkit.compare",
    "toolkit.extract",
    "toolkit.match",
    "toolkit.positions",
    "toolkit.reviews",
    "toolkit.sources",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no example left to run"
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"
