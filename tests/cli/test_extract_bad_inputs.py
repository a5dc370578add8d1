"""`extract` on a mix of bad and good files: one line per failure naming the file, exit 2,
every other file still in the output, nothing hangs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from timeline_app.resources import default_article

BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                   for i in range(1, 10))
        + b']>\n<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2016-06-30">x</TIMEX3></DCT>'
        + b"<TEXT>&lol9;</TEXT></TimeML>")


def test_bad_inputs_among_good_ones(tmp_path: Path) -> None:
    bad = {
        "binary.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8,
        "empty.txt": b"",
        "undecodable.txt": bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 200 + b"\x00\xff\xfe" * 50,
        "broken.tml": b"<TimeML><DCT><TIMEX3 value='2016-06-30'></DCT><TEXT>On Tuesday",
        "bomb.tml": BOMB,
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:  # 50 MB of plain text
        line = b"The talks resumed on Tuesday after a pause of three weeks.\n"
        f.write(line * (50 * 1024 * 1024 // len(line) + 1))
    html = tmp_path / "malformed.html"
    html.write_bytes(b"<html><body><p>Talks ended on <b>Tuesday, June 28, 2016<p>unclosed <div><table><td>")
    files = [str(tmp_path / n) for n in bad] + [str(huge), str(html), str(default_article())]
    done = subprocess.run([sys.executable, "-m", "timeline_app", "extract", *files],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    articles = {a["source"]: a for a in json.loads(done.stdout)["articles"]}
    assert list(articles) == files
    failed = [f for f in files if articles[f]["errors"]]
    assert set(failed) >= {str(tmp_path / n) for n in bad} | {str(huge)}
    error_lines = done.stderr.strip().splitlines()
    assert len(error_lines) == len(failed)
    for path, line in zip(failed, error_lines):
        assert line.startswith(path + ":") and len(line) < 300
    seed = articles[str(default_article())]
    assert seed["errors"] == [] and seed["dct"]["value"] == "2016-06-30" and len(seed["events"]) == 8
    # Malformed HTML is recovered, not refused: its text and expressions come through.
    if not articles[str(html)]["errors"]:
        assert any(t["text"].startswith("Tuesday, June 28, 2016") for t in articles[str(html)]["timexes"])
