"""Issue 20, item 13: CSV, JSON and TimelineJS rows carry the whole sentence, the title and the URL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from timeline_app.core.formats.calendar import to_ics
from timeline_app.core.formats.tabular import to_csv, to_json
from timeline_app.core.formats.timelinejs import to_timelinejs_dict
from timeline_app.core.pipeline import process_file

PAGE = """<html><head><title>Talks in Geneva</title>
<link rel="canonical" href="https://news.example.org/2016/06/geneva-talks">
<meta property="article:published_time" content="2016-06-30T09:00:00Z"></head>
<body><article><h1>Talks in Geneva</h1>
<p>The delegations, which had not met since the spring, finally sat down together on Tuesday in a hotel
by the lake, officials said.</p></article></body></html>"""


def _page(tmp_path: Path) -> Path:
    path = tmp_path / "geneva.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_json_has_the_url_and_each_events_sentence(tmp_path: Path) -> None:
    article = json.loads(to_json([process_file(_page(tmp_path))]))["articles"][0]
    assert article["url"] == "https://news.example.org/2016/06/geneva-talks"
    assert article["title"] == "Talks in Geneva"
    event = article["events"][0]
    assert event["sentence"].startswith("The delegations, which had not met since the spring, finally sat")
    assert event["sentence"].endswith("officials said.") and len(event["sentence"]) > len(event["label"])


def test_csv_rows_have_sentence_title_and_url(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv([process_file(_page(tmp_path))]))))
    assert rows and rows[0]["title"] == "Talks in Geneva"
    assert rows[0]["url"] == "https://news.example.org/2016/06/geneva-talks"
    assert "by the lake" in rows[0]["sentence"]


def test_a_file_without_a_canonical_url_gives_its_file_url(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("By Reuters - Jun 30, 2016\nThe talks began on Tuesday in Geneva.\n", encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(to_csv([process_file(path)]))))
    assert rows[0]["url"] == path.absolute().as_uri()


def test_timelinejs_and_ics_link_the_article(tmp_path: Path) -> None:
    result = process_file(_page(tmp_path))
    slide = to_timelinejs_dict([result])["events"][0]
    assert 'href="https://news.example.org/2016/06/geneva-talks"' in slide["text"]["text"]
    assert "by the lake" in slide["text"]["text"]
    assert "URL:https://news.example.org/2016/06/geneva-talks" in to_ics([result]).replace("\r\n ", "")
