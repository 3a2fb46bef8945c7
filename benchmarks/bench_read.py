"""Benchmark: reading a document is linear in its length, however its lines are laid out.

For each shape of text, at three sizes, reports the seconds taken by each document-wide step
that runs before sentences are matched one by one:

- ``read``: ``load_documents`` (the file reader, front-matter, metadata);
- ``split``: ``split_sentences``;
- ``names``: ``learn_names``, which finds the people a document introduces.

Shapes: one 5-20 MB line of sentences; 50,000-200,000 short lines; and one line in which
titled people ("Deputy Spokesperson Dana Whitcombe") or profiles ("she is deputy head of
Russia's delegation") recur, which once made ``learn_names`` look back over the whole text
for each of them. The last column is the time per MB: flat when the step is linear.

Run: ``.venv/bin/python benchmarks/bench_read.py [--quick]``. The cost of matching each
sentence (``extract`` on top of these) is measured by ``bench_extract.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import load_codebook, load_documents
from toolkit.match import rules_for
from toolkit.names import learn_names
from toolkit.sentences import split_sentences

WORDS = [
    "the",
    "talks",
    "in",
    "Geneva",
    "resumed",
    "on",
    "Monday",
    "and",
    "officials",
    "said",
    "that",
    "the",
    "delegation",
    "would",
    "review",
    "the",
    "schedule",
    "before",
    "another",
    "round",
    "with",
    "the",
    "mediators",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def one_line(size: int, rng: random.Random) -> str:
    parts, total = [], 0
    while total < size:
        parts.append(sentence(rng, 14) + " ")
        total += len(parts[-1])
    return "".join(parts)


def short_lines(lines: int, rng: random.Random) -> str:
    return "".join(sentence(rng, 5) + "\n" for _ in range(lines))


def titled_people(size: int, rng: random.Random) -> str:
    unit = "Talks went on. Deputy Spokesperson Dana Whitcombe said the plan stands. "
    return unit * (size // len(unit) + 1)


def profiles(size: int, rng: random.Random) -> str:
    unit = "Dana Whitcombe met Whitcombe. She is deputy head of Russia's delegation. "
    return unit * (size // len(unit) + 1)


SHAPES = [
    ("one line", one_line, (5_000_000, 10_000_000, 20_000_000)),
    ("short lines", short_lines, (50_000, 100_000, 200_000)),
    ("titled people", titled_people, (75_000, 150_000, 300_000)),
    ("profiles", profiles, (75_000, 150_000, 300_000)),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the two smaller sizes only")
    args = parser.parse_args()
    rules = rules_for(load_codebook())
    folder = Path(tempfile.mkdtemp())
    print(
        f"{'shape':14} {'size':>12} {'MB':>6} {'read s':>7} {'split s':>8} {'names s':>8} {'s/MB':>6}"
    )
    for label, make, sizes in SHAPES:
        for size in sizes[:2] if args.quick else sizes:
            text = make(size, random.Random(1))
            path = folder / "doc.txt"
            path.write_text(text, encoding="utf-8")
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                body = load_documents([path], registry=None)["text"].iloc[0]
            t1 = time.perf_counter()
            split_sentences(body)
            t2 = time.perf_counter()
            learn_names(body, rules.party_of, rules.party_words)
            t3 = time.perf_counter()
            mb = len(text.encode("utf-8")) / 1e6
            print(
                f"{label:14} {size:>12,} {mb:>6.1f} {t1 - t0:>7.2f} {t2 - t1:>8.2f} "
                f"{t3 - t2:>8.2f} {(t3 - t0) / mb:>6.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
