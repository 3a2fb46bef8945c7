"""Command line: ``python -m toolkit {extract,evaluate,positions,report,reviews} ...``.

This is the one place that turns the toolkit's exceptions into messages and exit codes:
``error: FILE:LINE: what — fix`` on stderr and exit code 2 for bad input, a traceback and
exit code 1 for a bug. ``--debug`` shows the traceback for bad input too. Warnings (an empty
source file) are printed as ``warning: ...`` and the run goes on; Ctrl-C exits with 130,
leaving every output file as it was.

Every message is one line with its non-printable characters escaped (a file name holding a
terminal escape sequence or a line break shows as ``\\x1b[2J`` or ``\\n``); so is what goes to
standard output when it is a terminal. Standard output that fails (a full disk) is an error
like any other.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from .errors import OutputError, ToolkitError, printable

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
#: Where ``report`` writes without ``--out``.
REPORT = "reports/report.html"
#: What each command writes with ``--out``: (allowed suffixes, what it is, an example name).
_OUTPUTS = {
    "extract": ((".csv",), "the statements table is CSV", "statements.csv"),
    "positions": ((".csv",), "the positions table is CSV", "positions.csv"),
    "report": ((".html", ".htm"), "the report is HTML", REPORT),
    "reviews": ((".csv",), "the gold file is CSV", "gold.csv"),
}


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
        p.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="date of every source that has none (no `date:` front-matter, no entry in a "
            "sources.yaml beside it or in data/sources.yaml)",
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

    def output(p: argparse.ArgumentParser, default: str, what: str) -> None:
        p.add_argument("--out", metavar="FILE", default=default, help=what)
        p.add_argument(
            "--force",
            action="store_true",
            help="replace the --out file even if the toolkit did not write it (never an input, "
            "a gold file, or a file in seeds/ or data/gold/)",
        )

    p = sub.add_parser("extract", help="write the statements table as CSV")
    common(p, paths_required=True)
    reviews(p)
    output(p, "-", "CSV file to write (.csv); - or no --out prints it")

    p = sub.add_parser("evaluate", help="score extraction against a gold CSV")
    common(p, paths_required=True)
    p.add_argument("--gold", metavar="FILE", required=True, help="gold CSV")

    p = sub.add_parser("positions", help="print each party's position per issue")
    common(p, paths_required=False)
    reviews(p)
    output(p, "-", "CSV file to write (.csv); - or no --out prints it")

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
    output(
        p,
        REPORT,
        f"HTML file to write (.html); default: {REPORT}, in the folder the command is run from",
    )

    p = sub.add_parser("reviews", help="the analyst's reviews file: progress, gold")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = actions.add_parser("status", help="progress per document and the stale decisions")
    q.add_argument("reviews", metavar="FILE", help="reviews CSV")
    common(q, paths_required=False)
    q = actions.add_parser("gold", help="write the documents marked complete as a gold CSV")
    q.add_argument("reviews", metavar="FILE", help="reviews CSV")
    common(q, paths_required=False)
    output(q, "-", "gold CSV to write (.csv); - or no --out prints it")
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
            _error(f"error: {line}")
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `python -m toolkit extract ... | head`
        _detach_stdout()
        return 0
    except KeyboardInterrupt:
        _error("interrupted — an output file being written keeps its previous contents")
        return EXIT_INTERRUPTED


def _error(line: str) -> None:
    print(printable(line), file=sys.stderr)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings as one line, ``warning: FILE: what``, without the code line that raised it."""
    print(printable(f"warning: {message}"), file=sys.stderr if file is None else file)


def _print(text: str, data: bool = False) -> None:
    """Write ``text`` and a newline to standard output with its control characters escaped
    (``data``, such as a CSV table, only on a terminal: a file or a pipe gets it exact); a
    failed write (a full disk) is an :class:`OutputError`."""
    if not data or sys.stdout.isatty():
        text = "\n".join(printable(line) for line in text.split("\n"))
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _detach_stdout()
        raise OutputError(
            f"cannot write: {exc.strerror or exc}",
            path="standard output",
            fix="free some disk space, or write to a file with --out",
        ) from None


