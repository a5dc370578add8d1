"""Table tests of a saved page's publication date: each kind of candidate, each conflict the
decision settles (tests/core/ingest/cases/web_dates_*.json), each with its expected origin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.ingest import read_article_bytes

CASES = Path(__file__).parent / "cases"


def _cases() -> list[dict[str, object]]:
    out = []
    for path in sorted(CASES.glob("web_dates_*.json")):
        out.extend(json.loads(path.read_text(encoding="utf-8")))
    return out


@pytest.mark.parametrize("case", _cases(), ids=lambda c: str(c["name"]))
def test_web_date(case: dict[str, object]) -> None:
    article = read_article_bytes(str(case["html"]).encode("utf-8"), "page.html")
    expect = case["expect"]
    assert isinstance(expect, dict)
    dct = article.dct
    assert dct is not None, case["name"]
    assert (dct.value, str(dct.origin)) == (expect["value"], expect["origin"]), dct.reason
    if "utc_offset" in expect:
        assert dct.utc_offset == expect["utc_offset"], dct.reason
    if "updated" in expect:
        assert dct.updated == expect["updated"]
    if "in_text" in expect:
        assert dct.start is not None and article.text[dct.start:dct.end] == expect["in_text"]
    for origin, verdict in expect.get("lost", {}).items():
        lost = [c for c in dct.candidates if str(c.origin) == origin]
        assert lost and all(c.verdict.startswith(verdict) for c in lost), [(c.value, c.verdict) for c in lost]
    if "not_counted" in expect:  # no candidate of that day, or none that counted
        assert all(c.verdict.startswith(("refused", "outvoted")) for c in dct.candidates
                   if c.value.startswith(expect["not_counted"])), dct.candidates
    chosen = [c for c in dct.candidates if c.verdict == "chosen"]
    assert len(chosen) == 1 and chosen[0].origin == dct.origin
