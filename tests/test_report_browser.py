"""The report in a real browser: headless Debian Chromium opens it from file:// offline.

The seed report must load with no request leaving file://, no console error, every figure
decoded, the positions table complete, no horizontal scrolling on a laptop screen nor on a
phone (wide tables scroll inside their own box, and phones get narrow scale charts drawn near
their natural size), and a print layout; its screenshots are kept in ``test-artifacts/``. A report built from a hostile
source must run nothing and show the markup as text. Skips only where Chromium is absent.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from toolkit import extract, load_documents
from toolkit.cli import main

from .browser import artifact
from .test_report import BREAKOUT_URL, SVG_PREFIX, TRICKY_URLS, hostile_folder, template_tags

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}  # CSS pixels of a common phone


@dataclass
class Visit:
    """A page opened with every non-file request blocked, and what happened on it."""

    page: object
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def visit(browser, url: str, viewport: dict = LAPTOP, **context) -> Visit:
    ctx = browser.new_context(viewport=viewport, **context)
    page = ctx.new_page()
    v = Visit(page)

    def guard(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            v.blocked.append(route.request.url)
            route.abort()

    def dialog(d):
        v.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.route("**/*", guard)
    page.on("request", lambda r: v.requests.append(r.url))
    page.on("console", lambda m: v.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: v.errors.append(str(e)))
    page.on("dialog", dialog)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)  # let anything that would run late, run
    return v


def decoded_widths(page) -> list[int]:
    return page.evaluate(
        "Promise.all([...document.images].map(i => i.decode().then(() => i.naturalWidth, () => 0)))"
    )


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def seed_visit(browser, seed_report):
    v = visit(browser, seed_report.as_uri())
    yield v
    v.page.context.close()


def test_the_network_guard_catches_what_leaves_file(browser, tmp_path):
    """The checks below can fail: a page fetching from the network is seen and blocked."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<img src="https://example.invalid/x.png"><p>x</p>', encoding="utf-8")
    v = visit(browser, leaky.as_uri())
    try:
        assert v.blocked == ["https://example.invalid/x.png"]
        assert decoded_widths(v.page) == [0]
    finally:
        v.page.context.close()


def test_seed_report_opens_offline_with_no_request_and_no_error(seed_visit, seed_report):
    assert seed_visit.requests == [seed_report.as_uri()]
    assert seed_visit.blocked == []
    assert seed_visit.errors == []
    assert seed_visit.dialogs == []


def test_every_image_is_decoded(seed_visit):
    widths = decoded_widths(seed_visit.page)
    assert widths and all(w > 0 for w in widths), widths
    srcs = seed_visit.page.eval_on_selector_all("img", "els => els.map(e => e.src)")
    assert all(s.startswith(SVG_PREFIX) for s in srcs)


def test_positions_table_has_the_parties_and_every_ordinal_issue(seed_visit, codebook):
    page = seed_visit.page
    assert page.is_visible("#positions-table")
    header = page.eval_on_selector_all(
        "#positions-table thead th[data-party]",
        "els => els.map(e => [e.dataset.party, e.textContent.trim()])",
    )
    assert header == [[p.key, p.label] for p in codebook.parties]
    rows = page.eval_on_selector_all(
        "#positions-table tbody tr",
        "els => els.map(e => [e.dataset.issue, e.querySelector('th').textContent.trim(),"
        " e.querySelectorAll('td').length])",
    )
    by_key = {key: (label, n) for key, label, n in rows}
    ordinal = [i for i in codebook.issues if i.ordinal]
    assert ordinal, "precondition: the codebook has ordinal issues"
    for issue in ordinal:
        assert by_key[issue.key] == (issue.label, len(codebook.parties))


