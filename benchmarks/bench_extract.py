"""Benchmark: extraction speed against the floor of splitting sentences with one regex.

Builds a synthetic corpus of at least 10,000 sentences from the codebook's vocabulary (party
aliases, stance verbs, option cues, and event sentences that code nothing), then reports, in
the same run:

- the floor: splitting the corpus into sentences with one compiled regular expression;
- ``extract``: sentences per second, MB per second, and peak memory (tracemalloc).

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_extract.py [--sentences N]``.
Figures depend on the machine; the ratio to the floor is the portable number.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import documents_from_texts, extract, load_codebook
from toolkit.sentences import split_sentences

VERBS = [
    "said",
    "insisted",
    "rejected",
    "proposed",
    "demanded",
    "will not accept",
    "ruled out",
    "called for",
    "is ready to accept",
    "refused to discuss",
    "backed",
    "wants",
]
EVENTS = [
    "Drones struck a depot near {place} overnight.",
    "Talks resumed in {place} on Monday.",
    "Officials met in {place} to review the schedule.",
    "Shelling damaged homes near {place}.",
]
PLACES = ["Kharkiv", "Odesa", "Geneva", "Berlin", "Brussels", "Istanbul"]


def corpus(codebook, n_sentences: int, seed: int = 7) -> list[str]:
    """Documents of ~40 sentences each, built from the codebook's own words."""
    rng = random.Random(seed)
    names = [a for p in codebook.parties for a in p.aliases if len(a) > 3]
    cues = [o.label.lower() for i in codebook.issues for o in i.options]
    docs, sentences = [], []
    for k in range(n_sentences):
        if rng.random() < 0.25:
            sentences.append(rng.choice(EVENTS).format(place=rng.choice(PLACES)))
        else:
            sentences.append(
                f"{rng.choice(names)} {rng.choice(VERBS)} a {rng.choice(cues)} "
                f"and {rng.choice(names)} {rng.choice(VERBS)} the {rng.choice(cues)}."
            )
        if len(sentences) == 40 or k == n_sentences - 1:
            docs.append(" ".join(sentences))
            sentences = []
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N timings")
    args = parser.parse_args(argv)

    codebook = load_codebook()
    texts = corpus(codebook, args.sentences)
    documents = documents_from_texts({f"d{i:05d}": t for i, t in enumerate(texts)})
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    n = sum(len(split_sentences(t)) for t in texts)

    floor_re = re.compile(r"[^.!?]+[.!?]+")
    floor = min(_time(lambda: [floor_re.findall(t) for t in texts]) for _ in range(args.repeat))
    extract(documents.head(2), codebook)  # compile the codebook's patterns once
    best = min(_time(lambda: extract(documents, codebook)) for _ in range(args.repeat))

    tracemalloc.start()
    statements = extract(documents, codebook)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"corpus: {len(texts)} documents, {n} sentences, {megabytes:.2f} MB")
    print(f"floor (one regex split): {floor * 1e3:8.1f} ms  {n / floor:12,.0f} sentences/s")
    print(
        f"extract:                 {best * 1e3:8.1f} ms  {n / best:12,.0f} sentences/s  "
        f"{megabytes / best:6.2f} MB/s  peak memory {peak / 1e6:.1f} MB"
    )
    print(f"statements: {len(statements)}; extract / floor = {best / floor:.1f}x")
    return 0


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
