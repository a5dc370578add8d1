"""Issue 20, item 11: extract and export read .timeline projects, with the user's corrections and labels."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.core.pipeline import process_file
from timeline_app.core.project import save_project
from timeline_app.core.session import Session

TEXT = "By Reuters - Jun 30, 2016\nThe talks began on Tuesday in Geneva. They ended on Wednesday.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    article = tmp_path / "geneva.txt"
    article.write_text(TEXT, encoding="utf-8")
    s = Session()
    key = s.add_result(process_file(article))
    assert key is not None
    entry = s.entry(key)
    tuesday = next(t for t in entry.analysis.timexes if t.text == "Tuesday")
    s.set_value(key, tuesday, "2016-06-21")  # the user's correction: the Tuesday before
    s.add_event(key, TEXT.index("They ended"), TEXT.index("Wednesday."), "2016-06-29", label="talks end (mine)")
    path = tmp_path / "geneva.timeline"
    save_project(s, path)
    return path


def test_extract_reads_a_project_with_its_corrections(project: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    assert main(["extract", str(project), "-o", str(out)]) == 0, capsys.readouterr().err
    article = json.loads(out.read_text(encoding="utf-8"))["articles"][0]
    assert article["errors"] == []  # "binary file (NUL bytes), not an article" before
    values = {t["text"]: t["value"] for t in article["timexes"]}
    assert values["Tuesday"] == "2016-06-21"
    assert "talks end (mine)" in [e["label"] for e in article["events"]]


def test_export_draws_a_project(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = tmp_path / "fig.png"
    assert main(["export", str(project), "-o", str(out), "--width", "800", "--height", "400"]) == 0, \
        capsys.readouterr().err
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_damaged_project_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.timeline"
    bad.write_bytes(b"\0" * 4096)
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["extract", str(good), str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.timeline" in err and "Traceback" not in err
    articles = json.loads(out.read_text(encoding="utf-8"))["articles"]
    assert [bool(a["events"]) for a in articles] == [True, False]
