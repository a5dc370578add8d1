"""`timeline-app extract` per the JSON contract (GUIDE §5), its formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from timeline_app.cli import main
from timeline_app.resources import default_article

SEED = str(default_article())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, SEED)
    assert code == 0 and err == ""
    [article] = json.loads(out)["articles"]
    assert set(article) >= {"source", "title", "dct", "text", "timexes", "events", "errors"}
    assert article["dct"]["value"] == "2016-06-30" and article["dct"]["origin"] == "dateline"
    assert article["text"] == Path(SEED).read_text(encoding="utf-8")
    for t in article["timexes"]:
        assert set(t) >= {"id", "start", "end", "text", "type", "value", "mod", "anchor", "interval",
                          "granularity", "rule", "explanation"}
        assert article["text"][t["start"]:t["end"]] == t["text"]
    tuesday = next(t for t in article["timexes"] if t["text"] == "Tuesday")
    assert tuesday["value"] == "2016-06-28" and tuesday["anchor"] == "dct"
    assert tuesday["interval"] == {"start": "2016-06-28T00:00:00", "end": "2016-06-29T00:00:00"}
    assert tuesday["granularity"] == "day" and tuesday["rule"] == "weekday"
    for e in article["events"]:
        assert set(e) >= {"id", "label", "start", "end", "timex", "interval"}
    assert article["errors"] == []


def test_dct_override(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--dct", "2016-07-07", SEED)
    article = json.loads(out)["articles"][0]
    assert code == 0 and article["dct"]["value"] == "2016-07-07" and article["dct"]["origin"] == "user"
    assert next(t for t in article["timexes"] if t["text"] == "Tuesday")["value"] == "2016-07-05"


def test_bad_dct_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--dct", "yesterday", SEED)
    assert code == 2 and "--dct" in err


def test_crlf_text_offsets_index_the_text_as_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"WASHINGTON, March 22, 2013 (AP) \xe2\x80\x94 \r\nTalks ended on Tuesday.\r\n")
    _code, out, _ = run(capsys, str(path))
    article = json.loads(out)["articles"][0]
    assert "\r" not in article["text"] and article["dct"]["value"] == "2013-03-22"
    t = next(t for t in article["timexes"] if t["text"] == "Tuesday")
    assert article["text"][t["start"]:t["end"]] == "Tuesday" and t["value"] == "2013-03-19"


def test_no_dct_leaves_deictic_expressions_unresolved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("The rebels attacked on Tuesday and withdrew last week.\n", encoding="utf-8")
    code, out, _ = run(capsys, str(path))
    article = json.loads(out)["articles"][0]
    assert code == 0 and article["dct"] is None
    assert [(t["text"], t["value"]) for t in article["timexes"]] == [("Tuesday", None), ("last week", None)]
    assert article["events"] == []


def test_jsonl_one_line_per_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "jsonl", SEED, SEED)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2 and all(json.loads(x)["source"] == SEED for x in lines)


def test_csv_one_row_per_event(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "csv", SEED)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 8
    assert rows[0]["value"] == "2016-06-28" and rows[0]["timex_text"] == "Tuesday"


def test_timeml_is_well_formed_with_dct_and_inline_timex3(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "timeml", SEED)
    root = ElementTree.fromstring(out.encode("utf-8"))
    assert code == 0
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("value") == "2016-06-30"
    timexes = root.findall("TEXT/TIMEX3")
    assert {t.text for t in timexes} >= {"Tuesday", "some 18 months ago", "overnight", "this week"}


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "out.json"
    code, out, _ = run(capsys, "-o", str(out_path), SEED)
    assert code == 0 and out == ""
    assert json.loads(out_path.read_text(encoding="utf-8"))["articles"][0]["dct"]["value"] == "2016-06-30"


def test_failed_file_gives_exit_2_and_the_others_still_come_out(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    code, out, err = run(capsys, str(binary), SEED, str(tmp_path / "missing.txt"))
    articles = json.loads(out)["articles"]
    assert code == 2
    assert [a["source"] for a in articles] == [str(binary), SEED, str(tmp_path / "missing.txt")]
    assert articles[0]["errors"] and articles[0]["errors"][0].startswith(str(binary))
    assert articles[1]["errors"] == [] and articles[1]["events"]
    assert len(err.strip().splitlines()) == 2 and all("\n" not in e for e in articles[0]["errors"])


def test_folder_is_expanded_recursively(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("It ended on June 2, 2015.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Title\n\nIt began in 2014.", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    code, out, _ = run(capsys, str(tmp_path))
    sources = [Path(a["source"]).name for a in json.loads(out)["articles"]]
    assert code == 0 and sources == ["b.md", "a.txt"]


def test_version_and_quiet_stderr_in_a_pipe() -> None:
    version = subprocess.run([sys.executable, "-m", "timeline_app", "--version"], capture_output=True, text=True,
                             check=False)
    assert version.returncode == 0 and version.stdout.startswith("timeline-app ")
    done = subprocess.run([sys.executable, "-m", "timeline_app", "extract", SEED], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and done.stderr == ""  # no progress line when stderr is not a terminal


@pytest.mark.parametrize("command", [["extract", str(default_article())], ["eval", str(default_article())]])
def test_broken_rule_files_stop_the_command_with_one_message(
        command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from timeline_app.rules import loader

    rules = tmp_path / "en"
    for sub in ("patterns", "normalization", "rules"):
        (rules / sub).mkdir(parents=True)
    (rules / "rules" / "bad.rules").write_text("rule: broken\nmatch: (\ntype: DATE\nbuild: ref\n", encoding="utf-8")
    loader.default_ruleset.cache_clear()
    monkeypatch.setattr(loader, "resource_path", lambda *parts: rules)
    try:
        code = main(command)
    finally:
        monkeypatch.undo()
        loader.default_ruleset.cache_clear()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "bad.rules:1" in err[0] and "cannot be used" in err[0]



def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """`timeline-app extract ... | head -1`: the reader leaving early is no error."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone
    with open(write_end, "w", encoding="utf-8") as closed_pipe:
        monkeypatch.setattr(sys, "stdout", closed_pipe)
        assert main(["extract", SEED]) == 0