def _detach_stdout() -> None:
    """Point standard output at the null device, so that Python's final flush of what is left
    in its buffer cannot fail again (and print a traceback) on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file behind stdout (a test's capture)
        pass


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
    force = getattr(args, "force", False)
    if out not in (None, "-"):
        from ._io import check_output

        check_output(out, inputs, force=force)  # refuse before doing the work
        _check_suffix(out, args.command)
    reviews = None
    if reviews_path:
        from .reviews import load_reviews

        reviews = load_reviews(reviews_path, codebook)
    documents = load_documents(args.paths or None, date=args.date)
    if args.processes < 1:
        raise ToolkitError(
            f"--processes {args.processes}: needs at least one", fix="give 1 or more"
        )
    statements = extract(documents, codebook, reader=args.reader, n_process=args.processes)
    if args.command == "reviews":
        return _reviews(args.action, statements, reviews, documents, codebook, out, inputs, force)
    extracted = statements
    if reviews is not None:
        from .reviews import apply_reviews

        statements = apply_reviews(statements, reviews, documents, codebook)

    if args.command == "extract":
        return _emit_csv(statements, out, inputs, force)
    if args.command == "evaluate":
        from .evaluate import evaluate, load_gold

        gold = load_gold(gold_paths[0], codebook)
        result = evaluate(statements, gold, codebook, doc_ids=list(documents["doc_id"]))
        _print(result.summary())
        return 0
    if args.command == "positions":
        from .positions import positions

        table = positions(statements, codebook)
        return _emit_csv(table.drop(columns=["evidence"]), out, inputs, force)
    if args.command == "report":
        from .report import build_report, terminal_summary

        golds = gold_paths or None
        html = build_report(
            documents, codebook, statements=statements, gold=golds, extracted=extracted
        )
        path = write_atomic(out, html, inputs=inputs, force=force)
        _print(terminal_summary(statements, codebook))
        _print(f"\nreport written to {path} ({path.stat().st_size / 1024:.0f} KiB)")
        return 0
    raise AssertionError(args.command)


def _reviews(action, statements, reviews, documents, codebook, out, inputs, force) -> int:
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
        return _emit_csv(gold, out, inputs, force)
    progress = review_progress(statements, reviews, documents, codebook)
    stale = stale_reviews(reviews, documents, codebook)
    _print(
        f"{int(progress['reviewed'].sum())} of {int(progress['statements'].sum())} statements "
        f"reviewed; {int(progress['complete'].sum())} of {len(progress)} documents complete"
    )
    for r in progress.itertuples(index=False):
        mark = "complete" if r.complete else ""
        _print(f"  {printable(r.doc_id)}: {r.reviewed} of {r.statements} reviewed  {mark}".rstrip())
    _print(f"{len(stale)} stale decision(s): their sentence is no longer in the document's text")
    for r in stale.itertuples(index=False):
        what = " ".join(printable(v) for v in (r.party, r.issue, r.option, r.polarity) if v)
        _print(
            f"  {printable(path)}:{r.line}: {r.decision} {what} in {printable(r.doc_id)} "
            f"at {r.start}-{r.end} ({printable(r.reviewer) or 'no reviewer'}, {printable(r.timestamp)})"
        )
    return 0


def _check_suffix(out: str, command: str) -> None:
    """``report --out x.csv`` would put HTML in a .csv file: refuse a name that lies."""
    suffixes, what, example = _OUTPUTS[command]
    suffix = Path(out).suffix.lower()
    if suffix not in suffixes:
        ending = f"ends in {suffix}" if suffix else "has no file-type ending"
        raise OutputError(
            f"{what}, but the output name {ending}",
            path=out,
            fix=f"name it {suffixes[0]}, e.g. {example}",
        )


def _emit_csv(frame, out: str, inputs: list, force: bool) -> int:
    from ._io import csv_text, write_atomic

    text = csv_text(frame)
    if out in (None, "-"):
        _print(text.removesuffix("\n"), data=True)
    else:
        path = write_atomic(out, text, inputs=inputs, force=force)
        _error(f"{len(frame)} rows written to {Path(path)}")
    return 0
