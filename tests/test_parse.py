"""The parse stage (toolkit.parse) and what extract does with it: readers, processes,
overlong sentences, and a missing or damaged model."""

from __future__ import annotations

import sys
import warnings

import pandas as pd
import pytest

from toolkit import documents_from_texts, extract, load_codebook
from toolkit.parse import MAX_PARSE_CHARS, MODEL_PATH, ParserError, lemma, load_parser, parse


def test_the_shipped_model_loads_with_its_licence():
    nlp = load_parser()
    assert {"parser", "morphologizer", "lemmatizer"} <= set(nlp.pipe_names)
    assert (MODEL_PATH / "LICENSE").read_text(encoding="utf-8").startswith("Attribution-ShareAlike")
    assert "CC BY-SA 4.0" in (MODEL_PATH / "ATTRIBUTION.md").read_text(encoding="utf-8")


def test_parse_keeps_the_text_and_reads_lemmas():
    [doc] = parse(["The envoys rejected the offers."])
    assert doc.text == "The envoys rejected the offers."
    assert [t.lemma_ for t in doc][2] == "reject"
    assert doc[2].dep_ == "ROOT"


def test_lemmas_can_be_found_only_for_the_words_asked_for():
    [doc] = parse(["The envoys rejected the offers."], lemmas=False)
    assert doc[2].lemma_ == ""  # the lemmatizer did not run ...
    assert [lemma(t) for t in doc][1:3] == ["envoy", "reject"]  # ... it runs when asked


def test_an_overlong_text_is_parsed_in_pieces_with_a_warning():
    text = "word " * (MAX_PARSE_CHARS // 2)
    with pytest.warns(UserWarning, match="parsed in pieces"):
        [doc] = parse([text, "A short one."][:1])
    assert doc.text == text


def test_a_missing_model_names_the_fix(tmp_path):
    with pytest.raises(ParserError, match=r"model is missing .*make parser"):
        load_parser(tmp_path)


def test_a_damaged_model_names_the_fix(tmp_path):
    (tmp_path / "config.cfg").write_text("[nlp]\nlang = \n", encoding="utf-8")
    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ParserError, match=r"cannot be loaded .*make parser"):
        load_parser(tmp_path)


def test_cli_reports_a_missing_model(tmp_path, monkeypatch, capsys):
    import toolkit.parse as parse_module
    from toolkit.cli import main

    load_parser.cache_clear()
    monkeypatch.setattr(parse_module, "MODEL_PATH", tmp_path / "gone")
    source = tmp_path / "a.txt"
    source.write_text("Moscow rejected a ceasefire.", encoding="utf-8")
    try:
        code = main(["extract", str(source), "--reader", "both"])
    finally:
        load_parser.cache_clear()
    assert code == 2
    assert "make parser" in capsys.readouterr().err


TEXTS = {
    "a": "Washington pressed Kyiv to accept a freeze along the front line. Moscow rejected it.",
    "b": "The Kremlin said it would never accept foreign troops in Ukraine.",
    "c": "European leaders want a ceasefire first. Kyiv agreed.",
}


@pytest.mark.parametrize("reader", ["rules", "both", "parse"])
def test_processes_give_the_same_statements(reader):
    docs = documents_from_texts(TEXTS)
    one = extract(docs, load_codebook(), reader=reader)
    two = extract(docs, load_codebook(), reader=reader, n_process=2)
    assert one.equals(two)


@pytest.mark.parametrize("reader", ["both", "parse"])
def test_documents_read_together_give_what_each_gives_alone(reader, monkeypatch):
    """Documents are read side by side and their sentences parsed in shared batches; the
    statements of each must not depend on the others, nor on where a window of them ends."""
    extract_module = sys.modules["toolkit.extract"]  # the name toolkit.extract is the function
    monkeypatch.setattr(extract_module, "_WINDOW", 2)
    docs = documents_from_texts(TEXTS)
    together = extract(docs, load_codebook(), reader=reader)
    alone = [extract(docs.iloc[[k]], load_codebook(), reader=reader) for k in range(len(docs))]
    assert len(together) > 3
    alone = pd.concat(alone, ignore_index=True).astype(together.dtypes)
    assert together.equals(alone)


def test_an_overlong_sentence_is_read_in_pieces_with_a_warning():
    text = ("Moscow rejected a ceasefire and " * 400).strip() + "."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        statements = extract(documents_from_texts({"long": text}), load_codebook(), reader="both")
    assert any("read in pieces" in str(w.message) for w in caught)
    assert (statements["end"] - statements["start"]).max() <= 3_000
    for row in statements.itertuples():
        assert text[row.start : row.end] == row.quote


def test_a_bad_reader_is_refused():
    with pytest.raises(ValueError, match=r"reader=.*grammar.* is not a reader"):
        extract(documents_from_texts(TEXTS), load_codebook(), reader="grammar")
