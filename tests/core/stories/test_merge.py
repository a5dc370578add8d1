"""Story merging on table cases: which events of which articles become one story, and its date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.model import DCT, Article, ArticleResult, DctOrigin
from timeline_app.core.pipeline import analyze
from timeline_app.core.stories import Decision, members_of_results, merge, merged, stories_of_results

CASES = json.loads((Path(__file__).parent / "cases" / "stories_merge.json").read_text(encoding="utf-8"))["cases"]


def results_of(case: dict) -> list[ArticleResult]:
    out = []
    for n, a in enumerate(case["articles"], start=1):
        article = Article(source=f"a{n}.txt", title=f"a{n}", text=a["text"],
                          dct=DCT(a["dct"], DctOrigin.DATELINE))
        out.append(ArticleResult(source=article.source, article=article, analysis=analyze(article)))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict) -> None:
    stories = merged(stories_of_results(results_of(case)))
    assert sorted(sorted(s.refs) for s in stories) == sorted(sorted(g) for g in case["stories"])
    by_ref = {ref: s for s in stories for ref in s.refs}
    for ref, agreement in case.get("agreement", {}).items():
        assert by_ref[ref].agreement == agreement, by_ref[ref].reason
    for ref, day in case.get("date", {}).items():
        assert by_ref[ref].interval.start.date().isoformat() == day, by_ref[ref].reason


def test_disagreement_is_kept_with_the_reason() -> None:
    case = next(c for c in CASES if "disagreement" in c["name"])
    story = merged(stories_of_results(results_of(case)))[0]
    assert story.sources == 3
    assert [r.value for r in story.readings[:1]] == ["2016-06-28"] or story.readings[0].interval.start.day == 28
    assert any(r.interval.start.day == 29 for r in story.readings)
    assert "disagree" in story.reason and "Wed 29 Jun 2016" in story.reason
    assert story.to_json()["events"] == ["a1:e1", "a2:e1", "a3:e1"]


def test_user_split_and_merge_survive_a_re_merge() -> None:
    case = CASES[0]
    members = members_of_results(results_of(case))
    third = next(m for m in members if m.ref == "a3:e1")
    split = Decision("split", (third.key,))
    stories = merged(merge(members, [split]))
    assert [s.refs for s in stories] == [("a1:e1", "a2:e1")]
    assert stories[0].user
    first = next(m for m in members if m.ref == "a1:e1")
    rejoined = merged(merge(members, [split, Decision("merge", (first.key, third.key))]))
    assert [sorted(s.refs) for s in rejoined] == [["a1:e1", "a2:e1", "a3:e1"]]


def test_no_members_no_stories() -> None:
    assert merge([]) == []
