"""The HTML report: deterministic, self-contained, escaped, complete; and the report command.

Expectations come from the toolkit's own functions (positions, gaps, deal_model, evaluate)
and the codebook, never from typed-in extraction results, so they hold while the extractor
improves.
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest

from toolkit import deal_model, evaluate, extract, gap_matrix, gaps, load_documents, load_gold
from toolkit import positions as positions_of
from toolkit._io import GENERATOR
from toolkit.cli import main
from toolkit.codebook import parse_codebook
from toolkit.report import (
    DEFAULT_GOLD,
    build_report,
    check_url,
    safe_url,
    terminal_summary,
    write_report,
)
from toolkit.sources import DEFAULT_SOURCES, documents_from_texts

from .conftest import ROOT
from .test_codebook import MINIMAL

TEMPLATE = ROOT / "toolkit" / "templates" / "report.html.j2"
SECTIONS = ("sources", "matrix", "issues", "gaps", "deal", "quality", "method")
SVG_PREFIX = "data:image/svg+xml;base64,"

HOSTILE_FRONT = """---
id: "<svg onload=alert(7)>"
title: "<script>alert(1)</script> Kyiv <b>rejects</b> the plan <img src=x onerror=alert(2)>"
date: 2025-12-03
outlet: "<img src=x onerror=alert(3)> Wire & Co"
url: " JaVaScRiPt:alert(4)//<img src=x onerror=alert(10)>"
---
"""
# Markup before, inside and after the cues the extractor finds, and inside a condition.
HOSTILE_BODY = (
    "<u>Kyiv</u> rejected any surrender of Donbas <script>alert(5)</script> on Monday.\n\n"
    "Officials said <i>Zelenskyy</i> insisted on a freeze along the current front line "
    "<img src=x onerror=alert(6)>, officials said.\n\n"
    "However, Zelenskyy insisted that if Ukraine is required to withdraw its forces "
    "<b onmouseover=alert(9)>now</b>, Russia must do the same.\n"
)
# A linkable address whose query tries to break out of the href attribute.
BREAKOUT_URL = 'https://example.org/a?q="><script>alert(8)</script>&x=1'
BREAKOUT = f"""---
title: 'Plain <i>title</i> & "quotes"'
date: 2025-12-04
url: '{BREAKOUT_URL}'
---
Moscow demanded that Kyiv cede Donbas.
"""


class Page(HTMLParser):
    """Tags, text, ids and tables of an HTML page (stdlib parser, entities decoded)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.tables: dict[str | None, list[tuple[dict, list[str]]]] = {}
        self._tables: list[str | None] = []
        self._row: tuple[dict, list[str]] | None = None
        self._in_cell = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table":
            self._tables.append(a.get("id"))
            self.tables.setdefault(a.get("id"), [])
        elif tag == "tr" and self._tables:
            self._row = (a, [])
            self.tables[self._tables[-1]].append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._row[1].append("")
            self._in_cell = True

    def handle_endtag(self, tag):
        if tag == "table":
            self._tables.pop()
        elif tag in ("td", "th"):
            self._in_cell = False
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in_cell and self._row is not None:
            self._row[1][-1] += data

    @property
    def all_text(self) -> str:
        return "".join(self.text)

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}

    def attr_values(self, tag: str, attr: str) -> list[str]:
        return [a[attr] for t, a in self.tags if t == tag and attr in a]


