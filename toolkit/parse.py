"""The parse stage: tag, lemmatise and dependency-parse sentences.

The toolkit ships its own small English pipeline (spaCy: tok2vec, tagger, morphologizer,
dependency parser, rule lemmatizer), trained on the Universal Dependencies English Web
Treebank (CC BY-SA 4.0; see ``models/en_ewt_parser/LICENSE`` and ``ATTRIBUTION.md`` beside
it). ``make parser`` retrains it from a treebank path; nothing is downloaded at run time.

:func:`load_parser` loads it once per path; :func:`parse` turns sentence strings into spaCy
``Doc`` objects whose character offsets are those of the strings given.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ToolkitError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "MAX_PARSE_CHARS",
    "MODEL_PATH",
    "ParserError",
    "lemma",
    "load_parser",
    "parse",
    "parse_one",
]

MODEL_PATH = Path(__file__).parent / "models" / "en_ewt_parser"

# A sentence longer than this (about 800 words) is parsed in pieces of this size: a 200 KB
# "sentence" is a file without punctuation, and pieces keep the time linear in its length.
MAX_PARSE_CHARS = 5_000

_FIX = "run `make parser` to train it from the treebank, or reinstall the toolkit"


class ParserError(ToolkitError):
    """The parser model is missing or cannot be loaded."""


@functools.lru_cache(maxsize=4)
def load_parser(path: str | Path | None = None) -> Language:
    """The trained pipeline at ``path`` (default: the one shipped in the package).

    Raises :class:`ParserError` naming the path and the fix when the folder is missing or
    is not a spaCy pipeline.
    """
    folder = Path(path) if path is not None else MODEL_PATH
    if not (folder / "config.cfg").is_file() or not (folder / "meta.json").is_file():
        raise ParserError(
            "the parser model is missing (no config.cfg and meta.json there)",
            path=folder,
            fix=_FIX,
        )
    try:
        import spacy

        # the fine-grained tagger is trained (it helps the shared encoder learn) but not
        # run: the rules read the morphologizer's POS and features; a quarter faster
        nlp = spacy.load(folder, exclude=["tagger"])
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise ParserError(
            "spaCy is not installed", path=folder, fix="pip install the toolkit again"
        ) from exc
    except Exception as exc:  # spaCy raises many kinds for a damaged folder
        raise ParserError(
            f"the parser model cannot be loaded ({type(exc).__name__}: {exc})",
            path=folder,
            fix=_FIX,
        ) from exc
    if "lemmatizer" in nlp.component_names:
        _LEMMATIZERS[id(nlp.vocab)] = nlp.get_pipe("lemmatizer")
    return nlp


# the rule lemmatizer of each loaded pipeline, by the identity of its vocabulary
_LEMMATIZERS: dict[int, object] = {}


def lemma(token) -> str:
    """The lemma of a parsed word: the one it carries, else that of its pipeline's rule
    lemmatizer (for a text parsed with ``lemmas=False``), else the word itself."""
    if token.lemma_:
        return token.lemma_
    lemmatizer = _LEMMATIZERS.get(id(token.vocab))
    return lemmatizer.lemmatize(token)[0] if lemmatizer is not None else token.text


def parse_one(text: str, nlp: Language | None = None) -> Doc:
    """:func:`parse` for one text; a sentence of usual length skips the batching machinery."""
    nlp = nlp if nlp is not None else load_parser()
    return nlp(text) if len(text) <= MAX_PARSE_CHARS else next(parse([text], nlp))


def _pieces(text: str) -> Iterator[str]:
    """``text`` cut into pieces of at most :data:`MAX_PARSE_CHARS`, at a space if possible."""
    start = 0
    while len(text) - start > MAX_PARSE_CHARS:
        cut = text.rfind(" ", start + MAX_PARSE_CHARS // 2, start + MAX_PARSE_CHARS)
        cut = cut + 1 if cut > 0 else start + MAX_PARSE_CHARS
        yield text[start:cut]
        start = cut
    yield text[start:]


def parse(
    texts: Iterable[str],
    nlp: Language | None = None,
    *,
    batch_size: int = 64,
    lemmas: bool = True,
) -> Iterator[Doc]:
    """One parsed ``Doc`` per text, in order; ``doc.text == text``.

    With ``lemmas=False`` the lemmatizer does not run: :func:`lemma` then finds the lemma of
    just the words asked for (the extractor reads a few words of each sentence).

    A text longer than :data:`MAX_PARSE_CHARS` is parsed in pieces joined back into one
    ``Doc`` (no dependency crosses a cut), with a warning: time stays linear in its length.
    """
    from spacy.tokens import Doc

    nlp = nlp if nlp is not None else load_parser()
    counts: list[int] = []

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = list(_pieces(text))
            if len(parts) > 1:
                warnings.warn(
                    f"a sentence of {len(text):,} characters was parsed in pieces of "
                    f"{MAX_PARSE_CHARS:,}: is the text missing its punctuation?",
                    stacklevel=3,
                )
            counts.append(len(parts))
            yield from parts

    skip = [] if lemmas or "lemmatizer" not in nlp.pipe_names else ["lemmatizer"]
    docs = nlp.pipe(pieces(), batch_size=batch_size, disable=skip)
    # nlp.pipe reads ahead, so a text's count is known before its last piece comes out
    done = 0
    while True:
        try:
            first = next(docs)
        except StopIteration:
            return
        n = counts[done]
        done += 1
        if n == 1:
            yield first
        else:
            rest = [next(docs) for _ in range(n - 1)]
            yield Doc.from_docs([first, *rest], ensure_whitespace=False)
