"""Widgets are thin views: set a control's value, read ``result``; source text is escaped."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from toolkit import documents_from_texts, extract
from toolkit.widgets import DealModelPanel, PositionsExplorer, TwoPartyComparer, highlight_quote


@pytest.fixture(scope="module")
def corpus(codebook):
    docs = documents_from_texts(
        {
            "a": "Kyiv rejected any handover of the Donetsk region. Moscow demands all of Donbas.",
            "b": "Washington suggested that the plant be run jointly. "
            "Kyiv wants the Zaporizhzhia plant returned to Ukrainian control.",
        },
        date="2025-12-01",
    )
    return docs, extract(docs, codebook)


def test_explorer_follows_the_issue_dropdown(corpus, codebook):
    docs, statements = corpus
    explorer = PositionsExplorer(statements, docs, codebook, issue="territory", chart=False)
    assert explorer.result.loc["RU", "label"] == "Cede Donbas"
    assert explorer.result.loc["UA", "status"] == "opposes only"
    explorer.issue.value = "zaporizhzhia_npp"
    assert explorer.result.loc["US", "label"] == "Joint management"
    assert explorer.result.loc["UA", "label"] == "Ukrainian control"
    assert "Zaporizhzhia nuclear plant" in explorer.table.value
    assert "<mark>" in explorer.quotes.value


def test_explorer_party_and_source_filters(corpus, codebook):
    docs, statements = corpus
    explorer = PositionsExplorer(statements, docs, codebook, issue="territory", chart=False)
    explorer.parties.value = ("RU", "UA")
    assert list(explorer.result.index) == ["RU", "UA"]
    explorer.source.value = "b"
    assert explorer.result.loc["RU", "status"] == "not stated"


def test_explorer_scale_places_parties(corpus, codebook):
    docs, statements = corpus
    explorer = PositionsExplorer(statements, docs, codebook, issue="territory")
    chart = explorer.chart.value
    assert "left:100.0%" in chart and "Russia: Cede Donbas" in chart
    # Ukraine only opposes: an open marker at what it opposes, not "not stated"
    assert 'title="Ukraine: against Cede Donbas"' in chart and ">against</span>" in chart
    assert chart.count("not stated") == 2  # the United States and Europe
    assert "⊗ against: no position of its own" in chart and "deal model" not in chart


def test_comparer(corpus, codebook):
    _, statements = corpus
    comparer = TwoPartyComparer(statements, codebook, a="UA", b="RU")
    assert comparer.result.loc["territory", "relation"] == "opposed"
    comparer.b.value = "US"
    assert comparer.result.loc["zaporizhzhia_npp", "relation"] == "apart"
    assert comparer.result.loc["zaporizhzhia_npp", "distance"] == 50.0


def test_deal_panel_sliders_move_the_outcome(corpus, codebook):
    _, statements = corpus
    panel = DealModelPanel(statements, codebook, issue="zaporizhzhia_npp")
    zpp = panel.result[panel.result.issue == "zaporizhzhia_npp"]
    # UA at 0 with salience 1/2 (one of its two statements), US at 50 with salience 1
    assert zpp["compromise"].iloc[0] == pytest.approx(50 / 1.5)
    panel.capability["US"].value = 3.0
    zpp = panel.result[panel.result.issue == "zaporizhzhia_npp"]
    assert zpp["compromise"].iloc[0] == pytest.approx(150 / 3.5)
    panel.salience["UA"].value = 0.0
    zpp = panel.result[panel.result.issue == "zaporizhzhia_npp"]
    assert zpp["compromise"].iloc[0] == pytest.approx(50.0)


def test_source_text_is_escaped(codebook):
    hostile = '<img src=x onerror="alert(1)"> Kyiv rejected any handover of the Donetsk region.'
    docs = documents_from_texts({"<b>x</b>": hostile}, date="2025-12-01")
    statements = extract(docs, codebook)
    explorer = PositionsExplorer(statements, docs, codebook, issue="territory", chart=False)
    html = explorer.quotes.value + explorer.table.value
    assert "<img" not in html and "&lt;img" in html
    assert "<b>x</b>" not in html


def test_highlight_quote():
    assert highlight_quote("a <b> c", 2, 5) == "a <mark>&lt;b&gt;</mark> c"
    assert highlight_quote("abc", 5, 9) == "abc"


def test_views_do_not_mutate_inputs(corpus, codebook):
    docs, statements = corpus
    before_docs, before_st = docs.copy(), statements.copy()
    PositionsExplorer(statements, docs, codebook, chart=False).issue.value = "sanctions"
    TwoPartyComparer(statements, codebook)
    DealModelPanel(statements, codebook)
    pd.testing.assert_frame_equal(docs, before_docs)
    pd.testing.assert_frame_equal(statements, before_st)


def test_tables_carry_their_own_style(corpus, codebook):
    """A widget's HTML gets no notebook CSS: every cell is bordered and padded inline, party
    columns are headed by the party's label over its colour, and no <style> leaks to the page."""
    import re

    docs, statements = corpus
    explorer = PositionsExplorer(statements, docs, codebook, issue="zaporizhzhia_npp", chart=False)
    comparer = TwoPartyComparer(statements, codebook, a="UA", b="US")
    panel = DealModelPanel(statements, codebook)
    for html in (explorer.table.value, comparer.output.value, panel.output.value):
        assert "<style" not in html
        cells = re.findall(r"<t[dh] [^>]*>", html)
        assert cells and all("border:1px solid" in c and "padding:" in c for c in cells)
    table = explorer.table.value
    for party in codebook.parties:
        assert f'border-bottom:3px solid {party.color}">{party.label}</th>' in table
    assert "Zaporizhzhia nuclear plant</th>" in table  # the issue names the table
    assert ">Joint management</td>" in table and ">Ukrainian control</td>" in table
    assert "Territory (Donbas)</th>" in comparer.output.value  # issue labels, not keys
    assert "background:#fdf1d6" in comparer.output.value  # UA and US are apart on the plant


