"""The one place that finds shipped data files (rules, icons, styles, sample articles).

Installed from a wheel, they live inside the package (``timeline_app/_resources``,
``timeline_app/_seeds``, put there by the build); in a source checkout or an editable install
they are the top-level ``resources/`` and ``seeds/`` folders; in a PyInstaller bundle they are
under ``sys._MEIPASS``. Nothing is looked up relative to the current directory.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _root(packaged: str, checkout: str) -> Path:
    candidates = [_PACKAGE / packaged, _PACKAGE.parent / checkout]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "timeline_app" / packaged)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the {checkout}/ folder (looked in {', '.join(map(str, candidates))})")


def resource_path(*parts: str) -> Path:
    """Path of a file or folder under ``resources/``."""
    return _root("_resources", "resources").joinpath(*parts)


def seed_path(*parts: str) -> Path:
    """Path of a sample article under ``seeds/``."""
    return _root("_seeds", "seeds").joinpath(*parts)


def default_article() -> Path:
    """The article the app opens when started with no file."""
    return seed_path("syria.txt")
