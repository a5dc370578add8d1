"""The TempEval-3 task A scorer on hand-made cases, and corpus evaluation around it."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from pathlib import Path

import pytest

from timeline_app.core.evaluation.corpus import (
    ErrorKind,
    context,
    evaluate_file,
    evaluate_paths,
    score_document,
)
from timeline_app.core.evaluation.scoring import Counts, align, measures, total
from timeline_app.core.formats.timeml import write_timeml
from timeline_app.core.ingest.timeml import parse_timeml
from timeline_app.core.model import Analysis, Article, TimeExpression, TimexType

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "tbaq"

TEXT = "On Monday and Tuesday night, for three weeks, every day, in 2015 and 2016."


def tx(tid: str, needle: str, type_: str, value: str | None, nth: int = 0,
       text: str = TEXT) -> TimeExpression:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return TimeExpression(id=tid, start=start, end=start + len(needle), text=needle,
                          type=TimexType(type_), value=value)


GOLD = (
    tx("g1", "Monday", "DATE", "2016-06-27"),
    tx("g2", "Tuesday night", "TIME", "2016-06-28TNI"),
    tx("g3", "three weeks", "DURATION", "P3W"),
    tx("g4", "every day", "SET", "P1D"),
    tx("g5", "2015", "DATE", "2015"),
    tx("g6", "2016", "DATE", "2016"),
)
OURS = (
    tx("t1", "Monday", "DATE", "2016-06-27"),  # strict, right value and type
    tx("t2", "Tuesday", "DATE", "2016-06-28"),  # relaxed only; wrong value, wrong type
    tx("t3", "for three weeks", "DURATION", "P3W"),  # relaxed only; right value and type
    tx("t4", "every day", "SET", "P1W"),  # strict; wrong value
    tx("t5", "On", "DATE", "PRESENT_REF"),  # spurious
    tx("t6", "and", "DATE", "PRESENT_REF"),  # spurious
    tx("t7", "2016", "DATE", "2016"),  # strict; "2015" is missed
)


def article(gold: tuple[TimeExpression, ...] = GOLD, text: str = TEXT) -> Article:
    return Article(source="doc.tml", title="doc", text=text, gold_timexes=gold)


def percent(f: Fraction) -> float:
    return pytest.approx(float(f))


def test_hand_made_case_known_numbers() -> None:
    counts = Counts.of(align(GOLD, OURS))
    assert counts == Counts(gold=6, ours=7, strict=3, relaxed=5, value=3, type=4)
    m = measures(counts)
    assert (m.strict_precision, m.strict_recall) == (percent(Fraction(3, 7)), percent(Fraction(1, 2)))
    assert m.strict_f1 == percent(Fraction(6, 13))
    assert (m.relaxed_precision, m.relaxed_recall) == (percent(Fraction(5, 7)), percent(Fraction(5, 6)))
    assert m.relaxed_f1 == percent(Fraction(10, 13))
    assert m.value_accuracy == percent(Fraction(3, 5))
    assert m.value_f1 == percent(Fraction(10, 13) * Fraction(3, 5))
    assert m.type_accuracy == percent(Fraction(4, 5))
    assert m.type_f1 == percent(Fraction(10, 13) * Fraction(4, 5))
    assert m.to_json()["value_f1"] == 46.15


def test_hand_made_case_errors_by_kind() -> None:
    result = score_document(article(), OURS)
    by_kind = {kind: [(e.gold.id if e.gold else None, e.ours.id if e.ours else None)
                      for e in result.errors if e.kind is kind] for kind in ErrorKind}
    assert by_kind == {
        ErrorKind.MISSED: [("g5", None)],
        ErrorKind.SPURIOUS: [(None, "t5"), (None, "t6")],
        ErrorKind.EXTENT: [("g2", "t2"), ("g3", "t3")],
        ErrorKind.VALUE: [("g2", "t2"), ("g4", "t4")],
        ErrorKind.TYPE: [("g2", "t2")],
    }
    # Errors come in text order, each with the words around the union of both spans.
    assert [e.ours.id if e.ours else e.gold.id for e in result.errors][:3] == ["t5", "t6", "t2"]
    extent = next(e for e in result.errors if e.kind is ErrorKind.EXTENT and e.gold.id == "g3")
    assert extent.context == "Monday and Tuesday night, [for three weeks], every day, in"
    assert extent.key == "three weeks | for three weeks"


def test_gold_against_itself_scores_100_everywhere() -> None:
    m = measures(Counts.of(align(GOLD, GOLD)))
    assert all(v == 100.0 for v in m.to_json().values())
    assert score_document(article(), GOLD).errors == ()


def test_no_output_gives_zero_recall_and_f1() -> None:
    m = measures(Counts.of(align(GOLD, ())))
    assert (m.strict_recall, m.relaxed_recall) == (0.0, 0.0)
    assert (m.strict_f1, m.relaxed_f1, m.value_f1, m.type_f1) == (0.0, 0.0, 0.0, 0.0)
    assert [e.kind for e in score_document(article(), ()).errors] == [ErrorKind.MISSED] * 6


def test_one_system_span_overlapping_two_gold_pairs_with_the_first_only() -> None:
    text = "from Monday to Tuesday"
    gold = (tx("g1", "Monday", "DATE", "2016-06-27", text=text),
            tx("g2", "Tuesday", "DATE", "2016-06-28", text=text))
    ours = (tx("t1", "Monday to Tuesday", "DATE", "2016-06-27", text=text),)
    alignment = align(gold, ours)
    assert [(p.gold.id, p.ours.id) for p in alignment.pairs] == [("g1", "t1")]
    assert [g.id for g in alignment.missed] == ["g2"]
    assert Counts.of(alignment) == Counts(gold=2, ours=1, strict=0, relaxed=1, value=1, type=1)
    # and the mirror image: one gold span overlapping two system spans
    alignment = align(ours, gold)
    assert [(p.gold.id, p.ours.id) for p in alignment.pairs] == [("t1", "g1")]
    assert [o.id for o in alignment.spurious] == ["g2"]


def test_exact_extent_is_not_taken_away_by_an_overlapping_span_further_left() -> None:
    text = "the week of Monday 27 June"
    gold = (tx("g1", "Monday 27 June", "DATE", "2016-06-27", text=text),)
    ours = (tx("t1", "the week of Monday", "DATE", "2016-W26", text=text),
            tx("t2", "Monday 27 June", "DATE", "2016-06-27", text=text))
    alignment = align(gold, ours)
    assert [(p.gold.id, p.ours.id) for p in alignment.pairs] == [("g1", "t2")]
    assert [o.id for o in alignment.spurious] == ["t1"]


def test_counts_are_summed_over_documents_micro_average() -> None:
    a = Counts.of(align(GOLD[:1], GOLD[:1]))  # 1 of 1 found
    b = Counts.of(align(GOLD[1:4], ()))  # 0 of 3 found
    m = measures(total([a, b]))
    assert m.relaxed_recall == pytest.approx(0.25)  # a macro average would say 0.5
    assert m.relaxed_precision == 1.0


def test_empty_gold_and_output_is_perfect_and_empty_output_has_no_precision() -> None:
    assert measures(Counts()).relaxed_f1 == 1.0
    assert measures(Counts(gold=3)).relaxed_precision == 0.0
    assert measures(Counts(ours=3)).relaxed_recall == 0.0


def test_value_comparison_is_exact_and_none_only_matches_none() -> None:
    gold = (tx("g1", "Monday", "DATE", None), tx("g2", "2015", "DATE", "2015"))
    ours = (tx("t1", "Monday", "DATE", None), tx("t2", "2015", "DATE", "2015-XX"))
    assert Counts.of(align(gold, ours)).value == 1


@pytest.mark.parametrize(("needle", "expected"), [
    ("On", "[On] Monday and Tuesday night,"),
    ("2016.", "day, in 2015 and [2016.]"),
    ("Tues", "On Monday and [Tues]day night, for three")  # a cut word counts,
])
def test_context_has_about_eight_words(needle: str, expected: str) -> None:
    start = TEXT.index(needle)
    assert context(TEXT, start, start + len(needle)) == expected


def _write(tmp: Path, name: str, timexes: tuple[TimeExpression, ...]) -> Path:
    path = tmp / name
    doc = article(timexes)
    path.write_text(write_timeml(doc, timexes, None), encoding="utf-8")
    return path


def test_evaluate_paths_scores_every_file_and_reports_unparsable_ones(tmp_path: Path) -> None:
    sub = tmp_path / "corpus"
    sub.mkdir()
    _write(sub, "a.tml", GOLD[:3])
    _write(sub, "b.tml", GOLD[3:])
    (sub / "bad.tml").write_text("<TimeML><TEXT>unclosed</TimeML>", encoding="utf-8")
    (sub / "notes.txt").write_text("not TimeML", encoding="utf-8")
    result = evaluate_paths([sub, tmp_path / "missing"])
    assert [d.name for d in result.documents] == ["a.tml", "b.tml", "bad.tml"]
    assert [d.name for d in result.scored] == ["a.tml", "b.tml"]
    assert result.counts.gold == 6  # the unparsable file adds nothing, not even gold
    assert result.parse_failed
    problems = result.all_problems
    assert any("missing: no such file or folder" in p for p in problems)
    assert any("bad.tml: not well-formed" in p for p in problems)


def test_evaluate_file_keeps_gold_away_from_the_tagger(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Article] = []

    def fake_analyze(doc: Article) -> Analysis:
        seen.append(doc)
        return Analysis(timexes=OURS)

    monkeypatch.setattr("timeline_app.core.pipeline.analyze", fake_analyze)
    result = evaluate_file(_write(tmp_path, "doc.tml", GOLD))
    assert seen[0].gold_timexes == () and seen[0].text == TEXT
    assert result.counts == Counts(gold=6, ours=7, strict=3, relaxed=5, value=3, type=4)


def test_tagger_failure_scores_the_file_as_empty_output(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc: Article) -> Analysis:
        raise RuntimeError("boom")

    monkeypatch.setattr("timeline_app.core.pipeline.analyze", broken)
    result = evaluate_file(_write(tmp_path, "doc.tml", GOLD))
    assert result.scored and result.counts == Counts(gold=6)
    assert result.problem is not None and "internal error while tagging" in result.problem


def test_parallel_scoring_gives_the_same_result_in_the_same_order(tmp_path: Path) -> None:
    for i in range(6):
        _write(tmp_path, f"d{i}.tml", GOLD[i:])
    one = evaluate_paths([tmp_path], jobs=1).to_json()
    two = evaluate_paths([tmp_path], jobs=2).to_json()
    assert one == two
    assert [d["document"] for d in one["per_document"]] == [f"d{i}.tml" for i in range(6)]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"TimeML dev corpus not found at {CORPUS}")
def test_corpus_gold_against_itself_scores_100() -> None:
    counts = []
    for path in sorted(CORPUS.rglob("*.tml")):
        doc = parse_timeml(path.read_bytes(), str(path))
        counts.append(score_document(doc, doc.gold_timexes).counts)
        # a copy with other ids and rules is still a perfect answer
        copy = tuple(dataclasses.replace(t, id=f"x{i}", rule="r") for i, t in enumerate(doc.gold_timexes))
        assert score_document(doc, copy).errors == ()
    summed = total(counts)
    assert summed.gold == 1822
    assert all(v == 100.0 for v in measures(summed).to_json().values())
