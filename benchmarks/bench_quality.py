"""Benchmark: extraction quality on every gold set, including the held-out one.

Prints precision, recall and F1 over distinct ``(doc_id, party, issue, option, polarity)``
tuples and over ``(doc_id, party, issue)`` pairs for every set in ``data/gold/sets.yaml``:

- ``seed``: the project's source text, ``data/gold/seed.csv``;
- ``dev`` to ``dev4``: the development articles the extractor is tuned on;
- ``heldout`` and ``heldout2``: articles written apart from the extractor and never tuned
  on (``heldout2`` was written after the extractor was tuned, and its texts were never read
  by the person tuning it). Their figures are the honest estimate of quality on articles
  nobody here has seen.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_quality.py [--misses SET]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import load_codebook  # noqa: E402
from toolkit.evaluate import by_set, score_sets  # noqa: E402
from toolkit.extract import READERS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", metavar="SET", help="also list the misses and extras of SET")
    parser.add_argument(
        "--reader", default="rules", choices=READERS, help="who reads the holders (extract)"
    )
    args = parser.parse_args(argv)
    # the sets listed in data/gold/sets.yaml
    scores = score_sets(load_codebook(), reader=args.reader)
    table = by_set({key: score.evaluation for key, score in scores.items()})
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.misses:
        print(scores[args.misses].evaluation.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
