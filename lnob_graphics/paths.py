"""Where the bundled templates and fonts live.

In a wheel they are inside the package (``lnob_graphics/_bundled/``, see the
``force-include`` in pyproject.toml); in a source checkout or an editable install
they sit at the top of the repository, next to the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def bundled_dir(name: str) -> Path:
    """Return the folder of bundled resources called ``name`` ("templates" or "fonts")."""
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"bundled folder {name!r} not found next to {_PACKAGE}; the installation is incomplete"
    )


def data_file(name: str) -> Path:
    """A data file shipped inside the package (goal themes, labels)."""
    return _PACKAGE / "data" / name
