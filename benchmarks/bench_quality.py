"""Benchmark: extraction quality on every gold set, including the held-out one.

Prints precision, recall and F1 over distinct ``(doc_id, party, issue, option, polarity)``
tuples and over ``(doc_id, party, issue)`` pairs for:

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

from toolkit import evaluate, extract, load_codebook, load_documents, load_gold  # noqa: E402
from toolkit.evaluate import by_set  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SETS = {
    "seed": (ROOT / "seeds", ROOT / "data" / "gold" / "seed.csv"),
    "dev": (FIXTURES / "dev", FIXTURES / "dev" / "gold.csv"),
    "dev2": (FIXTURES / "dev2", FIXTURES / "dev2" / "gold.csv"),
    "dev3": (FIXTURES / "dev3", FIXTURES / "dev3" / "gold.csv"),
    "dev4": (FIXTURES / "dev4", FIXTURES / "dev4" / "gold.csv"),
    "heldout": (FIXTURES / "heldout", FIXTURES / "heldout" / "gold.csv"),
    "heldout2": (FIXTURES / "heldout2", FIXTURES / "heldout2" / "gold.csv"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", metavar="SET", help="also list the misses and extras of SET")
    args = parser.parse_args(argv)
    codebook = load_codebook()
    results = {}
    for name, (folder, gold_path) in SETS.items():
        if not gold_path.exists():
            continue
        documents = load_documents([folder])
        statements = extract(documents, codebook)
        gold = load_gold(gold_path, codebook)
        results[name] = evaluate(statements, gold, codebook, list(documents["doc_id"]))
    table = by_set(results)
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.misses:
        print(results[args.misses].summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
