"""``timeline-app export`` without a display, and ``extract --format`` for the data exports."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import struct
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import pytest

from timeline_app.cli import main
from timeline_app.resources import default_article

SEED = str(default_article())


def headless_env() -> dict[str, str]:
    """The environment of a server: no display, no Qt platform chosen."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", "export", *args], env=headless_env(),
                          capture_output=True, check=False, text=True, timeout=120)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_without_any_display(tmp_path: Path) -> None:
    out = tmp_path / "seed.png"
    proc = export(SEED, "-o", str(out), "--width", "900", "--height", "420", "--title", "Syria")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no Qt chatter about the offscreen platform
    assert png_size(out) == (900, 420)


def test_svg_and_pdf_without_any_display(tmp_path: Path) -> None:
    svg, pdf = tmp_path / "seed.svg", tmp_path / "seed.pdf"
    proc = export(SEED, "-o", str(svg), "--range", "2016-06-20", "2016-07-05", "--theme", "dark",
                  "--title", "Rebels retreat")
    assert proc.returncode == 0, proc.stderr
    texts = ["".join(t.itertext()) for t in ElementTree.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}text")]
    assert "Rebels retreat" in texts and "28" in texts  # the title, and a day of the axis
    assert any(t.startswith("This photo released on Tuesday") for t in texts)
    proc = export(SEED, "-o", str(pdf), "--dpi", "300", "--width", "3000", "--text-scale", "1.4")
    assert proc.returncode == 0, proc.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) == 1
    # 3000 px at 300 dpi: 10 inches, 720 pt wide.
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)", data)
    assert box is not None and float(box.group(1)) == pytest.approx(720.0, abs=1)


def test_bad_files_are_named_and_the_others_drawn(tmp_path: Path) -> None:
    bad = tmp_path / "broken.html"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    out = tmp_path / "out.png"
    proc = export(SEED, str(bad), str(tmp_path / "missing.txt"), "-o", str(out), "--width", "640", "--height", "320")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2, proc.stderr
    assert any("broken.html" in line for line in lines) and any("missing.txt" in line for line in lines)
    assert png_size(out) == (640, 320)  # the seed is still drawn


def test_dct_override_moves_the_events(tmp_path: Path) -> None:
    out = tmp_path / "later.svg"
    proc = export(SEED, "-o", str(out), "--dct", "2016-07-07", "--range", "2016-07-01", "2016-07-10")
    assert proc.returncode == 0, proc.stderr
    texts = ["".join(t.itertext()) for t in ElementTree.parse(out).getroot().iter("{http://www.w3.org/2000/svg}text")]
    # "on Tuesday" is now Tue 5 July, inside the range.
    assert any(t.startswith("This photo released on Tuesday") for t in texts)


@pytest.mark.parametrize("args, message", [
    (["-o", "out.jpg"], "unknown image format"),
    (["-o", "out.png", "--width", "0"], "--width must be positive"),
    (["-o", "out.png", "--text-scale", "-1"], "--text-scale must be positive"),
    (["-o", "out.png", "--range", "2016", "soon"], "--range end 'soon' is not a date"),
    (["-o", "out.png", "--range", "2016-07", "2016-06"], "the end is not after the start"),
    (["-o", "out.png", "--dct", "yesterday"], "--dct"),
])
def test_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    args = [str(tmp_path / a) if a.startswith("out.") else a for a in args]
    code = main(["export", SEED, *args])
    assert code == 2 and message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_nothing_readable_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code == 2 and "nope.txt" in err and "nothing to draw" in err
    assert not (tmp_path / "x.png").exists()


# -- extract --format: the data exports ---------------------------------------------------------
def extract(capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> tuple[Path, dict[str, object]]:
    out = tmp_path / f"seed.{fmt}"
    assert main(["extract", "--format", fmt, "-o", str(out), SEED]) == 0
    assert main(["extract", SEED]) == 0
    article = json.loads(capsys.readouterr().out)["articles"][0]
    return out, article


def test_csv_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, article = extract(capsys, tmp_path, "csv")
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    events, timexes = article["events"], {t["id"]: t for t in article["timexes"]}
    assert len(rows) == len(events) > 0
    for row, event in zip(rows, events):
        assert row["source"] == SEED and row["event_id"] == event["id"] and row["label"] == event["label"]
        assert (int(row["start"]), int(row["end"])) == (event["start"], event["end"])
        assert row["interval_start"] == event["interval"]["start"] and row["interval_end"] == event["interval"]["end"]
        timex = timexes[event["timex"]]
        assert (row["timex_text"], row["value"], row["explanation"]) == (timex["text"], timex["value"],
                                                                        timex["explanation"])
    # Written again from what was read, it is the same file.
    again = io.StringIO()
    writer = csv.DictWriter(again, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    assert again.getvalue() == out.read_text(encoding="utf-8")


def test_ics_has_one_vevent_per_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, article = extract(capsys, tmp_path, "ics")
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    vevents = cal.walk("VEVENT")
    assert len(vevents) == len(article["events"]) > 0
    for ev, event in zip(vevents, article["events"]):
        start, end = ev.decoded("dtstart"), ev.decoded("dtend")
        sentence = " ".join(article["text"][event["start"]:event["end"]].split())
        assert str(ev["description"]) == sentence and str(ev["summary"]) == event["label"]
        if event["interval"]["start"].endswith("T00:00:00") and event["interval"]["end"].endswith("T00:00:00"):
            assert type(start) is date and start.isoformat() == event["interval"]["start"][:10]
            assert end.isoformat() == event["interval"]["end"][:10]  # exclusive, as RFC 5545 wants
        else:
            assert start.isoformat() == event["interval"]["start"]


def test_timelinejs_has_the_required_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, article = extract(capsys, tmp_path, "timelinejs")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["title"]["text"]["headline"] == article["title"]
    assert len(doc["events"]) == len(article["events"]) > 0
    for slide in doc["events"]:
        assert isinstance(slide["start_date"]["year"], int)
        assert slide["text"]["headline"] and slide["text"]["text"] and slide["group"] == article["title"]
    spans = [s for s in doc["events"] if "end_date" in s]
    assert spans  # the seed has a year, a month and a week
