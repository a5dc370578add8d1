"""``extract --format parquet`` in this process, and the options of the dataset engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="datasets need the [scale] extra (pyarrow)")

from timeline_app.cli import main
from timeline_app.core.dataset.parquet import info, read_articles_json

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "syria.txt"


def test_format_parquet_writes_the_rows_of_format_jsonl(tmp_path: Path) -> None:
    html = ROOT / "tests" / "core" / "ingest" / "fixtures" / "meta_article.html"
    assert main(["extract", "--format", "jsonl", "-o", str(tmp_path / "a.jsonl"), str(SEED), str(html)]) == 0
    assert main(["extract", "--format", "parquet", "-o", str(tmp_path / "ds"), str(SEED), str(html)]) == 0
    lines = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert read_articles_json(tmp_path / "ds") == lines
    assert info(tmp_path / "ds")["engine"] == "local"


@pytest.mark.parametrize(("argv", "message"), [
    (["--format", "parquet"], "give it with -o DATASET/"),
    (["--engine", "dask"], "give it with -o DATASET/"),
    (["--engine", "dask", "--format", "csv", "-o", "x"], "writes Parquet, not --format csv"),
    (["--workers", "2", "-o", "x.json"], "--workers only apply to --engine dask"),
    (["--engine", "dask", "--scheduler", "tcp://h:8786", "--workers", "2", "-o", "x"], "with --scheduler"),
    (["--engine", "dask", "--partitions", "0", "-o", "x"], "--partitions must be at least 1"),
])
def test_options_that_do_not_fit_are_refused(argv: list[str], message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", *argv, str(SEED)]) == 2
    assert message in capsys.readouterr().err


def test_a_folder_of_other_files_is_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    assert main(["extract", "--format", "parquet", "-o", str(tmp_path), str(SEED)]) == 2
    assert "not empty and not a dataset" in capsys.readouterr().err
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"
