"""Command line: ``python -m toolkit {extract,evaluate,positions,report,reviews} ...``.

This is the one place that turns the toolkit's exceptions into messages and exit codes:
``error: FILE:LINE: what — fix`` on stderr and exit code 2 for bad input, a traceback and
exit code 1 for a bug. ``--debug`` shows the traceback for bad input too. Warnings (an empty
source file) are printed as ``warning: ...`` and the run goes on; Ctrl-C exits with 130,
leaving every output file as it was.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from .errors import ToolkitError

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m toolkit",
        description="What each negotiating party wants on each issue, with the quote that shows it.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for input errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser, paths_required: bool) -> None:
        p.add_argument(
            "paths",
            nargs="+" if paths_required else "*",
            metavar="PATH",
            help="source files or folders (.txt, .md)"
            + ("" if paths_required else "; default: the texts in seeds/"),
        )
        p.add_argument(
            "--codebook", metavar="FILE", help="codebook YAML (default: data/codebook.yaml)"
        )
        p.add_argument(
            "--reader",
            choices=("rules", "parse", "both"),
            default="both",
            help="who reads the holder of each cue: word order (rules), the dependency "
            "parse (parse), or word order corrected by the parse (both); default: both",
        )
        p.add_argument(
            "--processes", type=int, default=1, metavar="N", help="processes to extract with"
        )
        # SUPPRESS: without the flag here, keep what `python -m toolkit --debug CMD` set
        p.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )

    def reviews(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--reviews",
            metavar="FILE",
            help="reviews CSV: apply the analyst's decisions to the statements",
        )

    p = sub.add_parser("extract", help="write the statements table as CSV")
    common(p, paths_required=True)
    reviews(p)
    p.add_argument("--out", metavar="FILE", default="-", help="CSV file to write; - prints it")

    p = sub.add_parser("evaluate", help="score extraction against a gold CSV")
    common(p, paths_required=True)
    p.add_argument("--gold", metavar="FILE", required=True, help="gold CSV")

    p = sub.add_parser("positions", help="print each party's position per issue")
    common(p, paths_required=False)
    reviews(p)
    p.add_argument("--out", metavar="FILE", default="-", help="CSV file to write; - prints it")

    p = sub.add_parser("report", help="write the self-contained HTML report")
    common(p, paths_required=False)
    reviews(p)
    p.add_argument(
        "--gold",
        metavar="FILE",
        action="append",
        default=None,
        help="gold CSV to report extraction quality against (repeatable)",
    )
    p.add_argument(
        "--out", metavar="FILE", default="reports/report.html", help="HTML file to write"
    )

    p = sub.add_parser("reviews", help="the analyst's reviews file: progress, gold")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = actions.add_parser("status", help="progress per document and the stale decisions")
    q.add_argument("reviews", metavar="FILE", help="reviews CSV")
    common(q, paths_required=False)
    q = actions.add_parser("gold", help="write the documents marked complete as a gold CSV")
    q.add_argument("reviews", metavar="FILE", help="reviews CSV")
    common(q, paths_required=False)
    q.add_argument("--out", metavar="FILE", default="-", help="gold CSV to write; - prints it")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning
            return _run(args)
    except ToolkitError as exc:
        if args.debug:
            raise
        for line in str(exc).splitlines():  # one line per problem found
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `python -m toolkit extract ... | head`
        return 0
    except KeyboardInterrupt:
        print(
            "interrupted — an output file being written keeps its previous contents",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings as one line, ``warning: FILE: what``, without the code line that raised it."""
    print(f"warning: {message}", file=sys.stderr if file is None else file)


