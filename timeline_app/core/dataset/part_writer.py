"""One partition's rows written as it goes: a row group every few hundred articles, so a worker's
memory stays flat however large its partition; the three files appear under their final names
only when the partition is complete (temporary name, then rename), so a retried task leaves one
whole file and a dead one leaves none that a reader would take."""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from .parquet import part_name
from .schema import SCHEMAS, TABLES, Rows

# A row group per 100 articles: a search pulling 30 articles into lanes reads at most 30 of them,
# while scans of a whole column (the overview, the search) stay in large enough pieces.
ROW_GROUP_ARTICLES = 100


class PartWriter:
    def __init__(self, root: str | Path, partition: int) -> None:
        self.root = Path(root)
        self.partition = partition
        self.counts = dict.fromkeys(TABLES, 0)
        self._rows = Rows()
        self._tmp: dict[str, Path] = {}
        self._writers: dict[str, pq.ParquetWriter] = {}
        tag = uuid.uuid4().hex
        for name in TABLES:
            folder = self.root / name
            folder.mkdir(parents=True, exist_ok=True)
            self._tmp[name] = folder / f".{part_name(partition)}.{tag}.tmp"
            self._writers[name] = pq.ParquetWriter(self._tmp[name], SCHEMAS[name], compression="zstd")

    def add(self, ordinal: int, article: Mapping[str, Any]) -> None:
        self._rows.add(ordinal, article)
        if len(self._rows) >= ROW_GROUP_ARTICLES:
            self._flush()

    def _flush(self) -> None:
        if not len(self._rows):
            return
        for name, table in self._rows.tables().items():
            self._writers[name].write_table(table)
            self.counts[name] += table.num_rows
        self._rows = Rows()

    def close(self) -> dict[str, int]:
        """Finish the three files and move them into place; returns the rows of each table."""
        self._flush()
        for name in TABLES:
            self._writers[name].close()
        for name in TABLES:
            os.replace(self._tmp[name], self.root / name / part_name(self.partition))
        return dict(self.counts)

    def abort(self) -> None:
        for name in TABLES:
            try:
                self._writers[name].close()
            finally:
                self._tmp[name].unlink(missing_ok=True)
