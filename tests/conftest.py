"""Shared fixtures: the project's codebook, the seed documents, tiny codebooks and folders."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def codebook():
    from toolkit import load_codebook

    return load_codebook()


@pytest.fixture(scope="session")
def seed_documents():
    from toolkit import load_documents

    return load_documents()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the whole session (skips where Chromium is absent)."""
    from .browser import CHROMIUM_ARGS, require_chromium

    path = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()
