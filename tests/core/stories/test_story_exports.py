"""Story events in the CSV and TimelineJS exports."""

from __future__ import annotations

import csv
import io
import json

from timeline_app.core.formats.tabular import CSV_COLUMNS, to_csv
from timeline_app.core.formats.timelinejs import to_timelinejs
from timeline_app.core.model import DCT, Article, ArticleResult, DctOrigin
from timeline_app.core.pipeline import analyze

REPORTS = [
    ("2016-06-30", ("The central bank left rates unchanged on Monday. Three suicide bombers attacked "
                    "Istanbul's Ataturk airport on Tuesday, killing 41 people.")),
    ("2016-06-30", "The attack on Ataturk airport in Istanbul came on Wednesday, the minister said."),
    ("2016-06-30", "Suicide bombers struck Istanbul's Ataturk airport on Tuesday night."),
]


def results() -> list[ArticleResult]:
    out = []
    for n, (dct, text) in enumerate(REPORTS, start=1):
        a = Article(source=f"r{n}.txt", title=f"Paper {n}", text=text, dct=DCT(dct, DctOrigin.DATELINE))
        out.append(ArticleResult(source=a.source, article=a, analysis=analyze(a)))
    return out


def test_csv_has_story_rows_and_each_event_names_its_story() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(results()))))
    assert tuple(rows[0]) == CSV_COLUMNS
    events = [r for r in rows if r["source"]]
    stories = [r for r in rows if not r["source"]]
    assert [r["story"] for r in events] == ["", "s1", "s1", "s1"]  # Monday's rates are no story
    [story] = stories
    assert story["event_id"] == "s1" and story["sources"] == "3" and story["agreement"] == "disagree"
    assert story["members"] == "a1:e2 a2:e1 a3:e1" and story["interval_start"] == "2016-06-28T00:00:00"
    assert "Wed 29 Jun 2016" in story["explanation"]


def test_one_article_has_no_story_columns_filled() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(results()[:1]))))
    assert all(r["story"] == "" for r in rows)


def test_timelinejs_has_a_story_slide_with_every_source_sentence() -> None:
    doc = json.loads(to_timelinejs(results()))
    [slide] = [e for e in doc["events"] if e.get("group") == "Stories"]
    assert slide["unique_id"] == "s1"
    assert slide["start_date"] == {"year": 2016, "month": 6, "day": 28}
    assert slide["text"]["headline"].startswith("⚠ ") and "(3 sources)" in slide["text"]["headline"]
    assert slide["text"]["text"].count("<li>") == 3 and "Paper 2" in slide["text"]["text"]
    assert doc["title"]["text"]["text"] == "<p>4 events from 3 articles</p>"
