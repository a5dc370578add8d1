"""TimeML reading (gold offsets, DCT, unsafe XML refused) and writing (round trip)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from timeline_app.core.formats.timeml import write_timeml
from timeline_app.core.ingest import IngestError
from timeline_app.core.ingest.timeml import parse_timeml
from timeline_app.core.model import DCT, Article, DctOrigin, Granularity, TimeExpression, TimexType

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "tbaq"

SAMPLE = b"""<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>WSJ900101-0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1990-01-01T09:30" functionInDocument="CREATION_TIME">January 1, 1990</TIMEX3></DCT>
<TITLE>Not the title we use</TITLE>
<TEXT>
Shares <EVENT eid="e1" class="OCCURRENCE">rose</EVENT> <TIMEX3 tid="t1" type="DATE" value="1989-12-29" anchorTimeID="t0">last Friday</TIMEX3> &amp; fell <TIMEX3 tid="t2" type="DURATION" value="P3D" mod="APPROX">about three <EVENT eid="e2">days</EVENT></TIMEX3> later, <TIMEX3 tid="t3" type="SET" value="P1W" quant="EVERY">every week</TIMEX3> since <TIMEX3 tid="t4" type="DATE" value="PAST_REF" anchorTimeID="t1">then</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" timeID="t1" relatedToTime="t0"/>
</TimeML>
"""


def test_parse_text_offsets_and_attributes() -> None:
    article = parse_timeml(SAMPLE, "corpus/doc.tml")
    assert article.text == ("\nShares rose last Friday & fell about three days later, "
                            "every week since then.\n")
    assert article.title == "WSJ900101-0001"
    assert article.format == "timeml"
    assert article.dct == DCT(value="1990-01-01T09:30", origin=DctOrigin.TIMEML, confidence=1.0)
    t1, t2, t3, t4 = article.gold_timexes
    for t in article.gold_timexes:
        assert article.text[t.start:t.end] == t.text
        assert t.rule == "gold"
    assert (t1.id, t1.text, t1.type, t1.value, t1.anchor) == ("t1", "last Friday", TimexType.DATE,
                                                              "1989-12-29", "dct")
    assert t1.interval is not None and t1.interval.start == datetime(1989, 12, 29)
    assert t1.granularity is Granularity.DAY
    # A TIMEX3 containing an EVENT keeps its whole extent; durations are not placeable.
    assert (t2.text, t2.mod, t2.interval, t2.granularity) == ("about three days", "APPROX", None, None)
    assert (t3.type, t3.value, t3.quant) == (TimexType.SET, "P1W", "EVERY")
    assert (t4.value, t4.anchor, t4.interval) == ("PAST_REF", "t1", None)


def test_title_falls_back_to_file_stem_and_dct_is_optional() -> None:
    data = b"<TimeML><TEXT>Nothing <TIMEX3 tid='t1' type='DATE' value='2001'>2001</TIMEX3></TEXT></TimeML>"
    article = parse_timeml(data, "/some/dir/APW19980808.0022.tml")
    assert article.title == "APW19980808.0022"
    assert article.dct is None
    assert [(t.start, t.end) for t in article.gold_timexes] == [(8, 12)]


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<TimeML><TEXT>&lol3;</TEXT></TimeML>
"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE TimeML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<TimeML><TEXT>&xxe;</TEXT></TimeML>
"""


@pytest.mark.parametrize(("data", "problem"), [
    (BOMB, "refused unsafe XML"),
    (EXTERNAL, "refused unsafe XML"),
    (b"<TimeML><TEXT>unclosed</TimeML>", "not well-formed"),
    (b"<TimeML><DOCID>x</DOCID></TimeML>", "no <TEXT>"),
    (b"<TimeML><TEXT><TIMEX3 tid='t1' type='WEEKDAY'>x</TIMEX3></TEXT></TimeML>", "bad TIMEX3 t1"),
])
def test_bad_files_raise_one_line_ingest_error(data: bytes, problem: str) -> None:
    with pytest.raises(IngestError) as info:
        parse_timeml(data, "in/bad.tml")
    message = str(info.value)
    assert message.startswith("in/bad.tml: ")
    assert problem in message
    assert "\n" not in message


