"""A real client: JupyterLab in headless Chromium runs the explorer notebook and reacts to the widget.

Starts JupyterLab on 127.0.0.1 (a free port, no token) over a copy of the notebooks, opens
the explorer in Debian's Chromium through Playwright, checks that the stored figure shows as
an image (the notebook is not trusted yet, so JupyterLab shows only safe outputs such as PNG),
runs all cells, picks another issue in the dropdown and checks that the table on the page now
shows that issue, with its own borders and padding. The screenshot is kept in
``test-artifacts/``. Then it opens every committed notebook and saves it: JupyterLab must
write back the same bytes, so that opening a notebook never dirties git. Skips only where
Chromium is absent.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .browser import artifact
from .conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def lab_root(tmp_path_factory):
    return tmp_path_factory.mktemp("lab")


@pytest.fixture(scope="module")
def lab(lab_root):
    root = lab_root
    for nb in NOTEBOOKS:
        shutil.copy(nb, root / nb.name)
    # no "get notified about Jupyter news?" toast over the screenshot
    news = root / ".settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(root / ".config"),
        "JUPYTER_DATA_DIR": str(root / ".data"),
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings"),
    }
    log = (root / "lab.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited: {(root / 'lab.log').read_text()[-2000:]}")
            time.sleep(0.3)
    else:
        proc.terminate()
        pytest.fail("JupyterLab did not start within 60 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_explorer_notebook_in_jupyterlab(lab, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        run_explorer(page, lab)
    except Exception:
        page.screenshot(path=str(artifact("jupyterlab_explorer_failed.png")), full_page=True)
        raise
    finally:
        page.close()
    assert not errors, errors


def run_explorer(page, lab: str) -> None:
    page.goto(f"{lab}/lab/tree/01_positions_explorer.ipynb", timeout=60_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    # the committed positions matrix is an image, not "<Figure size ... with 2 Axes>"
    figure = page.locator(".jp-OutputArea-output img").first
    figure.wait_for(state="attached", timeout=30_000)
    assert figure.evaluate("img => img.decode().then(() => img.naturalWidth)") > 400
    # wait for the kernel, then Run > Run All Cells
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    # a fresh server may still ask which kernel to use; take the notebook's own
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    with contextlib.suppress(PlaywrightTimeout):
        accept.wait_for(timeout=3_000)
        accept.click()
    page.click("div.lm-MenuBar-itemLabel:text-is('Run')")
    page.click("li.lm-Menu-item:has-text('Run All Cells')")
    # JupyterLab virtualises off-screen cells and Run All scrolls to the end: bring it back
    dropdown = page.locator(".widget-dropdown select").first
    dropdown.wait_for(state="attached", timeout=90_000)
    dropdown.scroll_into_view_if_needed()
    # the explorer has drawn an issue (which one depends on the cells after it)
    page.locator(".widget-html h4").first.wait_for(timeout=30_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)

    dropdown.select_option(label="Sanctions on Russia")
    heading = page.locator(".widget-html h4:text-is('Sanctions on Russia')").first
    heading.wait_for(timeout=30_000)
    table = heading.locator("xpath=..").locator("table")
    header = table.locator("thead th")
    assert header.first.inner_text() == "Sanctions on Russia"
    assert header.nth(1).inner_text() == "Ukraine"
    cell = table.locator("tbody td").first
    style = cell.evaluate(
        "td => { const s = getComputedStyle(td); return [s.paddingLeft, s.borderTopWidth]; }"
    )
    assert style[0] != "0px" and style[1] != "0px", style  # cells do not run together
    heading.scroll_into_view_if_needed()
    shot = artifact("jupyterlab_explorer.png")
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_saving_in_jupyterlab_changes_no_byte(lab, lab_root, browser, notebook):
    """Open a committed notebook (its kernel starts and reports itself), save it: same bytes."""
    folder = lab_root / "roundtrip"
    folder.mkdir(exist_ok=True)
    copy = folder / notebook.name
    shutil.copy(notebook, copy)
    before = copy.stat().st_mtime_ns
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # a workspace of its own: only this notebook is open
        page.goto(f"{lab}/lab/workspaces/{notebook.stem}/tree/roundtrip/{notebook.name}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        # the kernel has started and answered: its language_info is in the notebook now
        page.locator(".jp-StatusBar-TextItem", has_text="| Idle").wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        page.locator(".jp-NotebookPanel .jp-Cell").first.click()
        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        while copy.stat().st_mtime_ns == before and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert copy.stat().st_mtime_ns != before, "JupyterLab did not save the notebook"
    finally:
        page.close()
    saved, committed = copy.read_text(encoding="utf-8"), notebook.read_text(encoding="utf-8")
    diff = difflib.unified_diff(
        committed.splitlines(), saved.splitlines(), "committed", "saved by JupyterLab", lineterm=""
    )
    assert saved == committed, "\n".join(list(diff)[:40])
