"""Benchmark: analyst review — persisting a decision, drawing the review panel, candidates.

1. Persist: one decision appended to a reviews file (lock, one write, fsync), 300 times; and
   the panel's whole click (append, re-read the file, redraw) on a file of 300 decisions.
   Target: under 50 ms per decision.
2. Render: the review panel on a 100-sentence document made of the development articles'
   sentences, first draw (candidates scored) and redraw. Target: under 200 ms.
3. Candidates: on every gold set, how many candidate sentences name a (party, issue) pair the
   gold codes for their document, by score; the ranking should put likelier ones first.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_reviews.py``. Exits with status
1 when a speed target is missed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import documents_from_texts, extract, load_codebook, load_documents, score_sets
from toolkit.candidates import _scored, candidates
from toolkit.review_widget import ReviewPanel
from toolkit.reviews import append_reviews, new_decision
from toolkit.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
PERSIST_MS, RENDER_MS = 50.0, 200.0


def figures(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    return (
        f"median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   max {times[-1]:6.1f} ms"
    )


def hundred_sentences() -> str:
    """100 sentences from the development articles, in order, as one document."""
    picked: list[str] = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("dev*/*.md")):
        text = load_documents([path])["text"].iloc[0]  # without the front-matter
        for s in split_sentences(text):
            sentence = text[s.start : s.end].replace("\n", " ")
            if not s.bullet and 40 <= len(sentence) <= 400 and sentence.endswith("."):
                picked.append(sentence)
        if len(picked) >= 400:
            break
    paragraphs: list[list[str]] = [[]]
    count = 0
    for sentence in picked:  # paragraphs of five; a sentence that merges with another is skipped
        if len(paragraphs[-1]) == 5:
            paragraphs.append([])
        paragraphs[-1].append(sentence)
        text = "\n\n".join(" ".join(p) for p in paragraphs)
        if len(split_sentences(text)) == count + 1:
            count += 1
        else:  # it ran into the sentence before (an abbreviation at its end): a new paragraph
            paragraphs[-1].pop()
            paragraphs.append([])
        if count == 100:
            break
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    assert len(split_sentences(text)) == 100, (count, len(picked))
    return text


def main() -> int:
    codebook = load_codebook()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        # 1. persist
        seed = load_documents()
        statements = extract(seed, codebook)
        r = statements.iloc[0]
        key = (r.party, r.issue, r.option, r.polarity)
        path = Path(tmp) / "reviews.csv"
        times = []
        for _ in range(300):
            row = new_decision("accept", r.doc_id, r.start, r.end, r.quote, key, reviewer="bench")
            start = time.perf_counter()
            append_reviews(path, [row], codebook)
            times.append((time.perf_counter() - start) * 1e3)
        print(f"persist one decision (append + fsync), n=300:        {figures(times)}")
        ok &= max(statistics.median(times), times[int(0.95 * 299)]) < PERSIST_MS
        panel = ReviewPanel(seed, statements, codebook, path, reviewer="bench")
        clicks, persisted = [], []
        for i in range(40):
            panel.statement.value = 1 + i % len(panel.result)
            start = time.perf_counter()
            panel.accept_button.click()
            clicks.append((time.perf_counter() - start) * 1e3)
            persisted.append(panel.last_persist_ms)
        print(f"panel click: the append alone (file of 300+), n=40:   {figures(persisted)}")
        print(f"panel click: append, re-read, redraw, n=40:          {figures(clicks)}")

        # 2. render a 100-sentence document
        documents = documents_from_texts({"bench": hundred_sentences()})
        found = extract(documents, codebook)
        first, redraw = [], []
        for _ in range(5):
            _scored.cache_clear()
            start = time.perf_counter()
            panel = ReviewPanel(documents, found, codebook, Path(tmp) / "other.csv")
            first.append((time.perf_counter() - start) * 1e3)
            redraw += [panel.last_update_ms for _ in range(4) if panel.update() is None]
        print(f"100-sentence document: {len(found)} statements, {len(panel.candidates)} candidates")
        print(f"panel first draw (built, candidates scored), n=5:    {figures(first)}")
        print(f"panel redraw after a decision, n=20:                 {figures(redraw)}")
        ok &= statistics.median(first) < RENDER_MS and max(redraw) < RENDER_MS

    # 3. candidates against the gold sets
    buckets: dict[float, list[int]] = {}
    missed = covered = 0
    for result in score_sets(codebook).values():
        gold = result.gold[result.gold["required"]]
        pairs = set(zip(gold["doc_id"], gold["party"], gold["issue"], strict=True))
        misses = result.evaluation.misses
        lost = set(zip(misses["doc_id"], misses["party"], misses["issue"], strict=True))
        found_pairs = set()
        for c in candidates(result.documents, result.statements, codebook).itertuples():
            named = {(c.doc_id, p, i) for p in c.parties.split(",") for i in c.issues.split(",")}
            hit = buckets.setdefault(c.score, [0, 0])
            hit[0] += 1
            hit[1] += bool(named & pairs)
            found_pairs |= named & lost
        missed += len(lost)
        covered += len(found_pairs)
    print("candidates on every gold set: share naming a (party, issue) pair the gold codes")
    for score in sorted(buckets, reverse=True):
        n, hits = buckets[score]
        print(f"  score {score:3.1f}: {hits:3d} of {n:3d} ({hits / n:.2f})")
    print(f"missed (party, issue) pairs named by some candidate: {covered} of {missed}")
    verdict = "within" if ok else "OVER"
    print(f"{verdict} the targets ({PERSIST_MS:.0f} ms per decision, {RENDER_MS:.0f} ms per draw)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
