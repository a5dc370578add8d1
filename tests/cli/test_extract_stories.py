"""``extract`` with several articles adds ``stories`` (GUIDE §5): members as aN:eM, agreement."""

from __future__ import annotations

import json
from pathlib import Path

from timeline_app.cli import main

REPORTS = [
    ("ROME, Aug. 24, 2016 (AP) — A magnitude 6.2 earthquake struck central Italy early on Wednesday, "
     "killing at least 38 people in the mountain town of Amatrice."),
    ("ROME, Aug. 24, 2016 (AP) — The central bank left its rates unchanged on Monday.\n\n"
     "A powerful earthquake hit the town of Amatrice in central Italy on Wednesday."),
    ("ROME, Aug. 25, 2016 (AP) — The earthquake that flattened much of Amatrice on Wednesday killed "
     "at least 120 people, Italian officials said."),
]


def _files(tmp_path: Path, texts: list[str]) -> list[str]:
    paths = []
    for n, text in enumerate(texts, start=1):
        p = tmp_path / f"r{n}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def test_stories_of_several_articles(tmp_path: Path, capsys) -> None:
    assert main(["extract", *_files(tmp_path, REPORTS)]) == 0
    data = json.loads(capsys.readouterr().out)
    [story] = data["stories"]
    assert story["id"] == "s1"
    assert story["events"] == ["a1:e1", "a2:e2", "a3:e1"]
    assert story["agreement"] == "agree" and story["sources"] == 3
    assert story["interval"] == {"start": "2016-08-24T00:00:00", "end": "2016-08-25T00:00:00"}
    assert "earthquake" in story["label"]


def test_one_article_has_no_stories(tmp_path: Path, capsys) -> None:
    assert main(["extract", *_files(tmp_path, REPORTS[:1])]) == 0
    assert "stories" not in json.loads(capsys.readouterr().out)


def test_a_failed_file_keeps_its_place_in_the_numbering(tmp_path: Path, capsys) -> None:
    paths = _files(tmp_path, REPORTS)
    assert main(["extract", str(tmp_path / "missing.txt"), *paths]) == 2
    data = json.loads(capsys.readouterr().out)
    # the missing file is reported after the others, so the three reports are still a1..a3
    assert data["stories"][0]["events"] == ["a1:e1", "a2:e2", "a3:e1"]


def test_streamed_csv_ends_with_the_story_rows(tmp_path: Path, capsys) -> None:
    import csv
    import io

    paths = _files(tmp_path, REPORTS)
    for jobs in ("1", "2"):  # members come back from worker processes too
        assert main(["extract", "--format", "csv", "-j", jobs, *paths]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        events = [r for r in rows if r["source"]]
        stories = [r for r in rows if not r["source"]]
        assert rows[-len(stories):] == stories  # after every event row
        [story] = stories
        assert story["event_id"] == story["story"] == "s1"
        assert story["members"] == "a1:e1 a2:e2 a3:e1" and story["sources"] == "3"
        assert "earthquake" in story["label"] and story["interval_start"] == "2016-08-24T00:00:00"
        assert all(r["story"] == "" for r in events)  # streamed: the event rows went out before the merge
    assert main(["extract", "--format", "csv", paths[0]]) == 0
    assert all(r["source"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out)))
