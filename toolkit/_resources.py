"""Files shipped inside the package, found with :mod:`importlib.resources`.

The default codebook, the seed texts, their metadata and the seed's gold travel in the
wheel, so an installed toolkit (``pip install .``) runs ``python -m toolkit report`` from any
folder. In a checkout, ``toolkit/data`` and ``toolkit/seeds`` are symbolic links to the
project's ``data/`` and ``seeds/``: the files people edit stay where the docs say they are,
and ``pyproject.toml``'s package-data copies the ones the toolkit needs into the wheel.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["packaged"]


def packaged(*parts: str) -> Path:
    """The real path of a file or folder shipped in the package, e.g. ``packaged("seeds")``.

    Resolved, so that in a checkout it names the file under ``data/`` or ``seeds/`` itself.
    """
    return Path(files("toolkit").joinpath(*parts)).resolve()