def template_tags() -> set[str]:
    """The element names the template itself writes."""
    return set(re.findall(r"<([a-z][a-z0-9]*)\b", TEMPLATE.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def seed_statements(seed_documents, codebook):
    return extract(seed_documents, codebook)


@pytest.fixture(scope="module")
def seed_html(seed_documents, codebook, seed_statements):
    return build_report(seed_documents, codebook, statements=seed_statements)


@pytest.fixture(scope="module")
def seed_page(seed_html):
    return Page(seed_html)


def hostile_folder(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "evil.md").write_text(HOSTILE_FRONT + HOSTILE_BODY, encoding="utf-8")
    (folder / "breakout.md").write_text(BREAKOUT, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- determinism


def test_building_twice_gives_identical_bytes(seed_documents, codebook, seed_html):
    again = build_report(seed_documents, codebook)  # extracts afresh
    assert again.encode("utf-8") == seed_html.encode("utf-8")


def test_another_process_with_another_hash_seed_gives_identical_bytes(tmp_path, seed_html):
    """Set and dict orders that depend on string hashing would differ between processes."""
    out = tmp_path / "r.html"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-m", "toolkit", "report", "--out", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == seed_html.encode("utf-8")


def test_report_is_dated_by_its_newest_source_not_the_clock(codebook):
    docs = pd.concat(
        [
            documents_from_texts(
                {"a": "Kyiv rejected any surrender of Donbas."}, date="2024-03-01"
            ),
            documents_from_texts({"b": "Moscow demanded Donbas."}, date="2024-05-09"),
            documents_from_texts({"c": "Washington wants a quick deal."}),  # undated
        ],
        ignore_index=True,
    )
    html = build_report(docs, codebook, gold=[])
    assert "As of 2024-05-09" in html
    assert pd.Timestamp.today().strftime("%Y-%m-%d") not in html
    undated = build_report(documents_from_texts({"c": "Nothing here."}), codebook, gold=[])
    assert "Sources undated" in undated and "As of" not in undated


def test_building_does_not_change_its_inputs(seed_documents, codebook, seed_statements):
    docs, stmts = seed_documents.copy(deep=True), seed_statements.copy(deep=True)
    build_report(seed_documents, codebook, statements=seed_statements)
    pd.testing.assert_frame_equal(seed_documents, docs)
    pd.testing.assert_frame_equal(seed_statements, stmts)


# --------------------------------------------------------------------------- self-contained


def test_no_script_no_external_stylesheet_font_or_frame(seed_html, seed_page):
    names = {t for t, _ in seed_page.tags}
    assert not names & {"script", "link", "iframe", "frame", "object", "embed", "base", "form"}
    assert "<script" not in seed_html.lower()
    styles = re.findall(r"<style>(.*?)</style>", seed_html, flags=re.S)
    assert len(styles) == 1
    for bad in ("@import", "url(", "@font-face"):
        assert bad not in styles[0]


def test_every_resource_is_embedded_and_no_http_address_outside_source_links(seed_html, seed_page):
    assert not re.search(r"https?://", seed_html)  # the seed has no url: no address at all
    srcs = [a["src"] for t, a in seed_page.tags if "src" in a]
    assert srcs and all(s.startswith(SVG_PREFIX) for s in srcs)
    assert all(h.startswith("#") for h in seed_page.attr_values("a", "href"))
    assert not any(k.startswith("on") for _, a in seed_page.tags for k in a)


def figure_sources(page) -> list[str]:
    """Every embedded figure: the images and the narrow variants offered to phones."""
    return page.attr_values("img", "src") + page.attr_values("source", "srcset")


def test_embedded_figures_reference_nothing_outside_themselves(seed_page):
    assert seed_page.attr_values("source", "srcset"), "precondition: phones get narrow charts"
    for src in figure_sources(seed_page):
        assert src.startswith(SVG_PREFIX)
        svg = base64.b64decode(src.removeprefix(SVG_PREFIX)).decode("utf-8")
        assert "<script" not in svg
        for ref in re.findall(r'href="([^"]*)"', svg):  # href and xlink:href
            assert ref.startswith(("#", "data:")), ref
        for ref in re.findall(r"url\(([^)]*)\)", svg):
            assert ref.startswith("#"), ref


def test_only_http_source_addresses_are_linked_and_only_in_a_href(tmp_path, codebook):
    docs = load_documents([hostile_folder(tmp_path)])
    html = build_report(docs, codebook, gold=[])
    page = Page(html)
    hrefs = [h for h in page.attr_values("a", "href") if not h.startswith("#")]
    assert hrefs == [BREAKOUT_URL]  # decoded: the address is kept whole, as a link
    # every http(s) address in the file is the escaped href, nowhere else
    escaped = BREAKOUT_URL.replace("&", "&amp;").replace('"', "&#34;").replace("<", "&lt;")
    escaped = escaped.replace(">", "&gt;")
    assert html.count("https://") == 1
    assert f'href="{escaped}"' in html
    assert "javascript:" not in "".join(hrefs).lower()


# --------------------------------------------------------------------------- escaping


def test_hostile_source_text_and_metadata_are_escaped(tmp_path, codebook):
    docs = load_documents([hostile_folder(tmp_path)])
    statements = extract(docs, codebook)
    cuts = [(r.quote, r.cue_start - r.start, r.cue_end - r.start) for r in statements.itertuples()]
    parts = [(q[:a], q[a:b], q[b:]) for q, a, b in cuts]
    for where, texts in [
        ("before a cue", [p[0] for p in parts]),
        ("in a cue", [p[1] for p in parts]),
        ("after a cue", [p[2] for p in parts]),
        ("in a condition", list(statements["condition"])),
    ]:
        assert any("<" in t for t in texts), (
            f"precondition: the extractor finds hostile markup {where}; adjust HOSTILE_BODY "
            "so that it does again"
        )
    html = build_report(docs, codebook, statements=statements, gold=[])
    page = Page(html)

    # nothing the sources say became markup
    assert "<script" not in html.lower()
    assert {t for t, _ in page.tags} <= template_tags()
    assert "script" not in template_tags()
    assert not any(k.startswith("on") for _, a in page.tags for k in a)
    assert all(s.startswith(SVG_PREFIX) for s in page.attr_values("img", "src"))
    assert len(page.attr_values("img", "src")) == len(page.attr_values("img", "alt"))

    # ... and is shown literally
    text = page.all_text
    evil = docs.set_index("doc_id").loc["<svg onload=alert(7)>"]
    for value in (evil["title"], evil["outlet"], evil["url"].strip(), evil.name):
        assert value in text
    assert 'Plain <i>title</i> & "quotes"' in text
    for quote in statements["quote"]:
        assert quote in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://EXAMPLE.ORG/A", "HTTP://EXAMPLE.ORG/A"),
        ("  https://example.org/a?x=1&y=2  ", "https://example.org/a?x=1&y=2"),
        ('https://example.org/?q="><script>', 'https://example.org/?q="><script>'),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("  javascript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("file:///etc/passwd", None),
        ("ftp://example.org/a", None),
        ("//example.org/a", None),
        ("/relative/path", None),
        ("example.org", None),
        ("http:example.org", None),
        ("http://", None),
        ("https:///path-without-host", None),
        ("http://exa mple.org", None),
        ("http://example.org/\x00", None),
        ("http://example.org/\u202e", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
        (42, None),
        (float("nan"), None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


#: Addresses whose host is easy to misread: (address, the host a browser visits, or None when
#: the report must show the address as text, with the reason).
TRICKY_URLS = [
    ("https://evil.example\\@trusted.example/report", None, "backslash"),
    ("https://evil.example\\trusted.example/", None, "backslash"),
    ("https://trusted.example@evil.example/", None, "user name or password"),
    ("https://trusted.example:x@evil.example/", None, "user name or password"),
    ("https://ex\tample.org/", None, "spaces or control characters"),
    ("https://example.org\u202e/", None, "spaces or control characters"),
    ("http://host.0x10/", None, "not a valid web address"),
    ("https://@evil.example/", "evil.example", ""),
    ("https://%65vil.example/", "evil.example", ""),
    ("http://0x7f.1/", "127.0.0.1", ""),
    ("http://010.0.0.1/", "8.0.0.1", ""),
    ("https://EXAMPLE.org:8443/a", "example.org:8443", ""),
    ("https://example.org:443/", "example.org", ""),
    ("https://www.example.org/a", "www.example.org", ""),
    ("https://b\u00fcrger.example/", "xn--brger-kva.example", ""),
    ("http://[::1]:8080/", "[::1]:8080", ""),
]


@pytest.mark.parametrize(("url", "host", "why"), TRICKY_URLS)
def test_a_link_shows_the_host_a_browser_visits(url, host, why):
    linked, shown = check_url(url)
    if host is None:
        assert linked is None and why in shown
    else:
        assert (linked, shown) == (url, host)


# --------------------------------------------------------------------------- content


def test_every_section_is_present(seed_page):
    assert set(SECTIONS) <= seed_page.ids()
    nav = [h.removeprefix("#") for h in seed_page.attr_values("a", "href")]
    assert nav[: len(SECTIONS)] == list(SECTIONS)


def test_sources_table_lists_each_document(seed_documents, seed_statements, seed_page):
    rows = seed_page.tables["sources-table"][1:]
    assert len(rows) == len(seed_documents)
    for (_, cells), doc in zip(rows, seed_documents.itertuples(), strict=True):
        title, date, _outlet, _link, doc_id, n = cells
        assert (title, doc_id) == (doc.title, doc.doc_id)
        assert date == doc.date.strftime("%Y-%m-%d")
        assert int(n) == (seed_statements["doc_id"] == doc.doc_id).sum()


def test_positions_table_has_every_party_and_issue_with_the_computed_labels(
    codebook, seed_statements, seed_page
):
    rows = seed_page.tables["positions-table"]
    header = [a.get("data-party") for t, a in seed_page.tags if t == "th" and "data-party" in a]
    assert header[: len(codebook.parties)] == list(codebook.party_keys)
    assert rows[0][1][1:] == [p.label for p in codebook.parties]
    body = {a["data-issue"]: cells for a, cells in rows[1:]}
    assert list(body) == list(codebook.issue_keys)
    table = positions_of(seed_statements, codebook)
    for r in table.itertuples():
        cells = body[str(r.issue)]
        assert cells[0] == codebook.issue(str(r.issue)).label
        cell = cells[1 + codebook.party_keys.index(str(r.party))]
        assert cell.startswith(r.label)
        if not pd.isna(r.position):
            assert f"({r.position:.0f})" in cell


def test_issue_sections_show_parties_side_by_side_with_every_quote(
    codebook, seed_statements, seed_page
):
    text = seed_page.all_text
    with_statements = set(seed_statements["issue"].astype(str))
    assert with_statements, "precondition: the seed yields statements"
    ids = seed_page.ids()
    for issue in codebook.issues:
        assert (f"issue-{issue.key}" in ids) == (issue.key in with_statements)
    for quote in seed_statements["quote"]:
        assert quote in text
    silent = [i.label for i in codebook.issues if i.key not in with_statements]
    if silent:
        assert "; ".join(silent) in text


def test_gap_matrix_and_deal_model_show_the_computed_values(codebook, seed_statements, seed_page):
    table = positions_of(seed_statements, codebook)
    pair_gaps = gaps(table, codebook)
    matrix = gap_matrix(pair_gaps)
    rows = seed_page.tables["gap-matrix"][1:]
    assert [cells[0] for _, cells in rows] == [codebook.party(k).label for k in matrix.index]
    for (_, cells), (_, values) in zip(rows, matrix.iterrows(), strict=True):
        for cell, (b, v) in zip(cells[1:], values.items(), strict=True):
            if cells[0] == codebook.party(b).label:
                continue
            assert cell.split()[0] == ("–" if pd.isna(v) else f"{v:.0f}")
    deal = deal_model(table, codebook)
    deal_rows = seed_page.tables["deal-table"][1:]
    assert len(deal_rows) == max(len(deal), 1)
    leading = [cells for _, cells in deal_rows if len(cells) == 8]
    issues = deal.drop_duplicates("issue")
    assert [c[0] for c in leading] == [codebook.issue(str(i)).label for i in issues["issue"]]
    for cells, r in zip(leading, issues.itertuples(), strict=True):
        assert cells[1:3] == [f"{r.compromise:.1f}", f"{r.weighted_median:.1f}"]
    assumptions = "".join(seed_page.text)
    assert "Capability" in assumptions and "Salience" in assumptions


def test_deal_model_says_which_parties_it_leaves_out(codebook):
    """A party that only opposes is listed under its issue as left out, and named in the
    assumptions; the predictions are those of the other parties."""
    text = (
        "Moscow demands full Russian control of the Zaporizhzhia plant. "
        "Washington proposes joint management of the Zaporizhzhia plant. "
        "Kyiv rejects any Russian control of the Zaporizhzhia plant."
    )
    docs = documents_from_texts({"plant": text}, date="2025-12-01")
    statements = extract(docs, codebook)
    deal = deal_model(positions_of(statements, codebook), codebook)
    left_out = deal[~deal["included"]]
    assert len(left_out), "precondition: some party only opposes on a modelled issue"
    page = Page(build_report(docs, codebook, statements=statements))
    rows = page.tables["deal-table"][1:]
    assert len(rows) == len(deal)
    shown = [(a, cells) for a, cells in rows if a.get("class") == "left-out"]
    assert len(shown) == len(left_out)
    for (_, cells), r in zip(shown, left_out.itertuples(), strict=True):
        assert cells == [
            codebook.party(str(r.party)).label,
            f"left out: {r.label} is no position on the scale",
        ]
        issue = codebook.issue(str(r.issue)).label
        party = codebook.party(str(r.party)).label
        assert f"{party} on {issue} ({r.label})" in page.all_text


def test_quality_against_the_default_gold_uses_the_evaluation(
    codebook, seed_documents, seed_statements, seed_page
):
    gold = load_gold(DEFAULT_GOLD[0], codebook)
    gold = gold[gold["doc_id"].isin(seed_documents["doc_id"])]
    assert len(gold), "precondition: the default gold covers the seed"
    scores = evaluate(seed_statements, gold, codebook).scores
    assert f"gold set {DEFAULT_GOLD[0].name}" in seed_page.all_text
    shown = [
        cells for _, cells in seed_page.tables[None] if cells and cells[0] in ("tuple", "pair")
    ]
    assert [c[0] for c in shown] == list(scores["level"])
    for cells, s in zip(shown, scores.itertuples(), strict=True):
        assert cells[1:4] == [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
        assert cells[4:] == [str(s.tp), str(s.fp), str(s.fn)]


def test_quality_without_gold_or_with_gold_for_other_documents(tmp_path, codebook):
    docs = documents_from_texts({"x": "Kyiv rejected any surrender of Donbas."})
    assert "No hand-coded gold set covers these sources" in build_report(docs, codebook)
    assert "No hand-coded gold set covers" in build_report(docs, codebook, gold=[])
    html = build_report(docs, codebook, gold=DEFAULT_GOLD)  # named, but about the seed only
    assert "covers none of the report's sources" in html


def test_another_codebook_without_gold_ignores_the_seed_gold(tmp_path, monkeypatch, capsys):
    """The default gold is coded with the default codebook: with another one, it is not read,
    even on the seed (whose gold names parties this codebook lacks)."""
    (tmp_path / "talks.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--codebook", "talks.yaml", "--out", "r.html"]) == 0
    assert "error" not in capsys.readouterr().err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "No hand-coded gold set covers these sources" in html


def test_labels_are_plain_text_in_every_figure(tmp_path, capsys):
    """A $ in a label is a dollar sign, not the start of matplotlib's mathematics."""
    labelled = (
        MINIMAL.replace("label: Alpha", "label: Alpha $5bn fund")
        .replace("label: Land", "label: Land $ and $money")
        .replace("label: Keep", "label: Keep $x^2$")
    )
    codebook = parse_codebook(labelled)
    docs = documents_from_texts(
        {"d": "Alpha will keep the land. Beta will give up the land."}, date="2025-12-01"
    )
    html = build_report(docs, codebook)
    svgs = [
        base64.b64decode(src).decode("utf-8")
        for src in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    ]
    text = "".join(svgs)
    for label in ("Alpha $5bn fund", "Land $ and $money", "Keep $x^2$"):
        assert label in text, label


# --------------------------------------------------------------------------- terminal


def test_terminal_summary_lists_the_computed_positions(codebook, seed_statements):
    text = terminal_summary(seed_statements, codebook)
    table = positions_of(seed_statements, codebook)
    lines = text.splitlines()
    assert lines[0].split() == ["issue", *codebook.party_keys]
    stated = table[table["status"] != "not stated"]
    shown = {
        line.split()[0] for line in lines[1:] if line and not line.startswith(("parties", "no "))
    }
    assert shown == set(stated["issue"].astype(str))
    for r in stated.itertuples():
        assert str(r.label)[:20] in text
    silent = [i for i in codebook.issue_keys if i not in shown]
    if silent:
        assert lines[-1] == "no position found on: " + ", ".join(silent)
    for p in codebook.parties:
        assert f"{p.key} = {p.label}" in text


def test_terminal_summary_with_no_statements(codebook):
    empty = extract(documents_from_texts({"x": "Nothing to see."}), codebook)
    text = terminal_summary(empty, codebook)
    assert text.splitlines()[0] == "No party's position was found on any issue."


# --------------------------------------------------------------------------- the command


def test_report_command_writes_the_file_and_prints_the_summary(tmp_path, capsys, seed_html):
    out = tmp_path / "reports" / "seed.html"  # the folder is made
    assert main(["report", "--out", str(out)]) == 0
    assert out.read_bytes() == seed_html.encode("utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["seed.html"]  # no temporary file left
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].split()[0] == "issue"
    assert f"report written to {out.resolve()}" in printed


def test_report_command_replaces_atomically(tmp_path, capsys, monkeypatch):
    out = tmp_path / "r.html"
    previous = f"<!DOCTYPE html>\n<head>{GENERATOR}</head>previous report"
    out.write_text(previous, encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("toolkit._io.os.replace", fail)
    assert main(["report", "--out", str(out)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == previous  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # temporary file removed


def test_report_command_refuses_to_write_into_seeds(capsys):
    out = DEFAULT_SOURCES / "report.html"
    assert not out.exists()
    try:
        assert main(["report", "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and "refusing to write inside seeds/" in err
        assert "Traceback" not in err
        assert not out.exists()
    finally:
        out.unlink(missing_ok=True)  # only ever our own file: it did not exist before


@pytest.mark.parametrize("which", ["source", "gold", "codebook"])
def test_report_command_refuses_to_overwrite_an_input(tmp_path, capsys, which):
    src = tmp_path / "a.txt"
    src.write_text("Kyiv rejected any surrender of Donbas.", encoding="utf-8")
    gold = tmp_path / "gold.csv"
    gold.write_text("doc_id,party,issue,option,polarity\n", encoding="utf-8")
    codebook = tmp_path / "codebook.yaml"
    codebook.write_bytes((ROOT / "data" / "codebook.yaml").read_bytes())
    target = {"source": src, "gold": gold, "codebook": codebook}[which]
    before = target.read_bytes()
    args = ["report", str(src), "--gold", str(gold), "--codebook", str(codebook)]
    assert main([*args, "--out", str(target)]) == 2
    assert "the output path is one of the inputs" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_write_report_refuses_seeds_and_inputs(tmp_path):
    from toolkit import OutputError

    with pytest.raises(OutputError, match="refusing to write inside seeds/"):
        write_report(DEFAULT_SOURCES / "x.html", "<p>")
    src = tmp_path / "a.md"
    src.write_text("text", encoding="utf-8")
    with pytest.raises(OutputError, match="one of the inputs"):
        write_report(src, "<p>", inputs=[src])
    out = write_report(tmp_path / "ok.html", "<p>ok</p>")
    assert out.read_text(encoding="utf-8") == "<p>ok</p>"


# --------------------------------------------------------------------------- reviewed statements


def _reviewed_seed(codebook, seed_documents, seed_statements):
    from toolkit import apply_reviews, new_decision

    s = seed_statements
    first, second = s.iloc[0], s.iloc[1]
    decisions = [
        new_decision(
            "accept",
            first.doc_id,
            first.start,
            first.end,
            first.quote,
            (first.party, first.issue, first.option, first.polarity),
        ),
        new_decision(
            "correct",
            second.doc_id,
            second.start,
            second.end,
            second.quote,
            (second.party, second.issue, second.option, second.polarity),
            ("RU", "sanctions", "lift_sanctions", "support"),
        ),
    ]
    return apply_reviews(s, decisions, seed_documents, codebook)


def test_report_says_how_much_was_reviewed_and_who_vouches_for_each_quote(
    codebook, seed_documents, seed_statements
):
    reviewed = _reviewed_seed(codebook, seed_documents, seed_statements)
    html = build_report(seed_documents, codebook, statements=reviewed, extracted=seed_statements)
    n = len(reviewed)
    assert (
        f"Reviewed by an analyst: 2 of {n} statement(s) — 1 confirmed, 1 corrected, 0 added;"
        in html
    )
    assert html.count(">confirmed by an analyst</span>") == 1
    assert html.count(">corrected by an analyst</span>") == 1
    assert html.count(">machine, unchecked</span>") == n - 2
    table = positions_of(reviewed, codebook)
    stated = table[table["status"] != "not stated"]
    # each position carries its review mark, in the matrix and in its issue's section (and
    # the lede shows the mark once)
    assert html.count('class="by by-machine-only">machine only</span>') == 1 + 2 * int(
        (stated["review"] == "machine only").sum()
    )
    ru = table[(table["party"] == "RU") & (table["issue"] == "sanctions")].iloc[0]
    assert ru["label"] == "Lift sanctions" and ru["review"] in ("reviewed", "partly reviewed")
    # quality still scores the extractor's own statements
    plain = build_report(seed_documents, codebook, statements=seed_statements)
    quality = re.search(r'<section id="quality">.*?</section>', html, re.S).group(0)
    assert quality == re.search(r'<section id="quality">.*?</section>', plain, re.S).group(0)


def test_report_without_review_says_no_statement_was_checked(seed_html):
    assert "No statement has been checked by an analyst" in seed_html
    assert "machine only</span>" not in seed_html
