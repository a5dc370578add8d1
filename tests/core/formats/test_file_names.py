"""Issue 20, item 8: a file name that is not UTF-8 is kept in every output, which stays valid UTF-8."""

from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.core.formats import FORMATS
from timeline_app.core.formats.tabular import to_json
from timeline_app.core.pipeline import process_file

TEXT = "By Reuters - Jun 30, 2016\nThe talks began on Tuesday in Geneva. They ended on Wednesday.\n"
RAW = b"bad-\xff\xfe.txt"

pytestmark = pytest.mark.skipif(sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8",
                                reason="needs POSIX byte file names with a UTF-8 file system encoding")


@pytest.fixture
def bad_name(tmp_path: Path) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), RAW)))
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", sorted(f for f in FORMATS if f != "parquet"))
def test_every_format_writes_valid_utf8(bad_name: Path, fmt: str) -> None:
    result = process_file(bad_name)
    assert result.errors == () and result.analysis.events
    text = FORMATS[fmt].write([result])
    text.encode("utf-8")  # raised UnicodeEncodeError before (JSON, JSONL, ICS, TimelineJS)
    assert "bad-" in text


def test_json_keeps_the_exact_name_in_source_bytes(bad_name: Path) -> None:
    article = json.loads(to_json([process_file(bad_name)]))["articles"][0]
    assert article["source"].endswith("bad-\\xff\\xfe.txt")
    assert base64.b64decode(article["source_bytes"]) == os.fsencode(bad_name)
    bad_name.with_name("good.txt").write_text(TEXT, encoding="utf-8")
    good = json.loads(to_json([process_file(bad_name.with_name("good.txt"))]))["articles"][0]
    assert "source_bytes" not in good  # only names that need it


def test_extract_o_with_such_a_name_loses_nothing(bad_name: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["extract", str(good), str(bad_name), "-o", str(out)]) == 0, capsys.readouterr().err
    articles = json.loads(out.read_bytes().decode("utf-8"))["articles"]
    assert len(articles) == 2 and all(a["events"] for a in articles)