def test_fits_a_laptop_screen_and_keeps_a_screenshot(seed_visit):
    page = seed_visit.page
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a laptop screen"
    path = artifact("report_seed.png")
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def sideways(page) -> int:
    """How far the page scrolls sideways, in CSS pixels (0: it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_fits_a_phone_screen_with_tables_scrolling_in_their_own_box(browser, seed_report):
    v = visit(browser, seed_report.as_uri(), viewport=PHONE)
    page = v.page
    try:
        assert v.errors == []
        assert sideways(page) <= 0, f"the page scrolls sideways by {sideways(page)}px on a phone"
        boxes = page.evaluate(
            """[...document.querySelectorAll('table')].map(t => {
                const box = t.parentElement;
                return [box.classList.contains('scroll'), getComputedStyle(box).overflowX,
                        box.scrollWidth > box.clientWidth];
            })"""
        )
        assert boxes and all(b[:2] == [True, "auto"] for b in boxes), boxes
        assert any(wider for *_, wider in boxes), "precondition: a table is wider than a phone"
        # each scale chart shows its narrow variant; every figure is drawn at 3/4 of its
        # natural size or more, so its words stay readable (a wide one scrolls in its box)
        charts = page.evaluate(
            """[...document.querySelectorAll('picture')].map(p =>
                p.querySelector('img').currentSrc === p.querySelector('source').srcset)"""
        )
        assert charts and all(charts), charts
        scales = page.evaluate(
            """Promise.all([...document.images].map(i => i.decode().then(() =>
                i.getBoundingClientRect().width / i.naturalWidth)))"""
        )
        assert scales and min(scales) >= 0.75, scales
        path = artifact("report_seed_phone.png")
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
    finally:
        page.context.close()


def test_hostile_report_fits_a_phone_screen(browser, tmp_path):
    """Long words, addresses and ids from a source wrap or scroll in their box on a phone."""
    folder = hostile_folder(tmp_path)
    long_word = "Zaporizhzhia" * 30
    (folder / "long.md").write_text(
        f"---\ntitle: {long_word}\nurl: https://example.org/{long_word}\n---\n"
        f"Kyiv rejects the {long_word} plan. Moscow demanded that Kyiv cede Donbas{long_word}.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "hostile.html"
    assert main(["report", str(folder), "--out", str(out)]) == 0
    v = visit(browser, out.as_uri(), viewport=PHONE)
    try:
        assert long_word in v.page.inner_text("body")
        assert sideways(v.page) <= 0, f"the page scrolls sideways by {sideways(v.page)}px"
    finally:
        v.page.context.close()


def test_prints_without_navigation(seed_visit):
    page = seed_visit.page
    page.emulate_media(media="print")
    try:
        assert page.is_hidden("nav")
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        artifact("report_seed.pdf").write_bytes(pdf)
    finally:
        page.emulate_media(media="screen")


def test_hostile_source_runs_nothing_and_shows_the_markup_as_text(browser, tmp_path, codebook):
    folder = hostile_folder(tmp_path)
    out = tmp_path / "out" / "hostile.html"
    assert main(["report", str(folder), "--out", str(out)]) == 0
    # The page's Content-Security-Policy would stop scripts on its own; bypass it so that
    # escaping alone is what is tested here.
    v = visit(browser, out.as_uri(), bypass_csp=True)
    page = v.page
    try:
        page.hover("body")
        page.mouse.move(400, 300)
        page.wait_for_timeout(200)
        assert v.dialogs == []
        assert v.errors == []
        assert v.requests == [out.as_uri()]  # an injected <img src=x> would ask for file:///x
        assert page.title() == f"Positions in the {codebook.name}"

        injected = page.evaluate(
            """() => {
                const all = [...document.querySelectorAll('*')];
                return {
                    scripts: document.scripts.length,
                    handlers: all.flatMap(e => [...e.attributes].map(a => a.name))
                                 .filter(n => n.startsWith('on')),
                    tags: [...new Set(all.map(e => e.localName))],
                    links: [...document.querySelectorAll('a[href]')]
                             .map(a => a.getAttribute('href')).filter(h => !h.startsWith('#')),
                    imgs: [...document.images].map(i => i.getAttribute('src').slice(0, 26)),
                };
            }"""
        )
        assert injected["scripts"] == 0
        assert injected["handlers"] == []
        assert set(injected["tags"]) <= template_tags()
        assert injected["links"] == [BREAKOUT_URL]
        assert set(injected["imgs"]) <= {SVG_PREFIX}

        def flat(s: str) -> str:
            return " ".join(s.split())

        sources = flat(page.inner_text("#sources-table"))
        docs = load_documents([folder])
        for d in docs.itertuples():
            for value in (d.title, d.outlet, d.doc_id):
                if isinstance(value, str):
                    assert flat(value) in sources
        assert flat(docs.set_index("doc_id").loc["<svg onload=alert(7)>", "url"]) in sources
        body = flat(page.inner_text("body"))
        statements = extract(docs, codebook)
        assert len(statements), "precondition: the hostile text yields statements"
        for quote in statements["quote"]:
            assert flat(quote) in body
    finally:
        page.context.close()


def test_every_link_names_the_host_the_browser_goes_to(browser, tmp_path):
    """Chromium itself parses each source's address: the link's text is the host it visits,
    and an address that could mislead (``evil.example\\@trusted.example``) is no link at all."""
    folder = tmp_path / "links"
    folder.mkdir()
    for i, (url, _, _) in enumerate(TRICKY_URLS):
        quoted = url.replace("'", "''")
        (folder / f"s{i:02d}.md").write_text(
            f"---\ndate: 2025-12-03\nurl: '{quoted}'\n---\nMoscow demanded that Kyiv cede Donbas.\n",
            encoding="utf-8",
        )
    out = tmp_path / "links.html"
    assert main(["report", str(folder), "--out", str(out)]) == 0
    v = visit(browser, out.as_uri())
    page = v.page
    try:
        links = page.eval_on_selector_all(
            "#sources-table a[href]",
            "els => els.map(a => [a.getAttribute('href'), a.textContent, a.host])",
        )
        expected = [(url, host) for url, host, _ in TRICKY_URLS if host is not None]
        assert [(href, text) for href, text, _ in links] == expected
        for href, text, browser_host in links:
            assert text == browser_host, href
        # and following each link goes to that host, nowhere else
        for i, (href, text, _) in enumerate(links):
            page.goto(out.as_uri())
            v.blocked.clear()
            with contextlib.suppress(Exception):  # the navigation is blocked, so it fails
                page.locator("#sources-table a[href]").nth(i).click(timeout=5000)
            page.wait_for_timeout(100)
            assert v.blocked, href
            assert urlsplit(v.blocked[0]).netloc == text, (href, v.blocked)
        page.goto(out.as_uri())
        shown = page.inner_text("#sources-table")
        assert "evil.example\\@trusted.example/report" in shown  # shown, as text
        assert "not linked (it holds a backslash, which browsers read as /)" in shown
    finally:
        page.context.close()
