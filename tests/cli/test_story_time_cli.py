"""Story time on the command line: ``extract --mode``, the JSON ``mode``, ``eval --no-dct`` and ``--mode``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.cli import main

HISTORY = ("In 1940, Germany turned west. In April, German forces invaded Norway. On May 10, the "
           "offensive in the west began. Two days later, the Panzers crossed the Meuse.\n")

TML = """<?xml version="1.0"?>
<TimeML>
<DOCID>h1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2009-12-19" temporalFunction="false" functionInDocument="CREATION_TIME">2009-12-19</TIMEX3></DCT>
<TEXT>In <TIMEX3 tid="t1" type="DATE" value="1940">1940</TIMEX3>, Germany turned west. In <TIMEX3 tid="t2" type="DATE" value="1940-04">April</TIMEX3>, German forces invaded Norway.</TEXT>
</TimeML>
"""


def _extract(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["extract", *args])
    out, _ = capsys.readouterr()
    return code, json.loads(out)["articles"][0]


def test_no_dateline_is_read_as_a_narrative_with_its_reason(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "history.txt"
    path.write_text(HISTORY, encoding="utf-8")
    code, article = _extract(capsys, str(path))
    assert code == 0
    assert article["mode"]["value"] == "narrative" and "no document date" in article["mode"]["reason"]
    values = {t["text"]: t["value"] for t in article["timexes"]}
    assert values["April"] == "1940-04" and values["Two days later"] == "1940-05-12"
    april = next(t for t in article["timexes"] if t["text"] == "April")
    assert "narrative" in april["explanation"] and april["anchor"] == "t1"


def test_mode_news_keeps_the_dct_as_the_present(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "history.txt"
    path.write_text("In 1940 the plant opened. Yesterday it closed.\n", encoding="utf-8")
    _, narrative = _extract(capsys, str(path), "--dct", "2016-06-30", "--mode", "narrative")
    _, news = _extract(capsys, str(path), "--dct", "2016-06-30", "--mode", "news")
    assert narrative["mode"] == {"value": "narrative", "reason": "set by the user (narrative)"}
    assert news["mode"]["value"] == "news"
    assert {t["text"]: t["value"] for t in news["timexes"]}["Yesterday"] == "2016-06-29"
    assert {t["text"]: t["value"] for t in narrative["timexes"]}["Yesterday"] == "1940"


def test_unknown_mode_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["extract", "--mode", "poetry", "x.txt"])
    assert "invalid choice" in capsys.readouterr().err


def test_eval_without_the_files_dct(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "h1.tml").write_text(TML, encoding="utf-8")
    assert main(["eval", "--no-dct", "--json", str(tmp_path)]) == 0
    scored = json.loads(capsys.readouterr().out)
    assert scored["settings"] == {"no_dct": True, "mode": "auto"}
    assert scored["measures"]["value_f1"] == 100.0
    assert main(["eval", "--no-dct", str(tmp_path)]) == 0
    assert "no DCT" in capsys.readouterr().out.splitlines()[0]
    assert main(["eval", "--mode", "news", "--json", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["settings"] == {"no_dct": False, "mode": "news"}
