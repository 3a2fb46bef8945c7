"""Benchmark: how long the HTML report takes to build, and how big it is.

For the seed (and the development articles in ``tests/fixtures/dev``, a bigger case), reports
the median and best of a few rounds for each stage — ``extract``, ``summarise`` (the analysis
and the embedded figures) and rendering the template — then the report's size in KiB and its
number of embedded figures (the narrow scale charts shown on phones included). Reading the sources and starting Python are not included; ``time
make report`` gives the wall time a user sees.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_report.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import extract, load_codebook, load_documents
from toolkit.report import render, summarise

ROOT = Path(__file__).resolve().parent.parent


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - start) * 1000


def bench(name: str, paths, codebook, rounds: int) -> None:
    documents = load_documents(paths)
    times: dict[str, list[float]] = {"extract": [], "summarise": [], "render": [], "total": []}
    html = ""
    for _ in range(rounds):
        statements, t_extract = timed(lambda: extract(documents, codebook))
        summary, t_summary = timed(lambda s=statements: summarise(documents, codebook, s))
        html, t_render = timed(lambda s=summary: render(s))
        for key, value in zip(times, (t_extract, t_summary, t_render), strict=False):
            times[key].append(value)
        times["total"].append(t_extract + t_summary + t_render)
    size = len(html.encode("utf-8")) / 1024
    figures = len(re.findall(r'(?:src|srcset)="data:image/svg\+xml;base64,', html))
    print(
        f"{name}: {len(documents)} document(s), {len(statements)} statements -> "
        f"{size:.0f} KiB, {figures} embedded figures"
    )
    for key, values in times.items():
        print(
            f"  {key:<10} median {statistics.median(values):7.1f} ms   "
            f"best {min(values):7.1f} ms   (n={len(values)})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    codebook = load_codebook()
    bench("seed report", None, codebook, args.rounds)
    dev = ROOT / "tests" / "fixtures" / "dev"
    if dev.exists():
        bench("seed + dev articles", [ROOT / "seeds", dev], codebook, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
