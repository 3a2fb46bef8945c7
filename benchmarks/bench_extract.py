"""Benchmark: extraction speed on real article text, for each reader.

The corpus is every fixture article (``tests/fixtures/*/``) and the seed, repeated until it
holds at least 10,000 sentences (each copy under new document ids). For each reader
(``rules``, ``both``, ``parse``; see :func:`toolkit.extract`) it reports sentences per
second on one core, parse included, the share of sentences the parser read, and peak
memory; then ``both`` with two processes, one 200 KB sentence with no punctuation, and the
peak memory of half the corpus against the whole (flat in the number of documents).

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_extract.py [--sentences N]
[--readers rules,both]``. Figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from toolkit import documents_from_texts, extract, load_codebook  # noqa: E402
from toolkit.parse import load_parser  # noqa: E402
from toolkit.sentences import split_sentences  # noqa: E402
from toolkit.sources import load_documents  # noqa: E402


def corpus(n_sentences: int) -> pd.DataFrame:
    """The fixture articles and the seed, repeated to at least ``n_sentences`` sentences."""
    folders = sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())
    base = load_documents([*folders, ROOT / "seeds"])
    per_copy = sum(len(split_sentences(t)) for t in base["text"])
    copies = -(-n_sentences // per_copy)
    frames = [base.assign(doc_id=base["doc_id"] + f"~{k}") for k in range(copies)]
    return pd.concat(frames, ignore_index=True)


def parsed_share(documents: pd.DataFrame, codebook, reader: str) -> float:
    """The share of sentences the parser reads under ``reader``."""
    nlp = load_parser()
    calls = [0]
    cls = nlp.__class__
    original_call, original_pipe = cls.__call__, cls.pipe

    def counting_call(self, text, *a, **k):
        calls[0] += 1
        return original_call(self, text, *a, **k)

    def counting_pipe(self, texts, *a, **k):
        for doc in original_pipe(self, texts, *a, **k):
            calls[0] += 1
            yield doc

    cls.__call__, cls.pipe = counting_call, counting_pipe
    try:
        extract(documents, codebook, reader=reader)
    finally:
        cls.__call__, cls.pipe = original_call, original_pipe
    return calls[0] / sum(len(split_sentences(t)) for t in documents["text"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--readers", default="rules,both,parse")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # overlong-sentence warnings: expected here

    codebook = load_codebook()
    documents = corpus(args.sentences)
    n = sum(len(split_sentences(t)) for t in documents["text"])
    megabytes = sum(len(t.encode("utf-8")) for t in documents["text"]) / 1e6
    print(f"corpus: {len(documents)} documents, {n:,} sentences, {megabytes:.2f} MB")
    start = time.perf_counter()
    load_parser()
    print(f"parser load: {time.perf_counter() - start:.2f} s")
    extract(documents.head(2), codebook, reader="both")  # compile the codebook once

    for reader in args.readers.split(","):
        seconds = _time(lambda r=reader: extract(documents, codebook, reader=r))
        share = parsed_share(documents.head(len(documents) // 4), codebook, reader)
        print(
            f"{reader:>6}: {seconds:7.1f} s  {n / seconds:7,.0f} sentences/s  "
            f"{megabytes / seconds:5.2f} MB/s  parsed {share:5.1%} of sentences"
        )
    one = _time(lambda: extract(documents, codebook, reader="both"))
    two = _time(lambda: extract(documents, codebook, reader="both", n_process=2))
    print(f"  both, 2 processes: {two:7.1f} s  {n / two:7,.0f} sentences/s ({one / two:.2f}x)")

    rng = random.Random(7)
    words = [w for s in documents["text"].head(20) for w in s.split() if w.isalpha()]
    long = " ".join(rng.choice(words) for _ in range(60_000))[:200_000]
    one_sentence = documents_from_texts({"long": long})
    print(
        f"one 200 KB sentence: {_time(lambda: extract(one_sentence, codebook, reader='both')):.2f} s"
    )

    half = documents.head(len(documents) // 2)
    for label, frame in (("half the corpus", half), ("the whole corpus", documents)):
        tracemalloc.start()
        extract(frame, codebook, reader="both")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak traced memory, {label}: {peak / 1e6:.1f} MB")
    return 0


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