def test_scale_gives_each_party_a_row_and_sets_overlapping_option_names_lower(codebook):
    from toolkit.widgets import _CHAR_PX, _SCALE_PX, scale_html

    rows = pd.DataFrame(
        {"party": ["RU", "US"], "position": [65.0, 65.0], "label": ["Demilitarised zone"] * 2}
    )
    html = scale_html(rows, codebook, "territory")
    # two rows, a dot in each: neither hides the other
    assert html.count("left:65.0%;top:5px") == 2
    assert 'title="Russia: Demilitarised zone"' in html
    assert 'title="United States: Demilitarised zone"' in html
    nobody = scale_html(rows.assign(position=float("nan")), codebook, "territory")
    assert nobody.count(">not stated</span>") == 2
    names = [
        (float(x), int(top), label)
        for x, top, label in re.findall(
            r"left:([\d.]+)%;top:(\d+)px;white-space:nowrap;[^>]*>([^<]+)</span>", html
        )
    ]
    options = [o for o in codebook.issue("territory").options if o.position is not None]
    assert sorted(label for *_, label in names) == sorted(o.label for o in options)
    for i, (x1, top1, a) in enumerate(names):
        for x2, top2, b in names[i + 1 :]:
            apart = abs(x1 - x2) / 100 * _SCALE_PX
            if apart < (len(a) + len(b)) / 2 * _CHAR_PX + 10:
                assert top1 != top2, (a, b)
    assert len({top for _, top, _ in names}) > 1, "precondition: some names would overlap"


def test_party_picker_ticks_and_reads_boxes(corpus, codebook):
    docs, statements = corpus
    explorer = PositionsExplorer(statements, docs, codebook, issue="territory", chart=False)
    picker = explorer.parties
    boxes = dict(zip(codebook.party_keys, picker.children[1:], strict=True))
    assert [b.description for b in boxes.values()] == [p.label for p in codebook.parties]
    picker.value = ("RU", "UA")
    assert [k for k, b in boxes.items() if b.value] == ["UA", "RU"]
    assert list(explorer.result.index) == ["RU", "UA"]  # the order given is kept
    boxes["RU"].value = False
    assert picker.value == ("UA",) and list(explorer.result.index) == ["UA"]
    boxes["EU"].value = True
    assert picker.value == ("UA", "EU")


def test_deal_panel_names_every_party_in_full_and_says_who_is_left_out(corpus, codebook):
    _, statements = corpus
    panel = DealModelPanel(statements, codebook, issue="territory")
    longest = max(len(p.label) for p in codebook.parties)
    for slider in (*panel.capability.values(), *panel.salience.values()):
        width = slider.style.description_width
        assert width.endswith("em") and float(width[:-2]) >= 0.55 * longest, width
    # Kyiv only rejected a handover on territory: left out of the prediction, and said so
    left = panel.result[~panel.result["included"]]
    assert list(left["party"].astype(str)) == ["UA"], "precondition: Ukraine only opposes"
    assert f"Ukraine ({left['label'].iloc[0]})" in panel.output.value
    assert "left out of the deal model" in panel.chart.value


def test_sentence_trace_marks_cue_and_party_and_escapes(codebook):
    from toolkit.evaluate import sentence_table
    from toolkit.widgets import sentence_trace

    docs = documents_from_texts(
        {"a": "Talks <b>resumed</b>. Moscow demands all of Donbas. Nothing else was said."}
    )
    statements = extract(docs, codebook)
    sentences = sentence_table(docs, statements)
    view = sentence_trace(sentences, statements, codebook)
    html = view._repr_html_()
    assert "<b>resumed" not in html and "&lt;b&gt;resumed" in html
    cue = statements["cue"].iloc[0]
    assert f">{cue}</mark>" in html
    assert f'border-bottom:2px solid {codebook.party("RU").color}">Moscow</span>' in html
    assert html.count("<tr>") == 1 + len(sentences)  # header + one row per sentence
    only = sentence_trace(sentences, statements, codebook, only_with_statements=True)
    assert only._repr_html_().count("<tr>") == 2
    assert repr(view) == "<sentence trace: 3 sentences, 1 with statements>"
