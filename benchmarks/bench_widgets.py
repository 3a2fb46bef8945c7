"""Benchmark: time from a widget value change to its updated result, on the seed.

Drives each view as a user would (setting a control's ``.value``) and reports the median and
worst update time over every choice of the control. Target: under 100 ms on the seed; the
script exits with status 1 when a worst case misses it.
Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_widgets.py``.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import extract, load_codebook, load_documents
from toolkit.widgets import DealModelPanel, PositionsExplorer, TwoPartyComparer

TARGET_MS = 100.0


def measure(view, control, values, rounds: int = 3) -> list[float]:
    times = []
    for _ in range(rounds):
        for value in values:
            if control.value == value:
                continue
            control.value = value
            times.append(view.last_update_ms)
    return times


def main() -> int:
    codebook = load_codebook()
    documents = load_documents()
    statements = extract(documents, codebook)
    explorer = PositionsExplorer(statements, documents, codebook)
    comparer = TwoPartyComparer(statements, codebook)
    panel = DealModelPanel(statements, codebook)
    cases = [
        ("explorer: issue dropdown", explorer, explorer.issue, list(codebook.issue_keys)),
        (
            "explorer: party toggles",
            explorer,
            explorer.parties,
            [tuple(codebook.party_keys[: k + 1]) for k in range(len(codebook.party_keys))],
        ),
        (
            "explorer: source dropdown",
            explorer,
            explorer.source,
            [v for _, v in explorer.source.options],
        ),
        (
            "explorer: as-of dropdown",
            explorer,
            explorer.as_of,
            [v for _, v in explorer.as_of.options],
        ),
        ("comparer: party B", comparer, comparer.b, list(codebook.party_keys)),
        (
            "deal panel: capability",
            panel,
            panel.capability[codebook.party_keys[0]],
            [0.5, 1.0, 2.0, 3.0],
        ),
    ]
    print(f"seed: {len(documents)} document(s), {len(statements)} statements")
    worst = 0.0
    for name, view, control, values in cases:
        times = measure(view, control, values)
        worst = max(worst, max(times))
        print(
            f"{name:<28} median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms   "
            f"(n={len(times)})"
        )
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"worst update {worst:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
