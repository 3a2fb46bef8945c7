"""Benchmark: extraction quality on every gold set, including the held-out one.

Prints precision, recall and F1 over distinct ``(doc_id, party, issue, option, polarity)``
tuples and over ``(doc_id, party, issue)`` pairs for every set in ``data/gold/sets.yaml``:

- ``seed``: the project's source text, ``data/gold/seed.csv``;
- the development sets (``dev`` to ``dev5``, ``fresh1`` to ``fresh6``, which were held out
  until newer sets arrived, ``fresh9`` and ``fresh10``): the articles the extractor is tuned
  on;
- the held-out sets (``heldout``, ``heldout2``, ``fresh7``, ``fresh8``, ``fresh11`` to
  ``fresh14``): articles written apart from the extractor and never tuned on (their texts
  were never read by the person tuning it). Their figures are the honest estimate of
  quality on articles nobody here has seen.

Sets scored the day they arrived carry that score (``on_arrival`` in ``sets.yaml``), printed
after the table.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_quality.py [--misses SET]
[--reader rules|parse|both]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import yaml  # noqa: E402

from toolkit import load_codebook  # noqa: E402
from toolkit.evaluate import by_set, score_sets  # noqa: E402
from toolkit.extract import DEFAULT_READER, READERS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", metavar="SET", help="also list the misses and extras of SET")
    parser.add_argument(
        "--reader", default=DEFAULT_READER, choices=READERS, help="who reads the holders (extract)"
    )
    args = parser.parse_args(argv)
    # the sets listed in data/gold/sets.yaml
    scores = score_sets(load_codebook(), reader=args.reader)
    table = by_set({key: score.evaluation for key, score in scores.items()})
    targets = yaml.safe_load((ROOT / "data" / "gold" / "targets.yaml").read_text("utf-8"))
    roles = {key: score.gold_set.role for key, score in scores.items()}
    table["target"] = [
        targets["targets"].get(roles[k], {}).get(level)
        for k, level in zip(table["set"], table["level"], strict=True)
    ]
    table["met"] = [
        "" if pd.isna(t) else ("yes" if f >= t else "NO")
        for f, t in zip(table["f1"], table["target"], strict=True)
    ]
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}", na_rep=""))
    arrived = {k: dict(s.gold_set.on_arrival) for k, s in scores.items() if s.gold_set.on_arrival}
    if arrived:
        print("\nscored on arrival, before any tuning (tuple F1 / pair F1, reader):")
        for key, a in arrived.items():
            now = table[(table["set"] == key) & (table["level"] == "tuple")]["f1"].iloc[0]
            print(
                f"  {key}: {a['tuple_f1']:.3f} / {a['pair_f1']:.3f} ({a['reader']}, {a['date']});"
                f" now {now:.3f} tuple F1 ({args.reader})"
            )
    if args.misses:
        print(scores[args.misses].evaluation.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
