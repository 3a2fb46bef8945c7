"""Command line: ``python -m toolkit {extract,evaluate,positions,report} ...``.

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
        # SUPPRESS: without the flag here, keep what `python -m toolkit --debug CMD` set
        p.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )

    p = sub.add_parser("extract", help="write the statements table as CSV")
    common(p, paths_required=True)
    p.add_argument("--out", metavar="FILE", default="-", help="CSV file to write; - prints it")

    p = sub.add_parser("evaluate", help="score extraction against a gold CSV")
    common(p, paths_required=True)
    p.add_argument("--gold", metavar="FILE", required=True, help="gold CSV")

    p = sub.add_parser("positions", help="print each party's position per issue")
    common(p, paths_required=False)
    p.add_argument("--out", metavar="FILE", default="-", help="CSV file to write; - prints it")

    p = sub.add_parser("report", help="write the self-contained HTML report")
    common(p, paths_required=False)
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
    out = getattr(args, "out", "-")
    if out not in (None, "-"):
        from ._io import check_output

        check_output(out, inputs)  # refuse before doing the work
    documents = load_documents(args.paths or None)
    statements = extract(documents, codebook)

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
        html = build_report(documents, codebook, statements=statements, gold=golds)
        path = write_atomic(out, html, inputs=inputs)
        print(terminal_summary(statements, codebook))
        print(f"\nreport written to {path} ({path.stat().st_size / 1024:.0f} KiB)")
        return 0
    raise AssertionError(args.command)


def _emit_csv(frame, out: str, inputs: list) -> int:
    from ._io import write_atomic

    text = frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    if out in (None, "-"):
        sys.stdout.write(text)
    else:
        path = write_atomic(out, text, inputs=inputs)
        print(f"{len(frame)} rows written to {Path(path)}", file=sys.stderr)
    return 0
