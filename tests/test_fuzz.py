"""Fuzzing: on any input, the toolkit succeeds or raises one of its own exceptions.

Three readers of user input are fed arbitrary and half-broken input: extraction (any text,
and texts under any valid codebook), the source reader with its front-matter parser (any
bytes, any YAML), and the codebook loader (any text, and mutations of a valid codebook).
A crash with another exception (``ValueError``, ``RecursionError``, ...) fails the test.
Last, one run over 1,000 generated documents finishes and keeps its offsets exact.

``tests/test_extract.py`` and ``tests/test_prefilter.py`` already check extraction on
texts made of a small vocabulary; the strategies here reach further: any Unicode, line and
paragraph separators, case-folding expansions (``ß``, ``İ``, ``ﬃ``), quotation marks.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import documents_from_texts, extract, load_documents
from toolkit.codebook import Codebook, parse_codebook
from toolkit.errors import CodebookError, SourceError, ToolkitError

from .conftest import FIXTURES
from .test_codebook import MINIMAL

# FUZZ_EXAMPLES=5000 for a longer hunt; the default keeps the file to about ten seconds
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check_statements(documents: pd.DataFrame, statements: pd.DataFrame) -> None:
    """Provenance holds for every row: the quote is the text at its offsets, the cue inside."""
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    for row in statements.itertuples(index=False):
        text = texts[row.doc_id]
        assert text[row.start : row.end] == row.quote, row
        assert row.start <= row.cue_start <= row.cue_end <= row.end, row


# ----------------------------------------------------------------------------- extraction

# Words that make the extractor work (parties, stance verbs, issues), then characters that
# trip up offset arithmetic: case folding that changes length, combining marks, every
# line separator str.splitlines knows, quotation marks and list markers.
TRICKY = [
    *["Russia ", "Kyiv ", "Ukraine ", "Moscow ", "Washington ", "Europe ", "the Kremlin "],
    *["rejected ", "said ", "demanded ", "will not accept ", "ruled out ", "backed "],
    *["Donbas ", "a ceasefire ", "sanctions ", "NATO ", "troops ", "the plant ", "elections "],
    *["which ", "who ", "if ", "until ", "he ", "they ", "U.S. ", "Mr. ", "Zelenskyy: ", "Q: "],
    *["“", "”", '"', "«", "»", "'", "’s ", ". ", ", ", ": ", "; ", "? ", "! ", "—", "(", ")"],
    *["\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"],
    *["- ", "* ", "• ", "1. ", "> ", "# ", "İ", "ß", "ﬃ", "ſ", "\u0301", "\u200b", "\ufeff"],
]
any_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)), max_size=80).map(
    "".join
)


@FUZZ
@given(texts=st.lists(any_text, min_size=1, max_size=3))
def test_extract_any_text(codebook, texts):
    documents = documents_from_texts({f"d{i}": t for i, t in enumerate(texts)})
    try:
        statements = extract(documents, codebook)
    except ToolkitError:
        return
    _check_statements(documents, statements)


# Codebooks for other negotiations: random names (any script) and literal cue words.
name = st.one_of(
    st.sampled_from(["Alpha", "Beta", "Gamma", "the Alphans", "Betan", "US", "E.U.", "Kyiv"]),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
        min_size=1,
        max_size=8,
    ).filter(str.strip),
)
cue_word = st.sampled_from(["keep", "give", "the land", "deal", "no", "troops", "zone", "plan"])


@st.composite
def codebook_yaml(draw) -> str:
    used: set[str] = set()

    def fresh(names):
        out = [n for n in names if n.casefold() not in used]
        used.update(n.casefold() for n in out)
        return out

    parties = {}
    for i in range(draw(st.integers(1, 3))):
        aliases = fresh(draw(st.lists(name, min_size=1, max_size=3))) or [f"Party{i}"]
        spec = {"label": f"P{i}", "color": "#123456", "aliases": aliases}
        demonyms = fresh(draw(st.lists(name, max_size=2)))  # optional: none at all is fine
        if demonyms:
            spec["demonyms"] = demonyms
        parties[f"P{i}"] = spec
    issues = {}
    for j in range(draw(st.integers(1, 2))):
        options = {}
        for k in range(draw(st.integers(2, 3))):
            words = draw(st.lists(st.one_of(cue_word, name), min_size=1, max_size=2))
            bound = draw(st.booleans())
            patterns = [(r"\b{}\b" if bound else "{}").format(re.escape(w)) for w in words]
            options[f"o{k}"] = {"label": f"o{k}", "position": 50 * k, "patterns": patterns}
        spec = {"label": f"I{j}", "scale": "ordinal", "options": options}
        context = draw(st.lists(st.one_of(cue_word, name), max_size=2))
        if context:
            spec["context"] = [re.escape(w) for w in context]
        issues[f"i{j}"] = spec
    return yaml.safe_dump(
        {"name": "fuzz", "parties": parties, "issues": issues}, allow_unicode=True
    )


@FUZZ
@given(
    book=codebook_yaml(),
    text=st.lists(st.one_of(name, cue_word, st.sampled_from(TRICKY)), max_size=50).map(" ".join),
)
def test_extract_under_any_codebook(book, text):
    try:
        codebook = parse_codebook(book, source="fuzz.yaml")
    except CodebookError:
        return  # e.g. an alias claimed by two parties after case folding
    documents = documents_from_texts({"d": text})
    try:
        statements = extract(documents, codebook)
    except ToolkitError:
        return
    _check_statements(documents, statements)


def test_extract_under_a_codebook_without_demonyms():
    codebook = parse_codebook(MINIMAL)  # demonyms are optional
    assert all(not p.demonyms for p in codebook.parties)
    documents = documents_from_texts({"d": "E.U. PLAN"})
    statements = extract(documents, codebook)
    _check_statements(documents, statements)


# ----------------------------------------------------------------------------- source files

YAMLISH = [
    *["---", "...", "\n", "\r\n", ": ", " ", "  ", "\t", "- ", "? ", "# ", "|", ">", "%YAML 1.1"],
    *["id", "title", "date", "outlet", "url", "note", "datum", "2025-12-03", "2025-02-30"],
    *["1066-10-14", "12/03/2025", "2025-12-03T25:00:00", "99999999999999999999", ".nan"],
    *["[", "]", "{", "}", ",", "&a ", "*a", "!!int ", "!!binary ", "!!python/name:os.system "],
    *['"', "'", "\\", "\x07", "\x00", "\u2028", "\ufeff", "é", "Kyiv rejected the plan."],
]
yamlish = st.lists(st.sampled_from(YAMLISH), max_size=30).map("".join)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.text(max_size=12),
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=6), inner, max_size=3),
    ),
    max_leaves=8,
)
front_matter = st.dictionaries(
    st.one_of(st.sampled_from(["id", "title", "date", "outlet", "url"]), st.text(max_size=6)),
    yaml_values,
    max_size=5,
).map(lambda d: yaml.safe_dump(d, allow_unicode=True))


def _source_bytes():
    body = st.one_of(st.just(""), any_text)
    return st.one_of(
        st.binary(max_size=200),
        st.builds(lambda b, t: f"---\n{b}\n---\n{t}".encode(), yamlish, body),
        st.builds(lambda b, t: f"---\n{b}---\n{t}".encode(), front_matter, body),
        st.builds(lambda b, t: (b + t).encode("utf-8", "surrogatepass"), yamlish, body),
        st.builds(
            lambda t, enc: t.encode(enc, "replace"),
            any_text,
            st.sampled_from(["latin-1", "utf-16", "utf-32", "cp1252", "utf-8-sig"]),
        ),
    )


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(raw=_source_bytes())
def test_source_reader_and_front_matter_on_any_bytes(fuzz_folder, raw):
    path = fuzz_folder / "doc.md"
    path.write_bytes(raw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an empty body warns, as it should
        try:
            documents = load_documents([path], registry=None)
        except SourceError:
            return
    (doc,) = documents.itertuples(index=False)
    text = raw.decode("utf-8").removeprefix("\ufeff")
    assert text.endswith(doc.text)  # the body is the text after the front-matter
    assert isinstance(doc.doc_id, str) and doc.doc_id
    assert pd.isna(doc.date) or isinstance(doc.date, pd.Timestamp)


# ----------------------------------------------------------------------------- the codebook


@FUZZ
@given(text=st.one_of(st.text(max_size=300), yamlish))
def test_codebook_loader_on_any_text(text):
    try:
        book = parse_codebook(text, source="fuzz.yaml")
    except CodebookError:
        return
    assert isinstance(book, Codebook)


def _paths(tree, prefix=()):
    """Every path into a parsed YAML tree (mapping keys and list indexes)."""
    yield prefix
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from _paths(value, (*prefix, i))


MINIMAL_TREE = yaml.safe_load(MINIMAL)
MINIMAL_PATHS = [p for p in _paths(MINIMAL_TREE) if p]


def _replace(tree, path, value, delete=False):
    tree = yaml.safe_load(yaml.safe_dump(tree))  # a deep copy
    node = tree
    for part in path[:-1]:
        node = node[part]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return tree


@FUZZ
@given(
    path=st.sampled_from(MINIMAL_PATHS),
    value=st.one_of(yaml_values, st.sampled_from(["(", "a{99999999999}", "#zzz", "", "x" * 5])),
    delete=st.booleans(),
)
def test_codebook_loader_on_a_codebook_with_one_value_changed(path, value, delete):
    text = yaml.safe_dump(_replace(MINIMAL_TREE, path, value, delete), allow_unicode=True)
    try:
        book = parse_codebook(text, source="fuzz.yaml")
    except CodebookError as exc:
        assert str(exc).startswith("fuzz.yaml")  # every error names the file
        return
    assert isinstance(book, Codebook)


@FUZZ
@given(data=st.data())
def test_codebook_loader_on_an_edited_codebook(data):
    """Edits a person makes by mistake: a line deleted, doubled, re-indented or typed over."""
    lines = MINIMAL.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        edit = data.draw(st.sampled_from(["delete", "double", "indent", "dedent", "type"]))
        if edit == "delete":
            del lines[i]
        elif edit == "double":
            lines.insert(i, lines[i])
        elif edit == "indent":
            lines[i] = " " + lines[i]
        elif edit == "dedent":
            lines[i] = lines[i][1:]
        else:
            at = data.draw(st.integers(0, len(lines[i])))
            typed = data.draw(st.one_of(st.sampled_from(YAMLISH), st.text(max_size=3)))
            lines[i] = lines[i][:at] + typed + lines[i][at:]
        if not lines:
            break
    with contextlib.suppress(CodebookError):
        parse_codebook("".join(lines), source="fuzz.yaml")


# ----------------------------------------------------------------------------- 1,000 documents


def _corpus(codebook, n: int, seed: int = 20251203) -> dict[str, str]:
    """``n`` documents mixing the codebook's words, real article sentences and noise."""
    rng = random.Random(seed)
    names = [n for p in codebook.parties for n in (*p.aliases, *p.demonyms)]
    labels = [o.label for i in codebook.issues for o in i.options] + [
        i.label for i in codebook.issues
    ]
    verbs = ["rejected", "said", "demanded", "will not accept", "ruled out", "backed", "wants"]
    articles = " ".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*/*.md")))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?”])\s+", articles) if len(s) > 20]
    noise = "abcdefgh ĀĒĪŌŪ ßİﬃſ\u0301\u00a0\u2028 —“”\"'«».,;:!?()-*#\n\t0123456789"

    def chunk() -> str:
        roll = rng.random()
        if roll < 0.35:
            return rng.choice(sentences)
        if roll < 0.75:
            return (
                f"{rng.choice(names)} {rng.choice(verbs)} {rng.choice(labels).lower()}"
                f"{rng.choice(['.', ',', ' and', ';', '?', ''])}"
            )
        return "".join(rng.choice(noise) for _ in range(rng.randint(1, 40)))

    return {
        f"gen{i:04d}": rng.choice([" ", "\n", "\n\n"]).join(
            chunk() for _ in range(rng.randint(0, 25))
        )
        for i in range(n)
    }


def test_a_thousand_generated_documents(codebook):
    texts = _corpus(codebook, 1000)
    documents = documents_from_texts(texts)
    statements = extract(documents, codebook)
    assert len(documents) == 1000
    _check_statements(documents, statements)
    # the corpus exercises the extractor: statements from many documents, for every party
    assert statements["doc_id"].nunique() > 300
    assert set(statements["party"].astype(str)) == set(codebook.party_keys)
