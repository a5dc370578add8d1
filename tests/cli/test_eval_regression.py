"""`timeline-app eval`: the output it prints, its exit status, and the accuracy guard.

The guard runs eval on the dev corpus (TimeBank + AQUAINT) and fails when value F1 drops more
than one point below the figure recorded in ``eval_baseline.json`` (raise that figure as the
tagger improves). It is skipped, with the reason shown, when the corpus is not on this machine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.core.formats.timeml import write_timeml
from timeline_app.core.model import DCT, Article, DctOrigin, TimeExpression, TimexType

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "tbaq"
BASELINE = Path(__file__).with_name("eval_baseline.json")
TOLERANCE = 1.0  # points of value F1 a change may lose before this test fails


def _doc(tmp: Path, name: str, text: str, needle: str, value: str) -> Path:
    start = text.index(needle)
    gold = TimeExpression(id="t1", start=start, end=start + len(needle), text=needle,
                          type=TimexType.DATE, value=value)
    article = Article(source=name, title=name, text=text)
    path = tmp / name
    path.write_text(write_timeml(article, [gold], None), encoding="utf-8")
    return path


def test_table_and_errors_are_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _doc(tmp_path, "a.tml", "Prices rose in 2014, and again later.", "2014", "2014")
    _doc(tmp_path, "b.tml", "The talks went on for a while.", "a while", "PXX")
    status = main(["eval", str(tmp_path), "--per-doc", "--errors", "5"])
    out = capsys.readouterr().out
    assert status == 0
    assert "strict" in out and "relaxed" in out and "value" in out and "type" in out
    lines = out.splitlines()
    assert any(line.startswith("a.tml ") for line in lines)
    assert any(line.startswith("b.tml ") for line in lines)
    total = next(line for line in lines if line.startswith("all "))
    assert total.split()[1:3] == ["2", "2"]  # documents, gold expressions
    for kind in ("missed", "spurious", "wrong extent", "wrong value", "wrong type"):
        assert f"== {kind}: " in out


def test_json_output_and_exit_2_when_a_file_does_not_parse(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _doc(tmp_path, "good.tml", "Shares fell on 3 March 2015.", "3 March 2015", "2015-03-03")
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>no end", encoding="utf-8")
    status = main(["eval", str(good), str(bad), "--json"])
    captured = capsys.readouterr()
    assert status == 2
    result = json.loads(captured.out)
    assert result["documents"] == 1  # the good file is still scored
    assert result["counts"]["gold"] == 1
    assert set(result["measures"]) >= {"strict_f1", "relaxed_f1", "value_f1", "type_f1",
                                       "value_accuracy", "type_accuracy"}
    assert set(result["errors"]) == {"missed", "spurious", "wrong extent", "wrong value",
                                     "wrong type"}
    assert "bad.tml" in captured.err and "not well-formed" in captured.err
    assert "scoring" not in captured.err  # no progress line when stderr is not a terminal


def test_nothing_scorable_prints_no_table_and_exits_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["eval", str(tmp_path / "missing"), str(tmp_path)])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert "missing: no such file or folder" in captured.err
    assert "no .tml file" in captured.err


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"TimeML dev corpus not found at {CORPUS}: "
                                                "accuracy regression guard not run")
def test_value_f1_on_dev_corpus_does_not_regress(capsys: pytest.CaptureFixture[str]) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    status = main(["eval", str(CORPUS / "TimeBank"), str(CORPUS / "AQUAINT"), "--json",
                   "--errors", "0", "--top", "0"])
    result = json.loads(capsys.readouterr().out)
    assert status == 0, result["problems"]
    assert (result["documents"], result["counts"]["gold"]) == (256, 1822)
    value_f1 = result["measures"]["value_f1"]
    assert value_f1 >= baseline["value_f1"] - TOLERANCE, (
        f"value F1 {value_f1} fell more than {TOLERANCE} point below the recorded "
        f"{baseline['value_f1']} ({BASELINE.name}); measures now: {result['measures']}")


NARRATIVE = CORPUS.parent / "wikiwars-dev"


@pytest.mark.skipif(not NARRATIVE.is_dir(), reason=f"narrative dev corpus not found at {NARRATIVE}: "
                                                   "story-time regression guard not run")
def test_narrative_value_f1_without_a_dct_does_not_regress(capsys: pytest.CaptureFixture[str]) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    status = main(["eval", "--no-dct", str(NARRATIVE), "--json", "--errors", "0", "--top", "0"])
    result = json.loads(capsys.readouterr().out)
    assert status == 0, result["problems"]
    assert result["documents"] == 11
    value_f1 = result["measures"]["value_f1"]
    assert value_f1 >= baseline["narrative_value_f1"] - TOLERANCE, (
        f"narrative value F1 {value_f1} fell more than {TOLERANCE} point below the recorded "
        f"{baseline['narrative_value_f1']} ({BASELINE.name}); measures now: {result['measures']}")


def test_a_gold_slip_is_marked_and_counted_but_not_scored_away(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The gold dates "Wednesday" on a Tuesday; the tagger's correct date still counts as wrong.
    text = "Officials said on Wednesday that talks would resume."
    start = text.index("Wednesday")
    slip = TimeExpression(id="t1", start=start, end=start + 9, text="Wednesday", type=TimexType.DATE,
                          value="1999-02-09")
    article = Article(source="w.tml", title="w.tml", text=text)
    dct = DCT("1999-02-10", DctOrigin.TIMEML)
    (tmp_path / "w.tml").write_text(write_timeml(article, [slip], dct), encoding="utf-8")
    assert main(["eval", str(tmp_path), "--errors", "5"]) == 0
    out = capsys.readouterr().out
    assert "== wrong value: 1 (1 where the gold value contradicts itself" in out
    assert "gold slip: 1999-02-09 is a Tuesday, not a Wednesday" in out
    assert "ours 'Wednesday' DATE 1999-02-10" in out
    total = next(line for line in out.splitlines() if line.startswith("all "))
    assert total.split("|")[3].split()[0] == "0.0"  # value F1: the slip still counts against us
