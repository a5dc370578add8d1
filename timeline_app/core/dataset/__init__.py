"""Archives as Parquet datasets: the tables and their rows, writing (in this process or on a Dask
cluster), and reading them back for the app. Everything but :func:`is_dataset` needs pyarrow
(the ``[scale]`` extra), so it is imported from the modules themselves, never from here."""

from __future__ import annotations

from pathlib import Path

MARKER = "_dataset.json"


def is_dataset(path: str | Path) -> bool:
    """Whether ``path`` is a finished dataset folder (the writer puts the marker file in last)."""
    p = Path(path)
    return p.is_dir() and (p / MARKER).is_file()
