"""Writing and reading the Parquet dataset (layout and columns in :mod:`.schema`).

Each partition of the input writes its own ``part-NNNNN.parquet`` in each table's folder
(:mod:`.part_writer`). The marker file is written last, by the process that started the run:
a folder without it is an unfinished dataset.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from . import MARKER, is_dataset  # noqa: F401 - is_dataset belongs with the rest of the face
from .schema import SCHEMA_VERSION, SCHEMAS, TABLES


class DatasetError(Exception):
    """A folder that is not a readable dataset; the message names it."""


def part_name(partition: int) -> str:
    return f"part-{partition:05d}.parquet"


def write_marker(root: str | Path, info: Mapping[str, Any]) -> None:
    """Mark the folder a finished dataset, with what made it."""
    path = Path(root) / MARKER
    data = {"format": "timeline-app dataset", "version": SCHEMA_VERSION, **info}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def prepare(root: str | Path) -> Path:
    """Make an empty dataset folder; refuses one holding something else (user data is never overwritten)."""
    path = Path(root)
    if path.exists() and not path.is_dir():
        raise DatasetError(f"{path}: exists and is not a folder")
    if path.is_dir():
        foreign = [p.name for p in path.iterdir() if p.name not in (*TABLES, MARKER)]
        if foreign:
            raise DatasetError(f"{path}: not empty and not a dataset (holds {', '.join(sorted(foreign)[:3])})")
        for name in TABLES:  # an earlier dataset here is replaced: drop its parts first
            for part in [*(path / name).glob("*.parquet"), *(path / name).glob(".*.tmp")]:
                part.unlink()
        (path / MARKER).unlink(missing_ok=True)
    path.mkdir(parents=True, exist_ok=True)
    return path


def info(root: str | Path) -> dict[str, Any]:
    path = Path(root) / MARKER
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{root}: not a timeline-app dataset ({exc})") from None


def table_dataset(root: str | Path, name: str) -> pads.Dataset:
    """One table of the dataset as a pyarrow dataset (nothing read yet)."""
    folder = Path(root) / name
    if not folder.is_dir():
        raise DatasetError(f"{root}: no {name}/ folder: not a timeline-app dataset")
    return pads.dataset(folder, format="parquet", schema=SCHEMAS[name])


def read_table(root: str | Path, name: str, columns: list[str] | None = None,
               filter: pads.Expression | None = None) -> pa.Table:
    """Read (some columns of) one table, in input order (parts are named by partition)."""
    try:
        return table_dataset(root, name).to_table(columns=columns, filter=filter)
    except (OSError, pa.ArrowInvalid) as exc:
        raise DatasetError(f"{root}: cannot read {name}/ ({exc})") from None


def read_in_order(root: str | Path, name: str, columns: list[str] | None = None) -> pa.Table:
    """One table with its rows exactly in input order: part by part, each file in its own order."""
    parts = sorted((Path(root) / name).glob("part-*.parquet"))
    if not parts:
        return SCHEMAS[name].empty_table() if columns is None else SCHEMAS[name].empty_table().select(columns)
    try:
        return pa.concat_tables(pq.read_table(p, columns=columns, schema=SCHEMAS[name]) for p in parts)
    except (OSError, pa.ArrowInvalid) as exc:
        raise DatasetError(f"{root}: cannot read {name}/ ({exc})") from None


def read_articles_json(root: str | Path) -> list[dict[str, Any]]:
    """Every article as its ``article_json`` dict, in input order (for checks and small datasets)."""
    from .schema import article_json_from_rows

    tables = {name: read_in_order(root, name).to_pylist() for name in TABLES}
    by_article: dict[str, dict[int, list[dict[str, Any]]]] = {"timexes": {}, "events": {}}
    for name in ("timexes", "events"):
        for row in tables[name]:
            by_article[name].setdefault(row["article_id"], []).append(row)
    articles = sorted(tables["articles"], key=lambda r: r["id"])
    return [article_json_from_rows(a, by_article["timexes"].get(a["id"], []), by_article["events"].get(a["id"], []))
            for a in articles]