def _run(args: argparse.Namespace) -> int:
    from . import load_codebook, load_documents
    from ._io import write_atomic
    from .codebook import DEFAULT_CODEBOOK
    from .extract import extract

    codebook = load_codebook(args.codebook)
    # every file the run reads is an input, the default codebook included
    inputs = [*args.paths, args.codebook or DEFAULT_CODEBOOK]
    gold_paths = getattr(args, "gold", None) or []
    if isinstance(gold_paths, str):
        gold_paths = [gold_paths]
    inputs += gold_paths
    reviews_path = getattr(args, "reviews", None)
    if reviews_path:
        inputs.append(reviews_path)
    out = getattr(args, "out", "-")
    if out not in (None, "-"):
        from ._io import check_output

        check_output(out, inputs)  # refuse before doing the work
    reviews = None
    if reviews_path:
        from .reviews import load_reviews

        reviews = load_reviews(reviews_path, codebook)
    documents = load_documents(args.paths or None)
    if args.processes < 1:
        raise ToolkitError(
            f"--processes {args.processes}: needs at least one", fix="give 1 or more"
        )
    statements = extract(documents, codebook, reader=args.reader, n_process=args.processes)
    if args.command == "reviews":
        return _reviews(args.action, statements, reviews, documents, codebook, out, inputs)
    extracted = statements
    if reviews is not None:
        from .reviews import apply_reviews

        statements = apply_reviews(statements, reviews, documents, codebook)

    if args.command == "extract":
        return _emit_csv(statements, out, inputs)
    if args.command == "evaluate":
        from .evaluate import evaluate, load_gold

        gold = load_gold(gold_paths[0], codebook)
        result = evaluate(statements, gold, codebook, doc_ids=list(documents["doc_id"]))
        print(result.summary())
        return 0
    if args.command == "positions":
        from .positions import positions

        table = positions(statements, codebook)
        return _emit_csv(table.drop(columns=["evidence"]), out, inputs)
    if args.command == "report":
        from .report import build_report, terminal_summary

        golds = gold_paths or None
        html = build_report(
            documents, codebook, statements=statements, gold=golds, extracted=extracted
        )
        path = write_atomic(out, html, inputs=inputs)
        print(terminal_summary(statements, codebook))
        print(f"\nreport written to {path} ({path.stat().st_size / 1024:.0f} KiB)")
        return 0
    raise AssertionError(args.command)


def _reviews(action, statements, reviews, documents, codebook, out, inputs) -> int:
    from .errors import ReviewError
    from .reviews import review_progress, reviews_to_gold, stale_reviews

    path = reviews.attrs["path"]
    if action == "gold":
        gold = reviews_to_gold(statements, reviews, documents, codebook)
        if gold.empty:
            raise ReviewError(
                "no document is marked complete (or the complete ones hold no statement)",
                path=path,
                fix="in the review panel (05_review), mark a document complete once every "
                "statement in it is reviewed",
            )
        return _emit_csv(gold, out, inputs)
    progress = review_progress(statements, reviews, documents, codebook)
    stale = stale_reviews(reviews, documents, codebook)
    print(
        f"{int(progress['reviewed'].sum())} of {int(progress['statements'].sum())} statements "
        f"reviewed; {int(progress['complete'].sum())} of {len(progress)} documents complete"
    )
    for r in progress.itertuples(index=False):
        mark = "complete" if r.complete else ""
        print(f"  {_plain(r.doc_id)}: {r.reviewed} of {r.statements} reviewed  {mark}".rstrip())
    print(f"{len(stale)} stale decision(s): their sentence is no longer in the document's text")
    for r in stale.itertuples(index=False):
        what = " ".join(_plain(v) for v in (r.party, r.issue, r.option, r.polarity) if v)
        print(
            f"  {_plain(path)}:{r.line}: {r.decision} {what} in {_plain(r.doc_id)} "
            f"at {r.start}-{r.end} ({_plain(r.reviewer) or 'no reviewer'}, {_plain(r.timestamp)})"
        )
    return 0


def _plain(value) -> str:
    """``value`` with control characters shown as ``?`` (no escape sequence reaches a terminal)."""
    return "".join("?" if not c.isprintable() else c for c in str(value))


def _emit_csv(frame, out: str, inputs: list) -> int:
    from ._io import write_atomic

    text = frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    if out in (None, "-"):
        sys.stdout.write(text)
    else:
        path = write_atomic(out, text, inputs=inputs)
        print(f"{len(frame)} rows written to {Path(path)}", file=sys.stderr)
    return 0
