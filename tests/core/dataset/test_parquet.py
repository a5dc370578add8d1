"""The Parquet dataset: rows made from the extract JSON, read back unchanged; the density overview."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pyarrow", reason="datasets need the [scale] extra (pyarrow)")

from timeline_app.core.dataset.parquet import (
    DatasetError,
    is_dataset,
    prepare,
    read_articles_json,
    read_in_order,
    write_marker,
)
from timeline_app.core.dataset.part_writer import PartWriter
from timeline_app.core.dataset.query import density_of, open_dataset, result_from_json
from timeline_app.core.formats.tabular import article_json
from timeline_app.core.model import ArticleResult
from timeline_app.core.pipeline import process_file

ROOT = Path(__file__).resolve().parents[3]
INGEST = ROOT / "tests" / "core" / "ingest" / "fixtures"


def inputs() -> list[Path]:
    return [ROOT / "seeds" / "syria.txt", *sorted(INGEST.glob("*.html")), INGEST / "sample.tml"]


def write(root: Path, articles: list[dict], per_part: int = 2) -> None:
    prepare(root)
    for part in range(0, len(articles), per_part):
        writer = PartWriter(root, part // per_part)
        for i in range(part, min(part + per_part, len(articles))):
            writer.add(i, articles[i])
        writer.close()
    write_marker(root, {"engine": "test", "articles": len(articles)})


def test_round_trip_gives_the_extract_json_back(tmp_path: Path) -> None:
    articles = [article_json(process_file(p)) for p in inputs()]
    articles.append(article_json(ArticleResult(source="gone.txt", article=None,
                                               errors=("gone.txt: no such file",))))
    assert sum(len(a["timexes"]) for a in articles) > 20  # the fixtures exercise real rows
    write(tmp_path / "ds", articles)
    assert is_dataset(tmp_path / "ds")
    back = read_articles_json(tmp_path / "ds")
    # Through JSON, as a line of `extract --format jsonl` would be compared.
    assert json.loads(json.dumps(back)) == json.loads(json.dumps(articles))
    table = read_in_order(tmp_path / "ds", "articles")
    assert table["id"].to_pylist() == list(range(len(articles)))
    assert table["text_length"].to_pylist()[0] == len(articles[0]["text"])
    assert table["errors"].to_pylist()[-1] == ["gone.txt: no such file"]


def test_an_article_comes_back_as_the_result_it_was(tmp_path: Path) -> None:
    result = process_file(ROOT / "seeds" / "syria.txt")
    write(tmp_path / "ds", [article_json(result)])
    (back,) = open_dataset(tmp_path / "ds").load([0])
    assert back.article is not None and result.article is not None
    assert back.article.text == result.article.text
    assert back.article.dct == result.article.dct
    assert back.analysis.events == result.analysis.events
    assert [t.to_json() for t in back.analysis.timexes] == [t.to_json() for t in result.analysis.timexes]
    assert result_from_json(article_json(result)).analysis.events == result.analysis.events
    page = process_file(INGEST / "meta_article.html")  # a web page: its DCT carries the evidence weighed
    again = result_from_json(article_json(page))
    assert again.article is not None and page.article is not None
    assert again.article.dct is not None and again.article.dct.to_json() == page.article.dct.to_json()


def test_a_folder_holding_other_files_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DatasetError, match="not empty"):
        prepare(tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_unfinished_part_is_not_read(tmp_path: Path) -> None:
    articles = [article_json(process_file(ROOT / "seeds" / "syria.txt"))]
    write(tmp_path / "ds", articles)
    writer = PartWriter(tmp_path / "ds", 7)  # a worker that died while writing partition 7
    writer.add(5, articles[0])
    assert len(read_articles_json(tmp_path / "ds")) == 1
    writer.abort()
    assert not list((tmp_path / "ds").rglob("*.tmp"))


def test_density_counts_day_events_on_their_day_and_spreads_coarse_ones() -> None:
    day = 86_400_000_000
    starts = np.array([0, 0, 2 * day, 0], dtype=np.int64)
    ends = np.array([day, day, 3 * day, 4 * day], dtype=np.int64)  # the last spans four days
    d = density_of(starts, ends)
    assert d.first_day == 0
    assert d.counts.tolist() == pytest.approx([2.25, 0.25, 1.25, 0.25])
    assert d.total == pytest.approx(4.0)
    assert density_of(np.zeros(0, np.int64), np.zeros(0, np.int64)).total == 0


def test_binned_density_keeps_the_unit_and_the_total() -> None:
    day = 86_400_000_000
    starts = np.arange(10, dtype=np.int64) * day  # one event on each of ten days, three on day 4
    starts = np.concatenate([starts, np.full(2, 4 * day)])
    d = density_of(starts, starts + day)
    edges, values = d.binned(0, 10 * 86_400, max_bins=4)  # 10 days in bins of 3: 3, 3, 3, 1
    assert edges.tolist() == [0, 3 * 86_400, 6 * 86_400, 9 * 86_400, 10 * 86_400]
    assert values.tolist() == pytest.approx([1.0, 5 / 3, 1.0, 1.0])  # mean events per day
    assert float((values * np.diff(edges) / 86_400).sum()) == pytest.approx(d.total)
    edges, values = d.binned(2 * 86_400, 5 * 86_400, max_bins=100)  # zoomed in: one bin a day
    assert values.tolist() == [1.0, 1.0, 3.0]
    assert d.binned(50 * 86_400, 60 * 86_400, 10)[1].size == 0  # outside the data
