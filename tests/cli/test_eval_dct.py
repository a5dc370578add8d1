"""`timeline-app eval-dct PAGES_DIR DATES.json`: right / wrong / none, and the wrong pages' candidates."""

from __future__ import annotations

import json
from pathlib import Path

from timeline_app.cli import main

FIXTURES = Path(__file__).parents[1] / "core" / "ingest" / "fixtures"


def test_eval_dct_counts_and_lists_the_wrong_page(tmp_path: Path, capsys) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("clock_evening.html", "clock_published_updated.html", "no_date.html"):
        (pages / name).write_bytes((FIXTURES / name).read_bytes())
    dates = tmp_path / "dates.json"
    dates.write_text(json.dumps({"clock_evening.html": {"url": "https://x", "date": "2023-11-08"},
                                 "clock_published_updated.html": {"date": "2023-11-07"},
                                 "no_date.html": {"date": "2020-01-01"}}))
    assert main(["eval-dct", str(pages), str(dates), "--none"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "pages: 3  right: 1 (33.3 %)  wrong: 1  none: 1"
    assert "WRONG clock_published_updated.html: gold 2023-11-07, got 2023-11-06T18:58+00:00" in out
    assert "JSON-LD NewsArticle.datePublished" in out  # each candidate with its verdict
    assert "NONE no_date.html" in out


def test_eval_dct_bad_dates_file(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "dates.json"
    bad.write_text("[1, 2]")
    assert main(["eval-dct", str(tmp_path), str(bad)]) == 2
    assert "dates.json" in capsys.readouterr().err
