"""extract at archive scale: worker processes in input order, JSON-lines archives, no half-written output."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.core import batch

ROOT = Path(__file__).resolve().parents[2]
NEWS = ("AMMAN (Reuters) - The group had launched an operation on Tuesday, officials said on June 3, 2015.\n\n"
        "Talks resumed {n} days later and will go on next month.\n")


def corpus(folder: Path, n: int = 12) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        path = folder / f"a{k:03d}.txt"
        path.write_text(NEWS.format(n=k + 2), encoding="utf-8")
        paths.append(path)
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a bad file among good ones
    return paths


def extract(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["extract", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_two_workers_give_the_same_bytes_as_one(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus(tmp_path / "in")
    missing = str(tmp_path / "missing.txt")
    one = extract(capsys, "--format", fmt, "-j", "1", str(tmp_path / "in"), missing)
    two = extract(capsys, "--format", fmt, "-j", "2", str(tmp_path / "in"), missing)
    assert one == two
    assert one[0] == 2  # the empty file and the missing one failed; the others are there
    assert one[2].count("empty file") == 1 and one[2].count("no such file or folder") == 1
    if fmt == "jsonl":
        lines = [json.loads(line) for line in one[1].splitlines()]
        assert [Path(r["source"]).name for r in lines] == [f"a{k:03d}.txt" for k in range(12)] + ["empty.txt",
                                                                                                "missing.txt"]


def test_units_run_in_input_order_in_workers() -> None:
    units = [batch.Unit("missing", f"m{k}", error=f"e{k}") for k in range(100)]
    got = [r.source for r in batch.run(batch.process_unit, units, jobs=2)]
    assert got == [f"m{k}" for k in range(100)]


def write_archive(path: Path, lines: list[str]) -> None:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz"])
def test_json_lines_archive(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / name
    write_archive(archive, [
        json.dumps({"id": "r1", "title": "Talks", "dct": "2016-06-30", "text": "Talks resumed on Tuesday."}),
        json.dumps({"url": "https://example.org/b", "text": "The siege lasted 18 months."}),
        "{not json",
        "",
        json.dumps({"id": "r4", "title": "no text"}),
        json.dumps({"id": "r5", "dct": "yesterday", "text": "It ended in 2014."}),
    ])
    status, out, err = extract(capsys, "--format", "jsonl", "-j", "1", str(archive))
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 2
    assert [r["source"] for r in rows] == [f"{archive}#1 r1", f"{archive}#2 https://example.org/b", f"{archive}#3",
                                           f"{archive}#5 r4", f"{archive}#6 r5"]
    first = rows[0]
    assert first["title"] == "Talks" and first["dct"]["value"] == "2016-06-30" and first["dct"]["origin"] == "archive"
    assert first["timexes"][0]["value"] == "2016-06-28"  # "resumed on Tuesday": the Tuesday before
    assert rows[1]["timexes"][0]["value"] == "P18M"
    assert f"{archive}#3: not a JSON object" in err
    assert f"{archive}#5 r4: the record has no text" in err
    assert "dct 'yesterday' is not a date" in err
    assert [bool(r["errors"]) for r in rows] == [False, False, True, True, True]


def test_a_broken_gzip_archive_keeps_the_records_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress("".join(json.dumps({"text": f"It ended in {1900 + k}."}) + "\n"
                                  for k in range(2000)).encode())
    archive.write_bytes(whole[: len(whole) // 2])
    status, out, err = extract(capsys, "--format", "jsonl", str(archive))
    assert status == 2 and "breaks off after line" in err
    assert len(out.splitlines()) > 10


def test_an_interrupted_run_leaves_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    corpus(tmp_path / "in")
    seen = []
    real = batch.process_unit

    def interrupt_at_the_third(unit: batch.Unit, *args: object) -> object:
        seen.append(unit)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return real(unit, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "process_unit", interrupt_at_the_third)
    out = tmp_path / "out.jsonl"
    status, _, err = extract(capsys, "--format", "jsonl", "-j", "1", "-o", str(out), str(tmp_path / "in"))
    assert status == 130 and "interrupted" in err
    assert list(tmp_path.glob("*out.jsonl*")) == []


def test_ctrl_c_stops_the_workers_and_leaves_no_output(tmp_path: Path) -> None:
    archive = tmp_path / "big.jsonl"
    write_archive(archive, [json.dumps({"text": NEWS.format(n=k)}) for k in range(20000)])
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "timeline_app", "extract", "--format", "jsonl", "-j", "2",
                             "-o", str(out), str(archive)], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.jsonl.*.part")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert list(tmp_path.glob("*out.jsonl*")) == []
