"""Execute notebooks in place and store their outputs, deterministically.

Used by ``make notebooks``. Each notebook runs in a fresh kernel from its own folder; then
timing metadata and execution timestamps are stripped so that re-running with the same
inputs gives the same bytes. A notebook is only replaced after it ran without error (written
to a temporary file and renamed), so a failed run never damages the committed one.

Notebooks are stored in the form JupyterLab saves them (nbformat 4.5, one-space indent, a
final newline, the kernel's own ``kernelspec`` and ``language_info``), so that opening and
saving one in JupyterLab changes nothing git can see (``tests/test_jupyterlab.py`` checks).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit._io import write_atomic  # noqa: E402


def clean(nb: nbformat.NotebookNode, kernelspec: dict) -> None:
    """Drop what changes from run to run (timings, execution metadata, widget state); keep
    what JupyterLab writes itself: the kernel's spec and its ``language_info``."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = kernelspec
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)
                # a widget view names a random model id and cannot render without the live
                # kernel; keep its text fallback so the stored notebook is deterministic
                out.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)


def run(path: Path, timeout: int) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    client.execute()  # records the kernel's language_info in nb.metadata
    spec = KernelSpecManager().get_kernel_spec("python3")
    clean(nb, {"display_name": spec.display_name, "language": spec.language, "name": "python3"})
    write_atomic(path, nbformat.writes(nb) + "\n", protected=(), force=True)
    print(f"executed {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        run(path, args.timeout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
