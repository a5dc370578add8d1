"""Issue 20, items 4 and 5: one hostile file costs only its own result, in the CLI and the core.

The hostile files of the report: TimeML nested 990 levels (RecursionError), an HTML page with a
form feed before <script> (lxml's ValueError in drop_tree), a FIFO (blocked open() forever), a page
of a million tags (76 s, 1.9 GB), and a file whose work never ends (the per-file time limit).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline_app.core import pipeline
from timeline_app.core.ingest import reader
from timeline_app.core.time_limit import TimeLimitExceeded, time_limit

ROOT = Path(__file__).resolve().parents[2]
GOOD = "By Reuters - Jun 30, 2016\nThe talks began on Tuesday in Geneva. They ended on Wednesday.\n"


def deep_timeml(levels: int = 990) -> str:
    inner = "<s>" * levels + "On Tuesday." + "</s>" * levels
    return ('<?xml version="1.0"?>\n<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2016-06-30">'
            f"June 30, 2016</TIMEX3></DCT><TEXT>{inner}</TEXT></TimeML>\n")


FORM_FEED_HTML = ("<html><body><p>On Tuesday the talks began.</p>\f<script>x</script> and went on until "
                  "Wednesday, June 29, 2016.</body></html>")


def hostile_folder(folder: Path) -> dict[str, Path]:
    """The hostile files of the report beside two good ones (also used by the GUI test)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"good-a": folder / "a-good.txt", "deep": folder / "deep.tml", "formfeed": folder / "formfeed.html",
             "tags": folder / "tags.html", "good-b": folder / "z-good.txt"}
    files["good-a"].write_text(GOOD, encoding="utf-8")
    files["good-b"].write_text(GOOD.replace("Geneva", "Vienna"), encoding="utf-8")
    files["deep"].write_text(deep_timeml(), encoding="utf-8")
    files["formfeed"].write_text(FORM_FEED_HTML, encoding="utf-8")
    files["tags"].write_bytes(b"<html><body>" + b"<b>x</b>" * 1_000_000 + b"</body></html>")
    if hasattr(os, "mkfifo"):
        files["fifo"] = folder / "fifo.txt"
        os.mkfifo(files["fifo"])
    return files


def test_deep_timeml_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.tml"
    path.write_text(deep_timeml(), encoding="utf-8")
    result = pipeline.process_file(path)
    assert result.article is None and len(result.errors) == 1
    assert str(path) in result.errors[0] and "nested too deeply" in result.errors[0]


def test_a_form_feed_before_script_reads_the_page(tmp_path: Path) -> None:
    path = tmp_path / "ff.html"
    path.write_text(FORM_FEED_HTML, encoding="utf-8")
    result = pipeline.process_file(path)
    assert result.errors == () and result.article is not None
    assert "On Tuesday the talks began." in result.article.text and "\f" not in result.article.text


def test_any_exception_while_reading_is_that_files_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")

    def explode(_path: Path) -> None:
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(pipeline.ingest, "read_article", explode)
    result = pipeline.process_file(path)
    assert result.errors == (f"{path}: cannot read this file (ValueError: All strings must be XML compatible)",)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = pipeline.process_file(fifo)  # blocked in open() forever before
    assert result.errors == (f"{fifo}: not a regular file (a named pipe); only files are read",)


def test_a_page_of_a_million_tags_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "tags.html"
    path.write_bytes(b"<html><body>" + b"<b>x</b>" * 1_000_000 + b"</body></html>")
    result = pipeline.process_file(path)
    assert len(result.errors) == 1 and "too much markup" in result.errors[0]
    assert f"the limit is {reader.MAX_TAGS:,}" in result.errors[0]


def test_the_time_limit_stops_work_that_never_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")

    def forever(article: object, forced: object = None) -> None:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(pipeline, "analyze", forever)
    result = pipeline.process_file(path, time_limit=0.3)
    assert result.errors == (f"{path}: left out: it took longer than 0.3 s, the limit for one file",)
    monkeypatch.undo()
    assert pipeline.process_file(path, time_limit=0.3).errors == ()  # the timer is gone


def test_the_time_limit_gives_back_an_outer_timer() -> None:
    import signal

    if not hasattr(signal, "setitimer"):
        pytest.skip("no setitimer")
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_limit(0.1):
            pass
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0  # still armed
        with pytest.raises(TimeLimitExceeded), time_limit(0.05):
            time.sleep(1)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_extract_goes_on_past_every_hostile_file(tmp_path: Path) -> None:
    """The CLI used to exit 1 with a traceback and no output for the good files (or hang on the FIFO)."""
    files = hostile_folder(tmp_path / "in")
    args = [str(p) for p in files.values()]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "timeline_app", "extract", *args], capture_output=True,
                          text=True, timeout=120, env=env, check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    articles = {Path(a["source"]).name: a for a in json.loads(done.stdout)["articles"]}
    assert articles["a-good.txt"]["errors"] == [] and articles["a-good.txt"]["events"]
    assert articles["z-good.txt"]["errors"] == [] and articles["z-good.txt"]["events"]
    assert articles["formfeed.html"]["errors"] == []
    for bad in ("deep.tml", "tags.html", *(("fifo.txt",) if "fifo" in files else ())):
        assert len(articles[bad]["errors"]) == 1 and bad in done.stderr


def test_tagging_text_without_white_space_is_linear_in_its_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text with no white space once made every window run to the end of the text (400 KB took
    8.6 s): the characters the rules are run over must grow with the text, not with its square."""
    import random

    from timeline_app.core.timex import dispatch, tagger

    scanned = [0]
    scan = dispatch.Plan.scan

    def counting(self: dispatch.Plan, text: str) -> tuple[list[list[int]], list[list[tuple[int, int]]]]:
        begins, windows = scan(self, text)
        # The work the rules do: a match() at each place a rule may begin, over windows this long.
        scanned[0] += sum(len(b) for b in begins) + sum(hi - lo for w in windows for lo, hi in w)
        return begins, windows

    monkeypatch.setattr(dispatch.Plan, "scan", counting)

    def scanned_for(words: int) -> int:
        rng = random.Random(1)  # trigger words joined by hyphens: not one space
        text = "-".join(rng.choice(["may", "june", "2016", "week", "day", "today", "monday", "ago"])
                        for _ in range(words))
        scanned[0] = 0
        tagger.tag(text)
        return scanned[0]

    small, large = scanned_for(2400), scanned_for(9600)  # 12 KB and 48 KB
    assert small > 0
    assert large <= 4.5 * small, large / small  # four times the text, at most ~four times the work
