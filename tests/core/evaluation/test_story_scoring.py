"""Story scoring on a tiny corpus in the ECB+ format (written for the tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.core.evaluation.ecbplus import EcbError, detokenize, read_corpus
from timeline_app.core.evaluation.story_scoring import (
    Counts,
    overall,
    score_corpus,
    score_pairs,
    topic_members,
)

MINI = Path(__file__).parent / "ecb_mini"


def test_reader_rebuilds_sentences_and_links() -> None:
    docs = read_corpus(MINI)["1"]
    assert [d.name for d in docs] == ["1ecb", "2ecb", "3ecbplus"]
    second = docs[1]
    assert second.text.splitlines()[1].startswith("WASHINGTON, March 4, 2009 (AP) — Actress Ann Lee")
    assert second.instances == {1: frozenset({"ACT1"}), 2: frozenset({"ACT2"})}
    assert second.annotated == {1, 2}
    assert second.sentence_at(second.text.index("award")) == 2


def test_detokenize() -> None:
    assert detokenize(["a", "90", "-", "day", "stint", ",", "``", "she", "said", "''", "."]) == \
        "a 90-day stint, \u201cshe said\u201d."


def test_scores_pairs_of_different_articles_only() -> None:
    members, gold = topic_members(read_corpus(MINI)["1"])
    assert [m.ref for m in members] == ["a1:e1", "a2:e1", "a2:e2", "a3:e1"]
    # the check-in reported by a1 and a2 is the only gold pair
    counts = score_pairs(members, gold, [[0, 1], [2], [3]])
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)
    everything = score_pairs(members, gold, [[0, 1, 2, 3]])
    assert (everything.tp, everything.fp, everything.fn) == (1, 4, 0)  # a2:e1–a2:e2 is not a pair


def test_corpus_score_with_baselines() -> None:
    total = overall(score_corpus(MINI))
    assert total["stories"].f1 == 1.0
    assert total["never"].recall == 0.0 and total["never"].precision is None
    assert total["same-day"].tp == 1


def test_counts_of_nothing() -> None:
    assert Counts().f1 == 0.0 and Counts().precision is None


def test_not_a_corpus(tmp_path: Path) -> None:
    (tmp_path / "coreference_sentences.csv").write_text("Topic,File,Sentence Number\n", encoding="utf-8")
    with pytest.raises(EcbError, match="no docs/ folder"):
        read_corpus(tmp_path)