def _timex(tid: str, text: str, needle: str, type_: TimexType, value: str | None,
           **extra: object) -> TimeExpression:
    start = text.index(needle)
    return TimeExpression(id=tid, start=start, end=start + len(needle), text=needle, type=type_,
                          value=value, **extra)  # type: ignore[arg-type]


def _key(t: TimeExpression) -> tuple[object, ...]:
    return (t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor, t.quant, t.freq)


def test_round_trip_keeps_text_offsets_and_values() -> None:
    text = ("WASHINGTON <AP> \u2014 On Tuesday, \"R&D\" spending rose 5% & fell\r\n"
            "for three weeks\x0c; every month since 2014 it's 'flat', twice a day.\n")
    dct = DCT(value="2016-06-30", origin=DctOrigin.DATELINE, start=0, end=10)
    article = Article(source="seeds/x.txt", title="A <title> & more", text=text, dct=dct)
    timexes = [
        _timex("t1", text, "On Tuesday", TimexType.DATE, "2016-06-28", anchor="dct"),
        _timex("t2", text, "three weeks", TimexType.DURATION, "P3W", mod="APPROX"),
        _timex("t3", text, "every month", TimexType.SET, "P1M", quant="EVERY"),
        _timex("t4", text, "2014", TimexType.DATE, "2014", anchor="t1"),
        _timex("t5", text, "'flat'", TimexType.DATE, None),
        _timex("t6", text, "twice a day", TimexType.SET, "P1D", freq="2X"),
    ]
    xml = write_timeml(article, timexes, dct)
    again = parse_timeml(xml.encode("utf-8"), "round.tml")
    # The form feed cannot be carried by XML 1.0: it becomes U+FFFD, one character for one.
    assert again.text == text.replace("\x0c", "\ufffd")
    assert again.title == "A <title> & more"
    assert again.dct is not None and again.dct.value == "2016-06-30"
    assert [_key(t) for t in again.gold_timexes] == [_key(t) for t in timexes]


def test_write_keeps_outer_or_first_of_overlapping_and_time_dct() -> None:
    text = "late Monday night and early Tuesday"
    article = Article(source="x", title="x", text=text)
    outer = _timex("t1", text, "late Monday night", TimexType.TIME, "2016-06-27TNI")
    inner = _timex("t2", text, "Monday", TimexType.DATE, "2016-06-27")
    first = _timex("t3", text, "night and", TimexType.TIME, "X")
    crossing = _timex("t4", text, "and early", TimexType.DATE, "Y")
    last = _timex("t0", text, "Tuesday", TimexType.DATE, "2016-06-28")
    dct = DCT(value="2016-06-30T07:42", origin=DctOrigin.USER)
    xml = write_timeml(article, [last, crossing, inner, first, outer], dct)
    assert '<DCT><TIMEX3 tid="t0_1" type="TIME" value="2016-06-30T07:42"' in xml
    again = parse_timeml(xml.encode(), "x.tml")
    assert again.text == text
    assert [t.id for t in again.gold_timexes] == ["t1", "t4", "t0"]
    assert again.dct is not None and again.dct.value == "2016-06-30T07:42"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"TimeML dev corpus not found at {CORPUS}")
def test_every_corpus_file_parses_with_readme_counts() -> None:
    expected = {"TimeBank": (183, 1243, {"DATE": 1016, "DURATION": 189, "TIME": 22, "SET": 16}),
                "AQUAINT": (73, 579, {"DATE": 489, "DURATION": 68, "TIME": 8, "SET": 14})}
    for folder, (n_docs, n_timex, by_type) in expected.items():
        files = sorted((CORPUS / folder).glob("*.tml"))
        types: Counter[str] = Counter()
        for path in files:
            article = parse_timeml(path.read_bytes(), str(path))
            assert article.dct is not None, path
            for t in article.gold_timexes:
                assert article.text[t.start:t.end] == t.text
                types[str(t.type)] += 1
        assert (len(files), sum(types.values()), dict(types)) == (n_docs, n_timex, by_type)


def test_a_timeml_article_is_titled_by_its_headline_not_its_docid() -> None:
    data = (b"<TimeML><DOCID>113267</DOCID><TEXT>\nRebels retreat from border area\n\n"
            b"The rebels retreated on <TIMEX3 tid='t1' type='DATE' value='2016-06-29'>Wednesday</TIMEX3>."
            b"</TEXT></TimeML>")
    assert parse_timeml(data, "113267.tml").title == "Rebels retreat from border area"
