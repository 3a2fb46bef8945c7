"""A real client reviews statements: JupyterLab in headless Chromium, the 05_review notebook.

Starts JupyterLab over a copy of the notebooks (the fixture of ``test_jupyterlab``), runs
every cell of ``05_review`` in Debian's Chromium, then, with the mouse: rejects one statement,
corrects another, and adds one on the best candidate sentence. The reviews file must gain
exactly those three rows. Then it opens the explorer notebook, names the reviews file in its
first cell, restarts the kernel and runs everything: the positions table must show the
corrected position. The screenshots are kept in ``test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import json
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import toolkit as tk

from .browser import artifact
from .test_jupyterlab import lab, lab_root  # noqa: F401  (the JupyterLab server fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def the_correction(codebook, documents):
    """Which statement to correct, to what, and the label the table must then show.

    A statement (not the first: that one is rejected) that is its party's only one on its
    issue, corrected to another option of the issue: the party's position becomes that option.
    """
    statements = tk.extract(documents, codebook)
    doc = statements[statements["doc_id"] == documents["doc_id"].iloc[0]].reset_index(drop=True)
    first = doc.iloc[0]
    counts = doc.groupby([doc["party"].astype(str), doc["issue"].astype(str)]).size()
    for i in range(1, len(doc)):
        r = doc.iloc[i]
        cell = (str(r.party), str(r.issue))
        if counts[cell] == 1 and cell != (str(first.party), str(first.issue)):
            issue = codebook.issue(cell[1])
            new = next(o for o in issue.options if o.key != str(r.option))
            return i, cell, new.label
    raise AssertionError("the seed has no statement to correct")


def run_all(page, notebook: str, lab_url: str) -> None:
    open_alone(page, notebook, lab_url)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    idle(page, 60_000)
    accept_kernel_dialog(page)
    page.click("div.lm-MenuBar-itemLabel:text-is('Run')")
    page.click("li.lm-Menu-item:has-text('Run All Cells')")


def open_alone(page, notebook: str, lab_url: str) -> None:
    """Open ``notebook`` as the only tab (``?reset`` starts from an empty workspace)."""
    page.goto(f"{lab_url}/lab/tree/{notebook}?reset", timeout=60_000)


def idle(page, timeout: int) -> None:
    """Wait until the open notebook's kernel is idle."""
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']:visible").first.wait_for(
        timeout=timeout
    )


def accept_kernel_dialog(page) -> None:
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    with contextlib.suppress(PlaywrightTimeout):
        accept.wait_for(timeout=3_000)
        accept.click()


def saved(page, decision: str, count: int) -> None:
    page.locator(
        f".widget-html:has-text('saved: {decision} (reviews.csv, {count} decisions)')"
    ).first.wait_for(timeout=30_000)
    idle(page, 30_000)


def test_review_in_jupyterlab_then_the_explorer_uses_the_reviews(lab, browser, tmp_path):  # noqa: F811
    codebook = tk.load_codebook()
    documents = tk.load_documents()
    index, (party, issue), label = the_correction(codebook, documents)
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        run_all(page, "05_review.ipynb", lab)
        statements = page.locator(".review-statement select")
        statements.wait_for(state="attached", timeout=120_000)
        statements.scroll_into_view_if_needed()
        idle(page, 120_000)
        # 1. reject the first statement
        statements.select_option(index=0)
        page.click(".review-reject")
        saved(page, "reject", 1)
        # 2. correct another: its fields fill in; choose another option of its issue
        statements.select_option(index=index)
        page.locator(".review-option select").select_option(label=label)
        page.click(".review-correct")
        saved(page, "correct", 2)
        # 3. add a statement on the best candidate, with the guess it fills in
        page.locator(".review-candidate select").select_option(index=0)
        page.click(".review-add")
        saved(page, "add", 3)
        idle(page, 30_000)
        total = len(tk.extract(documents, codebook)) + 1  # the machine's, and the one added
        page.locator(f".widget-html:has-text('3 of {total} statements reviewed')").first.wait_for(
            timeout=30_000
        )
        page.locator(".review-statement").scroll_into_view_if_needed()
        page.screenshot(path=str(artifact("jupyterlab_review.png")))

        reviews_path = tmp_path / "reviews.csv"
        reviews_path.write_text(served_file(lab, "reviews.csv"), encoding="utf-8")
        rows = tk.load_reviews(reviews_path, codebook)
        assert rows["decision"].tolist() == ["reject", "correct", "add"]
        corrected = rows.iloc[1]
        assert (corrected.party, corrected.issue, corrected.new_issue) == (party, issue, issue)
        assert codebook.issue(issue).option(corrected.new_option).label == label

        # 4. the explorer, given the file, after a kernel restart
        open_alone(page, "01_positions_explorer.ipynb", lab)
        cell = page.locator(".jp-CodeCell", has_text="REVIEWS = None").first
        cell.wait_for(timeout=60_000)
        idle(page, 60_000)
        accept_kernel_dialog(page)
        editor = cell.locator(".cm-content")
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.type('REVIEWS = "reviews.csv"')
        page.click("div.lm-MenuBar-itemLabel:text-is('Kernel')")
        page.click("li.lm-Menu-item:has-text('Restart Kernel and Run All Cells')")
        page.locator(".jp-Dialog .jp-mod-accept").click(timeout=30_000)
        page.locator(".widget-dropdown select").first.wait_for(state="attached", timeout=120_000)
        idle(page, 120_000)
        table = output_table(page, "tk.side_by_side(table)\n")
        assert table[issue][party] == label, table[issue]
        review = output_table(page, 'tk.side_by_side(table, value="review")')
        assert review[issue][party] == "reviewed"
        page.locator(".jp-CodeCell", has_text='value="review"').first.scroll_into_view_if_needed()
        shot = artifact("jupyterlab_review_explorer.png")
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
    except Exception:
        page.screenshot(path=str(artifact("jupyterlab_review_failed.png")), full_page=True)
        raise
    finally:
        page.close()
    assert not errors, errors


def served_file(lab_url: str, name: str) -> str:
    """The text of the file ``name`` in the folder the JupyterLab serves (its contents API)."""
    url = f"{lab_url}/api/contents/{name}?type=file&format=text&content=1"
    with urllib.request.urlopen(url) as response:
        return json.load(response)["content"]


def output_table(page, source: str) -> dict[str, dict[str, str]]:
    """The DataFrame shown under the cell whose code contains ``source``, as
    ``{row: {column: text}}`` (read from the page, visible or not)."""
    cell = page.locator(".jp-CodeCell", has_text=source.strip()).filter(
        has=page.locator(".jp-OutputArea-output table")
    )
    if source.endswith("\n"):  # the exact call, not one with more arguments
        cell = cell.filter(has_not_text='value="review"')
    cell = cell.first
    cell.scroll_into_view_if_needed()
    return cell.locator(".jp-OutputArea-output table").first.evaluate(
        """t => {
            const head = [...t.querySelectorAll('thead tr')[0].querySelectorAll('th')]
                .map(th => th.textContent.trim()).slice(1);
            const out = {};
            for (const tr of t.querySelectorAll('tbody tr')) {
                const cells = [...tr.querySelectorAll('td')].map(td => td.textContent.trim());
                const row = {};
                head.forEach((h, k) => { row[h] = cells[k]; });
                out[tr.querySelector('th').textContent.trim()] = row;
            }
            return out;
        }"""
    )
