"""``timeline-app eval-stories``: the table, --json, and a clear message for a folder that is no corpus."""

from __future__ import annotations

import json
from pathlib import Path

from timeline_app.cli import main

MINI = Path(__file__).parents[1] / "core" / "evaluation" / "ecb_mini"


def test_table_has_the_baselines(capsys) -> None:
    assert main(["eval-stories", str(MINI), "--per-topic"]) == 0
    out = capsys.readouterr().out
    assert "same day" in out and "never merge" in out
    assert out.count("\n1 ") == 1 and "overall" in out


def test_json(capsys) -> None:
    assert main(["eval-stories", str(MINI), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["stories"]["f1"] == 1.0
    assert data["topics"][0]["topic"] == "1" and data["topics"][0]["gold_pairs"] == 1


def test_not_a_corpus(tmp_path: Path, capsys) -> None:
    assert main(["eval-stories", str(tmp_path)]) == 2
    assert str(tmp_path) in capsys.readouterr().err
