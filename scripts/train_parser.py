"""Train the toolkit's English parser on a Universal Dependencies treebank.

    make parser TREEBANK=path/to/UD_English-EWT
    .venv/bin/python scripts/train_parser.py --treebank path/to/UD_English-EWT

Reads ``en_ewt-ud-{train,dev,test}.conllu`` from the treebank folder. The training data is
the train split plus the first 1,500 sentences of dev; the rest of dev picks the best
checkpoint; the test split is only scored, at the end. The config is ``scripts/parser.cfg``
(spaCy: tok2vec, tagger, morphologizer, dependency parser, rule lemmatizer whose tables come
from ``spacy-lookups-data`` at training time and are saved inside the pipeline).

Writes the pipeline to ``toolkit/models/en_ewt_parser/`` with the treebank's licence, an
attribution file and ``accuracy.json`` (test-set scores, size, load time, words per second).
Same treebank and config, same seed: the same model.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "scripts" / "parser.cfg"
OUT = ROOT / "toolkit" / "models" / "en_ewt_parser"
DEV_FOR_TRAINING = 1500

ATTRIBUTION = """\
# Attribution

The model in this folder was trained by the negotiation toolkit's `make parser`
(`scripts/train_parser.py`, config `scripts/parser.cfg`) on the Universal Dependencies
English Web Treebank (UD English-EWT). Source: {source}.

UD English-EWT annotations © 2013-2021 by The Board of Trustees of The Leland Stanford
Junior University, licensed under the Creative Commons Attribution-ShareAlike 4.0
International License (CC BY-SA 4.0, the file LICENSE beside this one). The underlying
texts come from the LDC English Web Treebank (LDC2012T13); some parts are in the public
domain, portions may be © 2012 Google Inc., © 2011 Yahoo! Inc., © 2012 Trustees of the
University of Pennsylvania and/or other original authors.

The trained weights derive from that treebank and are shared under the same licence,
CC BY-SA 4.0. The toolkit's own code is under its own licence (see the project README).

Please cite the treebank as:

    Natalia Silveira, Timothy Dozat, Marie-Catherine de Marneffe, Samuel Bowman,
    Miriam Connor, John Bauer and Christopher D. Manning. 2014. A Gold Standard
    Dependency Corpus for English. In Proceedings of LREC 2014.
"""


def _sentences(path: Path) -> list[str]:
    return [s for s in path.read_text(encoding="utf-8").strip().split("\n\n") if s.strip()]


def _to_spacy(conllu: list[str], path: Path) -> None:
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    docs = conllu_to_docs("\n\n".join(conllu) + "\n\n", n_sents=10, no_print=True)
    DocBin(docs=list(docs), store_user_data=False).to_disk(path)


def _measure(model: Path, test: Path) -> dict:
    import spacy
    from spacy.cli.evaluate import evaluate

    scores = evaluate(model, test, silent=True)
    start = time.perf_counter()
    nlp = spacy.load(model)
    load = time.perf_counter() - start
    conllu = _sentences(test.with_suffix(".conllu"))
    texts = [s.split("# text = ", 1)[1].split("\n", 1)[0] for s in conllu]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    seconds = time.perf_counter() - start
    size = sum(f.stat().st_size for f in model.rglob("*") if f.is_file())
    keep = ["tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las"]
    out = {k: round(float(scores[k]) * 100, 1) for k in keep if scores.get(k) is not None}
    out["las_per_type"] = {
        dep: round(float(v["f"]) * 100, 1)
        for dep, v in sorted((scores.get("dep_las_per_type") or {}).items())
        if dep in ("nsubj", "obj", "ccomp", "xcomp", "advcl", "acl:relcl", "conj", "obl:agent")
    }
    out.update(
        size_mb=round(size / 1e6, 1),
        load_s=round(load, 2),
        words_per_s=round(words / seconds),
        sentences_per_s=round(len(texts) / seconds),
        test_sentences=len(texts),
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebank", type=Path, required=True, help="the UD English-EWT folder")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the model goes ({OUT})")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (a temp dir)")
    parser.add_argument(
        "--trained",
        type=Path,
        default=None,
        help="a pipeline already trained with this config: score and install it, no training",
    )
    args = parser.parse_args(argv)
    files = {s: args.treebank / f"en_ewt-ud-{s}.conllu" for s in ("train", "dev", "test")}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        print(f"error: treebank files missing: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        import spacy_lookups_data  # noqa: F401
    except ImportError:
        print("error: training needs spacy-lookups-data — pip install '.[parser]'", file=sys.stderr)
        return 2
    from spacy.cli.train import train

    work = args.work or Path(tempfile.mkdtemp(prefix="parser-"))
    work.mkdir(parents=True, exist_ok=True)
    dev = _sentences(files["dev"])
    _to_spacy(_sentences(files["train"]) + dev[:DEV_FOR_TRAINING], work / "train.spacy")
    _to_spacy(dev[DEV_FOR_TRAINING:], work / "dev.spacy")
    _to_spacy(_sentences(files["test"]), work / "test.spacy")
    shutil.copy(files["test"], work / "test.conllu")
    best = args.trained
    if best is None:
        train(
            CONFIG,
            work / "output",
            overrides={
                "paths.train": str(work / "train.spacy"),
                "paths.dev": str(work / "dev.spacy"),
            },
        )
        best = work / "output" / "model-best"
    metrics = _measure(best, work / "test.spacy")
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(best, args.out)
    shutil.copy(args.treebank / "LICENSE.txt", args.out / "LICENSE")
    source = "as given to `make parser`"
    provenance = args.treebank / "PROVENANCE.md"
    if provenance.is_file():  # "- Source: the public repository …, commit …"
        lines = provenance.read_text(encoding="utf-8").splitlines()
        source = next((x.split(":", 1)[1].strip() for x in lines if "Source:" in x), source)
    (args.out / "ATTRIBUTION.md").write_text(ATTRIBUTION.format(source=source), encoding="utf-8")
    (args.out / "accuracy.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(metrics, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
